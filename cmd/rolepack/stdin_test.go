package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runIn is run with stdin as standard input.
func runIn(t *testing.T, env map[string]string, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := NewCmdRoot(NewFactory(&IO{In: strings.NewReader(stdin), Out: &out, Err: &errb}, func(k string) string { return env[k] }, time.Now))
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(context.Background())
	return out.String(), errb.String(), err
}

// TestDashIsStandardInputAndOutput: "-" reads standard input and writes
// standard output wherever a file is read or written, and messages name
// it "stdin".
func TestDashIsStandardInputAndOutput(t *testing.T) {
	page, err := os.ReadFile("../../framework/ddat/testdata/variants.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir) // -o - must write no file named "-"
	yamlOut, stderr, err := runIn(t, nil, string(page), "import", "-", "-o", "-")
	if err != nil || !strings.HasPrefix(yamlOut, "id: ddat\n") {
		t.Fatalf("import - -o -: %v\n%s\n%.200s", err, stderr, yamlOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "-")); err == nil {
		t.Error("import -o - wrote a file named -")
	}
	// What import wrote, validate reads back from standard input.
	if _, stderr, err := runIn(t, nil, yamlOut, "validate", "-"); err != nil || !strings.Contains(stderr, "ok: 1 file(s)") {
		t.Errorf("validate - of import's output: %v\n%s", err, stderr)
	}
	if _, _, err := runIn(t, nil, "not a framework\n", "import", "-"); err == nil || !strings.HasPrefix(err.Error(), "stdin:1: not a DDaT") {
		t.Errorf("import - of junk: %v", err)
	}
	stdout, _, err := runIn(t, nil, "We want a rockstar who can hit the ground running.\n", "lint", "--from", "text", "-")
	if err == nil || !strings.Contains(stdout, "stdin:1:") {
		t.Errorf("lint -: %v\n%s", err, stdout)
	}
	if _, _, err := runIn(t, nil, "", "validate", "-", "-"); err == nil || !strings.Contains(err.Error(), "can be read once") {
		t.Errorf("validate - -: %v", err)
	}
	// A manifest from standard input.
	out := filepath.Join(dir, "packs")
	_, stderr, err = runIn(t, fixedDate, "reference,role,level\nREF-1,data-engineer,senior\n", "pack", "-", "--format", "md", "--out", out, "--quiet")
	if err != nil {
		t.Fatalf("pack -: %v\n%s", err, stderr)
	}
	if _, err := packZipFile(t, out, "REF-1-data-engineer-senior", "jd.md"); err != nil {
		t.Errorf("pack - built no pack: %v", err)
	}
}

// TestOutDashIsStandardOutput: generate --out - writes the one document
// asked for to standard output, the same bytes a folder gets, and no
// folder named "-"; a run that makes more than one file, a binary format
// on a terminal, and the commands that write folders (pack, templates
// export) say so in one line and write nothing.
func TestOutDashIsStandardOutput(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	noDash := func(what string) {
		t.Helper()
		if _, err := os.Stat(filepath.Join(dir, "-")); err == nil {
			t.Errorf("%s made a file or folder named -", what)
			os.RemoveAll(filepath.Join(dir, "-"))
		}
		if _, err := os.Stat(filepath.Join(dir, "dist")); err == nil {
			t.Errorf("%s wrote dist/", what)
		}
	}
	md, stderr, err := runIn(t, fixedDate, "", "generate", "--doc", "jd", "--format", "md", "--out", "-", "--quiet")
	if err != nil {
		t.Fatalf("generate --out -: %v\n%s", err, stderr)
	}
	noDash("generate --doc jd --format md --out -")
	folder := filepath.Join(t.TempDir(), "out")
	if _, stderr, err := runIn(t, fixedDate, "", "generate", "--doc", "jd", "--format", "md", "--out", folder, "--quiet"); err != nil {
		t.Fatalf("generate --out folder: %v\n%s", err, stderr)
	}
	if want, _ := os.ReadFile(filepath.Join(folder, "jd.md")); md != string(want) {
		t.Errorf("--out - gave %d bytes, not the %d of jd.md written into a folder:\n%.300s", len(md), len(want), md)
	}
	pdf, _, err := runIn(t, fixedDate, "", "generate", "--doc", "jd", "--format", "pdf", "--out", "-", "--quiet")
	if err != nil || !strings.HasPrefix(pdf, "%PDF-") {
		t.Errorf("generate --format pdf --out - into a pipe: %v, %.20q", err, pdf)
	}
	// The advert's JSON-LD is an extra of the advert: the advert alone.
	html, _, err := runIn(t, fixedDate, "", "generate", "--doc", "advert", "--format", "html", "--out", "-", "--quiet")
	if err != nil || !strings.HasPrefix(html, "<!DOCTYPE html>") {
		t.Errorf("generate --doc advert --format html --out -: %v, %.40q", err, html)
	}
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"generate", "--doc", "jd,spec", "--format", "md", "--out", "-"},
			"--out -: standard output takes one document in one format, not jd, spec as md"},
		{map[string]string{"ROLEPACK_OUT": "-"}, []string{"generate", "--doc", "jd", "--format", "md,pdf"},
			"ROLEPACK_OUT=-: standard output takes one document in one format, not jd as md, pdf"},
		{nil, []string{"generate", "--doc", "scoring", "--format", "md", "--out", "-", "--set", "vacancy.panel=Jane Smith;Raj Patel"},
			"--out -: standard output takes one document; this run makes 2 (scoring-jane-smith.md, scoring-raj-patel.md)"},
		{nil, []string{"pack", "-", "--format", "md", "--out", "-"},
			"--out -: pack writes a folder of packs, which standard output cannot hold"},
		{nil, []string{"templates", "export", "-"},
			"templates export writes a folder of templates, which standard output cannot hold"},
	} {
		env := map[string]string{"SOURCE_DATE_EPOCH": fixedDate["SOURCE_DATE_EPOCH"]}
		for k, v := range tc.env {
			env[k] = v
		}
		stdout, _, err := runIn(t, env, "reference,role,level\nREF-1,data-engineer,senior\n", append(tc.args, "--quiet")...)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: err = %v, want one line starting %q", tc.args, err, tc.want)
		}
		if stdout != "" {
			t.Errorf("%v: wrote %d bytes to standard output", tc.args, len(stdout))
		}
		noDash(strings.Join(tc.args, " "))
	}

	// A PDF is not shown on a terminal.
	var out, errb bytes.Buffer
	f := NewFactory(&IO{In: strings.NewReader(""), Out: &out, Err: &errb}, func(k string) string { return fixedDate[k] }, time.Now)
	f.StdoutTerminal = true
	cmd := NewCmdRoot(f)
	cmd.SetArgs([]string{"generate", "--doc", "jd", "--format", "pdf", "--out", "-"})
	err = cmd.ExecuteContext(context.Background())
	if want := "--out -: standard output is a terminal, which cannot show a PDF file: send it to a file (> jd.pdf)"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("a PDF to a terminal: err = %v, want %q", err, want)
	}
	if out.Len() > 0 {
		t.Errorf("a PDF to a terminal wrote %d bytes", out.Len())
	}
	noDash("a PDF to a terminal")
}
