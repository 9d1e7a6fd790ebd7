package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/rolepack/rolepack/render/compare"
	"github.com/rolepack/rolepack/textdiff"
)

// writeDiffText writes a diff report as plain text, for a terminal: no
// Markdown escapes or emphasis; deleted words [-like this-], inserted
// words {+like this+}, as git diff --word-diff writes them.
func writeDiffText(w io.Writer, r *compare.Report) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\n%s\n", r.Title(), r.Summary)
	kind := ""
	for _, c := range r.Changes {
		if c.Kind != kind {
			kind = c.Kind
			fmt.Fprintf(&b, "\n%s\n", upperFirst(compare.KindName(kind, 2)))
		}
		fmt.Fprintf(&b, "  %s: %s", upperFirst(string(c.Status)), c.Title)
		if c.Scope != "" {
			fmt.Fprintf(&b, " (%s)", c.Scope)
		}
		b.WriteByte('\n')
		switch c.Status {
		case compare.Added:
			for _, d := range c.Entry.Descriptors {
				fmt.Fprintf(&b, "    - %s\n", d)
			}
		case compare.Changed:
			for _, f := range c.Fields {
				fmt.Fprintf(&b, "    - %s: %s → %s\n", upperFirst(f.Field), orNone(f.Old), orNone(f.New))
			}
			for _, d := range c.Descriptors {
				switch d.Status {
				case compare.Added:
					fmt.Fprintf(&b, "    - Added: %s\n", d.New)
				case compare.Removed:
					fmt.Fprintf(&b, "    - Removed: %s\n", d.Old)
				default:
					fmt.Fprintf(&b, "    - Reworded: %s\n", wordsText(d.Words))
				}
			}
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// wordsText writes a word comparison as git diff --word-diff=plain does.
func wordsText(d textdiff.Diff) string {
	var b strings.Builder
	for _, s := range d {
		core := strings.TrimSpace(s.Text)
		if s.Op == textdiff.Equal || core == "" {
			b.WriteString(s.Text)
			continue
		}
		lead := s.Text[:strings.Index(s.Text, core)]
		open, close := "{+", "+}"
		if s.Op == textdiff.Delete {
			open, close = "[-", "-]"
		}
		b.WriteString(lead + open + core + close + s.Text[len(lead)+len(core):])
	}
	return b.String()
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
