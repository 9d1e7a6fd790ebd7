package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/output"
)

// testFactory returns a Factory over buffers, with the environment env and
// a fixed clock.
func testFactory(env map[string]string) (*Factory, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	io := &IO{In: strings.NewReader(""), Out: &out, Err: &errb}
	now := func() time.Time { return time.Date(2026, 11, 13, 9, 30, 0, 0, time.UTC) }
	return NewFactory(io, func(k string) string { return env[k] }, now), &out, &errb
}

// parse runs cmd's flag parsing with args and returns the error.
func parse(t *testing.T, cmd interface {
	SetArgs([]string)
	ExecuteContext(context.Context) error
}, args ...string) {
	t.Helper()
	cmd.SetArgs(args)
	if err := cmd.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("%v: %v", args, err)
	}
}

func TestFlagsFillOptions(t *testing.T) {
	f, _, _ := testFactory(nil)
	var gen *GenerateOptions
	parse(t, NewCmdGenerate(f, func(_ context.Context, o *GenerateOptions) error { gen = o; return nil }),
		"--role", "ddat/data-engineer", "--level", "senior", "--doc", "jd,spec", "--doc", "pdp", "--format", "md",
		"--out", "o", "--templates", "t", "--date", "2026-01-02", "--force", "--config", "c.yaml", "--set", "a.b=1", "--set", "c=d")
	want := GenerateOptions{Factory: f, Config: ConfigOptions{File: "c.yaml", Sets: []string{"a.b=1", "c=d"}},
		Role: "ddat/data-engineer", Level: "senior", Docs: []string{"jd", "spec", "pdp"}, Formats: []string{"md"},
		Out: "o", Templates: "t", Date: "2026-01-02", Force: true}
	if !reflect.DeepEqual(*gen, want) {
		t.Errorf("generate options\n got %+v\nwant %+v", *gen, want)
	}

	var pk *PackOptions
	parse(t, NewCmdPack(f, func(_ context.Context, o *PackOptions) error { pk = o; return nil }), "m.csv", "--jobs", "3", "--quiet")
	if pk.Manifest != "m.csv" || pk.Jobs != 3 || !pk.Quiet || pk.Out != "" || pk.Formats != nil {
		t.Errorf("pack options %+v", *pk)
	}

	var sh *ShowOptions
	parse(t, NewCmdShow(f, func(_ context.Context, o *ShowOptions) error { sh = o; return nil }), "data-engineer", "--level", "head", "--json", "--pdp")
	if sh.Role != "data-engineer" || sh.Level != "head" || !sh.JSON || !sh.PDP {
		t.Errorf("show options %+v", *sh)
	}

	var ls *ListOptions
	parse(t, NewCmdList(f, func(_ context.Context, o *ListOptions) error { ls = o; return nil }), "roles")
	if ls.What != "roles" {
		t.Errorf("list options %+v", *ls)
	}
	parse(t, NewCmdList(f, func(_ context.Context, o *ListOptions) error { ls = o; return nil }))
	if ls.What != "all" {
		t.Errorf("list with no argument: %+v", *ls)
	}

	var va *ValidateOptions
	parse(t, NewCmdValidate(f, func(_ context.Context, o *ValidateOptions) error { va = o; return nil }), "a.yaml", "b.md", "--from", "matrix")
	if va.From != "matrix" || !reflect.DeepEqual(va.Files, []string{"a.yaml", "b.md"}) {
		t.Errorf("validate options %+v", *va)
	}

	var im *ImportOptions
	parse(t, NewCmdImport(f, func(_ context.Context, o *ImportOptions) error { im = o; return nil }), "p.txt", "-o", "x.json", "--json", "--title", "T", "--force")
	if im.Out != "x.json" || !im.JSON || im.Title != "T" || !im.Force || im.From != "auto" || !reflect.DeepEqual(im.Files, []string{"p.txt"}) {
		t.Errorf("import options %+v", *im)
	}

	var te *TemplatesExportOptions
	parse(t, NewCmdTemplates(f, func(_ context.Context, o *TemplatesExportOptions) error { te = o; return nil }), "export", "dir", "--force")
	if te.Dir != "dir" || !te.Force {
		t.Errorf("templates export options %+v", *te)
	}
}

