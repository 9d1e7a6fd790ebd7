package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/render/compare"
)

func readReport(t *testing.T, out string) compare.Report {
	t.Helper()
	var r compare.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("JSON: %v\n%s", err, out)
	}
	return r
}

// TestDiffRungsListsExactlyTheEntriesThatDiffer compares head and senior
// of the default role against what `show --json` composes at each level.
func TestDiffRungsListsExactlyTheEntriesThatDiffer(t *testing.T) {
	out, _, err := run(t, fixedDate, "diff", "data-engineer", "--from", "senior", "--to", "head", "--json")
	if code := exitCode(err); code != 1 {
		t.Fatalf("exit %d (%v), want 1: the levels differ", code, err)
	}
	r := readReport(t, out)
	type entry struct {
		Kind, Title, Level, Depth, Group string
		Descriptors                      []string
	}
	composed := func(level string) map[string]string {
		out, _, err := run(t, fixedDate, "show", "data-engineer", "--level", level, "--json")
		if err != nil {
			t.Fatal(err)
		}
		var ctx struct {
			Role struct{ Items []entry }
		}
		if err := json.Unmarshal([]byte(out), &ctx); err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, e := range ctx.Role.Items {
			b, _ := json.Marshal(e)
			m[e.Kind+"/"+e.Title] = string(b)
		}
		return m
	}
	senior, head := composed("senior"), composed("head")
	var want []string
	for k, v := range head {
		if s, ok := senior[k]; !ok {
			want = append(want, "added "+k)
		} else if s != v {
			want = append(want, "changed "+k)
		}
	}
	for k := range senior {
		if _, ok := head[k]; !ok {
			want = append(want, "removed "+k)
		}
	}
	var got []string
	for _, c := range r.Changes {
		got = append(got, string(c.Status)+" "+c.Kind+"/"+c.Title)
	}
	sort.Strings(want)
	sort.Strings(got)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(want) == 0 {
		t.Fatal("senior and head do not differ: the test proves nothing")
	}
	if !strings.Contains(r.Summary, "skills added") {
		t.Errorf("summary %q", r.Summary)
	}
}

// TestDiffFrameworkFileOneDescriptorEdited edits one descriptor of a copy
// of the DDaT framework and expects exactly that descriptor reported, with
// the changed words.
func TestDiffFrameworkFileOneDescriptorEdited(t *testing.T) {
	src, err := os.ReadFile("../../framework/defaults/ddat.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const before, after = "reverse-engineer data models from a live system", "reverse-engineer logical data models from any live system"
	if strings.Count(string(src), before) != 1 {
		t.Fatalf("fixture: %q is not in ddat.yaml exactly once", before)
	}
	dir := t.TempDir()
	oldPath, newPath := filepath.Join(dir, "ddat-old.yaml"), filepath.Join(dir, "ddat-new.yaml")
	if err := os.WriteFile(oldPath, src, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(newPath, []byte(strings.Replace(string(src), before, after, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := run(t, nil, "diff", oldPath, newPath, "--json")
	if code := exitCode(err); code != 1 {
		t.Fatalf("exit %d (%v), want 1", code, err)
	}
	r := readReport(t, out)
	if len(r.Changes) != 1 {
		t.Fatalf("%d changes, want 1: %+v", len(r.Changes), r.Changes)
	}
	c := r.Changes[0]
	if c.Status != compare.Changed || c.Title != "Data modelling" || len(c.Fields) != 0 || len(c.Descriptors) != 1 {
		t.Fatalf("change %+v", c)
	}
	d := c.Descriptors[0]
	if d.Status != compare.Changed || d.Old != before || d.New != after {
		t.Fatalf("descriptor change %+v", d)
	}
	var ins, del []string
	for _, s := range d.Words {
		switch s.Op.String() {
		case "insert":
			ins = append(ins, strings.TrimSpace(s.Text))
		case "delete":
			del = append(del, strings.TrimSpace(s.Text))
		}
	}
	if strings.Join(ins, "|") != "logical|any" || strings.Join(del, "|") != "a" {
		t.Errorf("inserted %q, deleted %q; want logical, any for a", ins, del)
	}
	if r.Summary != "1 skill changed." {
		t.Errorf("summary %q", r.Summary)
	}
	md, _, _ := run(t, nil, "diff", oldPath, newPath)
	if !strings.Contains(md, "reverse-engineer **logical** data models from ~~a~~**any** live system") {
		t.Errorf("Markdown does not mark the changed words:\n%s", md)
	}
	html, _, _ := run(t, nil, "diff", oldPath, newPath, "--format", "html")
	if !strings.Contains(html, "<ins>logical </ins>") || !strings.Contains(html, "<del>a</del>") {
		t.Errorf("HTML does not mark the changed words:\n%s", html)
	}
}

func TestDiffEqualInputsExitZero(t *testing.T) {
	p := "../../framework/defaults/ddat.yaml"
	out, stderr, err := run(t, nil, "diff", p, p)
	if err != nil {
		t.Fatalf("equal files: %v", err)
	}
	if !strings.Contains(out, "No differences.") || !strings.Contains(stderr, "No differences.") {
		t.Errorf("stdout %q stderr %q", out, stderr)
	}
	if _, _, err := run(t, fixedDate, "diff", "data-engineer", "--from", "head", "--to", "head"); err != nil {
		t.Errorf("a level against itself: %v", err)
	}
}

func TestDiffErrorsExitTwo(t *testing.T) {
	for _, args := range [][]string{
		{"diff", "data-engineer", "--from", "senior", "--to", "chief"},
		{"diff", "data-engineer", "--from", "senior"},
		{"diff", "no-such-file.yaml", "other.yaml"},
		{"diff", "data-engineer", "--from", "mid", "--to", "senior", "--format", "pdf"},
	} {
		_, _, err := run(t, fixedDate, args...)
		if code := exitCode(err); code != 2 || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: exit %d, error %v; want 2 and one line", args, code, err)
		}
	}
}
