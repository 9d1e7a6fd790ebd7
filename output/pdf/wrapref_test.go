package pdf

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/doc"
)

// This file keeps the wrapping the writer had before it read words as a
// stream (every run split into a list of word, space and break tokens
// first, then the tokens set in lines), as the reference the single-pass
// wrap and measure are checked against: the same lines, fragments,
// widths to the last bit and sources, so the same bytes on the page.

type refToken struct {
	kind   int
	pieces []frag
	w      float64
}

func (r *renderer) refTokens(runs []doc.Inline, size float64, base doc.Style) []refToken {
	var toks []refToken
	for _, run := range runs {
		if run.Break {
			toks = append(toks, refToken{kind: tkBreak})
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
					toks = append(toks, refToken{kind: tkSpace, pieces: []frag{sp}, w: sp.w})
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
				toks = append(toks, refToken{kind: tkWord, pieces: []frag{p}, w: p.w})
			}
		}
	}
	return toks
}

func (r *renderer) refWrap(runs []doc.Inline, width, size float64, base doc.Style) []line {
	toks := r.refTokens(runs, size, base)
	var lines []line
	var cur line
	var pending *refToken
	const eps = 0.01
	flush := func() {
		lines = append(lines, cur)
		cur = line{}
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
				for _, p := range t.pieces {
					f := r.faces[faceOf(p.style)]
					sz := sizeFor(p.style, size)
					start, acc := 0, 0.0
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
	return lines
}

func (r *renderer) refMeasure(runs []doc.Inline, size float64, base doc.Style) (minW, maxW float64) {
	lineW, pend := 0.0, 0.0
	for _, t := range r.refTokens(runs, size, base) {
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

// sameLines reports how got differs from want, or "".
func sameLines(got, want []line) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d lines, want %d", len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.w != w.w || g.space != w.space || len(g.frags) != len(w.frags) {
			return fmt.Sprintf("line %d: w %v space %v %d frags, want w %v space %v %d frags (%q, want %q)",
				i, g.w, g.space, len(g.frags), w.w, w.space, len(w.frags), lineText(g), lineText(w))
		}
		for j := range g.frags {
			// src and off say where a fragment's text was cut from,
			// so that touching pieces join by slicing; a piece read
			// before its run was cleaned (words.read cleans a run
			// when it meets a character the face lacks) points into
			// the run's own text, whose characters up to there are
			// the cleaned text's. The text, style, link and width
			// are what is drawn, and must be the same.
			gf, wf := g.frags[j], w.frags[j]
			gf.src, gf.off, wf.src, wf.off = "", 0, "", 0
			if gf != wf {
				return fmt.Sprintf("line %d frag %d: %+v, want %+v", i, j, g.frags[j], w.frags[j])
			}
		}
	}
	return ""
}

// checkWrap compares wrap and measure with the reference on runs at a
// few widths and sizes.
func checkWrap(t *testing.T, r *renderer, name string, runs []doc.Inline) {
	t.Helper()
	for _, size := range []float64{bodySize, tableSize} {
		for _, base := range []doc.Style{0, doc.Bold} {
			for _, width := range []float64{3, 12, 40, 75.5, 170, 1e6} {
				if d := sameLines(r.wrap(runs, width, size, base), r.refWrap(runs, width, size, base)); d != "" {
					t.Fatalf("%s, width %v size %v base %v: %s", name, width, size, base, d)
				}
			}
			gMin, gMax := r.measure(runs, size, base)
			wMin, wMax := r.refMeasure(runs, size, base)
			if gMin != wMin || gMax != wMax {
				t.Fatalf("%s, size %v: measure %v %v, want %v %v", name, size, gMin, gMax, wMin, wMax)
			}
		}
	}
}

// documentRuns is every run list of blocks: paragraphs, headings, list
// items' and table cells' text.
func documentRuns(blocks []doc.Block) [][]doc.Inline {
	var out [][]doc.Inline
	for _, b := range blocks {
		switch b := b.(type) {
		case *doc.Paragraph:
			out = append(out, b.Text)
		case *doc.Heading:
			out = append(out, b.Text)
		case *doc.List:
			for _, it := range b.Items {
				out = append(out, documentRuns(it.Blocks)...)
			}
		case *doc.Table:
			for _, c := range b.Header {
				out = append(out, c.Text)
			}
			for _, row := range b.Rows {
				for _, c := range row {
					out = append(out, c.Text)
				}
			}
		}
	}
	return out
}

// TestWrapMatchesReference: the single-pass wrap sets the sample
// documents' text, and text made to find the edge cases (spaces at the
// start and end of runs, runs of spaces, empty runs, breaks, words
// touching across styles and links, words wider than the line, runes the
// fonts lack), exactly as the token list did.
func TestWrapMatchesReference(t *testing.T) {
	w, err := writer()
	if err != nil {
		t.Fatal(err)
	}
	r := newRenderer(w, &doc.Document{})
	for name, d := range map[string]*doc.Document{"jd": sampleJD(), "landscape": landscapeDoc(), "chart": chartDoc()} {
		for i, runs := range documentRuns(d.Blocks) {
			checkWrap(t, r, fmt.Sprintf("%s run list %d", name, i), runs)
		}
	}
	rng := rand.New(rand.NewPCG(30, 2))
	pieces := []string{" ", "  ", "", "a", "word", "Data", "engineering,", "ŵ£–", "\t", "\u200b", "✓", "x\ny",
		"averyveryverylongwordthatcannotfitonanarrowline", " lead", "trail ", " both ", "e.g."}
	styles := []doc.Style{0, doc.Bold, doc.Italic, doc.Bold | doc.Italic, doc.Code}
	links := []string{"", "", "https://example.org", "#s1"}
	for i := range 3000 {
		n := 1 + rng.IntN(8)
		runs := make([]doc.Inline, n)
		for j := range runs {
			if rng.IntN(10) == 0 {
				runs[j] = doc.Inline{Break: true}
				continue
			}
			var b strings.Builder
			for range 1 + rng.IntN(5) {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			runs[j] = doc.Inline{Text: b.String(), Style: styles[rng.IntN(len(styles))], Link: links[rng.IntN(len(links))]}
		}
		checkWrap(t, r, fmt.Sprintf("random %d %+v", i, runs), runs)
	}
}

// FuzzWrapMatchesReference is TestWrapMatchesReference on text the fuzzer
// makes: two runs, the second bold, with a break between them when
// brk is set.
func FuzzWrapMatchesReference(f *testing.F) {
	f.Add("A word, then  two spaces", " and bold.", false)
	f.Add(" lead", "trail ", true)
	f.Add("averyveryverylongwordthatcannotfit", "", false)
	w, err := writer()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, a, b string, brk bool) {
		r := newRenderer(w, &doc.Document{})
		runs := []doc.Inline{{Text: a}}
		if brk {
			runs = append(runs, doc.Inline{Break: true})
		}
		runs = append(runs, doc.Inline{Text: b, Style: doc.Bold, Link: "https://example.org"})
		checkWrap(t, r, fmt.Sprintf("%+v", runs), runs)
	})
}

// TestCleanMatchesReference: clean's check without decoding ASCII finds
// the same text printable as checking every rune did (the old check),
// for every face, on every ASCII byte, runes the fonts lack and bytes
// that are not UTF-8.
func TestCleanMatchesReference(t *testing.T) {
	w, err := writer()
	if err != nil {
		t.Fatal(err)
	}
	printable := func(f *face, s string) bool {
		for _, r := range s {
			if !f.has(r) {
				return false
			}
		}
		return true
	}
	var cases []string
	for c := range 0x80 {
		cases = append(cases, "ab"+string(rune(c))+"cd")
	}
	cases = append(cases, "", "plain text", "ŵ£–’", "\u2713 ok", "\xff\xfe", "a\xe2\x80", "\u00ad", "\U0001F600", "tab\there")
	for fi, f := range w.faces {
		for _, s := range cases {
			// The slow path changes every rune the check refuses, so the
			// text comes back as it is exactly when the check passes it.
			if got, want := f.clean(s), printable(f, s); (got == s) != want {
				t.Errorf("face %d: clean(%q) = %q; the rune check finds it printable: %v", fi, s, got, want)
			}
		}
	}
}
