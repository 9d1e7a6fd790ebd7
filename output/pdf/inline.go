package pdf

import (
	"strings"
	"unicode/utf8"

	"github.com/rolepack/rolepack/doc"
)

// frag is a piece of a laid-out line in one style: text, style, link, language and
// width in millimetres. When the text is a slice of a longer string (the
// run it was cut from), src is that string and off where text starts in
// it, so that touching pieces of one run join by slicing src, without
// copying.
type frag struct {
	text  string
	style doc.Style
	link  string
	lang  string // the run's language when not the text around it (doc.Inline's Lang)
	w     float64
	src   string
	off   int
}

// withSpace is fr's text followed by a space.
func (fr *frag) withSpace() string {
	if t, ok := fr.extended(" "); ok {
		return t
	}
	return fr.text + " "
}

// extended is fr's text followed by the bytes after it in its source, if
// they are s; ok is false when they are not (or fr has no source).
func (fr *frag) extended(s string) (text string, ok bool) {
	end := fr.off + len(fr.text)
	if fr.src == "" || end+len(s) > len(fr.src) || fr.src[end:end+len(s)] != s {
		return "", false
	}
	return fr.src[fr.off : end+len(s)], true
}

// line is one laid-out line of text.
type line struct {
	frags []frag
	w     float64
	// space says the line ended at a space or a hard break, which the
	// text goes on after; a tagged PDF keeps it in the text (not in w), so
	// that words either side of the break do not run together when the
	// text is extracted or read aloud.
	space bool
}

// add appends p to the line, merging it with the last fragment when the
// style and link are the same.
func (l *line) add(p frag) {
	if n := len(l.frags); n > 0 && l.frags[n-1].style == p.style && l.frags[n-1].link == p.link && l.frags[n-1].lang == p.lang {
		last := &l.frags[n-1]
		if last.src != "" && p.src == last.src && p.off == last.off+len(last.text) {
			last.text = last.src[last.off : p.off+len(p.text)] // touching in the same run
		} else {
			last.text += p.text
			last.src = ""
		}
		last.w += p.w
	} else {
		l.frags = append(l.frags, p)
	}
	l.w += p.w
}

// Token kinds.
const (
	tkNone  = iota // nothing read yet
	tkWord         // an unbreakable box: one or more styled pieces with no space between
	tkSpace        // a breakable space
	tkBreak        // a hard line break
)

// sizeFor is the point size of a run of style st in text of size size.
func sizeFor(st doc.Style, size float64) float64 {
	if st&doc.Code != 0 {
		return size * codeScale
	}
	return size
}

// words reads runs as a stream of words, spaces and breaks, measured at
// size, without listing them first: wrap and measure take each as it
// comes. Words that touch across a style change ("**bold**,") are one
// word of several pieces. Spaces only follow a word: spaces at the start,
// after a break and after another space are dropped.
type words struct {
	r    *renderer
	size float64
	base doc.Style
	next int // the next run

	// The run being read: its style, link, face, size and cleaned text,
	// the width of a space in it, and where in its text reading is.
	st     doc.Style
	link   string
	lang   string
	f      *face
	sz     float64
	spaceW float64
	src    string
	pos    int
	// cleaned says src is the run's text as face.clean made it; before,
	// it is the text as it stands, which face.clean keeps as it is up to
	// the first character the face lacks.
	cleaned bool

	// The token read by the last call of read.
	kind   int
	pieces []frag // tkWord: the word's pieces (room kept in the scratch)
	space  frag   // tkSpace, or tkWord with spaceAfter: the space
	w      float64
	// spaceAfter says a tkWord was followed by a space, which read read
	// with it into space (the token the next call would have given).
	spaceAfter bool
}

// start readies ws to read runs (given to every read) at size with base
// style base, the pieces of a word kept in pieces' room. The runs are not
// kept in ws, so that runs a caller makes for one call (fitLine's) need
// not move to the heap.
func (ws *words) start(r *renderer, size float64, base doc.Style, pieces []frag) {
	*ws = words{r: r, size: size, base: base, pieces: pieces[:0]}
}

