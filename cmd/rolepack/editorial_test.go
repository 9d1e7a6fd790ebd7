package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/render"
)

// withConfig writes the default config plus extra YAML to a file and
// returns its path. Extra edits continue the default config's edits list,
// its last block (the header line becomes a comment, so lines keep their
// numbers).
func withConfig(t *testing.T, extra string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.yaml")
	if rest, ok := strings.CutPrefix(extra, "edits:\n"); ok && defaultEdits(t) > 0 {
		extra = "# edits: continued\n" + rest
	}
	data := append(append([]byte(nil), rolepack.DefaultConfig...), "\n"+extra...)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// defaultEdits is the number of edits the default config makes.
func defaultEdits(t *testing.T) int {
	t.Helper()
	var cfg struct {
		Edits []config.EditDef `yaml:"edits"`
	}
	if err := yaml.Unmarshal(rolepack.DefaultConfig, &cfg); err != nil {
		t.Fatal(err)
	}
	return len(cfg.Edits)
}

const fixEdits = `edits:
  - {framework: ddat, kind: skill, title: Data development process, replace: enterprise-scale, with: organisation-wide}
  - {kind: skill, title: Data modelling, retitle: Data modelling and design}
`

// docxText returns the text of word/document.xml with the markup removed.
func docxText(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		var out strings.Builder
		in := false
		for _, r := range string(b) {
			switch {
			case r == '<':
				in = true
			case r == '>':
				in = false
			case !in:
				out.WriteRune(r)
			}
		}
		return out.String()
	}
	t.Fatal("no word/document.xml")
	return ""
}

func TestEditsChangeTheTextInEveryFormatAndShowInShow(t *testing.T) {
	cfg := withConfig(t, fixEdits)
	dir := t.TempDir()
	if _, stderr, err := run(t, fixedDate, "generate", "--config", cfg, "--doc", "jd", "--format", "md,html,docx", "--out", dir); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	md, _ := os.ReadFile(filepath.Join(dir, "jd.md"))
	html, _ := os.ReadFile(filepath.Join(dir, "jd.html"))
	for name, text := range map[string]string{"md": string(md), "html": string(html), "docx": docxText(t, filepath.Join(dir, "jd.docx"))} {
		if strings.Contains(text, "enterprise-scale") || !strings.Contains(text, "organisation-wide data integration") {
			t.Errorf("%s: the replace edit is not applied", name)
		}
		if !strings.Contains(text, "Data modelling and design") {
			t.Errorf("%s: the retitle edit is not applied", name)
		}
	}
	stdout, _, err := run(t, fixedDate, "show", "data-engineer", "--level", "head", "--config", cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`edited: replaced "enterprise-scale" with "organisation-wide" (edited by the organisation, ` + cfg + `:`,
		`edited: retitled "Data modelling" as "Data modelling and design" (edited by the organisation, ` + cfg + `:`,
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("show lacks %q", want)
		}
	}
	// The template context carries the record too.
	stdout, _, _ = run(t, fixedDate, "show", "data-engineer", "--level", "head", "--config", cfg, "--json")
	if !strings.Contains(stdout, `"edits": [`) {
		t.Error("show --json has no edits")
	}
}

func TestEditThatMatchesNothingIsOneLineError(t *testing.T) {
	cfg := withConfig(t, "edits:\n  - {kind: skill, title: Column Storage Databasez, sentenceCase: true}\n")
	_, _, err := run(t, fixedDate, "generate", "--config", cfg, "--doc", "jd", "--format", "md", "--out", t.TempDir())
	n := strings.Count(string(rolepack.DefaultConfig)+"\n", "\n") + 2
	want := cfg + ":" + strconv.Itoa(n) + ": edit " + strconv.Itoa(defaultEdits(t)+1) + ` matches nothing: no skill titled "Column Storage Databasez"`
	if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "\n") {
		t.Fatalf("error %v, want %q…", err, want)
	}
}

