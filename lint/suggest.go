package lint

import (
	"sort"
	"strings"
	"unicode/utf8"
)

const alphabet = "abcdefghijklmnopqrstuvwxyz"

// Limits of spelling suggestions: far above real misspellings, low enough
// that a hostile word (120 letters took 22 s, 400 letters over 150 s)
// costs nothing.
const (
	// maxSuggestRunes is the longest word that gets a suggestion.
	maxSuggestRunes = 30
	// maxTwoEditRunes is the longest word tried two edits away (the
	// candidates grow with the square of the length).
	maxTwoEditRunes = 14
	// SuggestBudget is the most candidate spellings one document's
	// suggestions may try; past it, unknown words are reported without a
	// suggestion and one finding says so.
	SuggestBudget = 5_000_000
)

// suggester makes the spelling suggestions of one document: one per
// distinct word (an unknown word repeated 4,000 times is looked at once),
// within SuggestBudget candidates.
type suggester struct {
	dict  *dictionary
	cache map[string]string
	work  int64
	spent bool // the budget ran out
}

// suggest is d.suggest(w) within the document's budget, remembered.
func (s *suggester) suggest(w string) string {
	if v, ok := s.cache[w]; ok {
		return v
	}
	v := ""
	if s.work < SuggestBudget {
		var n int64
		v, n = s.dict.suggestCounted(w)
		s.work += n
	} else {
		s.spent = true
	}
	if s.cache == nil {
		s.cache = map[string]string{}
	}
	s.cache[w] = v
	return v
}

// suggest returns the dictionary word closest to an unknown word: one
// deletion, insertion, change or swap of letters away, else two (for words
// of five letters or more). Among equally close words the one keeping the
// first letter, then the first in alphabetical order, wins; "" when none is
// close. The suggestion keeps the word's capitalisation.
func (d *dictionary) suggest(w string) string {
	v, _ := d.suggestCounted(w)
	return v
}

// suggestCounted is suggest, with the number of candidate spellings it
// tried. A word longer than maxSuggestRunes gets none; two edits are tried
// for words of five to maxTwoEditRunes letters.
func (d *dictionary) suggestCounted(w string) (string, int64) {
	lw := strings.ToLower(w)
	n := utf8.RuneCountInString(lw)
	if n > maxSuggestRunes {
		return "", 0
	}
	one := edits(lw)
	work := int64(len(one))
	if best := d.pick(lw, one); best != "" {
		return keepCase(w, best), work
	}
	if n < 5 || n > maxTwoEditRunes {
		return "", work
	}
	seen := map[string]bool{}
	var two []string
	for _, e := range one {
		e2s := edits(e)
		work += int64(len(e2s))
		for _, e2 := range e2s {
			if !seen[e2] && d.isLower(e2) {
				seen[e2] = true
				two = append(two, e2)
			}
		}
	}
	if best := d.pick(lw, two); best != "" {
		return keepCase(w, best), work
	}
	return "", work
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