// read reads the next token into ws.kind, ws.pieces or ws.space, and
// ws.w; it is false at the end of the runs. A word ends at a space, a
// break or the end of the runs, which the next call reads, but for a
// space: that is read with the word (spaceAfter), as the next call would
// read it, saving the call.
func (ws *words) read(runs []doc.Inline) bool {
	last := ws.kind
	if ws.spaceAfter {
		last, ws.spaceAfter = tkSpace, false
	}
	ws.pieces = ws.pieces[:0]
	ws.w = 0
	for {
		if ws.pos == len(ws.src) {
			if ws.next == len(runs) {
				if len(ws.pieces) > 0 {
					ws.kind = tkWord
					return true
				}
				return false
			}
			run := &runs[ws.next]
			if run.Break {
				if len(ws.pieces) > 0 {
					ws.kind = tkWord
					return true // the break is read next
				}
				ws.next++
				ws.kind = tkBreak
				return true
			}
			ws.next++
			ws.st = run.Style | ws.base
			ws.link, ws.lang = run.Link, run.Lang
			ws.f = ws.r.faces[faceOf(ws.st)]
			ws.sz = sizeFor(ws.st, ws.size)
			ws.spaceW = ws.f.width(" ", ws.sz)
			// The text is cleaned (face.clean) only when measuring
			// it meets a character the face lacks: until then the
			// cleaned text is the text.
			ws.src, ws.cleaned = run.Text, false
			ws.pos = 0
			continue
		}
		text := ws.src[ws.pos:]
		if text[0] == ' ' {
			word := len(ws.pieces) > 0
			off := ws.pos
			ws.pos++
			for ws.pos < len(ws.src) && ws.src[ws.pos] == ' ' {
				ws.pos++
			}
			if word {
				// The word ends here; the space after it is the
				// token the next call would read (last is tkWord).
				ws.space = frag{text: ws.src[off : off+1], style: ws.st, link: ws.link, lang: ws.lang, w: ws.spaceW, src: ws.src, off: off}
				ws.kind, ws.spaceAfter = tkWord, true
				return true
			}
			if last == tkWord {
				ws.space = frag{text: ws.src[off : off+1], style: ws.st, link: ws.link, lang: ws.lang, w: ws.spaceW, src: ws.src, off: off}
				ws.kind, ws.w = tkSpace, ws.spaceW
				return true
			}
			continue
		}
		// A word, up to the next space, measured as it is read, as
		// face.width measures it.
		widths, bw := ws.f.widths, ws.f.bytes
		em, n := 0, 0
		lacks := false // a character the face lacks (face.has), in text not yet cleaned
		for n < len(text) {
			c := text[n]
			if v := bw[c]; v != stopByte {
				em += int(v) // ASCII the face has, not a space
				n++
				continue
			}
			if c < utf8.RuneSelf {
				if c == ' ' {
					break
				}
				wc := widths.at(rune(c))
				lacks = lacks || wc == 0
				em += int(wc)
				n++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[n:])
			if r < 0x10000 {
				wc := widths.at(r)
				lacks = lacks || wc == 0
				em += int(wc)
			} else {
				lacks = true
			}
			n += size
		}
		if lacks && !ws.cleaned {
			// Clean the run and read this word again from where it
			// starts: up to the first character cleaning changes,
			// the cleaned text is the same.
			ws.src, ws.cleaned = ws.f.clean(ws.src), true
			continue
		}
		w := emWidth(em, ws.sz)
		ws.pieces = append(ws.pieces, frag{text: text[:n], style: ws.st, link: ws.link, lang: ws.lang, w: w, src: ws.src, off: ws.pos})
		ws.w += w
		ws.pos += n
		if n < len(text) {
			// A space ends the word in this run (the loop's next
			// step would find it): read it with the word here.
			src, off := ws.src, ws.pos
			ws.pos++
			for ws.pos < len(src) && src[ws.pos] == ' ' {
				ws.pos++
			}
			ws.space = frag{text: src[off : off+1], style: ws.st, link: ws.link, lang: ws.lang, w: ws.spaceW, src: src, off: off}
			ws.kind, ws.spaceAfter = tkWord, true
			return true
		}
	}
}

// lineBuilder builds wrapped lines: every line's fragments one after
// another in frags, the lines in lines, each ending where ends says.
type lineBuilder struct {
	frags []frag
	lines []line
	ends  []int
	start int     // where the current line's fragments start in frags
	w     float64 // the current line's width
}

