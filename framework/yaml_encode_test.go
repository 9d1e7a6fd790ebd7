package framework_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	yaml "go.yaml.in/yaml/v3"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/defaults"
)

// libraryYAML is the framework as the YAML library encodes it in one go,
// the bytes Marshal must keep.
func libraryYAML(t testing.TB, f *framework.Framework) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(f); err != nil {
		t.Fatal(err)
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// awkward are strings YAML must quote, fold or write as blocks.
var awkward = []string{"", "plain", "- dash", "# hash", "yes", "no", "1.0", "0x1F", "null", "~", "  spaced  ", "a: b", "key:", "quote \" ’ \\",
	"multi\nline", "multi\n\nline with blank\n", "trailing\n", "\ttab", "[list]", "{map}", "*star", "&amp", "!tag", "%pct", "@at", "`tick",
	"ünïcödé", "NBSP\u00a0here", "a very long line of text that goes on and on past eighty columns, with commas, colons: and more words here",
	"'single'", "\"double\"", "line\r\nwith CRLF", "> folded", "| literal", "?q", "2026-11-21", "+1", ".inf", "=x"}

// randomFramework is a framework of every shape, with awkward strings.
func randomFramework(r *rand.Rand) *framework.Framework {
	s := func() string { return awkward[r.IntN(len(awkward))] }
	list := func() []string {
		var l []string
		for range r.IntN(3) {
			l = append(l, s())
		}
		if r.IntN(4) == 0 {
			return []string{}
		}
		return l
	}
	f := &framework.Framework{ID: s(), Name: s(), Version: s(), Source: framework.Source{Title: s(), Files: list()}}
	for range r.IntN(3) {
		f.Levels = append(f.Levels, framework.Level{ID: s(), Label: s(), Rank: r.IntN(3)})
	}
	for range r.IntN(3) {
		ro := framework.Role{ID: s(), Title: s(), Description: list(), Notes: list(), From: s()}
		for range r.IntN(3) {
			rl := framework.RoleLevel{ID: s(), Title: s(), Summary: list(), Retired: r.IntN(2) == 0}
			for range r.IntN(3) {
				e := framework.Entry{Kind: framework.Kind(s()), Title: s(), Code: s(), LevelNumber: r.IntN(2), Descriptors: list()}
				if r.IntN(2) == 0 {
					e.Attributes = map[string]string{s(): s(), s(): s()}
				}
				rl.Entries = append(rl.Entries, e)
			}
			if r.IntN(5) == 0 {
				rl.Entries = []framework.Entry{}
			}
			ro.Levels = append(ro.Levels, rl)
		}
		f.Roles = append(f.Roles, ro)
	}
	for range r.IntN(3) {
		c := framework.Catalogue{ID: s(), Title: s()}
		for range r.IntN(3) {
			cat := framework.Category{Title: s(), From: s()}
			for range r.IntN(3) {
				sk := framework.Skill{Title: s(), Description: s()}
				for range r.IntN(3) {
					sk.Levels = append(sk.Levels, framework.SkillLevel{Level: s(), Descriptors: list(), From: s()})
				}
				cat.Skills = append(cat.Skills, sk)
			}
			c.Categories = append(c.Categories, cat)
		}
		if r.IntN(4) == 0 {
			c.Categories = []framework.Category{}
		}
		f.Catalogues = append(f.Catalogues, c)
	}
	return f
}

// TestMarshalKeepsLibraryBytes: Marshal, which hands the YAML library one
// item at a time, writes the bytes the library writes for the whole
// framework, for the embedded frameworks and for random ones.
func TestMarshalKeepsLibraryBytes(t *testing.T) {
	fws, err := defaults.Frameworks()
	if err != nil {
		t.Fatal(err)
	}
	fws = append(fws, full(), &framework.Framework{})
	r := rand.New(rand.NewPCG(1, 14))
	for range 300 {
		fws = append(fws, randomFramework(r))
	}
	for i, f := range fws {
		got, err := framework.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		if want := libraryYAML(t, f); !bytes.Equal(got, want) {
			t.Fatalf("framework %d: Marshal wrote\n%s\nthe library writes\n%s", i, got, want)
		}
	}
}

// manySkills is a catalogue of n skills, a hundred to a category.
func manySkills(n int) *framework.Framework {
	c := framework.Catalogue{ID: "area", Title: "Area", Levels: []framework.Level{{ID: "entry", Label: "Entry", Rank: 1}}}
	for i := range n {
		if i%100 == 0 {
			c.Categories = append(c.Categories, framework.Category{Title: fmt.Sprintf("Category %d", i/100)})
		}
		cat := &c.Categories[len(c.Categories)-1]
		cat.Skills = append(cat.Skills, framework.Skill{Title: fmt.Sprintf("Skill %d", i),
			Levels: []framework.SkillLevel{{Level: "entry", Descriptors: []string{fmt.Sprintf("Do x%d", i)}, From: fmt.Sprintf("m.md:%d", 4*i)}}})
	}
	return &framework.Framework{ID: "m", Name: "M", Catalogues: []framework.Catalogue{c}}
}

// TestMarshalMemory: the memory Marshal holds is proportional to what it
// writes (issue 14: 200k skills took 3.9 GB, about 100 times the YAML).
func TestMarshalMemory(t *testing.T) {
	f := manySkills(20_000)
	var peak uint64
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-done:
				return
			default:
				runtime.Gosched()
			}
		}
	}()
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	y, err := framework.Marshal(f)
	close(done)
	<-sampled
	if err != nil {
		t.Fatal(err)
	}
	if held := peak - min(peak, base.HeapInuse); held > 20*uint64(len(y))+(16<<20) {
		t.Errorf("Marshal held %d MB for %d MB of YAML", held>>20, len(y)>>20)
	}
}

// BenchmarkMarshalManySkills encodes a catalogue of 20,000 skills.
func BenchmarkMarshalManySkills(b *testing.B) {
	f := manySkills(20_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := framework.Marshal(f); err != nil {
			b.Fatal(err)
		}
	}
}