func TestLintRoleLevelChecksTheRenderedDocuments(t *testing.T) {
	// The NCF profile used as it is carries a US spelling from its source.
	stdout, _, err := run(t, fixedDate, "lint", "--role", "ncf/head-of-data-ethics", "--level", "head-of-data-ethics")
	var ex *exitError
	if !errors.As(err, &ex) || ex.code != 1 {
		t.Fatalf("want exit 1 (the profile's US spelling), got %v", err)
	}
	if want := `: spelling: US spelling "visualization" (visualisation)`; !strings.Contains(stdout, "spec.md:") || !strings.Contains(stdout, want) {
		t.Errorf("lint --role lacks %q:\n%s", want, stdout)
	}
	stdout, stderr, err := run(t, fixedDate, "lint", "--role", "data-engineer", "--level", "head")
	if err != nil {
		t.Fatalf("the default role's documents have an error-level finding: %v\n%s", err, stdout)
	}
	// The default role's advert, JD and person specification have no
	// error-level inclusive finding, and every document is checked.
	for _, line := range strings.Split(stdout, "\n") {
		if strings.Contains(line, ": inclusive: ") && !strings.Contains(line, ": inclusive: warning: ") {
			t.Errorf("error-level inclusive finding: %s", line)
		}
	}
	if !strings.Contains(stdout, "spec.md:") || !strings.Contains(stderr, " in 3 document kind(s) of data-engineer at head") {
		t.Errorf("want findings named spec.md, and the JD, person specification and advert checked:\n%s%s", stdout, stderr)
	}
	if _, _, err := run(t, fixedDate, "lint", "--role", "data-engineer"); err == nil || !strings.Contains(err.Error(), "--level") {
		t.Errorf("--role without --level: %v", err)
	}
}

// suggested runs lint --suggest-edits and checks its output parses as a
// config edits: block.
func suggested(t *testing.T, args ...string) string {
	t.Helper()
	stdout, stderr, err := run(t, fixedDate, append([]string{"lint", "--suggest-edits"}, args...)...)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var parsed struct {
		Edits []config.EditDef `yaml:"edits"`
	}
	dec := yaml.NewDecoder(bytes.NewReader([]byte(stdout)))
	dec.KnownFields(true)
	if err := dec.Decode(&parsed); err != nil || len(parsed.Edits) == 0 {
		t.Fatalf("--suggest-edits output does not parse as edits (%v):\n%s", err, stdout)
	}
	return stdout
}

func TestSuggestedEditsRemoveTheFindingsTheyFix(t *testing.T) {
	role := []string{"--role", "ncf/head-of-data-ethics", "--level", "head-of-data-ethics"}
	edits := suggested(t, role...)
	if !strings.Contains(edits, "replace: visualization, with: visualisation}") {
		t.Errorf("suggestions lack the US spelling fix:\n%s", edits)
	}
	cfg := withConfig(t, edits)
	stdout, stderr, err := run(t, fixedDate, append([]string{"lint", "--config", cfg}, role...)...)
	if err != nil {
		t.Fatalf("errors remain after the suggested edits: %v\n%s", err, stdout)
	}
	for _, gone := range []string{`"visualization"`} {
		if strings.Contains(stdout, gone) {
			t.Errorf("%s still found after the edits", gone)
		}
	}
	if !strings.Contains(stderr, "ok: 0 error(s)") {
		t.Errorf("stderr %q", stderr)
	}
}

func TestSuggestEditsForAFrameworkSource(t *testing.T) {
	src := filepath.Join("..", "..", "framework", "defaults", "sources", "fedip-head-of-data-ethics.txt")
	edits := suggested(t, src)
	for _, want := range []string{
		"fedip-head-of-data-ethics.txt:93: spelling: misspelt \"ssacrifice\"\n",
		"replace: effectiveness.., with: effectiveness.}",
		"replace: system ., with: system.}",
	} {
		if !strings.Contains(edits, want) {
			t.Errorf("suggestions lack %q:\n%s", want, edits)
		}
	}
	// Applied as config (the embedded ncf framework is this source), the
	// documents no longer carry the slips.
	cfg := withConfig(t, edits)
	stdout, _, _ := run(t, fixedDate, "lint", "--role", "data-engineer", "--level", "head", "--config", cfg)
	for _, gone := range []string{"ssacrifice", "doubled full stop"} {
		if strings.Contains(stdout, gone) {
			t.Errorf("%s still found after the framework's edits", gone)
		}
	}
}

