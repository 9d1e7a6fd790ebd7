package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rolepack/rolepack/doc"
)

// context says where inline text goes, which decides how hard breaks are
// written and which characters need escaping.
type context int

const (
	ctxText      context = iota // inside another construct (the footer, a chart title)
	ctxLineStart                // a paragraph: the start of each line can open a block
	ctxHeading                  // an ATX heading: one line
	ctxCell                     // a table cell: one line, | always escaped
)

// inline renders runs as Markdown. Neighbouring runs with the same style and
// link are merged first; bold and italic are spans that stay open across
// runs; links are written as [text](url) with their own styled text inside.
func inline(runs []doc.Inline, ctx context) string {
	runs = merge(runs)
	var out strings.Builder
	var line []doc.Inline // runs since the last hard break
	flush := func() {
		out.WriteString(emphasise(line, ctx, out.Len() == 0 || strings.HasSuffix(out.String(), "\n")))
		line = line[:0]
	}
	for i, r := range runs {
		if !r.Break {
			line = append(line, r)
			continue
		}
		flush()
		trimTrailingSpace(&out)
		switch {
		case ctx == ctxCell:
			out.WriteString("<br>")
		case ctx == ctxHeading:
			out.WriteString(" ")
		case out.Len() > 0 && i < len(runs)-1 && !strings.HasSuffix(out.String(), "\n"):
			out.WriteString("\\\n")
		}
	}
	flush()
	return strings.TrimRight(out.String(), " \t")
}

// spaced turns line breaks and tabs inside a run's text into spaces
// (CRLF into one). It is made once: a replacer made for every run was a
// fifth of everything a Markdown pack allocated.
var spaced = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ")

// merge joins neighbouring runs with the same style and link and drops
// empty ones; newlines inside text become spaces.
func merge(runs []doc.Inline) []doc.Inline {
	out := make([]doc.Inline, 0, len(runs))
	for _, r := range runs {
		if strings.ContainsAny(r.Text, "\r\n\t") {
			r.Text = spaced.Replace(r.Text)
		}
		if !r.Break && r.Text == "" {
			continue
		}
		if n := len(out); n > 0 && !r.Break && !out[n-1].Break && out[n-1].Style == r.Style && out[n-1].Link == r.Link {
			out[n-1].Text += r.Text
			continue
		}
		out = append(out, r)
	}
	return out
}

// token is a piece of one line of inline Markdown: text (already escaped)
// or an emphasis delimiter that opens or closes a span.
type token struct {
	text    string
	open    bool      // opening delimiter
	close   bool      // closing delimiter
	style   doc.Style // Bold or Italic, for delimiters
	partner int       // index of the matching delimiter
	html    bool      // written as <strong>/<em> because * would not parse
}

func (t token) String() string {
	switch {
	case !t.open && !t.close:
		return t.text
	case t.html && t.style == doc.Bold && t.open:
		return "<strong>"
	case t.html && t.style == doc.Bold:
		return "</strong>"
	case t.html && t.open:
		return "<em>"
	case t.html:
		return "</em>"
	case t.style == doc.Bold:
		return "**"
	}
	return "*"
}

// emphasise renders one line of runs (no hard breaks). Whitespace at the
// edge of a span goes outside its delimiters. A span whose * delimiters
// CommonMark would not read as emphasis (say "word**(note)**", where the
// opener sits between a letter and punctuation) is written with <strong> or
// <em> instead, which every GFM renderer accepts.
func emphasise(runs []doc.Inline, ctx context, lineStart bool) string {
	if len(runs) == 1 && runs[0].Style == 0 && runs[0].Link == "" && !runs[0].Break {
		// One plain run (most table cells and many lines): what the loop
		// below makes of it, without its tokens.
		core := strings.TrimSpace(runs[0].Text)
		if core == "" {
			return ""
		}
		return escape(core, ctx, lineStart && ctx == ctxLineStart)
	}
	var toks []token
	var stack []int // indexes of open delimiters, innermost last
	var pending string
	closeTo := func(keep doc.Style) {
		// Close spans until every open one is wanted; reopen wanted inner
		// ones that had to close with an unwanted outer one.
		cut := len(stack)
		for k, idx := range stack {
			if keep&toks[idx].style == 0 {
				cut = k
				break
			}
		}
		for k := len(stack) - 1; k >= cut; k-- {
			o := stack[k]
			toks[o].partner = len(toks)
			toks = append(toks, token{close: true, style: toks[o].style, partner: o})
		}
		stack = stack[:cut]
	}
	openTo := func(want doc.Style) {
		for _, st := range []doc.Style{doc.Bold, doc.Italic} {
			if want&st == 0 {
				continue
			}
			have := false
			for _, idx := range stack {
				have = have || toks[idx].style == st
			}
			if !have {
				stack = append(stack, len(toks))
				toks = append(toks, token{open: true, style: st})
			}
		}
	}
	for i := 0; i < len(runs); {
		r := runs[i]
		href, isLink := safeURL(r.Link)
		want := r.Style & (doc.Bold | doc.Italic)
		if isLink {
			want = 0 // a link's own styles go inside its brackets
		}
		text := r.Text
		if len(toks) == 0 && pending == "" {
			text = strings.TrimLeft(text, " ")
		}
		core := strings.TrimSpace(text)
		if core == "" && !isLink {
			pending = " "
			i++
			continue
		}
		if strings.HasPrefix(text, " ") {
			pending = " "
		}
		closeTo(want)
		if pending != "" && len(toks) > 0 {
			toks = append(toks, token{text: pending})
		}
		pending = ""
		openTo(want)
		if isLink {
			j := i
			for j < len(runs) && runs[j].Link == r.Link {
				j++
			}
			plain := make([]doc.Inline, j-i)
			for k, lr := range runs[i:j] {
				lr.Link = ""
				plain[k] = lr
			}
			inner := emphasise(plain, ctx, false)
			if inner != "" {
				toks = append(toks, token{text: "[" + inner + "](" + href + ")"})
			}
			if last := runs[j-1].Text; strings.HasSuffix(last, " ") {
				pending = " "
			}
			i = j
			continue
		}
		switch {
		case r.Style&doc.Code != 0:
			toks = append(toks, token{text: codeSpan(core, ctx == ctxCell)})
		default:
			toks = append(toks, token{text: escape(core, ctx, lineStart && ctx == ctxLineStart && len(toks) == 0)})
		}
		if strings.HasSuffix(text, " ") {
			pending = " "
		}
		i++
	}
	closeTo(0)
	fixFlanking(toks)
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(t.String())
	}
	return b.String()
}

