package schema_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"

	"testing"

	"github.com/rolepack/rolepack/schema"
	"github.com/rolepack/rolepack/schema/schematest"
)

var update = flag.Bool("update", false, "rewrite the committed schema files")

func TestSchemasCompileAsDraft2020(t *testing.T) {
	for _, name := range schema.Names {
		if _, err := schematest.Compile(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// The committed schemas (which config.yaml's first line points editors
// at) are what this version generates.
func TestCommittedSchemasAreCurrent(t *testing.T) {
	for _, name := range schema.Names {
		want, err := schema.ByName(name)
		if err != nil {
			t.Fatal(err)
		}
		p := name + ".schema.json"
		if *update {
			if err := os.WriteFile(p, want, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(p)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("schema/%s is not what rolepack schema %s prints: run go test ./schema -update", p, name)
		}
	}
}

func TestSameSchemaSameBytes(t *testing.T) {
	for _, name := range schema.Names {
		a, _ := schema.ByName(name)
		b, _ := schema.ByName(name)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two runs differ", name)
		}
	}
}

func TestEmbeddedFrameworksValidate(t *testing.T) {
	files, err := filepath.Glob("../framework/defaults/*.yaml")
	if err != nil || len(files) < 3 {
		t.Fatalf("embedded frameworks: %v %v", files, err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := schematest.ValidateYAML("framework", data); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

func TestConfigValidates(t *testing.T) {
	data, err := os.ReadFile("../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := schematest.ValidateYAML("config", data); err != nil {
		t.Errorf("config.yaml: %v", err)
	}
	// The YAML language server reads the line anywhere in the file; it
	// sits at the end of the header so that no key moves.
	if !bytes.Contains(data, []byte("\n"+schema.ModelineFor("schema/config.schema.json")+"\n")) {
		t.Error("config.yaml has no yaml-language-server line naming schema/config.schema.json")
	}
}

// A schema that accepts anything is no contract: mistakes a person makes
// are rejected.
func TestSchemasRejectMistakes(t *testing.T) {
	for _, c := range []struct{ name, doc, why string }{
		{"config", "role: x\nvacancy:\n  salry: 3\n", "misspelt key"},
		{"config", "vacancy:\n  salaryMin: lots\n", "salary not a number"},
		{"config", "ladder: head\n", "ladder not a list"},
		{"framework", "id: x\nname: X\nroles:\n  - id: r\n    title: R\n    levels:\n      - id: l\n        title: L\n        entries:\n          - {kind: skil, title: T}\n", "unknown entry kind"},
		{"framework", "id: x\nname: X\nsource: {licnce: OGL}\n", "misspelt source key"},
	} {
		if err := schematest.ValidateYAML(c.name, []byte(c.doc)); err == nil {
			t.Errorf("%s schema accepts a %s", c.name, c.why)
		}
	}
}

func TestCamelName(t *testing.T) {
	for in, want := range map[string]string{
		"ID": "id", "PDP": "pdp", "URL": "url", "SalaryMin": "salaryMin", "RoleID": "roleId",
		"URLPath": "urlPath", "JobTitle": "jobTitle", "Items": "items", "LevelNumber": "levelNumber",
	} {
		if got := schema.CamelName(in); got != want {
			t.Errorf("CamelName(%q) = %q, want %q", in, got, want)
		}
	}
}
