package doc

import (
	"reflect"
	"strings"
	"testing"
)

// langRuns is runs as (text, lang) pairs, for comparing.
func langRuns(runs []Inline) [][2]string {
	var out [][2]string
	for _, r := range runs {
		if r.Break {
			out = append(out, [2]string{"\n", ""})
			continue
		}
		out = append(out, [2]string{r.Text, r.Lang})
	}
	return out
}

// An English skill's name quoted in a Welsh sentence is tagged, and only
// it; a phrase of one word is not looked for in other text ("Data" in
// "Deddf Diogelu Data"); a Welsh label over a line of English is left
// Welsh; a run cut keeps its style; a tagged block is not looked into.
func TestMarkRuns(t *testing.T) {
	en := NewPhrases([]string{"Data engineering", "Data", "Example Health."})
	own := NewPhrases([]string{"Cwestiwn a awgrymir", "Rhaid i chi"})
	isEnglish := func(s string) bool { return strings.Contains(s, "Tell us") || s == "Degree in a subject" }
	p := &Paragraph{Text: []Inline{{Text: "Rhaid i chi ddangos sgiliau "}, {Text: "data engineering", Style: Bold}, {Text: " yn ôl Deddf Diogelu Data 2018."}}}
	q := &Paragraph{Text: []Inline{{Text: "Degree in a subject"}, {Break: true}, {Text: "Hanfodol"}, {Break: true}, {Text: "Cwestiwn a awgrymir:", Style: Italic}, {Text: " Tell us about a time."}}}
	c := &Paragraph{Text: []Inline{{Text: "Perchennog: Example Health", Style: Italic}}}
	tagged := &Lang{Tag: "en-GB", Blocks: []Block{&Paragraph{Text: []Inline{{Text: "Data engineering"}}}}}
	d := &Document{Meta: Meta{Language: "cy"}, Blocks: []Block{p, q, c, tagged}}
	d.MarkRuns("en-GB", en, own, isEnglish)
	for _, c := range []struct {
		got  []Inline
		want [][2]string
	}{
		{p.Text, [][2]string{{"Rhaid i chi ddangos sgiliau ", ""}, {"data engineering", "en-GB"}, {" yn ôl Deddf Diogelu Data 2018.", ""}}},
		{q.Text, [][2]string{{"Degree in a subject", "en-GB"}, {"\n", ""}, {"Hanfodol", ""}, {"\n", ""}, {"Cwestiwn a awgrymir:", ""}, {" ", ""}, {"Tell us about a time.", "en-GB"}}},
		{c.Text, [][2]string{{"Perchennog: ", ""}, {"Example Health", "en-GB"}}},
		{tagged.Blocks[0].(*Paragraph).Text, [][2]string{{"Data engineering", ""}}},
	} {
		if got := langRuns(c.got); !reflect.DeepEqual(got, c.want) {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
	if p.Text[1].Style != Bold || c.Text[0].Style != Italic || c.Text[1].Style != Italic {
		t.Errorf("a cut run lost its style: %+v %+v", p.Text, c.Text)
	}
}

// Cutting runs where a part in another language begins and ends does
// not change how they measure: the layout wraps and sizes the text as
// before.
func TestMeasureRunsCutForLanguage(t *testing.T) {
	whole := []Inline{{Text: "Perchennog: Data and Analytics, Example Health Data Service"}, {Break: true}, {Text: "Fersiwn", Style: Bold}}
	cut := []Inline{{Text: "Perchennog: "}, {Text: "Data and Analytics", Lang: "en-GB"}, {Text: ", "}, {Text: "Example Health Data Service", Lang: "en-GB"}, {Break: true}, {Text: "Fersiwn", Style: Bold}}
	w1, l1 := measureRuns(whole, 10, false)
	w2, l2 := measureRuns(cut, 10, false)
	if w1 != w2 || l1 != l2 {
		t.Errorf("cut runs measure %v, %v; whole %v, %v", w2, l2, w1, l1)
	}
}

// Covers: every letter inside a phrase; a one-word phrase only in its
// own case.
func TestPhrasesCovers(t *testing.T) {
	p := NewPhrases([]string{"Data engineer", "Senior", "Data"})
	for s, want := range map[string]bool{"Data engineer, Senior": true, "data engineer": true, "Peiriannydd data": false, "data": false, "12, 3": false, "Data": true} {
		if got := p.Covers(s); got != want {
			t.Errorf("Covers(%q) = %v, want %v", s, got, want)
		}
	}
}
