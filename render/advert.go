package render

import (
	"fmt"
	"strings"

	"github.com/rolepack/rolepack/compose/wording"
	"github.com/rolepack/rolepack/doc"
)

// Advert length and sentence limits: plain-English guidance for public job
// adverts (short enough to read on a phone, sentences a reader takes in at
// once).
const (
	AdvertMinWords    = 400
	AdvertMaxWords    = 700
	AdvertMaxSentence = 30
)

// CheckAdvert reads a rendered job advert and returns one warning per
// problem a reader would notice: a length outside 400–700 words, and each
// sentence longer than 30 words (quoting how it starts). No warnings means
// the advert is within the plain-English limits.
func CheckAdvert(d *doc.Document) []string {
	var texts []string
	collectText(d.Blocks, &texts)
	var warnings []string
	words := 0
	for _, t := range texts {
		words += len(strings.Fields(t))
	}
	switch {
	case words < AdvertMinWords:
		warnings = append(warnings, fmt.Sprintf("advert has %d words: aim for %d to %d", words, AdvertMinWords, AdvertMaxWords))
	case words > AdvertMaxWords:
		warnings = append(warnings, fmt.Sprintf("advert has %d words: aim for %d to %d; cut it down", words, AdvertMinWords, AdvertMaxWords))
	}
	for _, t := range texts {
		for _, s := range wording.Sentences(t) { // "e.g. JAWS" is no sentence's end
			w := strings.Fields(s)
			if len(w) > AdvertMaxSentence {
				start := strings.Join(w[:8], " ")
				warnings = append(warnings, fmt.Sprintf("advert sentence of %d words (over %d): %q", len(w), AdvertMaxSentence, start+" …"))
			}
		}
	}
	return warnings
}

// collectText appends the plain text of every heading, paragraph, list item
// and table cell, one string per text unit (a sentence never runs across
// two units).
func collectText(blocks []doc.Block, out *[]string) {
	for _, b := range blocks {
		switch b := b.(type) {
		case *doc.Heading:
			*out = append(*out, doc.PlainText(b.Text))
		case *doc.Paragraph:
			*out = append(*out, doc.PlainText(b.Text))
		case *doc.List:
			for _, it := range b.Items {
				collectText(it.Blocks, out)
			}
		case *doc.Lang:
			collectText(b.Blocks, out)
		case *doc.Parallel:
			collectText(b.Cells[0].Blocks, out)
			collectText(b.Cells[1].Blocks, out)
		case *doc.Table:
			for _, c := range b.Header {
				*out = append(*out, doc.PlainText(c.Text))
			}
			for _, r := range b.Rows {
				for _, c := range r {
					*out = append(*out, doc.PlainText(c.Text))
				}
			}
		}
	}
}
