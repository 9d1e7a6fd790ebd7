package lint

import (
	"sort"
	"strings"
)

const alphabet = "abcdefghijklmnopqrstuvwxyz"

// suggest returns the dictionary word closest to an unknown word: one
// deletion, insertion, change or swap of letters away, else two (for words
// of five letters or more). Among equally close words the one keeping the
// first letter, then the first in alphabetical order, wins; "" when none is
// close. The suggestion keeps the word's capitalisation.
func (d *dictionary) suggest(w string) string {
	lw := strings.ToLower(w)
	one := edits(lw)
	if best := d.pick(lw, one); best != "" {
		return keepCase(w, best)
	}
	if len([]rune(lw)) < 5 {
		return ""
	}
	seen := map[string]bool{}
	var two []string
	for _, e := range one {
		for _, e2 := range edits(e) {
			if !seen[e2] && d.isLower(e2) {
				seen[e2] = true
				two = append(two, e2)
			}
		}
	}
	if best := d.pick(lw, two); best != "" {
		return keepCase(w, best)
	}
	return ""
}

// pick chooses among candidate spellings the known ones, preferring the
// same first letter, then alphabetical order.
func (d *dictionary) pick(w string, cands []string) string {
	var known []string
	for _, c := range cands {
		if d.isLower(c) {
			known = append(known, c)
		}
	}
	if len(known) == 0 {
		return ""
	}
	sort.Slice(known, func(i, j int) bool {
		si, sj := known[i][0] == w[0], known[j][0] == w[0]
		if si != sj {
			return si
		}
		return known[i] < known[j]
	})
	return known[0]
}

// edits lists the strings one edit away from w (letters a-z only).
func edits(w string) []string {
	var out []string
	for i := 0; i <= len(w); i++ {
		a, b := w[:i], w[i:]
		if b != "" {
			out = append(out, a+b[1:])
		}
		if len(b) > 1 {
			out = append(out, a+string(b[1])+string(b[0])+b[2:])
		}
		for _, c := range alphabet {
			if b != "" {
				out = append(out, a+string(c)+b[1:])
			}
			out = append(out, a+string(c)+b)
		}
	}
	return out
}
