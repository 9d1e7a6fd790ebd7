//go:build !unix

package render

// nonBlock: other systems have no O_NONBLOCK.
const nonBlock = 0
