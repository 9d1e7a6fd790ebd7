// Package textdiff compares two texts word by word: the longest common
// subsequence of their words (Hirschberg's algorithm, so memory grows with
// the shorter text, not with the product of the two), returned as runs of
// equal, inserted and deleted text. Whitespace is kept, so joining the
// Equal and Delete runs gives the old text back, and joining the Equal and
// Insert runs gives the new text.
package textdiff

import (
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
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	var d Diff
	d.add(Equal, a[:p]...)
	hirschberg(a[p:len(a)-s], b[p:len(b)-s], &d)
	d.add(Equal, a[len(a)-s:]...)
	return d.normalise()
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

// tokens splits s into words and the whitespace between them.
func tokens(s string) []string {
	var out []string
	start := 0
	inSpace := false
	for i, r := range s {
		sp := unicode.IsSpace(r)
		if i > start && sp != inSpace {
			out = append(out, s[start:i])
			start = i
		}
		inSpace = sp
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// add appends tokens as a segment of op.
func (d *Diff) add(op Op, toks ...string) {
	if len(toks) == 0 {
		return
	}
	*d = append(*d, Segment{Op: op, Text: strings.Join(toks, "")})
}

// normalise merges neighbouring segments of one operation, folds
// whitespace between two changes into both, and puts each deletion before
// the insertion next to it, so a replaced run reads "old, then new".
func (d Diff) normalise() Diff {
	var merged Diff
	for _, s := range d {
		if n := len(merged); n > 0 && merged[n-1].Op == Equal && s.Op == Equal {
			merged[n-1].Text += s.Text
			continue
		}
		merged = append(merged, s)
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
		if del.Len() > 0 {
			out = append(out, Segment{Op: Delete, Text: del.String()})
		}
		if ins.Len() > 0 {
			out = append(out, Segment{Op: Insert, Text: ins.String()})
		}
	}
	return out
}

// hirschberg appends the segments that turn a into b, found by splitting a
// in half and b where the two halves' LCS lengths add up best: O(len(a) ×
// len(b)) time, O(len(b)) memory.
func hirschberg(a, b []string, d *Diff) {
	switch {
	case len(a) == 0:
		d.add(Insert, b...)
		return
	case len(b) == 0:
		d.add(Delete, a...)
		return
	case len(a) == 1:
		for j, t := range b {
			if t == a[0] && weight(t) > 0 {
				d.add(Insert, b[:j]...)
				d.add(Equal, t)
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

// weight is what a matched token is worth: a word 1, whitespace nothing,
// so the longest common subsequence is the one with the most words.
func weight(tok string) int {
	r := []rune(tok)
	if len(r) > 0 && unicode.IsSpace(r[0]) {
		return 0
	}
	return 1
}

// lcsRow returns, for each j, the LCS length of a and the first j tokens of
// b; reversed, of a and the last j tokens of b (both read backwards).
func lcsRow(a, b []string, reversed bool) []int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	at := func(s []string, i int) string {
		if reversed {
			return s[len(s)-1-i]
		}
		return s[i]
	}
	for i := range a {
		ai := at(a, i)
		for j := range b {
			cur[j+1] = max(cur[j], prev[j+1])
			if ai == at(b, j) {
				cur[j+1] = max(cur[j+1], prev[j]+weight(ai))
			}
		}
		prev, cur = cur, prev
	}
	return prev
}
