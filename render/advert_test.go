package render

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/doc"
)

func para(s string) *doc.Paragraph { return &doc.Paragraph{Text: []doc.Inline{{Text: s}}} }

func TestCheckAdvert(t *testing.T) {
	long := strings.Repeat("word ", 31) + "end."
	fill := func(words int) []doc.Block {
		var bs []doc.Block
		for ; words >= 10; words -= 10 {
			bs = append(bs, para("One two three four five six seven eight nine ten."))
		}
		return bs
	}
	for _, tc := range []struct {
		name   string
		blocks []doc.Block
		want   []string
	}{
		{"within limits", fill(500), nil},
		{"too short", fill(120), []string{"advert has 120 words: aim for 400 to 700"}},
		{"too long", fill(800), []string{"advert has 800 words"}},
		{"long sentence in a list", append(fill(450), &doc.List{Items: []doc.ListItem{{Blocks: []doc.Block{para("Short one. " + long)}}}}),
			[]string{`advert sentence of 32 words (over 30): "word word word word word word word word …"`}},
		{"long table cell", append(fill(450), &doc.Table{Header: []doc.Cell{{Text: []doc.Inline{{Text: "Item"}}}}, Rows: [][]doc.Cell{{{Text: []doc.Inline{{Text: long}}}}}}),
			[]string{"advert sentence of 32 words"}},
		{"an abbreviation's stop ends no sentence", append(fill(450), para(strings.Repeat("word ", 16)+"e.g. "+strings.Repeat("word ", 15)+"end.")),
			[]string{`advert sentence of 33 words (over 30)`}},
		{"line break ends no sentence, a full stop does", append(fill(450), &doc.Paragraph{Text: []doc.Inline{{Text: strings.Repeat("a ", 20) + "b."}, {Break: true}, {Text: strings.Repeat("c ", 20)}}}), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := CheckAdvert(&doc.Document{Blocks: tc.blocks})
			if len(got) != len(tc.want) {
				t.Fatalf("warnings %q, want %d", got, len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("warning %q, want it to start %q", got[i], w)
				}
			}
		})
	}
}

func TestMoneyAndDates(t *testing.T) {
	for in, want := range map[float64]string{0: "£0", 45000: "£45,000", 1234567.5: "£1,234,567.50", 999: "£999", 12.05: "£12.05"} {
		if got := money(in); got != want {
			t.Errorf("money(%v) = %q, want %q", in, got, want)
		}
	}
	if got := longDate("2026-12-01"); got != "1 December 2026" {
		t.Errorf("longDate = %q", got)
	}
	if got := longDate("end of December"); got != "end of December" {
		t.Errorf("longDate of free text = %q", got)
	}
	if isoDate("2026-02-30") != "" || isoDate(" 2026-02-03 ") != "2026-02-03" {
		t.Error("isoDate accepts a bad date or rejects a good one")
	}
}
