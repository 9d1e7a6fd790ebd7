package main

import (
	"io"

	"github.com/rolepack/rolepack/pack"
)

// newRun makes the run a document-building command (generate, pack,
// serve) builds through, from what loadAll read: the templates, logo,
// brand, letterhead and editorial rules are all decided there, once.
func (f *Factory) newRun(l *loaded) (*pack.Run, error) {
	var stacks io.Writer
	if f.Verbose {
		stacks = f.IO.Err
	}
	return pack.NewRun(pack.Settings{
		Config: l.cfg, Library: l.lib, Path: l.path, Date: l.date, DateFromClock: l.dateFromClock,
		Formats: f.Formats, StackLog: stacks,
	})
}
