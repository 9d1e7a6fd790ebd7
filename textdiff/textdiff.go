// Package textdiff compares two texts word by word: the longest common
// subsequence of their words (Hirschberg's algorithm, so memory grows with
// the shorter text, not with the product of the two), returned as runs of
// equal, inserted and deleted text. Whitespace is kept, so joining the
// Equal and Delete runs gives the old text back, and joining the Equal and
// Insert runs gives the new text.
package textdiff

import (
	"fmt"
	"strings"
	"unicode"
)

// Op says what a segment is.
type Op int

// Segment operations.
const (
	Equal  Op = iota // in both texts
	Insert           // only in the new text
	Delete           // only in the old text
)

// String names the operation as JSON and reports show it.
func (o Op) String() string {
	switch o {
	case Insert:
		return "insert"
	case Delete:
		return "delete"
	}
	return "equal"
}

// MarshalText writes the operation's name.
func (o Op) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText reads an operation's name.
func (o *Op) UnmarshalText(b []byte) error {
	for _, op := range []Op{Equal, Insert, Delete} {
		if op.String() == string(b) {
			*o = op
			return nil
		}
	}
	return fmt.Errorf("textdiff: unknown operation %q", b)
}

// Segment is a run of text with one operation.
type Segment struct {
	Op   Op     `json:"op"`
	Text string `json:"text"`
}

// Diff is a word-level comparison: segments in reading order, adjacent
// segments never sharing an operation, a deletion before the insertion
// that replaces it.
type Diff []Segment

// Words compares old and new word by word.
func Words(old, new string) Diff {
	a, b := tokens(old), tokens(new)
	// Common prefix and suffix cost nothing to find and shrink the work.
	p := 0
	for p < len(a) && p < len(b) && a[p].word == b[p].word {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s].word == b[len(b)-1-s].word {
		s++
	}
	var d Diff
	d.same(a[:p], b[:p])
	budget := int64(CellBudget)
	d.bounded(a[p:len(a)-s], b[p:len(b)-s], &budget, 0)
	d.same(a[len(a)-s:], b[len(b)-s:])
	return d.normalise()
}

// CellBudget bounds the work of one comparison: the cells (words of one
// text times words of the other) Hirschberg's algorithm may visit, about
// a quarter of a second. Texts whose product is larger are first split at
// the words that occur once in each (patience diff), and a part still too
// large once the budget is spent is reported as replaced whole, so two
// 80,000-word descriptors compare in well under a second instead of a
// minute.
const CellBudget = 1 << 25

// maxSplits bounds how deeply bounded splits parts within parts.
const maxSplits = 32

// bounded appends the segments that turn a into b within budget cells:
// an exact LCS where the budget allows, else one split at the words
// unique to both texts, each part compared in turn.
func (d *Diff) bounded(a, b []token, budget *int64, depth int) {
	p := 0
	for p < len(a) && p < len(b) && a[p].word == b[p].word {
		p++
	}
	d.same(a[:p], b[:p])
	a, b = a[p:], b[p:]
	s := 0
	for s < len(a) && s < len(b) && a[len(a)-1-s].word == b[len(b)-1-s].word {
		s++
	}
	ta, tb := a[len(a)-s:], b[len(b)-s:]
	a, b = a[:len(a)-s], b[:len(b)-s]
	defer d.same(ta, tb)
	cells := int64(len(a)) * int64(len(b))
	switch {
	case len(a) == 0 || len(b) == 0 || cells <= *budget:
		*budget -= 2 * cells
		hirschberg(a, b, d)
		return
	case *budget <= 0 || depth >= maxSplits:
		d.add(Delete, a...)
		d.add(Insert, b...)
		return
	}
	*budget -= int64(len(a) + len(b))
	anchors := uniqueAnchors(a, b)
	if len(anchors) == 0 {
		d.add(Delete, a...)
		d.add(Insert, b...)
		return
	}
	i0, j0 := 0, 0
	for _, an := range anchors {
		d.bounded(a[i0:an[0]], b[j0:an[1]], budget, depth+1)
		d.same(a[an[0]:an[0]+1], b[an[1]:an[1]+1])
		i0, j0 = an[0]+1, an[1]+1
	}
	d.bounded(a[i0:], b[j0:], budget, depth+1)
}

