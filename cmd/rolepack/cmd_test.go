package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/render"
)

// run executes the rolepack command line in-process and returns stdout,
// stderr and the error.
func run(t *testing.T, env map[string]string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	io := &IO{In: strings.NewReader(""), Out: &out, Err: &errb}
	cmd := NewCmdRoot(NewFactory(io, func(k string) string { return env[k] }, time.Now))
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(context.Background())
	return out.String(), errb.String(), err
}

var fixedDate = map[string]string{"SOURCE_DATE_EPOCH": "1794528000"} // 2026-11-13

// TestDefaultRunWritesEightDocuments: the default run writes the JD and
// the PDP in four formats, and the composition record beside them.
func TestDefaultRunWritesEightDocuments(t *testing.T) {
	dir := t.TempDir()
	stdout, stderr, err := run(t, fixedDate, "--out", dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"warning: the organisation is the example one: set organisation.name,",
		"warning: no salary: set vacancy.salary",
		"warning: no closing date: set vacancy.closing",
		"warning: no band or grade: set vacancy.band",
		"warning: no reference: set vacancy.reference",
	} {
		if strings.Count(stderr, want) != 1 {
			t.Errorf("stderr does not warn once %q:\n%s", want, stderr)
		}
	}
	for _, name := range []string{"jd.pdf", "jd.docx", "jd.md", "jd.html", "pdp.pdf", "pdp.docx", "pdp.md", "pdp.html", "record.pdf", "record.docx", "record.md", "record.html"} {
		if !strings.Contains(stdout, "wrote "+filepath.Join(dir, name)+"\n") {
			t.Errorf("stdout does not report %s:\n%s", name, stdout)
		}
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s missing or empty: %v", name, err)
		}
	}
	pdp, _ := os.ReadFile(filepath.Join(dir, "pdp.md"))
	if !strings.Contains(string(pdp), `footer: "Data engineer · Mid to Senior · `) || strings.Contains(string(pdp), "rolepack") {
		t.Error("the PDP's footer does not name its two levels, or carries the tool's name")
	}
	md, _ := os.ReadFile(filepath.Join(dir, "jd.md"))
	for _, want := range []string{
		"Inspire best practice for data products and services within your teams",
		"**Programming and build:** advise on",
		"Delivering outcomes",
		"# Head of data engineering",
	} {
		if !strings.Contains(string(md), want) {
			t.Errorf("jd.md lacks %q", want)
		}
	}
	for _, not := range []string{"rolepack", "B1.1", "Level 5", "NHS", "ddat", "(data engineering)"} {
		if strings.Contains(string(md), not) {
			t.Errorf("jd.md has %q", not)
		}
	}
	rec, _ := os.ReadFile(filepath.Join(dir, "record.md"))
	if !strings.Contains(string(rec), "| behaviour | NHS Constitution | NHS-specific: taken only when named in select | ncf fedip-head-of-data-ethics.txt:55 |") {
		t.Error("the record does not say why the NHS Constitution behaviour was left out")
	}
}

func TestSameInputsGiveSameBytes(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if _, _, err := run(t, fixedDate, "--out", d); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(a)
	if len(entries) < 8 {
		t.Fatalf("only %d files", len(entries))
	}
	for _, e := range entries {
		x, _ := os.ReadFile(filepath.Join(a, e.Name()))
		y, _ := os.ReadFile(filepath.Join(b, e.Name()))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", e.Name())
		}
	}
}

