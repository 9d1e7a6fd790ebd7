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

	"golang.org/x/term"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	streams := &IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Terminal: term.IsTerminal(int(os.Stderr.Fd())), Getenv: os.Getenv}
	cmd := newRootCmd(streams)
	cmd.SetArgs(os.Args[1:])
	if err := cmd.ExecuteContext(ctx); err != nil {
		var ex *exitError
		if errors.As(err, &ex) {
			if ex.msg != "" {
				fmt.Fprintln(os.Stderr, "rolepack: "+ex.msg)
			}
			os.Exit(ex.code)
		}
		fmt.Fprintln(os.Stderr, "rolepack: "+err.Error())
		os.Exit(1)
	}
}

// IO is where a command reads and writes: data to Out, messages to Err.
// Tests build one over buffers.
type IO struct {
	In       io.Reader
	Out      io.Writer
	Err      io.Writer
	Terminal bool                // Err is a terminal: progress bars and colour are allowed
	Getenv   func(string) string // environment lookup (os.Getenv outside tests)
}

// exitError carries an exit status other than 1, or a failure whose
// details were already printed (msg empty).
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }
