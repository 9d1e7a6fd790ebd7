package compare

import "testing"

func TestSummary(t *testing.T) {
	e := func(kind, title string, ds ...string) Entry { return Entry{Kind: kind, Title: title, Descriptors: ds} }
	old := []Entry{e("skill", "A", "x"), e("skill", "B", "y"), e("skill", "C", "z"), e("behaviour", "Care", "kind")}
	new := []Entry{e("behaviour", "Care", "kind"), e("skill", "A", "x y"), e("skill", "B", "y"), e("skill", "D"), e("skill", "E"), e("leadership", "Vision")}
	r := Entries("old", "new", old, new)
	if want := "1 skill changed, 2 added, 1 removed; 1 leadership expectation added."; r.Summary != want {
		t.Errorf("summary %q, want %q", r.Summary, want)
	}
	if r.Changes[0].Kind != "skill" || r.Changes[len(r.Changes)-1].Kind != "leadership" {
		t.Errorf("changes not grouped in kind order: %+v", r.Changes)
	}
	if r := Entries("a", "b", old, old); !r.Same() || r.Summary != "No differences." {
		t.Errorf("equal lists: %+v", r)
	}
}

func TestDescriptorsRewordedAddedRemoved(t *testing.T) {
	got := compareDescriptors(
		[]string{"kept as it is", "build simple data pipelines", "an old duty nobody does"},
		[]string{"kept as it is", "build complex data pipelines", "a brand new thing"})
	if len(got) != 3 || got[0].Status != Changed || got[1].Status != Added || got[2].Status != Removed {
		t.Fatalf("got %+v", got)
	}
	if got[0].Words.Old() != "build simple data pipelines" || got[0].Words.New() != "build complex data pipelines" {
		t.Errorf("words %q", got[0].Words)
	}
}