func TestRerunWritesNothingAndProtectsUserFiles(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := run(t, fixedDate, "--out", dir, "--format", "md"); err != nil {
		t.Fatal(err)
	}
	stdout, _, err := run(t, fixedDate, "--out", dir, "--format", "md")
	if err != nil || stdout != "" {
		t.Fatalf("second run wrote %q (err %v)", stdout, err)
	}
	p := filepath.Join(dir, "jd.md")
	if err := os.WriteFile(p, []byte("my own edits"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = run(t, fixedDate, "--out", dir, "--format", "md", "--level", "senior")
	if err == nil || !strings.Contains(err.Error(), "use --force") {
		t.Fatalf("edited file overwritten without --force: %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "my own edits" {
		t.Fatal("user's file changed")
	}
	if _, _, err := run(t, fixedDate, "--out", dir, "--format", "md", "--level", "senior", "--force"); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) == "my own edits" {
		t.Fatal("--force did not overwrite")
	}
}

func TestErrorsAreOneLineWithFileAndLine(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good, _ := os.ReadFile("../../config.yaml")
	bad := write("bad.yaml", "role: x\nlevel: [unclosed\n")
	unknown := write("unknown.yaml", "role: x\nlevle: head\n")
	unmapped := write("unmapped.yaml", strings.Replace(string(good), "levels: {entry: entry, mid: mid, senior: senior, head: senior}", "levels: {entry: entry, mid: mid, senior: senior}", 1))
	badmap := write("badmap.yaml", strings.Replace(string(good), "head: senior}", "head: expert}", 1))
	unknownFw := write("unknownfw.yaml", strings.Replace(string(good), "framework: ncf", "framework: sfia", 1))
	removal := write("removal.yaml", strings.Replace(string(good), "    add:\n", "    remove:\n      - {kind: skill, title: Juggling}\n    add:\n", 1))
	tests := []struct {
		name string
		args []string
		want string // regexp
	}{
		{"unknown role", []string{"--role", "astronaut"}, `^--role astronaut: unknown role \(available: data-engineer, or FRAMEWORK/ROLE: see rolepack list roles\)$`},
		{"unknown level", []string{"--level", "chief"}, `^--level chief: unknown level \(the ladder has: entry, mid, senior, head\)$`},
		{"unknown level from the environment", []string{"--set", "level=chief"}, `^--set level=chief: unknown level \(the ladder has: entry, mid, senior, head\)$`},
		{"unknown role in the config", []string{"--config", write("role.yaml", strings.Replace(string(good), "role: data-engineer", "role: astronaut", 1))}, `role\.yaml:\d+: unknown role "astronaut" \(available: data-engineer\)$`},
		{"malformed config", []string{"--config", bad}, `^` + regexp.QuoteMeta(bad) + `:\d+: .+`},
		{"unknown key", []string{"--config", unknown}, `^` + regexp.QuoteMeta(unknown) + `:2: unknown key "levle" \(did you mean "level"\?\)$`},
		{"rung not mapped", []string{"--config", unmapped}, `^` + regexp.QuoteMeta(unmapped) + `:\d+: role "data-engineer" source 2 \(sde-skills catalogue data-management-engineering\) does not map level "head": map it to one of entry, mid, senior, or to none$`},
		{"mapping to missing level", []string{"--config", badmap}, regexp.QuoteMeta(badmap) + `:\d+: .*has no level "expert" \(it has: entry, mid, senior\)$`},
		{"unknown framework at a rung mapped to none", []string{"--config", unknownFw, "--level", "mid"}, `^` + regexp.QuoteMeta(unknownFw) + `:\d+: role "data-engineer" source 3: unknown framework "sfia"`},
		{"unknown framework", []string{"--config", unknownFw}, `^` + regexp.QuoteMeta(unknownFw) + `:\d+: role "data-engineer" source 3: unknown framework "sfia" \(available: ddat, sde-skills, ncf\)$`},
		{"removing a missing entry", []string{"--config", removal}, regexp.QuoteMeta(removal) + `:\d+: cannot remove skill "Juggling"`},
		{"unknown format", []string{"--format", "rtf"}, `^--format rtf: unknown format \(known: ` + knownFormats + `\)$`},
		{"unknown kind", []string{"--doc", "memo"}, `^--doc memo: unknown document kind \(known: ` + knownKinds + `\)$`},
		{"unknown kind in a list", []string{"--doc", "jd,cv"}, `^--doc jd,cv: unknown document kind "cv" \(known: ` + knownKinds + `\)$`},
		{"unknown format in the config", []string{"--config", write("odt.yaml", strings.Replace(string(good), "formats: [", "formats: [odt, ", 1))}, `odt\.yaml:\d+: unknown format "odt" \(known: ` + knownFormats + `\)$`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			_, _, err := run(t, fixedDate, append(tc.args, "--out", out)...)
			if err == nil {
				t.Fatal("no error")
			}
			if strings.Contains(err.Error(), "\n") || !regexp.MustCompile(tc.want).MatchString(err.Error()) {
				t.Errorf("error %q does not match %s", err, tc.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("output folder created despite the error")
			}
		})
	}
}

func TestEnvironmentOverridesConfig(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"SOURCE_DATE_EPOCH": "1794528000", "ROLEPACK_LEVEL": "senior", "ROLEPACK_DOC": "jd", "ROLEPACK_FORMAT": "md", "ROLEPACK_VACANCY_BAND": "Band 8a"}
	if _, _, err := run(t, env, "--out", dir); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "jd.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "Band 8a") || !strings.Contains(string(b), "# Senior data engineer") {
		t.Error("environment did not override level and vacancy band")
	}
	if _, err := os.Stat(filepath.Join(dir, "pdp.md")); err == nil {
		t.Error("ROLEPACK_DOC=jd still wrote the PDP")
	}
}

