package framework_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/matrix"
	"github.com/rolepack/rolepack/framework/textprep"
	"github.com/rolepack/rolepack/internal/userfile"
)

func lines(ps []framework.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Error())
		b.WriteByte('\n')
	}
	return b.String()
}

// TestLoadProblems checks that every kind of problem in a canonical file is
// reported once, at the line of the offending node, in line order.
func TestLoadProblems(t *testing.T) {
	f, probs, err := framework.Load("testdata/problems.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if f == nil {
		t.Fatal("no framework returned alongside the problems")
	}
	want := `testdata/problems.yaml:12: skill entry in level "senior" has no title
testdata/problems.yaml:13: unknown key "titel" in entry
testdata/problems.yaml:16: behaviour "Leadership" has no descriptors
testdata/problems.yaml:18: skill "Testing" has no descriptors
testdata/problems.yaml:20: "descriptors" must be a list, found "Writes tests"
testdata/problems.yaml:21: duplicate level id "senior" in role "data-engineer" (first at line 9)
testdata/problems.yaml:27: duplicate role id "data-engineer" (first at line 6)
testdata/problems.yaml:31: level "entry" of role "data-engineer" has no title
testdata/problems.yaml:41: "rank" must be a whole number, found "two"
testdata/problems.yaml:45: warning: skill "Docker" has no "Mid" level
testdata/problems.yaml:50: skill "Docker": level "expert" is not defined in catalogue "matrix" (defined: entry, mid)
testdata/problems.yaml:53: duplicate skill "Docker" in category "Tools" (first at line 45)
testdata/problems.yaml:55: skill "Docker" has no descriptors at level "Entry"
`
	if got := lines(probs); got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
	if !framework.HasErrors(probs) {
		t.Error("HasErrors = false")
	}
	// The retired level's skill with no descriptors is not a problem.
	if strings.Contains(lines(probs), "Data innovation") {
		t.Error("a retired level's entry with no descriptors was reported")
	}
}

func TestLoadGood(t *testing.T) {
	f, probs, err := framework.Load("testdata/good.yaml")
	if err != nil || len(probs) != 0 {
		t.Fatalf("Load = %v, %s", err, lines(probs))
	}
	want := &framework.Framework{
		ID: "demo", Name: "Demo framework", Format: "canonical",
		Source: framework.Source{Title: "Demo", Licence: "MIT"},
		Catalogues: []framework.Catalogue{{
			ID: "matrix", Title: "Matrix",
			Levels: []framework.Level{{ID: "entry", Label: "Entry", Rank: 1}, {ID: "mid", Label: "Mid", Rank: 2}},
			Categories: []framework.Category{{Title: "Tools", Skills: []framework.Skill{{Title: "Docker", Levels: []framework.SkillLevel{
				{Level: "entry", Descriptors: []string{"Runs containers"}},
				{Level: "mid", Descriptors: []string{"Builds images"}},
			}}}}},
		}},
	}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("Load = %+v\nwant %+v", f, want)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"malformed", "id: [\n", "f.yaml:1: not a valid YAML framework file: did not find expected node content"},
		{"bad indentation", "id: x\nname: y\n  bad: z\n", "f.yaml:3: not a valid YAML framework file: mapping values are not allowed in this context"},
		{"empty", "  \n\n", "f.yaml: file is empty"},
		{"only a comment", "# nothing\n", "f.yaml: file is empty"},
		{"list at the top", "- id: x\n", "f.yaml:1: a framework file must be a mapping of keys (id, name, roles, …), found a list"},
		{"text at the top", "hello\n", `f.yaml:1: a framework file must be a mapping of keys (id, name, roles, …), found "hello"`},
		{"two documents", "id: x\n---\nid: y\n", "f.yaml:2: more than one YAML document; a framework file holds exactly one"},
		{"binary", "id: x\x00\n", "f.yaml:1: binary file (NUL byte), not a YAML framework file"},
		{"not UTF-8", "id: x\nname: \"\xff\"\n", "f.yaml:2: not UTF-8 text (invalid byte 0xFF); save the file as UTF-8"},
		{"UTF-16", "\xFF\xFEi\x00d\x00", "f.yaml: looks like UTF-16 text; save the file as UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, err := framework.Decode("f.yaml", []byte(tt.in))
			if err == nil {
				t.Fatalf("no error; framework %+v", f)
			}
			var p *framework.Problem
			if !errors.As(err, &p) {
				t.Errorf("error is not a *framework.Problem: %v", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n%s\nwant:\n%s", err, tt.want)
			}
		})
	}
	big := bytes.Repeat([]byte("#\n"), userfile.Framework/2+1)
	if _, _, err := framework.Decode("big.yaml", big); err == nil || err.Error() != "big.yaml: file is too large: 10.0 MiB (10485762 bytes) (limit 10.0 MiB (10485760 bytes))" {
		t.Errorf("too large: %v", err)
	}
	if _, _, err := framework.Load("testdata/missing.yaml"); err == nil || err.Error() != "testdata/missing.yaml: cannot read file: no such file or directory" {
		t.Errorf("missing file: %v", err)
	}
}

