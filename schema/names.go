package schema

import (
	"strings"
	"unicode"
)

// CamelName is the JSON name of a Go field name: the first word in lower
// case and every later word capitalised, initialisms as words ("ID" →
// "id", "PDP" → "pdp", "SalaryMin" → "salaryMin", "RoleID" → "roleId",
// "URL" → "url"). `show --json` names every field this way, so a template
// field and its JSON key are the same name.
func CamelName(goName string) string {
	var words []string
	r := []rune(goName)
	start := 0
	for i := 1; i <= len(r); i++ {
		if i == len(r) {
			words = append(words, string(r[start:i]))
			break
		}
		// A word starts at an upper-case letter after a lower-case one or
		// digit, and at the last upper-case letter of a run followed by a
		// lower-case one ("URLPath": "URL", "Path").
		if unicode.IsUpper(r[i]) && (!unicode.IsUpper(r[i-1]) || i+1 < len(r) && unicode.IsLower(r[i+1])) {
			words = append(words, string(r[start:i]))
			start = i
		}
	}
	for i, w := range words {
		w = strings.ToLower(w)
		if i > 0 {
			w = upperFirst(w)
		}
		words[i] = w
	}
	return strings.Join(words, "")
}