func TestGenerateMarkdownBuildsNoPDFWriter(t *testing.T) {
	f, out, _ := testFactory(map[string]string{"SOURCE_DATE_EPOCH": "1794528000"})
	dir := t.TempDir()
	opts := &GenerateOptions{Factory: f, Docs: []string{"jd", "spec"}, Formats: []string{"md"}, Out: dir}
	if err := runGenerate(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if got := f.Formats.Built(); !reflect.DeepEqual(got, []string{"md"}) {
		t.Errorf("writers built for --format md: %v", got)
	}
	if !strings.Contains(out.String(), "wrote "+filepath.Join(dir, "spec.md")) {
		t.Errorf("stdout: %q", out)
	}
}

func TestGenerateDateFromTheClock(t *testing.T) {
	f, _, _ := testFactory(nil)
	dir := t.TempDir()
	if err := runGenerate(context.Background(), &GenerateOptions{Factory: f, Docs: []string{"jd"}, Formats: []string{"md"}, Out: dir}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "jd.md"))
	if !strings.Contains(string(b), "2026-11-13") && !strings.Contains(string(b), "13 November 2026") {
		t.Errorf("jd.md does not carry the clock's date:\n%.600s", b)
	}
}

// runErr runs the root command line with env and returns its error text.
func runErr(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	if env == nil {
		env = map[string]string{}
	}
	if _, ok := env["SOURCE_DATE_EPOCH"]; !ok {
		env["SOURCE_DATE_EPOCH"] = "1794528000"
	}
	out := filepath.Join(t.TempDir(), "out")
	args = append(args, "--out", out)
	if env["ROLEPACK_FORMAT"] == "" {
		args = append(args, "--format", "md", "--doc", "jd")
	}
	_, _, err := run(t, env, args...)
	if err == nil {
		t.Fatalf("%v %v: no error", env, args)
	}
	if _, serr := os.Stat(out); serr == nil {
		t.Errorf("%v: output written despite the error", args)
	}
	return err.Error()
}

