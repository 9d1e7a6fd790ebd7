package lint

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"
)

// TestWordSetHasExactlyItsWords checks the set against a map of the same
// lines: every word of the dictionary is found as written, and near misses
// (a letter more or less, other case, a prefix, a word and the next) are
// not, whatever the text's length (the tag takes the bits the offsets
// leave).
func TestWordSetHasExactlyItsWords(t *testing.T) {
	raw, err := data.ReadFile("data/british-english.gz")
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"a\nb\n", "Data\nengineer\n\nSQL", strings.Repeat("x\n", 3) + string(b)} {
		s := newWordSet(text)
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
