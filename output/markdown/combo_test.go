package markdown

import (
	"flag"
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/rolepack/rolepack/doc"
)

var exhaustive = flag.Bool("exhaustive", false, "also try every triple of styled runs (slow)")

// styledText is text with the style of each non-space character, as
// "c/style" pairs, so two renderings compare character by character.
func styledText(runs []doc.Inline) string {
	var b strings.Builder
	for _, r := range runs {
		for _, c := range r.Text {
			if !unicode.IsSpace(c) {
				fmt.Fprintf(&b, "%c%d", c, r.Style)
			}
		}
	}
	return b.String()
}

// readStyled parses one paragraph of Markdown with GFM and returns its
// styledText, taking emphasis from * delimiters and from <strong>/<em>.
func readStyled(md string) string {
	root, src := parse(md)
	p := root.FirstChild()
	if p == nil || p.Kind() != ast.KindParagraph || p.NextSibling() != nil {
		return "not one paragraph"
	}
	var b strings.Builder
	var bold, italic int
	emit := func(s []byte, code bool) {
		st := doc.Style(0)
		if bold > 0 {
			st |= doc.Bold
		}
		if italic > 0 {
			st |= doc.Italic
		}
		if code {
			st |= doc.Code
		}
		for _, c := range string(s) {
			if !unicode.IsSpace(c) {
				fmt.Fprintf(&b, "%c%d", c, st)
			}
		}
	}
	_ = ast.Walk(p, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch t := n.(type) {
		case *ast.Emphasis:
			d := 1
			if !entering {
				d = -1
			}
			if t.Level == 2 {
				bold += d
			} else {
				italic += d
			}
		case *ast.CodeSpan:
			if entering {
				for k := t.FirstChild(); k != nil; k = k.NextSibling() {
					emit(k.(*ast.Text).Value(src), true)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if entering {
				emit(util.UnescapePunctuations(util.ResolveEntityNames(util.ResolveNumericReferences(t.Value(src)))), false)
			}
		case *ast.AutoLink:
			if entering {
				emit(t.Label(src), false)
			}
		case *ast.RawHTML:
			if entering {
				for i := 0; i < t.Segments.Len(); i++ {
					seg := t.Segments.At(i)
					switch s := string(seg.Value(src)); s {
					case "<strong>":
						bold++
					case "</strong>":
						bold--
					case "<em>":
						italic++
					case "</em>":
						italic--
					default:
						emit([]byte(s), false)
					}
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// TestStyleCombinations puts tricky texts side by side in every combination
// of styles and checks that a GFM reader gets back every character with its
// style.
func TestStyleCombinations(t *testing.T) {
	if testing.Short() {
		t.Skip("long single-goroutine test: make test runs it without -race; the race pass uses -short")
	}
	styles := []doc.Style{0, doc.Bold, doc.Italic, doc.Code, doc.Bold | doc.Italic, doc.Bold | doc.Code, doc.Italic | doc.Code}
	texts := append([]string{"word", "(note)", "“quoted”", "end.", " spaced ", "a*b", "x_y"}, tricky...)
	short := []string{"word", "(n)", " s ", "“q”"}
	fails := 0
	check := func(runs []doc.Inline) {
		md := inline(runs, ctxLineStart)
		if got, want := readStyled(md), styledText(runs); got != want {
			fails++
			if fails < 20 {
				t.Errorf("%+v: wrote %q\nread back %s\nwant      %s", runs, md, got, want)
			}
		}
	}
	for _, a := range texts {
		for _, b := range texts {
			for _, sa := range styles {
				for _, sb := range styles {
					check([]doc.Inline{{Text: a, Style: sa}, {Text: b, Style: sb}})
				}
			}
		}
	}
	if *exhaustive {
		for _, a := range short {
			for _, b := range short {
				for _, c := range short {
					for _, sa := range styles {
						for _, sb := range styles {
							for _, sc := range styles {
								check([]doc.Inline{{Text: a, Style: sa}, {Text: b, Style: sb}, {Text: c, Style: sc}})
							}
						}
					}
				}
			}
		}
	}
	if fails > 0 {
		t.Errorf("%d failures", fails)
	}
}