func TestValueErrorsNameTheirOrigin(t *testing.T) {
	dir := t.TempDir()
	good, _ := os.ReadFile("../../config.yaml")
	cfg := func(name, old, new string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(strings.Replace(string(good), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	nanCfg := cfg("nan.yaml", "vacancy:\n", "vacancy:\n  salaryMin: .nan\n")
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"format from the environment", map[string]string{"ROLEPACK_FORMAT": "odt"}, nil, "ROLEPACK_FORMAT=odt: unknown format (known: " + strings.Join(output.FormatNames(), ", ") + ")"},
		{"salary from --set", nil, []string{"--set", "vacancy.salaryMin=abc"}, "--set vacancy.salaryMin=abc: vacancy.salaryMin must be a number, e.g. 55690"},
		{"salary from the environment", map[string]string{"ROLEPACK_VACANCY_SALARYMIN": "abc"}, nil, "ROLEPACK_VACANCY_SALARYMIN=abc: vacancy.salaryMin must be a number, e.g. 55690"},
		{"NaN salary from --set", nil, []string{"--set", "vacancy.salaryMax=NaN"}, "--set vacancy.salaryMax=NaN: vacancy.salaryMax must be a number, e.g. 55690"},
		{"NaN salary in the file", nil, []string{"--config", nanCfg}, nanCfg + ":" + strconv.Itoa(lineOf(t, nanCfg, "salaryMin: .nan")) + ": vacancy salaryMin is not a number"},
		{"negative salary", nil, []string{"--set", "vacancy.salaryMax=-5"}, "--set vacancy.salaryMax=-5: vacancy salaryMax -5 is negative"},
		{"absurd salary", map[string]string{"ROLEPACK_VACANCY_SALARYMIN": "1e300"}, nil, "ROLEPACK_VACANCY_SALARYMIN=1e300: vacancy salaryMin 1e+300 is more than 10000000"},
		{"min above max", nil, []string{"--set", "vacancy.salaryMin=90000", "--set", "vacancy.salaryMax=50000"}, "--set vacancy.salaryMax=50000: vacancy salaryMin 90000 is more than salaryMax 50000"},
		{"bool", nil, []string{"--set", "scoring.scale=x", "--set", "scoring.max=many"}, "--set scoring.max=many: scoring.max must be a whole number"},
		{"date out of range", nil, []string{"--date", "1850-01-01"}, `--date 1850-01-01: date "1850-01-01" is not between 1900 and 2200`},
		{"date not a date", map[string]string{"ROLEPACK_DATE": "13/11/2026"}, nil, `ROLEPACK_DATE=13/11/2026: date "13/11/2026" is not a date in the form YYYY-MM-DD`},
		{"closing date", nil, []string{"--set", "vacancy.closing=2300-01-01"}, `--set vacancy.closing=2300-01-01: closing "2300-01-01" is not between 1900 and 2200`},
		{"SOURCE_DATE_EPOCH too far", map[string]string{"SOURCE_DATE_EPOCH": "99999999999999999"}, nil, "SOURCE_DATE_EPOCH=99999999999999999: the date must lie between 1900 and 2200"},
		{"SOURCE_DATE_EPOCH not a number", map[string]string{"SOURCE_DATE_EPOCH": "soon"}, nil, "SOURCE_DATE_EPOCH=soon: not a whole number of seconds"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := runErr(t, tc.env, tc.args...); got != tc.want {
				t.Errorf("error\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestConfigYAMLIsStrict(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good, _ := os.ReadFile("../../config.yaml")
	big := strings.Repeat("x", 100_000)
	bomb := "organisation:\n  about: &a " + big + "\n  offer: [" + strings.TrimSuffix(strings.Repeat("*a, ", 200), ", ") + "]\n"
	tests := []struct{ name, file, want string }{
		{"second document", write("two.yaml", string(good)+"---\nrole: other\n"), `two.yaml:\d+: a second YAML document \(after ---\): a config is one document$`},
		{"duplicate key", write("dup.yaml", "role: a\nlevel: head\nrole: b\n"), `dup.yaml:3: mapping key "role" already defined at line 1$`},
		{"alias amplification", write("bomb.yaml", bomb), `bomb.yaml:3: YAML aliases expand the config past 4 MiB: write the values out$`},
		{"too large", write("large.yaml", "# "+strings.Repeat("x", userfile.Config)+"\n"), `large.yaml: file is too large: .* \(limit 1.0 MiB .*\)$`},
		{"a folder", dir, `config: .*: is a directory, not a file$`},
		{"a device", "/dev/zero", `config: /dev/zero: is a device, not a regular file$`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := runErr(t, nil, "--config", tc.file)
			if !regexpMatch(tc.want, got) {
				t.Errorf("error %q does not match %s", got, tc.want)
			}
		})
	}
}

func TestBoundedReadRefusesAFIFOAtOnce(t *testing.T) {
	p := filepath.Join(t.TempDir(), "fifo.yaml")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip(err)
	}
	done := make(chan string, 2)
	go func() { done <- runErr(t, nil, "--config", p) }()
	go func() { done <- runErr(t, nil, "--set", "organisation.logo="+p) }()
	for range 2 {
		select {
		case got := <-done:
			if !strings.Contains(got, p+": is a named pipe (FIFO), not a regular file") {
				t.Errorf("error %q", got)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("reading a FIFO hangs")
		}
	}
}

func TestLogoReadIsBounded(t *testing.T) {
	got := runErr(t, nil, "--set", "organisation.logo=/dev/zero")
	if got != "--set organisation.logo=/dev/zero: logo: /dev/zero: is a device, not a regular file" {
		t.Errorf("error %q", got)
	}
	big := filepath.Join(t.TempDir(), "logo.png")
	if err := os.WriteFile(big, make([]byte, userfile.Logo+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := runErr(t, map[string]string{"ROLEPACK_ORGANISATION_LOGO": big}, nil...); !strings.HasPrefix(got, "ROLEPACK_ORGANISATION_LOGO="+big+": logo: "+big+": file is too large: ") {
		t.Errorf("error %q", got)
	}
}

// failingWriter fails every write, as /dev/full does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

func TestLostStdoutIsAnError(t *testing.T) {
	f, _, _ := testFactory(map[string]string{"SOURCE_DATE_EPOCH": "1794528000"})
	f.IO.Out = failingWriter{}
	good := filepath.Join("..", "..", "framework", "defaults", "sources", "matrix-data-management-engineering.md")
	runs := map[string]func() error{
		"list": func() error { return runList(context.Background(), &ListOptions{Factory: f, What: "all"}) },
		"show": func() error { return runShow(context.Background(), &ShowOptions{Factory: f, Role: "data-engineer"}) },
		"show --json": func() error {
			return runShow(context.Background(), &ShowOptions{Factory: f, Role: "data-engineer", JSON: true})
		},
		"validate": func() error {
			return runValidate(context.Background(), &ValidateOptions{Factory: f, From: "auto", Files: []string{"/nonexistent.yaml"}})
		},
		"import": func() error {
			return runImport(context.Background(), &ImportOptions{Factory: f, From: "auto", Files: []string{good}})
		},
		"templates list": nil,
	}
	delete(runs, "templates list")
	for name, fn := range runs {
		err := fn()
		if err == nil || !strings.Contains(err.Error(), "writing to standard output: no space left on device") {
			t.Errorf("%s to a full disk: %v", name, err)
		}
	}
}

func TestImportPrintsEachProblemOnce(t *testing.T) {
	p := filepath.Join(t.TempDir(), "untitled.txt")
	os.WriteFile(p, []byte("Work Activity Components\nTitle | Details |\n---|---|\nGovernance | Defines governance. |\n"), 0o644)
	f, _, errb := testFactory(nil)
	err := runImport(context.Background(), &ImportOptions{Factory: f, From: "profile", Files: []string{p}})
	var ex *exitError
	if !errors.As(err, &ex) || ex.code != 1 {
		t.Fatalf("err = %v", err)
	}
	var stderr bytes.Buffer
	exitStatus(&stderr, err)
	all := errb.String() + stderr.String()
	if n := strings.Count(all, "no title line"); n != 1 {
		t.Errorf("the problem is printed %d times:\n%s", n, all)
	}
}

func TestVersionCompletionAndHelp(t *testing.T) {
	stdout, _, err := run(t, nil, "--version")
	if err != nil || !strings.HasPrefix(stdout, "rolepack ") {
		t.Errorf("--version: %q %v", stdout, err)
	}
	info := &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0adcbdb1234567890abcdef"}, {Key: "vcs.time", Value: "2026-11-13T09:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	if got, want := version(info, true), "v1.2.0 (revision 0adcbdb12345, 2026-11-13T09:00:00Z, modified)"; got != want {
		t.Errorf("version = %q, want %q", got, want)
	}
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		stdout, _, err := run(t, nil, "completion", shell)
		if err != nil || !strings.Contains(stdout, "rolepack") || len(stdout) < 500 {
			t.Errorf("completion %s: %v\n%.200s", shell, err, stdout)
		}
	}
	stdout, _, err = run(t, nil, "__complete", "generate", "--format", "pdf,")
	if err != nil || !strings.Contains(stdout, "pdf,docx\n") || !strings.Contains(stdout, "pdf,md\n") {
		t.Errorf("--format completion: %v\n%s", err, stdout)
	}

	// --help names the config a run would read, and reads none.
	xdg := t.TempDir()
	os.MkdirAll(filepath.Join(xdg, "rolepack"), 0o755)
	user := filepath.Join(xdg, "rolepack", "config.yaml")
	stdout, _, err = run(t, map[string]string{"HOME": "/nonexistent"}, "--help")
	if err != nil || !strings.Contains(stdout, "\nConfig: the embedded default (no config.yaml or /nonexistent/.config/rolepack/config.yaml)\n") {
		t.Errorf("--help without a config: %v\n%s", err, stdout)
	}
	if err := os.WriteFile(user, []byte("role: x\nlevle: head\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _, err = run(t, map[string]string{"XDG_CONFIG_HOME": xdg}, "generate", "--help")
	if err != nil || !strings.Contains(stdout, "\nConfig: "+user+"\n") || !strings.Contains(stdout, "jd, spec, advert, scoring, pdp") {
		t.Errorf("generate --help with a user config: %v\n%s", err, stdout)
	}
	if got := runErr(t, map[string]string{"XDG_CONFIG_HOME": xdg}); got != user+`:2: unknown key "levle" (did you mean "level"?)` {
		t.Errorf("the user config is not the one read: %q", got)
	}
	stdout, _, _ = run(t, map[string]string{"XDG_CONFIG_HOME": xdg}, "show", "--help", "--config", "mine.yaml")
	if !strings.Contains(stdout, "\nConfig: mine.yaml (--config)\n") {
		t.Errorf("show --help --config mine.yaml:\n%s", stdout)
	}
}

func regexpMatch(re, s string) bool { return regexp.MustCompile(re).MatchString(s) }

// lineOf is the 1-based number of the first line of file that holds s.
func lineOf(t *testing.T, file, s string) int {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, s) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line with %q", file, s)
	return 0
}

// TestInterruptIsSaidInWords: a run stopped by Ctrl-C says so, with the
// shell's status for an interrupt, not "context canceled".
func TestInterruptIsSaidInWords(t *testing.T) {
	var stderr bytes.Buffer
	code := exitStatus(&stderr, fmt.Errorf("jd: %w", context.Canceled))
	if code != 130 || !strings.HasPrefix(stderr.String(), "rolepack: interrupted") {
		t.Errorf("status %d, %q", code, stderr.String())
	}
}
