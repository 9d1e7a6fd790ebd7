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
