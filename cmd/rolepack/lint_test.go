package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLintPrintsFindingsAndFailsOnErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "advert.md")
	os.WriteFile(bad, []byte("# Advert\n\nWe want a rockstar for our organization.\n"), 0o644)
	stdout, _, err := run(t, nil, "lint", bad)
	var ex *exitError
	if !errors.As(err, &ex) || ex.code != 1 {
		t.Fatalf("want exit 1, got %v", err)
	}
	want := bad + `:3:11: inclusive: exclusionary "rockstar": jargon that says nothing about the job (name the skill you need)` + "\n" +
		bad + `:3:28: spelling: US spelling "organization" (organisation)` + "\n"
	if stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want)
	}
	if !strings.Contains(ex.msg, "2 error(s), 0 warning(s) in 1 file(s)") {
		t.Errorf("summary %q", ex.msg)
	}
}

func TestLintWarningsAloneExitZero(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "jd.md")
	os.WriteFile(p, []byte("## Column Storage Databases\n"), 0o644)
	stdout, stderr, err := run(t, nil, "lint", p)
	if err != nil {
		t.Fatalf("warnings alone must exit 0: %v", err)
	}
	if !strings.Contains(stdout, p+":1:4: capitalisation: warning: ") || !strings.Contains(stderr, "ok: 0 error(s), 1 warning(s)") {
		t.Errorf("stdout %q stderr %q", stdout, stderr)
	}
}

func TestLintJSON(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "clean.md")
	os.WriteFile(p, []byte("You will build data pipelines.\n"), 0o644)
	stdout, _, err := run(t, nil, "lint", "--format", "json", p)
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(stdout) != "[]" {
		t.Errorf("a clean file gives an empty array, got %s", stdout)
	}
	seed := filepath.Join("..", "..", "framework", "defaults", "sources", "fedip-head-of-data-ethics.txt")
	stdout, _, err = run(t, nil, "lint", "--format", "json", seed)
	if err == nil {
		t.Fatal("the seed profile has typos: want exit 1")
	}
	var fs []struct {
		File, Category, Severity, Message, Suggestion string
		Line, Col                                     int
	}
	if err := json.Unmarshal([]byte(stdout), &fs); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range fs {
		if f.Line == 93 && f.Col == 172 && f.Category == "spelling" && f.Severity == "error" && f.Suggestion == "sacrifice" && f.File == seed {
			found = true
		}
	}
	if !found {
		t.Errorf("no finding for ssacrifice at 93:172 in %d findings", len(fs))
	}
}

// The embedded default frameworks are linted through their canonical YAML
// at YAML lines; the seed's typos are there too.
func TestLintCanonicalYAML(t *testing.T) {
	p := filepath.Join("..", "..", "framework", "defaults", "sde-skills.yaml")
	stdout, _, err := run(t, nil, "lint", p)
	if err == nil {
		t.Fatal("want exit 1")
	}
	for _, want := range []string{
		p + `:154:21: spelling: misspelt "Profiency" (Proficiency)`,
		p + `:142:16: capitalisation: warning: Title Case "Data Orientated Infrastructure"`,
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("no %s in\n%s", want, stdout)
		}
	}
}

func TestLintUnreadableFileIsOneLineError(t *testing.T) {
	_, _, err := run(t, nil, "lint", "no-such-file.md")
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "no-such-file.md") {
		t.Errorf("got %v", err)
	}
}

// TestSuggestEditsCoversTheListedFindings: --suggest-edits speaks of the
// findings lint lists for the same arguments, no more and no fewer: its
// summary counts them, each finding it has no edit for is named with why,
// and the findings its edits fix and those it names add up to the list.
func TestSuggestEditsCoversTheListedFindings(t *testing.T) {
	seed := filepath.Join("..", "..", "framework", "defaults", "sources", "fedip-head-of-data-ethics.txt")
	sde := filepath.Join("..", "..", "framework", "defaults", "sde-skills.yaml")
	for _, tc := range []struct {
		name      string
		args      []string
		wantEdits bool
	}{
		{"default role, no fix in framework text", []string{"--role", "data-engineer", "--level", "head"}, false},
		{"ncf role with a US spelling", []string{"--role", "ncf/head-of-data-ethics", "--level", "head-of-data-ethics"}, true},
		{"framework source", []string{seed}, true},
		{"canonical yaml", []string{sde}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			listed, _, lerr := run(t, fixedDate, append([]string{"lint"}, tc.args...)...)
			if lerr != nil && !strings.Contains(lerr.Error(), "error(s)") {
				t.Fatal(lerr)
			}
			findings := strings.Split(strings.TrimSuffix(listed, "\n"), "\n")
			errs := 0
			for _, l := range findings {
				if !strings.Contains(l, ": warning: ") {
					errs++
				}
			}
			stdout, stderr, err := run(t, fixedDate, append([]string{"lint", "--suggest-edits"}, tc.args...)...)
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			counts := fmt.Sprintf("%d findings (%d error(s), %d warning(s))", len(findings), errs, len(findings)-errs)
			lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
			summary := lines[len(lines)-1]
			none := 0
			for _, l := range lines[:len(lines)-1] {
				rest, ok := strings.CutPrefix(l, "no edit: ")
				if !ok {
					t.Errorf("stderr line is neither a finding with no edit nor the summary: %q", l)
					continue
				}
				none++
				named := false
				for _, f := range findings {
					if strings.HasPrefix(rest, f+": ") {
						named = true
					}
				}
				if !named {
					t.Errorf("named with no edit, but not a listed finding: %q", l)
				}
			}
			if !tc.wantEdits {
				if stdout != "" || summary != "no edits to suggest: none of "+counts+" has a fix in framework text (each named above, with why)" || none != len(findings) {
					t.Errorf("summary %q (%d named with no edit), want none of %s:\n%s", summary, none, counts, stdout)
				}
				return
			}
			want := fmt.Sprintf(" fixing %d of %s; %d have no edit", len(findings)-none, counts, none)
			if !strings.Contains(summary, want) || !strings.HasPrefix(stdout, "edits:\n") {
				t.Errorf("summary %q, want %q", summary, want)
			}
		})
	}
}
