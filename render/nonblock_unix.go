//go:build unix

package render

import "syscall"

// nonBlock opens template files without waiting on a FIFO.
const nonBlock = syscall.O_NONBLOCK
