package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// writeFile writes s to name in dir and returns its path.
func writeFile(t *testing.T, dir, name, s string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestOneKeyUserConfigGeneratesOverTheDefaults: a user config of one key
// generates at once, the rest coming from the embedded default; a --config
// file goes over it key by key.
func TestOneKeyUserConfigGeneratesOverTheDefaults(t *testing.T) {
	xdg := t.TempDir()
	writeFile(t, xdg, "rolepack/config.yaml", "organisation:\n  name: Acme Health\n")
	out := t.TempDir()
	env := map[string]string{"XDG_CONFIG_HOME": xdg, "SOURCE_DATE_EPOCH": "1794528000"}
	if _, stderr, err := run(t, env, "generate", "--doc", "jd", "--format", "md", "--out", out); err != nil {
		t.Fatalf("a one-key user config: %v\n%s", err, stderr)
	}
	md, _ := os.ReadFile(filepath.Join(out, "jd.md"))
	if !bytes.Contains(md, []byte("Acme Health")) || !bytes.Contains(md, []byte("# Head of data engineering")) {
		t.Errorf("jd.md has not the user's organisation over the default role:\n%.400s", md)
	}

	given := writeFile(t, t.TempDir(), "mine.yaml", "vacancy:\n  band: Band 8a\norganisation:\n  department: Digital\n")
	out = t.TempDir()
	if _, stderr, err := run(t, env, "generate", "--config", given, "--doc", "jd", "--format", "md", "--out", out); err != nil {
		t.Fatalf("--config over the user config: %v\n%s", err, stderr)
	}
	md, _ = os.ReadFile(filepath.Join(out, "jd.md"))
	for _, want := range []string{"Acme Health", "Band 8a", "Digital"} {
		if !bytes.Contains(md, []byte(want)) {
			t.Errorf("jd.md lacks %q: the layers are not merged key by key", want)
		}
	}
}

// TestConfigCommandNamesEachValuesOrigin: rolepack config --json gives
// each key's value and the layer and place it came from.
func TestConfigCommandNamesEachValuesOrigin(t *testing.T) {
	xdg := t.TempDir()
	user := writeFile(t, xdg, "rolepack/config.yaml", "# mine\norganisation:\n  name: Acme Health\n  clauses:\n    Confidentiality: Keep it to yourself.\nscoring:\n  weights: {B1: 2, behaviours: 3}\n")
	given := writeFile(t, t.TempDir(), "given.yaml", "vacancy:\n  salary: £50,000\n")
	env := map[string]string{"XDG_CONFIG_HOME": xdg, "ROLEPACK_LEVEL": "senior"}
	stdout, stderr, err := run(t, env, "config", "--json", "--config", given, "--set", "vacancy.band=Band 8a")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var got struct {
		Files []configFileJSON
		Keys  []configValue
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	by := map[string]configValue{}
	for _, k := range got.Keys {
		by[k.Key] = k
	}
	for _, tc := range []struct {
		key, layer, origin string
		value              any
	}{
		{"role", "default", embeddedName + ":9", "data-engineer"},
		{"level", "environment", "ROLEPACK_LEVEL=senior", "senior"},
		{"organisation.name", "user", user + ":3", "Acme Health"},
		{"organisation.department", "default", embeddedName + ":30", "Data and Analytics"},
		{"vacancy.salary", "given", given + ":2", "£50,000"},
		{"vacancy.band", "set", `--set vacancy.band="Band 8a"`, "Band 8a"},
	} {
		v, ok := by[tc.key]
		if !ok {
			t.Errorf("%s: not listed", tc.key)
			continue
		}
		if v.Layer != tc.layer || v.Origin != tc.origin || v.Value != tc.value {
			t.Errorf("%s = %v from %s (%s), want %v from %s (%s)", tc.key, v.Value, v.Layer, v.Origin, tc.value, tc.layer, tc.origin)
		}
	}
	// Keys that are the user's names keep their case.
	if c, _ := by["organisation.clauses"].Value.(map[string]any); c["Confidentiality"] != "Keep it to yourself." {
		t.Errorf("organisation.clauses = %v: the heading lost its case", by["organisation.clauses"].Value)
	}
	if w, _ := by["scoring.weights"].Value.(map[string]any); w["B1"] != float64(2) {
		t.Errorf("scoring.weights = %v: the criterion id lost its case", by["scoring.weights"].Value)
	}
	if len(got.Files) != 3 || got.Files[1].Name != user || got.Files[2].Layer != "given" {
		t.Errorf("files = %+v", got.Files)
	}
	// The text form lists the same origins.
	stdout, _, err = run(t, env, "config", "--config", given)
	if err != nil || !strings.Contains(stdout, "ROLEPACK_LEVEL=senior") || !strings.Contains(stdout, user+":3") {
		t.Errorf("config: %v\n%s", err, stdout)
	}
}

// TestStrictErrorsFromEverySource: a bad value is one line naming where
// it was written, whichever layer gave it, and never a Go type.
func TestStrictErrorsFromEverySource(t *testing.T) {
	dir := t.TempDir()
	file := func(name, s string) string { return writeFile(t, dir, name, s) }
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"unknown key", nil, []string{"--config", file("a.yaml", "role: x\nlevle: head\n")}, dir + `/a.yaml:2: unknown key "levle" (did you mean "level"?)`},
		{"unknown nested key", nil, []string{"--config", file("b.yaml", "vacancy:\n  salry: x\n")}, dir + `/b.yaml:2: unknown key "salry" (did you mean "salary"?) in vacancy`},
		{"text for a number", nil, []string{"--config", file("c.yaml", "vacancy:\n  salaryMin: abc\n")}, dir + `/c.yaml:2: vacancy.salaryMin: "abc" is not a number`},
		{"text for a boolean", nil, []string{"--config", file("d.yaml", "jd:\n  includeSpec: maybe\n")}, dir + `/d.yaml:2: jd.includeSpec: "maybe" is not true or false`},
		{"a list for text", nil, []string{"--config", file("e.yaml", "organisation:\n  name: [a, b]\n")}, dir + `/e.yaml:2: organisation.name: a list where text is expected`},
		{"a date in the wrong form", nil, []string{"--config", file("f.yaml", "vacancy:\n  closing: 31/12/2026\n")}, dir + `/f.yaml:2: closing "31/12/2026" is not a date in the form YYYY-MM-DD`},
		{"environment number", map[string]string{"ROLEPACK_SCORING_MAX": "lots"}, nil, "ROLEPACK_SCORING_MAX=lots: scoring.max must be a whole number"},
		{"environment boolean", map[string]string{"ROLEPACK_JD_INCLUDESPEC": "yes please"}, nil, `ROLEPACK_JD_INCLUDESPEC="yes please": jd.includeSpec must be true or false`},
		{"flag", nil, []string{"--date", "tomorrow"}, `--date tomorrow: date "tomorrow" is not a date in the form YYYY-MM-DD`},
		{"--set unknown key", nil, []string{"--set", "vacancy.salry=3"}, `--set vacancy.salry: no such config key (did you mean "vacancy.salary"?) (see docs/config.md)`},
		{"--set a mapping", nil, []string{"--set", "roles=x"}, "--set roles=x: roles is a mapping or a list of mappings: set it in a config file"},
		{"--set a number", nil, []string{"--set", "vacancy.salaryMax=lots"}, "--set vacancy.salaryMax=lots: vacancy.salaryMax must be a number, e.g. 55690"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := runErr(t, tc.env, tc.args...)
			if got != tc.want {
				t.Errorf("error\n got %q\nwant %q", got, tc.want)
			}
			for _, goType := range []string{"compose.", "float64", "string", "[]", "type "} {
				if strings.Contains(got, goType) {
					t.Errorf("%q names a Go type (%s)", got, goType)
				}
			}
		})
	}
}