// uniqueAnchors are the pairs (i, j) of a word that occurs once in a (at
// i) and once in b (at j), the longest run of them in the same order in
// both (patience sorting: O(k log k)).
func uniqueAnchors(a, b []token) [][2]int {
	type seen struct{ na, nb, i, j int }
	m := map[string]*seen{}
	for i, t := range a {
		e := m[t.word]
		if e == nil {
			e = &seen{}
			m[t.word] = e
		}
		e.na++
		e.i = i
	}
	for j, t := range b {
		if e := m[t.word]; e != nil {
			e.nb++
			e.j = j
		}
	}
	var pairs [][2]int
	for i, t := range a {
		if e := m[t.word]; e.na == 1 && e.nb == 1 {
			pairs = append(pairs, [2]int{i, e.j})
		}
	}
	// Longest increasing subsequence of the pairs' j (they are in i order).
	var tails []int // index into pairs of the smallest tail of each length
	prev := make([]int, len(pairs))
	for k, pr := range pairs {
		lo, hi := 0, len(tails)
		for lo < hi {
			mid := (lo + hi) / 2
			if pairs[tails[mid]][1] < pr[1] {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		if lo > 0 {
			prev[k] = tails[lo-1]
		} else {
			prev[k] = -1
		}
		if lo == len(tails) {
			tails = append(tails, k)
		} else {
			tails[lo] = k
		}
	}
	if len(tails) == 0 {
		return nil
	}
	out := make([][2]int, len(tails))
	for k, n := tails[len(tails)-1], len(tails)-1; n >= 0; k, n = prev[k], n-1 {
		out[n] = pairs[k]
	}
	return out
}

// Same reports whether the texts compared were equal.
func (d Diff) Same() bool {
	for _, s := range d {
		if s.Op != Equal {
			return false
		}
	}
	return true
}

// Old is the old text: the Equal and Delete runs.
func (d Diff) Old() string { return d.join(Delete) }

// New is the new text: the Equal and Insert runs.
func (d Diff) New() string { return d.join(Insert) }

func (d Diff) join(op Op) string {
	var b strings.Builder
	for _, s := range d {
		if s.Op == Equal || s.Op == op {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// Similarity is the share of the longer text's words (not counting
// whitespace) that both texts have: 1 for equal texts, 0 for texts with no
// word in common.
func (d Diff) Similarity() float64 {
	var same, old, new int
	for _, s := range d {
		n := len(strings.Fields(s.Text))
		switch s.Op {
		case Equal:
			same += n
			old += n
			new += n
		case Delete:
			old += n
		case Insert:
			new += n
		}
	}
	longer := max(old, new)
	if longer == 0 {
		return 1
	}
	return float64(same) / float64(longer)
}

// token is a word and the white space after it. Tokens compare by their
// word; the first token of a text that starts with white space has no word.
type token struct{ word, space string }

// tokens splits s into words, each with the white space that follows it.
func tokens(s string) []token {
	var out []token
	rest := s
	if t := strings.TrimLeftFunc(rest, unicode.IsSpace); len(t) < len(rest) {
		out = append(out, token{space: rest[:len(rest)-len(t)]})
		rest = t
	}
	for rest != "" {
		w := strings.IndexFunc(rest, unicode.IsSpace)
		if w < 0 {
			out = append(out, token{word: rest})
			break
		}
		t := strings.TrimLeftFunc(rest[w:], unicode.IsSpace)
		out = append(out, token{word: rest[:w], space: rest[w : len(rest)-len(t)]})
		rest = t
	}
	return out
}

// add appends tokens as a segment of op.
func (d *Diff) add(op Op, toks ...token) {
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(t.word)
		b.WriteString(t.space)
	}
	if b.Len() > 0 {
		*d = append(*d, Segment{Op: op, Text: b.String()})
	}
}

// same appends the pairs of tokens with equal words: equal, but for white
// space that differs.
func (d *Diff) same(a, b []token) {
	for i := range a {
		if a[i].space == b[i].space {
			d.add(Equal, a[i])
			continue
		}
		d.add(Equal, token{word: a[i].word})
		d.add(Delete, token{space: a[i].space})
		d.add(Insert, token{space: b[i].space})
	}
}

// normalise merges neighbouring segments of one operation, folds
// whitespace between two changes into both, and puts each deletion before
// the insertion next to it, so a replaced run reads "old, then new".
func (d Diff) normalise() Diff {
	// Runs of equal segments are joined in one builder each (joining
	// them pairwise was quadratic: 5 s for 80,000 equal words).
	var merged Diff
	for i := 0; i < len(d); {
		if d[i].Op != Equal || i+1 == len(d) || d[i+1].Op != Equal {
			merged = append(merged, d[i])
			i++
			continue
		}
		var b strings.Builder
		for ; i < len(d) && d[i].Op == Equal; i++ {
			b.WriteString(d[i].Text)
		}
		merged = append(merged, Segment{Op: Equal, Text: b.String()})
	}
	var out Diff
	for i := 0; i < len(merged); {
		if merged[i].Op == Equal {
			out = append(out, merged[i])
			i++
			continue
		}
		var del, ins strings.Builder
		for ; i < len(merged); i++ {
			s := merged[i]
			if s.Op == Equal {
				// Whitespace between two changes belongs to both.
				if strings.TrimSpace(s.Text) != "" || i+1 == len(merged) {
					break
				}
				del.WriteString(s.Text)
				ins.WriteString(s.Text)
				continue
			}
			if s.Op == Delete {
				del.WriteString(s.Text)
			} else {
				ins.WriteString(s.Text)
			}
		}
		ds, is := del.String(), ins.String()
		// White space both sides of a replacement end with reads as
		// unchanged: it goes to the equal run that follows.
		tail := ""
		if ds != "" && is != "" {
			dt := ds[len(strings.TrimRightFunc(ds, unicode.IsSpace)):]
			it := is[len(strings.TrimRightFunc(is, unicode.IsSpace)):]
			if dt == it && dt != "" && len(dt) < len(ds) && len(it) < len(is) {
				tail, ds, is = dt, ds[:len(ds)-len(dt)], is[:len(is)-len(it)]
			}
		}
		if ds != "" {
			out = append(out, Segment{Op: Delete, Text: ds})
		}
		if is != "" {
			out = append(out, Segment{Op: Insert, Text: is})
		}
		if tail != "" {
			if i < len(merged) && merged[i].Op == Equal {
				merged[i].Text = tail + merged[i].Text
			} else {
				out = append(out, Segment{Op: Equal, Text: tail})
			}
		}
	}
	return out
}

// hirschberg appends the segments that turn a into b, found by splitting a
// in half and b where the two halves' LCS lengths add up best: O(len(a) ×
// len(b)) time, O(len(b)) memory.
func hirschberg(a, b []token, d *Diff) {
	switch {
	case len(a) == 0:
		d.add(Insert, b...)
		return
	case len(b) == 0:
		d.add(Delete, a...)
		return
	case len(a) == 1:
		for j, t := range b {
			if t.word == a[0].word {
				d.add(Insert, b[:j]...)
				d.same(a, b[j:j+1])
				d.add(Insert, b[j+1:]...)
				return
			}
		}
		d.add(Delete, a[0])
		d.add(Insert, b...)
		return
	}
	mid := len(a) / 2
	top := lcsRow(a[:mid], b, false)
	bottom := lcsRow(a[mid:], b, true)
	best, split := -1, 0
	for j := 0; j <= len(b); j++ {
		if v := top[j] + bottom[len(b)-j]; v > best {
			best, split = v, j
		}
	}
	hirschberg(a[:mid], b[:split], d)
	hirschberg(a[mid:], b[split:], d)
}

// lcsRow returns, for each j, the LCS length of a and the first j tokens of
// b; reversed, of a and the last j tokens of b (both read backwards).
func lcsRow(a, b []token, reversed bool) []int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	at := func(s []token, i int) string {
		if reversed {
			return s[len(s)-1-i].word
		}
		return s[i].word
	}
	for i := range a {
		ai := at(a, i)
		for j := range b {
			if ai == at(b, j) {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev
}

// Common compares two lists of words (already reduced to the keys they
// should compare by, e.g. lower case without punctuation) and reports, for
// each word of new, whether it is in the longest common subsequence with
// old. An empty key matches nothing.
func Common(old, new []string) []bool {
	key := func(ws []string, side string) string {
		ks := make([]string, len(ws))
		for i, w := range ws {
			if w == "" || strings.IndexFunc(w, unicode.IsSpace) >= 0 {
				w = fmt.Sprintf("\x00%s%d", side, i) // matches nothing
			}
			ks[i] = w
		}
		return strings.Join(ks, " ")
	}
	out := make([]bool, len(new))
	i := 0
	for _, s := range Words(key(old, "o"), key(new, "n")) {
		n := len(strings.Fields(s.Text))
		switch s.Op {
		case Equal:
			for k := 0; k < n && i < len(out); k++ {
				out[i] = true
				i++
			}
		case Insert:
			i += n
		}
	}
	return out
}
