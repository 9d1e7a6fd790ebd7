package doc

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Phrases are pieces of text known to be in one language, however the
// words around them read: the framework text a Welsh document gives in
// English because it has no translation (a skill's name, a descriptor,
// the organisation's name). Covers and MarkRuns find them in a
// document's text.
type Phrases struct {
	list []string // longest first, each trimmed of white space and a closing stop
}

// NewPhrases makes Phrases of ss (blank ones are left out). A phrase is
// found where it stands as whole words, as it is or with its first
// letter in the other case (a descriptor printed after a name, "Name:
// produce …"); a phrase of one word only as it is, so that an English
// "Data" does not claim the Welsh "data" in a Welsh sentence.
func NewPhrases(ss []string) *Phrases {
	seen := make(map[string]bool, len(ss))
	p := &Phrases{}
	for _, s := range ss {
		s = strings.TrimRight(strings.TrimSpace(s), ".")
		s = strings.TrimSpace(s)
		if s == "" || seen[s] || !hasLetter(s) {
			continue
		}
		seen[s] = true
		p.list = append(p.list, s)
	}
	sort.SliceStable(p.list, func(i, j int) bool { return len(p.list[i]) > len(p.list[j]) })
	return p
}

// Len is the number of phrases.
func (p *Phrases) Len() int {
	if p == nil {
		return 0
	}
	return len(p.list)
}

// Covers reports whether every letter of s is inside an occurrence of a
// phrase (what is left is spaces, digits and punctuation: "Data
// engineer, Senior"), and s has a letter.
func (p *Phrases) Covers(s string) bool {
	if p.Len() == 0 || !hasLetter(s) {
		return false
	}
	spans := p.find(s, nil, true)
	at := 0
	for _, sp := range spans {
		if hasLetter(s[at:sp[0]]) {
			return false
		}
		at = max(at, sp[1])
	}
	return !hasLetter(s[at:])
}

// find appends to out the byte ranges of s the phrases occupy, in order,
// overlapping and touching ranges joined; the phrases of one word only
// when single is set.
func (p *Phrases) find(s string, out [][2]int, single bool) [][2]int {
	if p.Len() == 0 {
		return out
	}
	from := len(out)
	for _, ph := range p.list {
		if len(ph) > len(s) || !single && !strings.ContainsRune(ph, ' ') {
			continue
		}
		out = findPhrase(s, ph, out)
	}
	return joinSpans(out, from)
}

// findPhrase appends the ranges of s where ph stands as whole words, its
// first letter in either case when it has more than one word.
func findPhrase(s, ph string, out [][2]int) [][2]int {
	r, n := utf8.DecodeRuneInString(ph)
	rest := ph[n:]
	firsts := []rune{r}
	if strings.ContainsRune(ph, ' ') {
		if o := otherCase(r); o != r {
			firsts = append(firsts, o)
		}
	}
	for _, f := range firsts {
		head := string(f) + rest
		for at := 0; at < len(s); {
			i := strings.Index(s[at:], head)
			if i < 0 {
				break
			}
			start, end := at+i, at+i+len(head)
			if wordEdge(s, start, true) && wordEdge(s, end, false) {
				out = append(out, [2]int{start, end})
			}
			at = start + 1
		}
	}
	return out
}

// otherCase is r in the other case (upper for lower, lower for upper).
func otherCase(r rune) rune {
	if unicode.IsUpper(r) {
		return unicode.ToLower(r)
	}
	return unicode.ToUpper(r)
}

