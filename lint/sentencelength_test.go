package lint

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/doc"
)

// words returns the first n words of a plain run of text (at most 33),
// none of them coded or misspelt and none said twice in a row.
func words(n int) string {
	base := strings.Fields("teams build data services that people across the country use every day and we test them with users before release so they work well for all of those who need them most often")
	if n > len(base) {
		panic("words: too many")
	}
	return strings.Join(base[:n], " ")
}

// sentenceLengths returns the sentence-length findings of a Markdown text.
func sentenceLengths(text string) []string {
	var out []string
	for _, f := range Check("x.md", []byte(text), nil) {
		if f.Category == SentenceLength {
			out = append(out, short(f))
		}
	}
	return out
}

// The sentence-length rule counts the words a reader reads as one
// sentence: a run-in label, the thousands of a number and the parts of a
// semicolon list are not a long sentence; a long sentence, a long part of a
// list and two long clauses joined by one semicolon are.
func TestSentenceLengthCountsTheSentence(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       string // the finding, "" for none
	}{
		{"26 words", words(26) + ".\n", "1:1: sentence-length: warning: sentence of 26 words, over 25 (split it)"},
		{"25 words", words(25) + ".\n", ""},
		{"a bold run-in label is not counted", "- **Discussing complex ideas:** " + words(23) + ".\n", ""},
		{"the colon after the label", "- **Discussing complex ideas**: " + words(23) + ".\n", ""},
		{"a long item after its label", "- **Discussing complex ideas:** " + words(26) + ".\n", "1:5: sentence-length: warning: sentence of 26 words, over 25 (split it)"},
		{"bold words without a colon are the sentence's", "- **Discussing complex** ideas " + words(23) + ".\n", "1:5: sentence-length: warning: sentence of 26 words, over 25 (split it)"},
		{"a label outside a list item is counted", "**Discussing complex ideas:** " + words(23) + ".\n", "1:3: sentence-length: warning: sentence of 26 words, over 25 (split it)"},
		{"1,000 is one word", words(24) + " 1,000.\n", ""},
		{"1,000 and 26 words", words(25) + " 1,000.\n", "1:1: sentence-length: warning: sentence of 26 words, over 25 (split it)"},
		{"a list of numbers is not thousands", words(24) + " 1, 000.\n", "1:1: sentence-length: warning: sentence of 26 words, over 25 (split it)"},
		{"a semicolon list of short parts", "What is on offer includes coaching; latest cyber security threats for senior leaders; team dynamics; negotiating and influencing; research assignments; and gaining knowledge of broader IT issues.\n", ""},
		{"two long clauses joined by one semicolon", words(14) + "; " + words(13) + ".\n", "1:1: sentence-length: warning: sentence of 27 words, over 25 (split it)"},
		{"a long part of a semicolon list", "It includes coaching; " + words(26) + "; and mentoring.\n", "1:1: sentence-length: warning: part of a list joined by semicolons of 26 words, over 25 (split it)"},
	} {
		got := strings.Join(sentenceLengths(tc.text), "\n")
		if got != tc.want {
			t.Errorf("%s: %q\ngot  %q\nwant %q", tc.name, tc.text, got, tc.want)
		}
	}
}

// In a document tree, a list item's bold label ending in a colon (as the
// JD writes skills and behaviours) is not part of its first sentence.
func TestSentenceLengthLeavesOutARunInLabelInATree(t *testing.T) {
	item := func(runs ...doc.Inline) doc.ListItem {
		return doc.ListItem{Blocks: []doc.Block{&doc.Paragraph{Text: runs}}}
	}
	d := &doc.Document{Meta: doc.Meta{Language: "en-GB"}, Blocks: []doc.Block{
		&doc.Heading{Level: 2, Text: []doc.Inline{{Text: "Behaviours"}}},
		&doc.List{Items: []doc.ListItem{
			item(doc.Inline{Text: "Discussing complex ideas:", Style: doc.Bold}, doc.Inline{Text: " " + words(23) + "."}),
			item(doc.Inline{Text: "Discussing complex ideas:", Style: doc.Bold}, doc.Inline{Text: " " + words(26) + "."}),
			item(doc.Inline{Text: "Discussing complex ideas", Style: doc.Bold}, doc.Inline{Text: ": " + words(23) + "."}),
			item(doc.Inline{Text: "Discussing complex", Style: doc.Bold}, doc.Inline{Text: " ideas " + words(23) + "."}),
		}},
	}}
	var got []string
	for _, f := range CheckDocument("jd.md", d, nil) {
		if f.Category == SentenceLength {
			got = append(got, f.Place+": "+f.Message)
		}
	}
	want := []string{
		"Behaviours, item 2: sentence of 26 words, over 25",
		"Behaviours, item 4: sentence of 26 words, over 25",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
