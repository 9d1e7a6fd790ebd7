package pdf

import (
	"strings"
	"unicode/utf8"

	"github.com/rolepack/rolepack/doc"
)

// frag is a piece of a laid-out line in one style: text, style, link and
// width in millimetres. When the text is a slice of a longer string (the
// run it was cut from), src is that string and off where text starts in
// it, so that touching pieces of one run join by slicing src, without
// copying.
type frag struct {
	text  string
	style doc.Style
	link  string
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
	if n := len(l.frags); n > 0 && l.frags[n-1].style == p.style && l.frags[n-1].link == p.link {
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
	tkWord  = iota // an unbreakable box: one or more styled pieces with no space between
	tkSpace        // a breakable space
	tkBreak        // a hard line break
)

type token struct {
	kind   int
	pieces []frag // tkWord: the styled pieces; tkSpace: the one space
	w      float64
}

// sizeFor is the point size of a run of style st in text of size size.
func sizeFor(st doc.Style, size float64) float64 {
	if st&doc.Code != 0 {
		return size * codeScale
	}
	return size
}

// tokens splits runs into words, spaces and breaks, measured at size.
// Words that touch across a style change ("**bold**,") stay one box.
func (r *renderer) tokens(runs []doc.Inline, size float64, base doc.Style) []token {
	// Every token's pieces start as a one-element window on one backing
	// array (a window's capacity ends at its element, so appending a touching
	// piece copies that window out rather than overwriting the next): one
	// allocation for the pieces of a paragraph instead of one a word.
	n := 0 // at most a word and a space per space, and a word or break a run
	for _, run := range runs {
		n += 2*strings.Count(run.Text, " ") + 1
	}
	sc := r.sc
	if cap(sc.arena) < n {
		sc.arena = make([]frag, 0, n)
	}
	toks := sc.toks[:0]
	arena := sc.arena[:0]
	piece := func(p frag) []frag {
		arena = append(arena, p)
		k := len(arena)
		return arena[k-1 : k : k]
	}
	for _, run := range runs {
		if run.Break {
			toks = append(toks, token{kind: tkBreak})
			continue
		}
		st := run.Style | base
		f := r.faces[faceOf(st)]
		sz := sizeFor(st, size)
		src := f.clean(run.Text)
		text := src
		for text != "" {
			if text[0] == ' ' {
				if n := len(toks); n > 0 && toks[n-1].kind == tkWord {
					sp := frag{text: text[:1], style: st, link: run.Link, w: f.width(" ", sz), src: src, off: len(src) - len(text)}
					toks = append(toks, token{kind: tkSpace, pieces: piece(sp), w: sp.w})
				}
				text = strings.TrimLeft(text, " ")
				continue
			}
			word, off := text, len(src)-len(text)
			if i := strings.IndexByte(text, ' '); i > 0 {
				word, text = text[:i], text[i:]
			} else {
				text = ""
			}
			p := frag{text: word, style: st, link: run.Link, w: f.width(word, sz), src: src, off: off}
			if n := len(toks); n > 0 && toks[n-1].kind == tkWord {
				toks[n-1].pieces = append(toks[n-1].pieces, p)
				toks[n-1].w += p.w
			} else {
				toks = append(toks, token{kind: tkWord, pieces: piece(p), w: p.w})
			}
		}
	}
	sc.toks = toks[:0] // the scratch space for the next call; the tokens are its caller's until then
	return toks
}

// wrapKey identifies runs of the document wrapped in some width, size and
// base style.
type wrapKey struct {
	runs        *doc.Inline // the first run
	n           int         // the number of runs
	width, size float64
	base        doc.Style
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

// wrap lays runs out in lines no wider than width (millimetres), breaking
// at spaces and, for words longer than a line, between characters.
func (r *renderer) wrap(runs []doc.Inline, width, size float64, base doc.Style) []line {
	toks := r.tokens(runs, size, base)
	// The lines' fragments are windows on one backing array with room for
	// a fragment per change of style or link and one per line (each line
	// may split one); a line that outgrows what is left copies its
	// fragments out.
	total, changes, est := 0.0, 1, 1
	var prev *frag
	for i := range toks {
		total += toks[i].w
		if toks[i].kind == tkBreak {
			est++
		}
		for j := range toks[i].pieces {
			p := &toks[i].pieces[j]
			if prev != nil && (p.style != prev.style || p.link != prev.link) {
				changes++
			}
			prev = p
		}
	}
	if width > 0 {
		est += int(total / width * 1.15)
	}
	sc := r.sc
	backing := sc.fragRoom(changes + est)
	used := 0
	lines := sc.lineBuf[:0]
	cur := line{frags: backing[:0]}
	var pending *token
	const eps = 0.01
	flush := func() {
		n := len(cur.frags)
		if n > 0 && used < len(backing) && &cur.frags[0] == &backing[used] {
			used += n // still on the backing array
		}
		cur.frags = cur.frags[:n:n]
		lines = append(lines, cur)
		cur = line{frags: backing[used:used]}
		pending = nil
	}
	for i := range toks {
		t := &toks[i]
		switch t.kind {
		case tkBreak:
			cur.space = true
			flush()
		case tkSpace:
			if len(cur.frags) > 0 {
				pending = t
			}
		case tkWord:
			sp := 0.0
			if pending != nil {
				sp = pending.w
			}
			if len(cur.frags) > 0 && cur.w+sp+t.w > width+eps {
				cur.space = pending != nil
				flush()
			}
			if pending != nil {
				cur.add(pending.pieces[0])
				pending = nil
			}
			if len(cur.frags) == 0 && t.w > width+eps {
				r.splitWord(t, width, size, &cur, flush)
				continue
			}
			for _, p := range t.pieces {
				cur.add(p)
			}
		}
	}
	if len(cur.frags) > 0 {
		flush()
	}
	sc.keepFrags(used)
	sc.lineBuf = lines
	return sc.keepLines(lines)
}

// splitWord sets a word wider than a line character by character, starting
// new lines as they fill.
func (r *renderer) splitWord(t *token, width, size float64, cur *line, flush func()) {
	for _, p := range t.pieces {
		f := r.faces[faceOf(p.style)]
		sz := sizeFor(p.style, size)
		start := 0
		acc := 0.0
		for i, c := range p.text {
			cw := f.width(string(c), sz)
			if cur.w+acc+cw > width && (len(cur.frags) > 0 || i > start) {
				if i > start {
					cur.add(p.cut(start, i, acc))
				}
				flush()
				start, acc = i, 0
			}
			acc += cw
		}
		if start < len(p.text) {
			cur.add(p.cut(start, len(p.text), acc))
		}
	}
}

// cut is the part [i, j) of p's text, w wide.
func (p frag) cut(i, j int, w float64) frag {
	c := frag{text: p.text[i:j], style: p.style, link: p.link, w: w}
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
	for _, t := range r.tokens(runs, size, base) {
		switch t.kind {
		case tkBreak:
			lineW, pend = 0, 0
		case tkSpace:
			pend = t.w
		case tkWord:
			minW = max(minW, t.w)
			if lineW > 0 {
				lineW += pend
			}
			lineW += t.w
			pend = 0
			maxW = max(maxW, lineW)
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
		out.add(frag{text: text + dots, style: fr.style, link: fr.link, w: f.width(text+dots, sz)})
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
		inLink := false
		if link {
			inLink = r.enterLink(fr.link)
		} else {
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
		x += fr.w
	}

}
