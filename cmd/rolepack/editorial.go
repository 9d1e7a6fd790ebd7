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
// strict an error-level finding (a grammar error included) fails the run. done prints, after rendering, where to see every finding
// when any were summarised.
func (f *Factory) editorialCheck(cfg *config.Config, strict bool) (e *pack.Editorial, done func(), err error) {
	rules, err := pack.EditorialRules(cfg)
	if err != nil {
		return nil, nil, err
	}
	found := false
	e = &pack.Editorial{Rules: rules, Strict: strict, Report: func(file string, fs []lint.Finding) {
		for _, line := range pack.SummariseFindings(file, fs, pack.MaxEditorialErrors) {
			found = true
			fmt.Fprintf(f.IO.Err, "warning: %s\n", line)
		}
	}}
	done = func() {
		if found {
			fmt.Fprintf(f.IO.Err, "rolepack lint --role %s --level %s lists every finding; --suggest-edits prints the config edits that fix framework text\n", cfg.Role, cfg.Level)
		}
	}
	return e, done, nil
}
