package lint

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/doc"
)

// TestEnglishRulesForEnglishTextOnly: in a Welsh document the English
// rules (spelling, here) check the framework's English text and leave the
// Welsh alone; in an English document the same Welsh words are unknown.
func TestEnglishRulesForEnglishTextOnly(t *testing.T) {
	text := func(s string) []doc.Inline { return []doc.Inline{{Text: s}} }
	build := func(lang string) *doc.Document {
		return &doc.Document{Meta: doc.Meta{Language: lang}, Blocks: []doc.Block{
			&doc.Heading{Level: 2, Text: text("Prif gyfrifoldebau")},
			&doc.Paragraph{Text: text("Mae'r fanyleb person yn nodi'r 16 maen prawf y byddwn yn eu hasesu, a sut rydym yn asesu pob un.")},
			&doc.Paragraph{Text: text("You will lead the team and the delivary of data services for the organisation.")},
			&doc.Paragraph{Text: text("Y dyddiad cau yw 14 Rhagfyr 2026. Tŷ Gŵyr.")},
		}}
	}
	spelling := func(d *doc.Document) []string {
		var out []string
		for _, f := range CheckDocument("jd.md", d, nil) {
			if f.Category == Spelling {
				out = append(out, f.Message)
			}
		}
		return out
	}
	cy := strings.Join(spelling(build("cy")), "\n")
	if !strings.Contains(cy, `"delivary"`) {
		t.Errorf("cy: the English paragraph's misspelling was not found:\n%s", cy)
	}
	for _, w := range []string{"fanyleb", "hasesu", "dyddiad", "Rhagfyr", "Gŵyr"} {
		if strings.Contains(cy, w) {
			t.Errorf("cy: a Welsh word was spell-checked as English: %s\n%s", w, cy)
		}
	}
	if en := strings.Join(spelling(build("en-GB")), "\n"); !strings.Contains(en, "fanyleb") {
		t.Errorf("en-GB: every text is checked, the Welsh too:\n%s", en)
	}
}

func TestReadsAsEnglish(t *testing.T) {
	for s, want := range map[string]bool{
		"Inspire best practice for data products and services within your teams.":         true,
		"Mae angen y sgiliau a'r wybodaeth hyn ar gyfer y rôl:":                           false,
		"Rheoli'r ddogfen: Fersiwn 1.0 · 3 Rhagfyr 2026 · Perchennog: Data and Analytics": false,
		"Data modelling": false, // too short to tell: left to rolepack lint of the framework
		"Tŷ Gŵyr":        false,
	} {
		if got := readsAsEnglish(s); got != want {
			t.Errorf("readsAsEnglish(%q) = %v, want %v", s, got, want)
		}
	}
	for tag, want := range map[string]bool{"": true, "en-GB": true, "en": true, "cy": false, "cy-GB": false, "cy_GB": false} {
		if got := englishTag(tag); got != want {
			t.Errorf("englishTag(%q) = %v", tag, got)
		}
	}
}