func TestDecodeStructureProblems(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"alias", "id: &a x\nname: *a\ncatalogues: []\n", "f.yaml:1: warning: framework has no roles and no skill catalogues\nf.yaml:2: YAML aliases (*a) are not supported in a framework file; write the value out\nf.yaml:2: framework has no name\n"},
		{"duplicate key", "id: x\nname: y\nid: z\nroles: []\n", "f.yaml:1: warning: framework has no roles and no skill catalogues\nf.yaml:3: duplicate key \"id\" in framework (first at line 1)\n"},
		{"unknown top-level key", "id: x\nname: y\nversoin: 2\n", "f.yaml:1: warning: framework has no roles and no skill catalogues\nf.yaml:3: unknown key \"versoin\" in framework\n"},
		{"mapping for text", "id: {a: b}\nname: y\n", "f.yaml:1: \"id\" must be text, found a mapping\nf.yaml:1: framework has no id\nf.yaml:1: warning: framework has no roles and no skill catalogues\n"},
		{"bool", "id: x\nname: y\nroles:\n  - id: r\n    title: R\n    levels:\n      - id: l\n        title: L\n        retired: maybe\n        entries:\n          - kind: skil\n            title: T\n            descriptors: [d]\n",
			"f.yaml:9: \"retired\" must be true or false, found \"maybe\"\nf.yaml:11: entry \"T\" has unknown kind \"skil\" (known: work-activity, skill, knowledge, project-skill, behaviour, leadership, qualification, training, development, other)\n"},
		{"no levels", "id: x\nname: y\nroles:\n  - id: r\n    title: R\n", "f.yaml:4: role \"r\" has no levels\n"},
		{"BOM and CRLF", "\xEF\xBB\xBFid: x\r\nname: y\r\nnope: 1\r\n", "f.yaml:1: warning: framework has no roles and no skill catalogues\nf.yaml:3: unknown key \"nope\" in framework\n"},
		{"JSON with tabs", "{\n\t\"id\": \"x\",\n\t\"name\": \"y\",\n\t\"titel\": 1\n}\n", "f.yaml:1: warning: framework has no roles and no skill catalogues\nf.yaml:4: unknown key \"titel\" in framework\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs, err := framework.Decode("f.yaml", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got := lines(probs); got != tt.want {
				t.Errorf("problems:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// full is a framework that uses every field of the model.
func full() *framework.Framework {
	return &framework.Framework{
		ID: "demo", Name: "Demo: a framework", Version: "1.0", Format: "canonical",
		Source: framework.Source{Title: "T", Publisher: "P", URL: "https://example.org/x?a=1&b=2", Licence: "OGL-UK-3.0", Files: []string{"a.txt", "b.txt"}},
		Levels: []framework.Level{{ID: "l5", Label: "Level 5", Rank: 5}},
		Roles: []framework.Role{{
			ID: "data-engineer", Title: "Data engineer", Family: "Data",
			Description: []string{"Builds pipelines", "- starts with a dash", "# not a comment", "yes", "1.0", "  spaced  ", "quote \" and ’ and \\"},
			Duties:      []string{"Duty"}, Body: "AphA", References: []string{"NCF"}, Notes: []string{"multi\nline"},
			From: "a.txt:1",
			Levels: []framework.RoleLevel{{
				ID: "senior", Title: "Senior", Summary: []string{"S"}, Responsibilities: []string{"R"}, Notes: []string{"N"}, Retired: true, From: "a.txt:4",
				Entries: []framework.Entry{{
					Kind: framework.KindBehaviour, Group: "Behaviours", Title: "Delivering outcomes", Code: "B1.1", Level: "Level 5", LevelNumber: 5,
					Depth: "Expert in", Descriptors: []string{"D"}, Attributes: map[string]string{"PDA Group": "Increasing Knowledge", "a": "1"}, From: "a.txt:9",
				}},
			}},
		}},
	}
}

// TestRoundTrip checks that Marshal then Decode gives back an equal
// framework, for YAML and JSON, and that the bytes are stable.
func TestRoundTrip(t *testing.T) {
	seed := "defaults/sources/matrix-data-management-engineering.md"
	d, err := textprep.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	imported, _, err := matrix.Parse([]*textprep.Doc{d})
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]*framework.Framework{"full": full(), "matrix seed": imported} {
		t.Run(name, func(t *testing.T) {
			y, err := framework.Marshal(f)
			if err != nil {
				t.Fatal(err)
			}
			back, _, err := framework.Decode("f.yaml", y)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, f) {
				t.Errorf("YAML round trip differs:\n%s", y)
			}
			y2, _ := framework.Marshal(back)
			if !bytes.Equal(y, y2) {
				t.Error("Marshal is not stable across a round trip")
			}
			j, err := framework.MarshalJSON(f)
			if err != nil {
				t.Fatal(err)
			}
			back, _, err = framework.Decode("f.json", j)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, f) {
				t.Errorf("JSON round trip differs:\n%s", j)
			}
		})
	}
	y, _ := framework.Marshal(full())
	if !bytes.HasPrefix(y, []byte("id: demo\nname: 'Demo: a framework'\nversion: \"1.0\"\n")) || !bytes.Contains(y, []byte("\nroles:\n  - id: data-engineer\n")) {
		t.Errorf("YAML is not in the documented form (model key order, 2-space indent):\n%s", y)
	}
}