// wordEdge reports whether position i of s is not inside a word: the
// character before it (start) or at it (end) is not a letter or digit.
func wordEdge(s string, i int, start bool) bool {
	if start {
		if i == 0 {
			return true
		}
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		return !isWordRune(r)
	}
	if i == len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return !isWordRune(r)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

// joinSpans sorts out[from:] and joins the ranges in it that overlap or
// touch.
func joinSpans(out [][2]int, from int) [][2]int {
	spans := out[from:]
	if len(spans) < 2 {
		return out
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	n := 0
	for _, sp := range spans[1:] {
		if sp[0] <= spans[n][1] {
			spans[n][1] = max(spans[n][1], sp[1])
			continue
		}
		n++
		spans[n] = sp
	}
	return out[:from+n+1]
}

// MarkRuns tags with tag (Inline.Lang) the runs of text in that language
// within the blocks, list items and table cells MarkLanguage left in the
// document's language: each occurrence of a phrase of two words or more,
// and each line (between hard breaks) that is says is in the language. A
// Welsh sentence that quotes an English skill's name, a Welsh label over
// a line of English framework text ("Degree in a numerate subject" over
// "Hanfodol") and the organisation's English name in a Welsh
// document-control line are then each read in their own voice. Run it
// after MarkLanguage, which tags what is wholly in the language.
//
// own are pieces of text known to be in the document's language (its own
// fixed wording: "Cwestiwn a awgrymir" before an English question): no
// occurrence of one of two words or more is tagged, though the line it is
// on reads as the other language.
func (d *Document) MarkRuns(tag string, phrases, own *Phrases, is func(string) bool) {
	m := runMarker{tag: tag, phrases: phrases, own: own, is: is}
	for _, b := range d.Blocks {
		m.block(b)
	}
}

// runMarker is MarkRuns at work.
type runMarker struct {
	tag     string
	phrases *Phrases
	own     *Phrases
	is      func(string) bool
	spans   [][2]int // room for one text's ranges
	mine    [][2]int // room for the ranges of own's phrases
	text    strings.Builder
}

func (m *runMarker) block(b Block) {
	switch b := b.(type) {
	case *Heading:
		b.Text = m.runs(b.Text)
	case *Paragraph:
		b.Text = m.runs(b.Text)
	case *List:
		for i := range b.Items {
			it := &b.Items[i]
			if it.Lang != "" {
				continue
			}
			for _, x := range it.Blocks {
				m.block(x)
			}
		}
	case *Table:
		cells := func(cs []Cell) {
			for i := range cs {
				if cs[i].Lang == "" {
					cs[i].Text = m.runs(cs[i].Text)
				}
			}
		}
		cells(b.Header)
		for _, row := range b.Rows {
			cells(row)
		}
	}
	// A Lang is in its language already; a Parallel's cells are each
	// document's blocks, marked before they were paired.
}

// runs is runs with the parts in m's language tagged, split where a
// tagged part begins or ends inside a run; runs itself when none is.
func (m *runMarker) runs(runs []Inline) []Inline {
	if len(runs) == 0 {
		return runs
	}
	// The text of the runs, a hard break a newline, so that no phrase is
	// found across one and lines are the text between them.
	m.text.Reset()
	for _, r := range runs {
		if r.Break {
			m.text.WriteByte('\n')
			continue
		}
		m.text.WriteString(r.Text)
	}
	s := m.text.String()
	spans := m.spans[:0]
	for from := 0; from <= len(s); {
		end := strings.IndexByte(s[from:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += from
		}
		line := s[from:end]
		if trimmed := strings.TrimSpace(line); trimmed != "" && hasLetter(trimmed) && m.is != nil && m.is(trimmed) {
			lead := strings.Index(line, trimmed)
			spans = append(spans, [2]int{from + lead, from + lead + len(trimmed)})
		}
		from = end + 1
	}
	// A phrase of one word is not looked for inside other text: it may
	// be a word the language shares ("Data" in "Deddf Diogelu Data"),
	// and one word is most often a name, which WCAG 3.1.2 leaves in the
	// language around it.
	spans = m.phrases.find(s, spans, false)
	spans = joinSpans(spans, 0)
	if len(spans) > 0 && m.own.Len() > 0 {
		m.mine = m.own.find(s, m.mine[:0], false)
		spans = cutSpans(s, spans, m.mine)
	}
	m.spans = spans[:0]
	if len(spans) == 0 {
		return runs
	}
	return splitRuns(runs, spans, m.tag)
}

// splitRuns is runs cut at the ends of spans (byte ranges of their text,
// a hard break counted as one byte), the runs within a span tagged tag.
func splitRuns(runs []Inline, spans [][2]int, tag string) []Inline {
	out := make([]Inline, 0, len(runs)+2*len(spans))
	pos, k := 0, 0
	for _, r := range runs {
		if r.Break {
			out = append(out, r)
			pos++
			continue
		}
		start, end := pos, pos+len(r.Text)
		pos = end
		if start == end {
			out = append(out, r)
			continue
		}
		at := start
		for at < end {
			for k < len(spans) && spans[k][1] <= at {
				k++
			}
			piece := r
			switch {
			case k == len(spans) || spans[k][0] >= end:
				piece.Text = r.Text[at-start:]
				at = end
			case spans[k][0] > at:
				piece.Text = r.Text[at-start : spans[k][0]-start]
				at = spans[k][0]
			default:
				to := min(spans[k][1], end)
				piece.Text = r.Text[at-start : to-start]
				piece.Lang = tag
				at = to
			}
			out = append(out, piece)
		}
	}
	return out
}

// cutSpans is spans (sorted, apart) less the ranges of cut (sorted,
// apart), each piece left trimmed of the spaces and punctuation it
// starts with and the spaces it ends with, and dropped when it has no
// letter: a line "Cwestiwn a awgrymir: Tell us …" less "Cwestiwn a
// awgrymir" is "Tell us …". It reuses spans' array.
func cutSpans(s string, spans, cut [][2]int) [][2]int {
	if len(cut) == 0 {
		return spans
	}
	var out [][2]int
	for _, sp := range spans {
		at := sp[0]
		for _, c := range cut {
			if c[1] <= at || c[0] >= sp[1] {
				continue
			}
			out = appendTrimmed(out, s, at, c[0])
			at = max(at, c[1])
		}
		out = appendTrimmed(out, s, at, sp[1])
	}
	return out
}

// appendTrimmed appends s[from:to] trimmed (cutSpans) when it has a
// letter.
func appendTrimmed(out [][2]int, s string, from, to int) [][2]int {
	if from >= to {
		return out
	}
	piece := s[from:to]
	lead := len(piece) - len(strings.TrimLeftFunc(piece, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }))
	piece = strings.TrimRightFunc(piece[lead:], unicode.IsSpace)
	if !hasLetter(piece) {
		return out
	}
	return append(out, [2]int{from + lead, from + lead + len(piece)})
}
