package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGenerateInWelsh: --lang cy sets language, and the documents are in
// Welsh; ROLEPACK_LANGUAGE does the same.
func TestGenerateInWelsh(t *testing.T) {
	f, _, _ := testFactory(nil)
	var gen *GenerateOptions
	parse(t, NewCmdGenerate(f, func(_ context.Context, o *GenerateOptions) error { gen = o; return nil }), "--lang", "cy")
	if gen.Lang != "cy" {
		t.Fatalf("--lang: %q", gen.Lang)
	}
	found := false
	for _, fv := range gen.flagValues() {
		if fv.key == "language" && fv.flag == "lang" && len(fv.values) == 1 && fv.values[0] == "cy" {
			found = true
		}
	}
	if !found {
		t.Errorf("--lang sets no language: %v", gen.flagValues())
	}
	for name, env := range map[string]map[string]string{"flag": nil, "env": {"ROLEPACK_LANGUAGE": "cy"}} {
		dir := t.TempDir()
		f, _, errb := testFactory(env)
		args := []string{"--doc", "jd,pdp", "--format", "md", "--out", dir, "--date", "2026-12-03"}
		if env == nil {
			args = append(args, "--lang", "cy")
		}
		cmd := NewCmdGenerate(f, nil)
		cmd.SetArgs(args)
		if err := cmd.ExecuteContext(context.Background()); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, errb)
		}
		for file, want := range map[string]string{"jd.md": "## Manylion y swydd", "pdp.md": "## Camau datblygu"} {
			b, err := os.ReadFile(filepath.Join(dir, file))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), want) || !strings.Contains(string(b), `language: "cy"`) {
				t.Errorf("%s: %s is not in Welsh:\n%.400s", name, file, b)
			}
		}
	}
}

// TestGenerateBilingual: --lang cy,en (or ROLEPACK_LANGUAGE=en,cy) writes
// each document in both languages, first language first, in the layout
// bilingual.layout names; a bad layout is a one-line error naming --set.
func TestGenerateBilingual(t *testing.T) {
	for name, c := range map[string]struct {
		env          map[string]string
		args         []string
		first, after string
	}{
		"flag": {nil, []string{"--lang", "cy,en", "--set", "bilingual.layout=blocks"}, "## Camau datblygu", "## Development actions"},
		"env":  {map[string]string{"ROLEPACK_LANGUAGE": "en,cy"}, nil, "## Development actions", "## Camau datblygu"},
	} {
		dir := t.TempDir()
		f, _, errb := testFactory(c.env)
		cmd := NewCmdGenerate(f, nil)
		cmd.SetArgs(append([]string{"--doc", "jd,pdp", "--format", "md", "--out", dir, "--date", "2026-12-03"}, c.args...))
		if err := cmd.ExecuteContext(context.Background()); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, errb)
		}
		b, err := os.ReadFile(filepath.Join(dir, "pdp.md"))
		if err != nil {
			t.Fatal(err)
		}
		i, j := strings.Index(string(b), c.first), strings.Index(string(b), c.after)
		if i < 0 || j < i {
			t.Errorf("%s: pdp.md has %q at %d and %q at %d: want both, in that order", name, c.first, i, c.after, j)
		}
	}
	f, _, _ := testFactory(nil)
	cmd := NewCmdGenerate(f, nil)
	cmd.SetArgs([]string{"--doc", "jd", "--format", "md", "--out", t.TempDir(), "--lang", "cy,en", "--set", "bilingual.layout=side"})
	err := cmd.ExecuteContext(context.Background())
	if err == nil || !strings.HasPrefix(err.Error(), "--set bilingual.layout=side: bilingual.layout \"side\" is not one of columns, blocks, sequential") {
		t.Errorf("bad layout: %v", err)
	}
}
