package main

import (
	"fmt"
	"strings"

	"github.com/rolepack/rolepack/pack"
)

// editorialTally gathers a batch's editorial summaries by document and
// role-level, so that a manifest of 200 vacancies prints one line per
// document kind and role-level, not one per pack (--verbose prints each
// pack's).
type editorialTally struct {
	order []string
	by    map[string]*editorialLine
}

// editorialLine is one document of one role-level across the packs.
type editorialLine struct {
	file, role, level string // "jd.md", "data-engineer", "senior"
	text              string // the first pack's summary, after "jd.md: "
	first             string // the first pack's reference
	packs             map[string]bool
	differ            bool // another pack's summary says otherwise
}

// add counts a pack's editorial summaries ("jd.md: editorial checks: 0
// errors, 15 warnings (…)").
func (t *editorialTally) add(r *pack.Result) {
	if t.by == nil {
		t.by = map[string]*editorialLine{}
	}
	for _, s := range r.Editorial {
		file, text, ok := strings.Cut(s, ": ")
		if !ok {
			file, text = "", s
		}
		key := file + "\x00" + r.Role + "\x00" + r.Level
		l, seen := t.by[key]
		if !seen {
			l = &editorialLine{file: file, role: r.Role, level: r.Level, text: text, first: r.Reference, packs: map[string]bool{}}
			t.by[key] = l
			t.order = append(t.order, key)
		}
		if l.packs[r.Name] {
			continue // the pack reported again (e.g. as it failed)
		}
		l.packs[r.Name] = true
		l.differ = l.differ || text != l.text
	}
}

// lines are the tally's warnings, one per document and role-level.
func (t *editorialTally) lines() []string {
	var out []string
	for _, key := range t.order {
		l := t.by[key]
		in := plural(len(l.packs), "pack")
		if l.differ {
			in += " (" + l.first + "'s shown; --verbose lists each pack's)"
		}
		out = append(out, fmt.Sprintf("warning: %s of %s at %s, in %s: %s; rolepack lint --role %s --level %s lists the findings",
			l.file, l.role, l.level, in, l.text, l.role, l.level))
	}
	return out
}