// TestUnknownVariableWarnsWithTheNearestKey: a ROLEPACK_ variable that
// names no key is a warning naming the one meant, not silence.
func TestUnknownVariableWarnsWithTheNearestKey(t *testing.T) {
	var out, errb bytes.Buffer
	env := map[string]string{"SOURCE_DATE_EPOCH": "1794528000"}
	f := NewFactory(&IO{In: strings.NewReader(""), Out: &out, Err: &errb}, func(k string) string { return env[k] }, time.Now)
	f.Environ = func() []string { return []string{"ROLEPACK_VACANCY_SALRY=1", "ROLEPACK_LEVEL=head", "HOME=/x"} }
	cmd := NewCmdRoot(f)
	cmd.SetArgs([]string{"config"})
	if err := cmd.ExecuteContext(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := "warning: ROLEPACK_VACANCY_SALRY is not a rolepack variable: ignored (did you mean ROLEPACK_VACANCY_SALARY?)\n"
	if errb.String() != want {
		t.Errorf("stderr %q, want %q", errb.String(), want)
	}
}

// TestEveryVariableRolepackReadsIsKnown: no ROLEPACK_ variable the
// command line reads (ROLEPACK_SERVE_TOKEN, ROLEPACK_CONFIG, …, named in
// its source) is warned of as "not a rolepack variable".
func TestEveryVariableRolepackReadsIsKnown(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	name := regexp.MustCompile(`"(ROLEPACK_[A-Z][A-Z_]*[A-Z])"`)
	var environ []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range name.FindAllStringSubmatch(string(src), -1) {
			environ = append(environ, m[1]+"=x")
		}
	}
	if !slices.Contains(environ, "ROLEPACK_SERVE_TOKEN=x") {
		t.Fatal("the source names no ROLEPACK_SERVE_TOKEN: is the test reading the right files?")
	}
	if w := unknownVariables(environ); len(w) > 0 {
		t.Errorf("variables rolepack reads are warned of:\n%s", strings.Join(w, "\n"))
	}
}
