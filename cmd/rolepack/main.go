// Command rolepack turns competency frameworks into job descriptions, person
// specifications, job adverts, interview scoring sheets and personal
// development plans, as PDF, DOCX, Markdown and HTML.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"golang.org/x/term"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Every command's standard output remembers its first write error, so
	// that no command reports success when its output was lost (a full
	// disk, a closed pipe, /dev/full).
	out := &stdout{w: os.Stdout}
	streams := &IO{In: os.Stdin, Out: out, Err: os.Stderr, Terminal: term.IsTerminal(int(os.Stderr.Fd()))}
	f := NewFactory(streams, os.Getenv, time.Now)
	f.Environ = os.Environ
	f.StdoutTerminal = term.IsTerminal(int(os.Stdout.Fd()))
	cmd := NewCmdRoot(f)
	cmd.SetArgs(os.Args[1:])
	err := cmd.ExecuteContext(ctx)
	if err == nil {
		err = out.result()
	}
	os.Exit(exitStatus(os.Stderr, err))
}

// exitStatus prints err (if it has anything to say) to stderr and returns
// the process exit status for it.
func exitStatus(stderr io.Writer, err error) int {
	if err == nil {
		return 0
	}
	var ex *exitError
	if errors.As(err, &ex) {
		if ex.msg != "" {
			fmt.Fprintln(stderr, "rolepack: "+ex.msg)
		}
		return ex.code
	}
	if errors.Is(err, context.Canceled) {
		// Ctrl-C or SIGTERM: what was written is whole; say so in words.
		fmt.Fprintln(stderr, "rolepack: interrupted; files already written are complete, the rest were not written")
		return 130
	}
	fmt.Fprintln(stderr, "rolepack: "+err.Error())
	return 1
}

// IO is where a command reads and writes: data to Out, messages to Err.
// Tests build one over buffers.
type IO struct {
	In       io.Reader
	Out      io.Writer
	Err      io.Writer
	Terminal bool // Err is a terminal: progress bars and colour are allowed
}

// exitError carries an exit status other than 1, or a failure whose
// details were already printed (msg empty).
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }
