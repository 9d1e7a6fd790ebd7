package web

import (
	"strings"

	"github.com/rolepack/rolepack/doc"
)

// blankMark is what a template writes where a detail is missing.
const blankMark = "[to be completed]"

// docResult is one rendered document tree and what its kind's checks
// found in it.
type docResult struct {
	doc      *doc.Document
	findings []string
}

// blank is one place a document leaves to be completed: the label beside
// it, and the form field that fills it (if the form has one).
type blank struct {
	Label string
	Field string // the field's name, "" when the form cannot fill it
}

// blanks lists the places d leaves blank, once per label, in document
// order, each with the field of fs that fills it.
func blanks(d *doc.Document, fs []field) []blank {
	var labels []string
	var walk func(bs []doc.Block)
	text := func(t string) {
		if !strings.Contains(t, blankMark) {
			return
		}
		parts := strings.Split(t, blankMark)
		for _, before := range parts[:len(parts)-1] {
			labels = append(labels, labelBefore(before))
		}
	}
	walk = func(bs []doc.Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case *doc.Paragraph:
				text(doc.PlainText(b.Text))
			case *doc.List:
				for _, it := range b.Items {
					walk(it.Blocks)
				}
			case *doc.Lang:
				walk(b.Blocks)
			case *doc.Parallel:
				walk(b.Cells[0].Blocks)
				walk(b.Cells[1].Blocks)
			case *doc.Table:
				for _, row := range b.Rows {
					for i, c := range row {
						if !strings.Contains(doc.PlainText(c.Text), blankMark) {
							continue
						}
						switch {
						case i > 0:
							labels = append(labels, strings.TrimSpace(doc.PlainText(row[i-1].Text)))
						case i < len(b.Header):
							labels = append(labels, strings.TrimSpace(doc.PlainText(b.Header[i].Text)))
						}
					}
				}
			}
		}
	}
	walk(d.Blocks)
	var out []blank
	seen := map[string]bool{}
	for _, l := range labels {
		l = strings.TrimRight(strings.TrimSpace(l), ":")
		if l == "" {
			continue
		}
		b := blank{Label: l, Field: fieldFor(l, fs)}
		for _, f := range fs {
			if f.Name == b.Field {
				b.Label = f.Label // the words the form uses
			}
		}
		key := b.Field
		if key == "" {
			key = "label:" + strings.ToLower(l)
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, b)
	}
	return out
}

// labelBefore is the label that introduces a blank in running text: the
// words after the last full stop or line break, e.g. "Band or grade:" or
// "The closing date is".
func labelBefore(s string) string {
	if i := strings.LastIndexAny(s, ".\n"); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimSpace(s)
}

// fieldFor returns the name of the field one of whose blank labels is
// label (or, for a label starting "…", ends it), or "".
func fieldFor(label string, fs []field) string {
	l := strings.ToLower(strings.TrimRight(strings.TrimSpace(label), ":"))
	for _, f := range fs {
		for _, b := range f.Blanks {
			b = strings.ToLower(b)
			if tail, ok := strings.CutPrefix(b, "…"); ok {
				if l == tail || strings.HasSuffix(l, " "+tail) {
					return f.Name
				}
			} else if l == b {
				return f.Name
			}
		}
	}
	return ""
}
