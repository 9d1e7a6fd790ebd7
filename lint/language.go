package lint

import (
	"strings"
	"unicode"
)

// The editorial rules are English rules (en-GB spelling, inclusive
// language, plain English): they apply to English text only. A document
// in another language (doc.Meta.Language, e.g. "cy") holds its own fixed
// wording, from the message catalogue (checked for placeholders and
// length by i18n.Check, not spelled), and framework text still in
// English; CheckDocument checks only the texts that read as English.

// englishTag reports whether a BCP 47 tag is English ("" is the default,
// en-GB).
func englishTag(tag string) bool {
	if tag == "" {
		return true
	}
	base, _, _ := strings.Cut(strings.ReplaceAll(tag, "_", "-"), "-")
	return strings.EqualFold(base, "en")
}

// welshWords are common Welsh words that are not English words; englishWords
// common English words that are not Welsh ones.
var (
	welshWords = setOf("y", "yr", "yn", "ac", "ar", "am", "gyda", "mae", "sy'n", "yw", "ei", "eu", "eich", "pob", "bob",
		"neu", "nid", "rydym", "byddwn", "bydd", "fydd", "chi", "ni", "hyn", "hon", "hwn", "ond", "ddim", "gan", "wrth",
		"rhaid", "i'r", "o'r", "a'r", "i'w", "sut", "beth", "pwy", "ble", "nawr", "swydd", "maen", "prawf", "meini", "cais",
		"rheoli'r", "fersiwn", "perchennog", "dyddiad", "cau", "tudalen", "cyfeirnod", "nodwch", "ionawr", "chwefror", "mawrth",
		"ebrill", "mehefin", "gorffennaf", "awst", "medi", "hydref", "tachwedd", "rhagfyr")
	englishWords = setOf("the", "of", "and", "to", "you", "with", "for", "is", "are", "on", "your", "we", "that", "this",
		"be", "will", "from", "by", "an", "as", "at", "or", "it", "their", "our", "can", "into", "across")
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// ReadsAsEnglish reports whether s reads as English (readsAsEnglish): the
// framework text a document in another language gives in English, whose
// blocks are tagged en-GB.
func ReadsAsEnglish(s string) bool { return readsAsEnglish(s) }

// readsAsEnglish reports whether s has more English function words than
// Welsh ones (and no letter only Welsh uses, ŵ or ŷ): text a document in
// another language holds in English.
func readsAsEnglish(s string) bool {
	if strings.ContainsAny(s, "ŵŷŴŶ") {
		return false
	}
	en, cy := 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '’'
	}) {
		w = strings.ReplaceAll(w, "’", "'")
		if englishWords[w] {
			en++
		}
		if welshWords[w] {
			cy++
		}
	}
	return en > cy
}
