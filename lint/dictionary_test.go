package lint

import (
	"strings"
	"testing"
)

// TestDictionaryKnowsEveryListedWord checks the word set against the
// embedded lists (british-english and words.txt) read the plain way: every word is known in its own case
// class (lower-case words as lower, names as names), and words not listed,
// prefixes, extensions and case changes of names are not.
func TestDictionaryKnowsEveryListedWord(t *testing.T) {
	d, err := loadDictionary()
	if err != nil {
		t.Fatal(err)
	}
	text := britishEnglish
	listed := map[string]bool{}
	for _, w := range strings.Split(text, "\n") {
		if w = strings.TrimSpace(w); w != "" {
			listed[w] = true
		}
	}
	if err := readList("words.txt", func(f []string, _ string) error {
		for _, w := range f {
			listed[w] = true
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(listed) < 100000 {
		t.Fatalf("only %d words in the list", len(listed))
	}
	for w := range listed {
		lower := w == strings.ToLower(w)
		if d.isLower(w) != lower || d.isName(w) != !lower {
			t.Fatalf("%q: isLower %v, isName %v; listed as %s", w, d.isLower(w), d.isName(w), map[bool]string{true: "lower case", false: "a name"}[lower])
		}
		for _, v := range []string{w + "q", w[:len(w)-1], strings.ToUpper(w), "x" + w} {
			if !listed[v] && (d.isLower(v) || d.isName(v)) {
				t.Fatalf("%q is not listed but the dictionary knows it", v)
			}
		}
	}
	for _, w := range []string{"Kubernetes", "colour", "organisation", "London"} {
		if !d.known(w) {
			t.Errorf("%q unknown", w)
		}
	}
	for _, w := range []string{"", "\n", "colour\ncolor", "organizationx"} {
		if d.known(w) {
			t.Errorf("%q known", w)
		}
	}
}
