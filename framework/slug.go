package framework

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slug turns a title into a stable lower-case id: letters and digits kept
// (accents removed), everything else collapsed to single hyphens. "Head of
// data engineering" → "head-of-data-engineering"; "Data Management &
// Engineering" → "data-management-engineering".
func Slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
	}
	return b.String()
}

// NormalTitle is the key entries are matched by when frameworks are merged:
// the title lower-cased with white space and punctuation folded, so "Data
// Modelling" and "data  modelling." match.
func NormalTitle(s string) string { return Slug(s) }