func TestStrictGenerateFailsOnABannedWord(t *testing.T) {
	cfg := withConfig(t, "editorial:\n  ban: [\"pipelines => data flows\"]\n")
	dir := t.TempDir()
	// The default advert has no error-level finding: --strict passes.
	if _, stderr, err := run(t, fixedDate, "generate", "--doc", "advert", "--format", "md", "--out", t.TempDir(), "--strict"); err != nil {
		t.Fatalf("--strict on the default advert: %v\n%s", err, stderr)
	}
	_, stderr, err := run(t, fixedDate, "generate", "--config", cfg, "--doc", "advert", "--format", "md", "--out", dir, "--strict")
	if err == nil || !strings.Contains(err.Error(), "advert.md: 2 error-level editorial findings (strict); first: advert.md:") ||
		!strings.Contains(err.Error(), `: banned: "pipelines" is a word the organisation does not use (write data flows)`) {
		t.Fatalf("--strict with a banned word: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("--strict failure wrote %d files", len(entries))
	}
	if !strings.Contains(stderr, "warning: advert.md: editorial checks: 2 errors (banned 2)") {
		t.Errorf("no summary warning:\n%s", stderr)
	}
	// Without --strict the same run writes and warns, in a few lines.
	dir = t.TempDir()
	stdout, stderr, err := run(t, fixedDate, "generate", "--config", cfg, "--doc", "jd,advert", "--format", "md", "--out", dir)
	if err != nil || !strings.Contains(stdout, "wrote ") {
		t.Fatalf("without --strict: %v", err)
	}
	if !strings.Contains(stderr, "banned ") || strings.Count(stderr, "\n") > 16 {
		t.Errorf("warnings not summarised (%d lines):\n%s", strings.Count(stderr, "\n"), stderr)
	}
}

func TestStrictPackFailsThePackWithItsRow(t *testing.T) {
	cfg := withConfig(t, "editorial:\n  ban: [\"pipelines => data flows\"]\n")
	m := writeManifest(t, "vacancies.csv", "reference,role,level\nREF-1,data-engineer,head\n")
	out := t.TempDir()
	stdout, stderr, err := run(t, fixedDate, "pack", m, "--config", cfg, "--out", out, "--format", "md", "--strict")
	if exitCode(err) != 1 {
		t.Fatalf("exit %d (%v), want 1\n%s%s", exitCode(err), err, stdout, stderr)
	}
	if !strings.Contains(stderr, m+":2: REF-1: ") || !strings.Contains(stderr, "error-level editorial finding") {
		t.Errorf("the pack's failure does not name its row:\n%s", stderr)
	}
	if !strings.Contains(stderr, "warning: jd.md of data-engineer at head, in 1 pack: editorial checks: ") {
		t.Errorf("no editorial summary:\n%s", stderr)
	}
}

// grammarEdit makes a duty of the default role read "Explain of have the
// concepts …": a base verb after a preposition, a grammar error.
const grammarEdit = "edits:\n  - {kind: skill, title: Data modelling, replace: explain the concepts, with: explain of have the concepts}\n"

func TestStrictGenerateFailsOnAGrammarError(t *testing.T) {
	cfg := withConfig(t, grammarEdit)
	dir := t.TempDir()
	_, stderr, err := run(t, fixedDate, "generate", "--config", cfg, "--doc", "jd", "--format", "md", "--out", dir, "--strict")
	want := `: grammar: base verb "have" after "of": a verb after a preposition takes -ing (of having)`
	if err == nil || !strings.Contains(err.Error(), "jd.md: 1 error-level editorial finding (strict); first: jd.md: Key responsibilities, item ") || !strings.Contains(err.Error(), want) {
		t.Fatalf("--strict with a broken duty: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("--strict failure wrote %d files", len(entries))
	}
	if !strings.Contains(stderr, "warning: jd.md: editorial checks: 1 error (grammar 1)") {
		t.Errorf("no summary warning naming the grammar error:\n%s", stderr)
	}
}

func TestLintRoleLevelNamesThePlaceOfAGrammarError(t *testing.T) {
	cfg := withConfig(t, grammarEdit)
	stdout, _, err := run(t, fixedDate, "lint", "--config", cfg, "--role", "data-engineer", "--level", "head", "--doc", "jd", "--format", "json")
	if exitCode(err) != 1 {
		t.Fatalf("exit %d (%v), want 1 (the grammar error)", exitCode(err), err)
	}
	var fs []struct {
		File, Place, Category, Severity, Message, Suggestion, From, To string
	}
	if err := json.Unmarshal([]byte(stdout), &fs); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	found := false
	for _, f := range fs {
		if f.Category != "grammar" {
			continue
		}
		found = true
		if f.File != "jd.md" || !strings.HasPrefix(f.Place, "Key responsibilities, item ") || f.Severity != "error" ||
			f.Suggestion != "of having" || f.From != "of have" || f.To != "of having" {
			t.Errorf("grammar finding %+v", f)
		}
	}
	if !found {
		t.Errorf("no grammar finding:\n%s", stdout)
	}
}

func TestLintATextFileFindsGrammar(t *testing.T) {
	p := filepath.Join(t.TempDir(), "advert.md")
	md := "# Data engineer\n\n## What you will do\n\n- Responsible for the data platform\n- Collaborate with user researchers and can represent users\n\n## What you will bring\n\n- **Service focus**\n"
	if err := os.WriteFile(p, []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _, err := run(t, fixedDate, "lint", "--from", "text", p)
	if exitCode(err) != 1 {
		t.Fatalf("exit %d (%v), want 1", exitCode(err), err)
	}
	for _, want := range []string{
		p + `:5:3: grammar: duty starts with "Responsible", not a verb`,
		p + `:6:41: grammar: "can represent" after "and" mixes forms with "Collaborate": write "and represent"`,
		p + `:10:5: grammar: list item "Service focus" is a bold label with no text after it`,
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("lint lacks %q:\n%s", want, stdout)
		}
	}
}

// TestDefaultRunHasNoEditorialWarnings: `make run` (the default config,
// no arguments) prints no editorial summary, and every document kind it
// writes that the editorial checks read (the candidate-facing ones) has
// no finding at all in `lint --role --level`: the repository's own
// example runs clean, through rule fixes and the documented edits in
// config.yaml, not through rules switched off.
func TestDefaultRunHasNoEditorialWarnings(t *testing.T) {
	dir := t.TempDir()
	stdout, stderr, err := run(t, fixedDate, "--out", dir, "--verbose")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(stderr, "editorial") {
		t.Errorf("the default run prints editorial findings:\n%s", stderr)
	}
	var cfg struct {
		Role      string   `yaml:"role"`
		Level     string   `yaml:"level"`
		Documents []string `yaml:"documents"`
	}
	if err := yaml.Unmarshal(rolepack.DefaultConfig, &cfg); err != nil {
		t.Fatal(err)
	}
	kinds, err := render.LookupKinds(append(cfg.Documents, "record"))
	if err != nil {
		t.Fatal(err)
	}
	var checked []string
	for _, k := range kinds {
		if !strings.Contains(stdout, filepath.Join(dir, k.ID+".md")) {
			t.Errorf("the default run did not write %s.md", k.ID)
		}
		if k.CandidateFacing {
			checked = append(checked, k.ID)
		}
	}
	if len(checked) == 0 {
		t.Fatal("the default run writes no document the editorial checks read")
	}
	lintOut, lintErr, err := run(t, fixedDate, "lint", "--role", cfg.Role, "--level", cfg.Level, "--doc", strings.Join(checked, ","))
	if err != nil {
		t.Fatal(err)
	}
	if want := "ok: 0 error(s), 0 warning(s)"; lintOut != "" || !strings.HasPrefix(lintErr, want) {
		t.Errorf("lint of the default run's %s: want no finding and %q, got:\n%s%s", strings.Join(checked, ", "), want, lintOut, lintErr)
	}
}

// TestVerboseGenerateListsEveryFinding: --verbose prints, under each
// document's summary, every finding the summary counts, one line each
// with its place, as its help says; without it, the summary alone.
func TestVerboseGenerateListsEveryFinding(t *testing.T) {
	cfg := withConfig(t, grammarEdit)
	findings := func(args ...string) (summary string, lines []string) {
		t.Helper()
		_, stderr, err := run(t, fixedDate, append([]string{"generate", "--config", cfg, "--level", "senior", "--doc", "jd", "--format", "md", "--out", t.TempDir()}, args...)...)
		if err != nil {
			t.Fatalf("generate %v: %v\n%s", args, err, stderr)
		}
		for _, l := range strings.Split(stderr, "\n") {
			switch {
			case strings.HasPrefix(l, "warning: jd.md: editorial checks: "):
				summary = l
			case strings.HasPrefix(l, "warning: jd.md: "), strings.HasPrefix(l, "jd.md: "):
				lines = append(lines, l)
			}
			if strings.Count(l, "warning: ") > 1 {
				t.Errorf("a line says warning twice: %q", l)
			}
		}
		return summary, lines
	}
	summary, quiet := findings()
	m := regexp.MustCompile(`editorial checks: (\d+) errors?.*, (\d+) warnings?`).FindStringSubmatch(summary)
	if m == nil {
		t.Fatalf("no summary of jd.md's findings: %q", summary)
	}
	errs, _ := strconv.Atoi(m[1])
	warns, _ := strconv.Atoi(m[2])
	if warns == 0 {
		t.Fatalf("the test wants a JD with warnings: %q", summary)
	}
	if len(quiet) != errs {
		t.Errorf("without --verbose, %d findings listed, want the %d errors only: %q", len(quiet), errs, quiet)
	}
	vsummary, verbose := findings("--verbose")
	if vsummary != summary {
		t.Errorf("--verbose summary %q, want %q", vsummary, summary)
	}
	if len(verbose) != errs+warns {
		t.Errorf("--verbose lists %d findings, want the %d the summary counts:\n%s", len(verbose), errs+warns, strings.Join(verbose, "\n"))
	}
	for _, l := range verbose {
		if !strings.Contains(l, "jd.md: ") || strings.Count(l, ": ") < 2 {
			t.Errorf("a finding without its place: %q", l)
		}
	}
}