// fixFlanking switches spans to HTML tags until every remaining * run is
// one CommonMark reads as intended: openers left-flanking, closers
// right-flanking, and no run that both closes and opens.
func fixFlanking(toks []token) {
	for changed := true; changed; {
		changed = false
		for i := 0; i < len(toks); {
			if !(toks[i].open || toks[i].close) || toks[i].html {
				i++
				continue
			}
			j := i
			for j < len(toks) && (toks[j].open || toks[j].close) && !toks[j].html {
				j++
			}
			prev, next := ' ', ' '
			if i > 0 {
				prev, _ = utf8.DecodeLastRuneInString(toks[i-1].String())
			}
			if j < len(toks) {
				next, _ = utf8.DecodeRuneInString(toks[j].String())
			}
			left := !unicode.IsSpace(next) && (!isPunct(next) || unicode.IsSpace(prev) || isPunct(prev))
			right := !unicode.IsSpace(prev) && (!isPunct(prev) || unicode.IsSpace(next) || isPunct(next))
			opens, closes := false, false
			for k := i; k < j; k++ {
				opens = opens || toks[k].open
				closes = closes || toks[k].close
			}
			for k := i; k < j; k++ {
				bad := (toks[k].open && (!left || right || closes)) || (toks[k].close && (!right || left))
				if bad {
					toks[k].html = true
					toks[toks[k].partner].html = true
					changed = true
				}
			}
			i = j
		}
	}
}

// isPunct is CommonMark's punctuation: ASCII punctuation and Unicode P and
// S categories.
func isPunct(c rune) bool {
	return unicode.IsPunct(c) || unicode.IsSymbol(c)
}

// codeSpan wraps s in enough backticks that none inside ends it, padding
// with a space where s starts or ends with a backtick.
func codeSpan(s string, cell bool) string {
	longest, cur := 0, 0
	for _, c := range s {
		if c == '`' {
			cur++
			longest = max(longest, cur)
		} else {
			cur = 0
		}
	}
	if cell {
		s = strings.ReplaceAll(s, "|", `\|`)
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

func trimTrailingSpace(b *strings.Builder) {
	s := b.String()
	if t := strings.TrimRight(s, " \t"); len(t) != len(s) {
		b.Reset()
		b.WriteString(t)
	}
}

// escape backslash-escapes the characters of plain text that Markdown would
// read as markup: emphasis, code, links, tables, strikethrough, raw HTML and
// entities everywhere; and block openers (#, >, -, +, =, "1.") at the start
// of a line when lineStart is set. Other punctuation is left alone so prose
// stays readable.
func escape(s string, ctx context, lineStart bool) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	if lineStart {
		s = escapeLineStart(&b, s)
	}
	prev := rune(' ')
	if b.Len() > 0 {
		prev, _ = utf8.DecodeLastRuneInString(b.String())
	}
	for i, c := range s {
		next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(c):])
		switch c {
		case '\\', '*', '`', '[', ']', '~', '|':
			b.WriteByte('\\')
			b.WriteRune(c)
		case '_':
			if wordChar(prev) && wordChar(next) {
				b.WriteRune(c) // snake_case: intraword _ never emphasises
			} else {
				b.WriteString(`\_`)
			}
		case '<':
			if next == '/' || next == '!' || next == '?' || unicode.IsLetter(next) {
				b.WriteString("&lt;")
			} else {
				b.WriteRune(c)
			}
		case '&':
			if entityAhead(s[i+1:]) {
				b.WriteString("&amp;")
			} else {
				b.WriteRune(c)
			}
		default:
			b.WriteRune(c)
		}
		prev = c
	}
	return b.String()
}

// escapeLineStart writes s's block-opening prefix escaped (a heading #,
// quote >, bullet - or +, setext =, or an ordered-list number "12." / "12)")
// and returns the rest of s.
func escapeLineStart(b *strings.Builder, s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '#', '>', '-', '+', '=':
		b.WriteByte('\\')
		b.WriteByte(s[0])
		return s[1:]
	}
	n := 0
	for n < len(s) && n < 10 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n > 0 && n < 10 && n < len(s) && (s[n] == '.' || s[n] == ')') {
		b.WriteString(s[:n])
		b.WriteByte('\\')
		b.WriteByte(s[n])
		return s[n+1:]
	}
	return s
}

func wordChar(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }

// entityAhead reports whether s (the text after an &) starts like an HTML
// entity reference ("amp;", "#39;"), which Markdown would decode.
func entityAhead(s string) bool {
	for i := 0; i < len(s) && i < 32; i++ {
		c := s[i]
		switch {
		case c == ';':
			return i > 0
		case c == '#' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		default:
			return false
		}
	}
	return false
}