// TestValidateFrom checks that an imported framework's problems are placed
// by its From fields, inherited from the nearest node that has one.
func TestValidateFrom(t *testing.T) {
	f := &framework.Framework{ID: "x", Name: "X", Roles: []framework.Role{{
		ID: "r", Title: "R", From: "src/r.txt:1",
		Levels: []framework.RoleLevel{{ID: "l", Title: "L", From: "src/r.txt:4", Entries: []framework.Entry{
			{Kind: framework.KindSkill, Title: "Testing", From: "src/r.txt:12"},
			{Kind: framework.KindSkill, Title: "Modelling", Descriptors: []string{" "}},
		}}},
	}}}
	want := "src/r.txt:4: skill \"Modelling\" has an empty descriptor\nsrc/r.txt:12: skill \"Testing\" has no descriptors\n"
	if got := lines(framework.Validate(f, nil)); got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
}

func TestParsePosition(t *testing.T) {
	tests := []struct {
		in   string
		file string
		line int
	}{
		{"a.md:12", "a.md", 12},
		{"C:/x/a.md:3", "C:/x/a.md", 3},
		{"a.md", "a.md", 0},
		{"", "", 0},
		{"a:b", "a:b", 0},
	}
	for _, tt := range tests {
		if f, l := framework.ParsePosition(tt.in); f != tt.file || l != tt.line {
			t.Errorf("ParsePosition(%q) = %q, %d", tt.in, f, l)
		}
	}
}

func FuzzDecodeYAML(f *testing.F) {
	for _, p := range []string{"testdata/good.yaml", "testdata/problems.yaml"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	y, _ := framework.Marshal(full())
	f.Add(y)
	j, _ := framework.MarshalJSON(full())
	f.Add(j)
	crashers, _ := filepath.Glob("testdata/fuzz-yaml-*.yaml")
	for _, c := range crashers {
		b, _ := os.ReadFile(c)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, probs, err := framework.Decode("f.yaml", data)
		for _, p := range probs {
			if strings.Contains(p.Error(), "\n") {
				t.Errorf("problem is not one line: %q", p.Error())
			}
		}
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
			return
		}
		out, err := framework.Marshal(fw)
		if err != nil {
			t.Fatalf("Marshal of a decoded framework: %v", err)
		}
		back, _, err := framework.Decode("f.yaml", out)
		if err != nil {
			t.Fatalf("re-decode: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(back, fw) {
			t.Fatalf("round trip differs:\n%s", out)
		}
	})
}