// empty reports whether the current line has nothing on it.
func (b *lineBuilder) empty() bool { return len(b.frags) == b.start }

// add appends p to the current line, merging it with the line's last
// fragment when the style and link are the same.
func (b *lineBuilder) add(p *frag) {
	if n := len(b.frags); n > b.start && b.frags[n-1].style == p.style && b.frags[n-1].link == p.link && b.frags[n-1].lang == p.lang {
		last := &b.frags[n-1]
		if last.src != "" && p.src == last.src && p.off == last.off+len(last.text) {
			last.text = last.src[last.off : p.off+len(p.text)] // touching in the same run
		} else {
			last.text += p.text
			last.src = ""
		}
		last.w += p.w
	} else {
		b.frags = append(b.frags, *p)
	}
	b.w += p.w
}

// join adds the space sp and the word p after it to the current line, as
// add(sp) then add(p) would, when both merge with the line's last
// fragment: the same style and link, touching it in the same run. It
// reports whether it did; if not, the line is as it was.
func (b *lineBuilder) join(sp, p *frag) bool {
	n := len(b.frags)
	if n == b.start {
		return false
	}
	last := &b.frags[n-1]
	if last.src == "" || sp.off != last.off+len(last.text) || p.off != sp.off+len(sp.text) ||
		sp.style != last.style || p.style != last.style || sp.link != last.link || p.link != last.link ||
		sp.src != last.src || p.src != last.src {
		return false
	}
	last.text = last.src[last.off : p.off+len(p.text)]
	last.w += sp.w
	last.w += p.w
	b.w += sp.w
	b.w += p.w
	return true
}

// joinWords sets the words after space (the space read with the line's
// last word) on the current line as wrap's loop would, reading none as a
// token, while each is ASCII the face has, wholly in the run, followed by a
// space in it, one space after the word before it, and fits in width:
// each, with the space before it, is joined to the line's last fragment,
// as join does. It stops at the first word that is not so, leaving the
// reader, space and the line as wrap's loop would have them after the
// word before, so that the loop reads that word next.
func (ws *words) joinWords(b *lineBuilder, space *frag, width float64) {
	const eps = 0.01 // wrap's
	n := len(b.frags)
	if n == b.start {
		return
	}
	// space is the current run's (read reads the space after a word
	// with it): its source, style and link are the run's.
	last := &b.frags[n-1]
	src := ws.src
	if last.src == "" || last.off+len(last.text) != space.off || last.style != space.style ||
		last.link != space.link || last.src != src {
		return
	}
	pos, off, lineW, lastW := joinRun(src, ws.pos, space.off, ws.f.bytes, ws.sz, space.w, b.w, last.w, width+eps)
	if off == space.off {
		return
	}
	last.text, last.w, b.w = src[last.off:off], lastW, lineW
	space.text, space.off = src[off:off+1], off
	ws.pos = pos
}

// joinRun is joinWords' loop over the words of src after the space at off
// (pos is where the word after it starts), with the line and its last
// fragment lineW and lastW wide, the space sw wide, in text of size sz
// measured by bw, and no line wider than limit: where the reader and the
// last space it joined end, and the widths then, summed in the order join
// sums them. Apart from joinWords so that its few values stay in
// registers.
func joinRun(src string, pos, off int, bw *[256]uint32, sz, sw, lineW, lastW, limit float64) (int, int, float64, float64) {
	for pos == off+1 && pos < len(src) { // one space, and a word after it
		text := src[pos:]
		em, i := 0, 0
		for i < len(text) {
			v := bw[text[i]]
			if v == stopByte {
				break
			}
			em += int(v)
			i++
		}
		if i == 0 || i == len(text) || text[i] != ' ' {
			break // not ASCII the face has, or not followed by a space in the run
		}
		w := emWidth(em, sz)
		if lineW+sw+w > limit {
			break // the loop starts a new line
		}
		lastW += sw
		lastW += w
		lineW += sw
		lineW += w
		off = pos + i
		pos = off + 1
		for pos < len(src) && src[pos] == ' ' {
			pos++
		}
	}
	return pos, off, lineW, lastW
}

// flush ends the current line; space says whether it ended at a space or
// a hard break.
func (b *lineBuilder) flush(space bool) {
	b.lines = append(b.lines, line{w: b.w, space: space})
	b.ends = append(b.ends, len(b.frags))
	b.start, b.w = len(b.frags), 0
}

