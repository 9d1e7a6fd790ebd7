package textdiff

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		name, old, new string
		want           Diff
	}{
		{"equal", "design data pipelines", "design data pipelines", Diff{{Equal, "design data pipelines"}}},
		{"both empty", "", "", nil},
		{"from empty", "", "new text", Diff{{Insert, "new text"}}},
		{"to empty", "old text", "", Diff{{Delete, "old text"}}},
		{"word replaced", "you can design simple pipelines", "you can design complex pipelines",
			Diff{{Equal, "you can design "}, {Delete, "simple"}, {Insert, "complex"}, {Equal, " pipelines"}}},
		{"words inserted", "lead the team", "lead and grow the team",
			Diff{{Equal, "lead "}, {Insert, "and grow "}, {Equal, "the team"}}},
		{"word deleted at end", "own the data model end to end", "own the data model",
			Diff{{Equal, "own the data model"}, {Delete, " end to end"}}},
		{"punctuation is part of a word", "build pipelines.", "build pipelines, reliably.",
			Diff{{Equal, "build "}, {Delete, "pipelines."}, {Insert, "pipelines, reliably."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Words(tt.old, tt.new)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Words(%q, %q)\n got %q\nwant %q", tt.old, tt.new, got, tt.want)
			}
			if got.Old() != tt.old || got.New() != tt.new {
				t.Errorf("round trip: old %q new %q", got.Old(), got.New())
			}
			if got.Same() != (tt.old == tt.new) {
				t.Errorf("Same() = %v", got.Same())
			}
		})
	}
}

// TestWordsIsMinimal checks, on random texts, that the diff round-trips
// and keeps as many words equal as the longest common subsequence has
// (computed here the plain quadratic way).
func TestWordsIsMinimal(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	vocab := []string{"data", "the", "team", "lead", "design", "and", "of", "pipelines"}
	text := func() string {
		n := rng.Intn(14)
		w := make([]string, n)
		for i := range w {
			w[i] = vocab[rng.Intn(len(vocab))]
		}
		return strings.Join(w, " ")
	}
	for i := 0; i < 500; i++ {
		a, b := text(), text()
		d := Words(a, b)
		if d.Old() != a || d.New() != b {
			t.Fatalf("round trip of %q → %q: %q", a, b, d)
		}
		same := 0
		for _, s := range d {
			if s.Op == Equal {
				same += len(strings.Fields(s.Text))
			}
			if s.Text == "" {
				t.Fatalf("empty segment in %q", d)
			}
		}
		if want := lcs(strings.Fields(a), strings.Fields(b)); same < want {
			t.Fatalf("%q → %q keeps %d words equal, the LCS has %d: %q", a, b, same, want, d)
		}
		for j := 1; j < len(d); j++ {
			if d[j].Op == d[j-1].Op || (d[j].Op == Delete && d[j-1].Op == Insert) {
				t.Fatalf("segments not normalised: %q", d)
			}
		}
	}
}

func lcs(a, b []string) int {
	m := make([][]int, len(a)+1)
	for i := range m {
		m[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				m[i][j] = m[i+1][j+1] + 1
			} else {
				m[i][j] = max(m[i+1][j], m[i][j+1])
			}
		}
	}
	return m[0][0]
}

func TestSimilarity(t *testing.T) {
	if s := Words("a b c d", "a b c d").Similarity(); s != 1 {
		t.Errorf("equal texts: %v", s)
	}
	if s := Words("a b", "c d").Similarity(); s != 0 {
		t.Errorf("disjoint texts: %v", s)
	}
	if s := Words("a b c d", "a b x d").Similarity(); s != 0.75 {
		t.Errorf("one word of four changed: %v", s)
	}
}

// TestWordsLongText checks a long text is compared without trouble (the
// memory is linear in the text, so this stays small).
func TestWordsLongText(t *testing.T) {
	words := make([]string, 20000)
	for i := range words {
		words[i] = "w" + string(rune('a'+i%26))
	}
	a := strings.Join(words, " ")
	words[10000] = "changed"
	b := strings.Join(words, " ")
	d := Words(a, b)
	if len(d) != 4 || d[1].Text != words[10000-0][:0]+"w"+string(rune('a'+10000%26)) || d[2].Text != "changed" {
		t.Fatalf("got %d segments: %q", len(d), d[1:3])
	}
}

func TestWhitespaceBetweenChangesJoinsThem(t *testing.T) {
	got := Words("a x y b", "a p q b")
	want := Diff{{Equal, "a "}, {Delete, "x y"}, {Insert, "p q"}, {Equal, " b"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if d := Words("a b c", "a b c"); !d.Same() || len(d) != 1 {
		t.Errorf("equal texts: %q", d)
	}
}

// TestCommon: each new word is marked when it is in the longest common
// subsequence with the old words; an empty key matches nothing.
func TestCommon(t *testing.T) {
	got := Common([]string{"build", "", "data", "pipelines"}, []string{"lead", "data", "", "pipelines", "policy"})
	want := []bool{false, true, false, true, false}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Common = %v, want %v", got, want)
		}
	}
}
