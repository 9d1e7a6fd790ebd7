package markdown

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/rolepack/rolepack/render/doc"
)

// TestStyleCombinations puts every pair of tricky texts side by side in
// every pair of styles and checks that a GFM reader gets the text back.
func TestStyleCombinations(t *testing.T) {
	styles := []doc.Style{0, doc.Bold, doc.Italic, doc.Code, doc.Bold | doc.Italic, doc.Bold | doc.Code}
	texts := append([]string{"word", "(note)", "“quoted”", "end.", " spaced "}, tricky...)
	fails := 0
	for _, a := range texts {
		for _, b := range texts {
			for _, sa := range styles {
				for _, sb := range styles {
					runs := []doc.Inline{{Text: a, Style: sa}, {Text: b, Style: sb}}
					md := inline(runs, ctxLineStart)
					root, src := parse(md)
					got := ""
					if p := root.FirstChild(); p != nil && (p.Kind() == ast.KindParagraph) && p.NextSibling() == nil {
						got = plain(p, src)
					}
					want := strings.Join(strings.Fields(doc.PlainText(runs)), " ")
					if strings.Join(strings.Fields(got), " ") != want {
						fails++
						if fails < 30 {
							t.Errorf("%q(%d) + %q(%d): wrote %q, read back %q", a, sa, b, sb, md, got)
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