// wrapText is wrap for runs of the document (which stay as they are while
// it is written): the lines are worked out once, and the same lines
// returned to every later call, so the caller must not change them.
func (r *renderer) wrapText(runs []doc.Inline, width, size float64, base doc.Style) []line {
	if len(runs) == 0 || r.wraps == nil {
		return r.wrap(runs, width, size, base)
	}
	key := wrapKey{&runs[0], len(runs), width, size, base}
	if lines, ok := r.wraps[key]; ok {
		return lines
	}
	lines := r.wrap(runs, width, size, base)
	r.wraps[key] = lines
	return lines
}

// wrapKey identifies runs of the document wrapped in some width, size and
// base style.
type wrapKey struct {
	runs        *doc.Inline // the first run
	n           int         // the number of runs
	width, size float64
	base        doc.Style
}

// wrap lays runs out in lines no wider than width (millimetres), breaking
// at spaces and, for words longer than a line, between characters. It
// reads the words once, as they come, and builds the lines in the
// scratch's room, then moves their fragments to the room wrapped lines
// are kept in.
func (r *renderer) wrap(runs []doc.Inline, width, size float64, base doc.Style) []line {
	sc := r.sc
	var ws words
	ws.start(r, size, base, sc.pieces)
	defer func() { sc.pieces = ws.pieces[:0] }()
	b := &sc.build
	b.frags, b.lines, b.ends, b.start, b.w = b.frags[:0], b.lines[:0], b.ends[:0], 0, 0
	pending := false // a space read after the line's last word, not yet on the line
	var space frag
	const eps = 0.01
	for ws.read(runs) {
		switch ws.kind {
		case tkBreak:
			b.flush(true)
			pending = false
		case tkSpace:
			if !b.empty() {
				pending, space = true, ws.space
			}
		case tkWord:
			sp := 0.0
			if pending {
				sp = space.w
			}
			if !b.empty() && b.w+sp+ws.w > width+eps {
				b.flush(pending)
				pending = false
			}
			switch {
			case pending && len(ws.pieces) == 1 && b.join(&space, &ws.pieces[0]):
				// The usual case: the space and word after the line's
				// last word in its run.
			case pending:
				b.add(&space)
				for i := range ws.pieces {
					b.add(&ws.pieces[i])
				}
			case b.empty() && ws.w > width+eps:
				r.splitWord(ws.pieces, width, size, b)
			default:
				for i := range ws.pieces {
					b.add(&ws.pieces[i])
				}
			}
			pending = false
			if ws.spaceAfter && !b.empty() { // the space read with the word
				pending, space = true, ws.space
				ws.joinWords(b, &space, width)
			}
		}
	}
	if !b.empty() {
		b.flush(false)
	}
	room := sc.fragRoom(len(b.frags))
	copy(room, b.frags)
	sc.keepFrags(len(b.frags))
	start := 0
	for i, end := range b.ends {
		b.lines[i].frags = room[start:end:end]
		start = end
	}
	return sc.keepLines(b.lines)
}

// splitWord sets a word wider than a line character by character, starting
// new lines as they fill.
func (r *renderer) splitWord(pieces []frag, width, size float64, b *lineBuilder) {
	for _, p := range pieces {
		f := r.faces[faceOf(p.style)]
		sz := sizeFor(p.style, size)
		start := 0
		acc := 0.0
		for i, c := range p.text {
			cw := f.width(string(c), sz)
			if b.w+acc+cw > width && (!b.empty() || i > start) {
				if i > start {
					c := p.cut(start, i, acc)
					b.add(&c)
				}
				b.flush(false)
				start, acc = i, 0
			}
			acc += cw
		}
		if start < len(p.text) {
			c := p.cut(start, len(p.text), acc)
			b.add(&c)
		}
	}
}

// cut is the part [i, j) of p's text, w wide.
func (p frag) cut(i, j int, w float64) frag {
	c := frag{text: p.text[i:j], style: p.style, link: p.link, lang: p.lang, w: w}
	if p.src != "" {
		c.src, c.off = p.src, p.off+i
	}
	return c
}