func TestShowListsEveryEntryWithProvenance(t *testing.T) {
	stdout, _, err := run(t, fixedDate, "show", "data-engineer", "--level", "head")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"from ddat data-engineer, level head-of-data-engineering, Skills, ddat-data-engineer-head-of-data-engineering.txt:",
		"from sde-skills data-management-engineering, level senior, Advanced Techniques, matrix-data-management-engineering.md:",
		"from ncf head-of-data-ethics, level head-of-data-ethics, Behaviours, fedip-head-of-data-ethics.txt:47",
		"Degree in a numerate subject",
		"organisation’s specific needs", // seed 000's mojibake, repaired
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("show output lacks %q", want)
		}
	}
	// Every behaviour, leadership, training and PDA row of the profile is there.
	for kind, n := range map[string]int{"Behaviour entries:": 26, "Leadership entries:": 26} {
		if !strings.Contains(stdout, kind) {
			t.Errorf("no %s", kind)
		}
		_ = n
	}
	if got := strings.Count(stdout, "from ncf head-of-data-ethics"); got != 26+26+3+8 {
		t.Errorf("%d entries from the profile, want 63 (26 behaviours, 26 leadership, 3 training, 8 PDA)", got)
	}
	if got := strings.Count(stdout, "from sde-skills"); got != 11 {
		t.Errorf("%d matrix skills, want 11", got)
	}
}

func TestConfigListsKeepTheirCommas(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"SOURCE_DATE_EPOCH": "1794528000", "ROLEPACK_VACANCY_PANEL": "Jane Smith; Raj Patel"}
	if _, _, err := run(t, env, "--doc", "advert,scoring", "--format", "md", "--out", dir); err != nil {
		t.Fatal(err)
	}
	advert, _ := os.ReadFile(filepath.Join(dir, "advert.md"))
	if !strings.Contains(string(advert), "27 days' annual leave rising to 33, plus bank holidays") {
		t.Errorf("an offer item from config.yaml was split at its comma:\n%s", advert)
	}
	// One scoring sheet per panel member, as in a pack.
	for _, name := range []string{"scoring-jane-smith.md", "scoring-raj-patel.md"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("ROLEPACK_VACANCY_PANEL did not give two panel members: %v", err)
		}
	}
}

func TestSetOverridesAnyConfigKey(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"SOURCE_DATE_EPOCH": "1794528000", "ROLEPACK_VACANCY_BAND": "Band 7"}
	_, _, err := run(t, env, "--doc", "jd", "--format", "md", "--out", dir,
		"--set", "vacancy.band=Band 8b", "--set", "organisation.name=NHS Example Trust", "--set", "vacancy.reference=DE-9")
	if err != nil {
		t.Fatal(err)
	}
	jd, _ := os.ReadFile(filepath.Join(dir, "jd.md"))
	for _, want := range []string{"| Band or grade | Band 8b |", "NHS Example Trust", "| Reference | DE-9 |"} {
		if !strings.Contains(string(jd), want) {
			t.Errorf("jd.md lacks %q (--set must win over the environment)", want)
		}
	}
	for _, bad := range []string{"vacancy.sallary=1", "novalue"} {
		_, _, err := run(t, nil, "--set", bad, "--out", t.TempDir())
		if err == nil || !strings.HasPrefix(err.Error(), "--set ") {
			t.Errorf("--set %s: error %v", bad, err)
		}
	}
}

// knownFormats and knownKinds are the registries' lists as error messages
// give them, quoted for a regular expression.
var (
	knownFormats = regexp.QuoteMeta(strings.Join(output.FormatNames(), ", "))
	knownKinds   = regexp.QuoteMeta(strings.Join(render.KindIDs(), ", "))
)
