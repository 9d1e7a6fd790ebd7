package main

import (
	"fmt"

	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/lint"
	"github.com/rolepack/rolepack/pack"
)

// editorialCheck is the editorial check generate runs on the documents it
// renders, on their document trees (lint.CheckDocument, through
// pack.Editorial): the config's word lists and the grammar of the
// generated text, findings printed to stderr as a summary per document
// (warnings, each error named by its place in the document), and with
// strict an error-level finding (a grammar error included) fails the run;
// with --verbose every finding follows its document's summary. done
// prints, after rendering, where to see every finding (or, when they were
// listed, their fixes) when any were found.
func (f *Factory) editorialCheck(cfg *config.Config, strict bool) (e *pack.Editorial, done func(), err error) {
	rules, err := pack.EditorialRules(cfg)
	if err != nil {
		return nil, nil, err
	}
	found := false
	listed := false
	e = &pack.Editorial{Rules: rules, Strict: strict, Report: func(file string, fs []lint.Finding) {
		lines := pack.SummariseFindings(file, fs, pack.MaxEditorialErrors)
		if f.Verbose && len(lines) > 0 {
			// --verbose: the summary, then every finding it counts, each
			// as lint prints it (a warning says so itself).
			fmt.Fprintf(f.IO.Err, "warning: %s\n", lines[0])
			for _, fd := range fs {
				fmt.Fprintln(f.IO.Err, fd.String())
			}
			found, listed = true, true
			return
		}
		for _, line := range lines {
			found = true
			fmt.Fprintf(f.IO.Err, "warning: %s\n", line)
		}
	}}
	done = func() {
		if found && listed {
			fmt.Fprintf(f.IO.Err, "rolepack lint --role %s --level %s --suggest-edits prints the config edits that fix framework text\n", cfg.Role, cfg.Level)
		} else if found {
			fmt.Fprintf(f.IO.Err, "rolepack lint --role %s --level %s lists every finding; --suggest-edits prints the config edits that fix framework text\n", cfg.Role, cfg.Level)
		}
	}
	return e, done, nil
}
