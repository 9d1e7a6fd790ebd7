package lint

import (
	"strings"
	"testing"
	"unsafe"
)

// TestWordSetHasExactlyItsWords checks the set against a map of the same
// lines: every word of the dictionary is found as written, and near misses
// (a letter more or less, other case, a prefix, a word and the next) are
// not, whatever the text's length (the tag takes the bits the offsets
// leave).
func TestWordSetHasExactlyItsWords(t *testing.T) {
	for _, text := range []string{"a\nb\n", "Data\nengineer\n\nSQL", strings.Repeat("x\n", 3) + britishEnglish} {
		// The set of text, and of text in two parts (the second read as
		// if it followed the first), cut at the line nearest its middle.
		cut := strings.IndexByte(text[len(text)/2:], '\n') + len(text)/2 + 1
		for _, s := range []wordSet{newWordSet(text, ""), newWordSet(text[:cut], text[cut:])} {
			checkWordSet(t, s, text)
		}
	}
	d, err := loadDictionary()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"colour", "organise", "London", "Kubernetes"} {
		if !d.words.has(w) {
			t.Errorf("the dictionary lacks %q", w)
		}
	}
	if d.words.has("colour\nflavour") || d.words.has("") || d.words.has("zzzqx") {
		t.Error("the dictionary has a line break, the empty word or zzzqx")
	}
}

// checkWordSet checks that s has exactly the non-blank lines of text.
func checkWordSet(t *testing.T, s wordSet, text string) {
	t.Helper()
	want := map[string]bool{}
	for _, w := range strings.Split(text, "\n") {
		want[w] = w != ""
	}
	for w := range want {
		for _, probe := range []string{w, w + "s", w + "\n", strings.ToUpper(w), strings.TrimSuffix(w, w[min(len(w), 1):]), "q" + w} {
			if got := s.has(probe); got != want[probe] {
				t.Fatalf("has(%q) = %v, want %v", probe, got, want[probe])
			}
		}
	}
}

// TestDictionaryReadsTheEmbeddedList checks that the dictionary's word set
// reads the embedded list where the binary holds it: a copy (a text
// built from it, a list read through the FS) would put 1.2 MB on the heap,
// which a batch's collector doubles at its peak.
func TestDictionaryReadsTheEmbeddedList(t *testing.T) {
	d, err := loadDictionary()
	if err != nil {
		t.Fatal(err)
	}
	if unsafe.StringData(d.words.text) != unsafe.StringData(britishEnglish) || len(d.words.text) != len(britishEnglish) {
		t.Errorf("the word set's text (%d bytes) is a copy of the embedded list (%d bytes)", len(d.words.text), len(britishEnglish))
	}
	if !d.words.has("Kubernetes") || !d.words.has("colour") || d.words.has("Colour") {
		t.Error("the dictionary lacks a word of the trade or of the list, or has a list word with a capital")
	}
}

// BenchmarkWordSet looks up words the dictionary has and words it does not
// (as the spelling check does for every word of a document): go test ./lint
// -bench WordSet.
func BenchmarkWordSet(b *testing.B) {
	d, err := loadDictionary()
	if err != nil {
		b.Fatal(err)
	}
	words := strings.Fields("the postholder will design and build data pipelines with the team they test them and users rely on them " +
		"Kubernetes organise colour analyse stakeholders datum pipelinez teh recieve acommodate xyzzy Leeds Cardiff")
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range words {
			d.words.has(w)
		}
	}
}