// measure returns the width of the widest word and the width of the widest
// hard line of runs: the least and the most a table column needs.
func (r *renderer) measure(runs []doc.Inline, size float64, base doc.Style) (minW, maxW float64) {
	lineW := 0.0
	pend := 0.0
	var ws words
	ws.start(r, size, base, r.sc.pieces)
	defer func() { r.sc.pieces = ws.pieces[:0] }()
	for ws.read(runs) {
		switch ws.kind {
		case tkBreak:
			lineW, pend = 0, 0
		case tkSpace:
			pend = ws.w
		case tkWord:
			minW = max(minW, ws.w)
			if lineW > 0 {
				lineW += pend
			}
			lineW += ws.w
			pend = 0
			maxW = max(maxW, lineW)
			if ws.spaceAfter {
				pend = ws.space.w // the space read with the word
			}
		}
	}
	return minW, maxW
}

// ellipsis shortens ln to fit width, ending it with "…"; with force it adds
// the ellipsis even if the line fits (the text continues beyond it).
func (r *renderer) ellipsis(ln line, width, size float64, force bool) line {
	if ln.w <= width && !force {
		return ln
	}
	const dots = "…"
	var out line
	for _, fr := range ln.frags {
		f := r.faces[faceOf(fr.style)]
		sz := sizeFor(fr.style, size)
		dw := f.width(dots, sz)
		if out.w+fr.w+dw <= width {
			out.add(fr)
			continue
		}
		text := fr.text
		for text != "" && out.w+f.width(text, sz)+dw > width {
			_, n := utf8.DecodeLastRuneInString(text)
			text = text[:len(text)-n]
		}
		text = strings.TrimRight(text, " ")
		out.add(frag{text: text + dots, style: fr.style, link: fr.link, lang: fr.lang, w: f.width(text+dots, sz)})
		return out
	}
	if n := len(out.frags); n > 0 {
		last := &out.frags[n-1]
		f := r.faces[faceOf(last.style)]
		sz := sizeFor(last.style, size)
		last.text = strings.TrimRight(last.text, " ") + dots
		out.w -= last.w
		last.w = f.width(last.text, sz)
		out.w += last.w
	}
	return out
}

// drawLine draws one laid-out line in a box of width boxW at (x, y), h high.
func (r *renderer) drawLine(ln line, x, y, h float64, ts textStyle, align doc.Align, boxW float64) {
	switch align {
	case doc.AlignRight:
		x += boxW - ln.w
	case doc.AlignCenter:
		x += (boxW - ln.w) / 2
	}
	for i, fr := range ln.frags {
		if i == len(ln.frags)-1 && ln.space && r.tag != nil && fr.link == "" {
			fr.text = fr.withSpace() // drawn beyond the line's end, where it shows nothing
		}
		if _, live := doc.LiveLink(fr.link); !live {
			fr.link = "" // only http, https, mailto and #anchor links are live
		}
		link := fr.link != ""
		inLink, inSpan := false, false
		switch {
		case link:
			inLink = r.enterLink(fr.link) // a link's text keeps the language around it
		case fr.lang != "":
			inSpan = r.enterSpan(fr.lang)
		default:
			r.textContent()
		}
		r.setFont(faceOf(fr.style), sizeFor(fr.style, ts.size), link)
		if link {
			r.textColor(colLink)
		} else {
			r.textColor(ts.color)
		}
		target, annots := fr.link, 0
		if link {
			if r.inArtifact() {
				target = "" // a link annotation must be in the structure, which artifacts are not
			}
			annots = r.pdf.LinkAnnotationCount(r.pdf.PageNo())
		}
		r.pdf.SetXY(x, y)
		r.pdf.CellFormat(fr.w, h, fr.text, "", 0, "L", false, 0, target)
		if link && i == len(ln.frags)-1 && ln.space && r.tag != nil {
			// The space after a link that ends the line, not underlined.
			r.setFont(faceOf(fr.style), sizeFor(fr.style, ts.size), false)
			r.pdf.SetXY(x+fr.w, y)
			r.pdf.CellFormat(1, h, " ", "", 0, "L", false, 0, "")
			fr.text = fr.withSpace()
		}
		if link {
			r.linkDrawn(annots, fr.text)
		}
		if inLink {
			r.leaveLink()
		}
		if inSpan {
			r.leaveSpan()
		}
		x += fr.w
	}

}
