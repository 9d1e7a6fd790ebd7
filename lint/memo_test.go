package lint

import (
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/rolepack/rolepack/doc"
)

// TestMemoGivesTheSameFindings checks that rules which have seen texts
// before report exactly what checking each text where it stands reports, with every finding at its
// own line and column: the same text in another place (another line, a
// table cell in another column, a paragraph over several lines), a text
// whose column is unknown, and gender-coded words counted across texts.
func TestMemoGivesTheSameFindings(t *testing.T) {
	doc1 := "# Head of data enginering\n\n" +
		"We want a competitive, dominant ninja to lead teh team.\n" +
		"They will analyze data and colour it. The the work is supportive.\n\n" +
		"- Leads teh team\n- Is competitive\n\n" +
		"| Criterion | Evidence |\n| --- | --- |\n| Leads teh team | Is competitive |\n"
	doc2 := "Intro paragraph.\n\n| Is competitive | Leads teh team |\n| --- | --- |\n\n" + doc1 +
		"\nWe want a competitive, dominant ninja to lead teh team.\n"
	shared, err := NewRules(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range []string{doc1, doc2, doc1} {
		fresh, err := NewRules(nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		fresh.memo = nil // each text checked where it stands
		want := Check("jd.md", []byte(d), fresh)
		got := Check("jd.md", []byte(d), shared)
		if len(want) == 0 {
			t.Fatalf("document %d: no findings; the test needs some", i+1)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("document %d: with remembered texts\n%v\nfresh\n%v", i+1, got, want)
		}
	}
	texts := []Text{{Line: 7, Col: 0, Kind: Prose, Text: "Leads teh team"}, {Line: 9, Col: 4, Kind: Prose, Text: "Leads teh team"}}
	fresh, _ := NewRules(nil, nil)
	fresh.memo = nil
	if got, want := CheckTexts("f.yaml", texts, shared), CheckTexts("f.yaml", texts, fresh); !reflect.DeepEqual(got, want) {
		t.Errorf("texts with and without a known column: remembered\n%v\nfresh\n%v", got, want)
	}
	n := len(shared.memo.texts)
	Check("jd.md", []byte(doc2), shared)
	if len(shared.memo.texts) != n {
		t.Errorf("checking a document again remembered %d more texts; its texts should all be known", len(shared.memo.texts)-n)
	}
}

// TestMemoStaysBounded checks that a memo keeps at most two generations of
// lines however many distinct ones it meets, and that a line met again and
// again (a paragraph every vacancy's JD has) is never dropped.
func TestMemoStaysBounded(t *testing.T) {
	m := newTextMemo()
	hot := "Lead the data engineering **team**"
	for i := range 5 * memoGeneration {
		m.maskInline(hot)
		m.maskInline(fmt.Sprintf("Reference REF-%05d `x`", i))
	}
	if n := len(m.lines) + len(m.oldL); n > 2*memoGeneration {
		t.Errorf("the memo holds %d lines; at most %d", n, 2*memoGeneration)
	}
	if _, ok := m.lines[hot]; !ok {
		t.Error("a line met on every document was dropped from the young generation")
	}
	if got, want := m.maskInline("See `code` here"), maskInline("See `code` here"); got != want {
		t.Errorf("remembered mask %q, want %q", got, want)
	}
}

// TestMemoConcurrent checks documents from several goroutines with one set
// of rules, as a batch's workers do: each gets the findings checking alone
// gives (run with -race, make test does).
func TestMemoConcurrent(t *testing.T) {
	shared, err := NewRules(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	alone, _ := NewRules(nil, nil)
	alone.memo = nil
	docs := []string{
		"# Lead data engineer\n\nWe want a competitive ninja to lead teh team.\n",
		"Intro.\n\n- Leads teh team\n- Is competitive and supportive\n",
		"| Criterion | Evidence |\n| --- | --- |\n| Leads teh team | Is competitive |\n",
	}
	want := make([][]Finding, len(docs))
	for i, d := range docs {
		want[i] = Check("d.md", []byte(d), alone)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 50 {
				i := (g + k) % len(docs)
				if got := Check("d.md", []byte(docs[i]), shared); !reflect.DeepEqual(got, want[i]) {
					t.Errorf("document %d from goroutine %d: %v, want %v", i, g, got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestMemoGivesTheSameFindingsInATree checks CheckDocument through the
// memo: the same texts met again, in other places of a tree and of a
// second tree (a duty, then an item; a bold label), give what checking
// them fresh gives, each at its own place.
func TestMemoGivesTheSameFindingsInATree(t *testing.T) {
	p := func(s string) []doc.Inline { return []doc.Inline{{Text: s}} }
	item := func(runs ...doc.Inline) doc.ListItem {
		return doc.ListItem{Blocks: []doc.Block{&doc.Paragraph{Text: runs}}}
	}
	tree := func(heading string) *doc.Document {
		return &doc.Document{Blocks: []doc.Block{
			&doc.Heading{Level: 1, Text: p("Head of data engineering")},
			&doc.Heading{Level: 2, Text: p(heading)},
			&doc.List{Items: []doc.ListItem{
				item(doc.Inline{Text: "Responsible for a competitive team of the the best."}),
				item(doc.Inline{Text: "Service focus", Style: doc.Bold}),
				item(doc.Inline{Text: "Experience of have strong skills and a supportive manner."}),
			}},
			&doc.Paragraph{Text: p("Experience of have strong skills and a supportive manner.")},
		}}
	}
	shared, err := NewRules(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range []*doc.Document{tree("Key responsibilities"), tree("Skills"), tree("Key responsibilities")} {
		fresh, err := NewRules(nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		fresh.memo = nil
		want := CheckDocument("jd.md", d, fresh)
		got := CheckDocument("jd.md", d, shared)
		if len(want) < 5 {
			t.Fatalf("tree %d: %d findings; the test needs more: %v", i+1, len(want), want)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("tree %d: with remembered texts\n%v\nfresh\n%v", i+1, got, want)
		}
	}
}
