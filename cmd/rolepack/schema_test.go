package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/schema"
	"github.com/rolepack/rolepack/schema/schematest"
)

var camel = regexp.MustCompile(`^[a-z][a-z0-9]*([A-Z][a-z0-9]+)*$`)

// mapFields lists the JSON names of the context's map fields: their keys
// are data (a clause heading, a manifest column), not names of ours.
func mapFields() map[string]bool {
	out := map[string]bool{}
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if f.Type.Kind() == reflect.Map {
				out[name] = true
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeOf(compose.Context{}))
	return out
}

// checkKeys reports every key of v that is not camelCase, below path.
func checkKeys(t *testing.T, v any, path string, maps map[string]bool) {
	t.Helper()
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if !camel.MatchString(k) {
				t.Errorf("%s.%s: key is not camelCase", path, k)
			}
			if !maps[k] {
				checkKeys(t, e, path+"."+k, maps)
			}
		}
	case []any:
		for _, e := range x {
			checkKeys(t, e, path+"[]", maps)
		}
	}
}

// show --json, with the development plan, the career map and a framework
// role used as it is, has camelCase keys only, carries schemaVersion 1
// and validates against `rolepack schema show`.
func TestShowJSONIsCamelCaseAndValidates(t *testing.T) {
	maps := mapFields()
	if !maps["clauses"] || !maps["attributes"] || !maps["extra"] {
		t.Fatalf("map fields %v: expected clauses, attributes, extra", maps)
	}
	for _, args := range [][]string{
		{"show", "data-engineer", "--level", "senior", "--json", "--pdp", "--ladder"},
		{"show", "data-engineer", "--level", "head", "--json"},
		{"show", "ddat/data-engineer", "--level", "head-of-data-engineering", "--json"}, // one level: no career map
	} {
		out, _, err := run(t, fixedDate, args...)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatal(err)
		}
		checkKeys(t, v, "", maps)
		if v["schemaVersion"] != float64(1) {
			t.Errorf("%v: schemaVersion %v, want 1", args, v["schemaVersion"])
		}
		for _, k := range []string{"spec", "scale"} {
			if _, ok := v[k]; !ok {
				t.Errorf("%v: no %q key (the template field .%s)", args, k, strings.ToUpper(k[:1])+k[1:])
			}
		}
		if role, _ := v["role"].(map[string]any); role["items"] == nil || role["rung"] == nil {
			t.Errorf("%v: role has no items or rung (the template fields .Role.Items, .Role.Rung)", args)
		}
		if err := schematest.ValidateJSON("show", []byte(out)); err != nil {
			t.Errorf("%v: does not validate against rolepack schema show: %v", args, err)
		}
	}
	// The schema holds the names: the old key for .Role.Items fails it.
	out, _, _ := run(t, fixedDate, "show", "data-engineer", "--json")
	if err := schematest.ValidateJSON("show", []byte(strings.Replace(out, `"items":`, `"entries":`, 1))); err == nil {
		t.Error("the show schema accepts role.entries")
	}
}

// Every JSON key of the context is its Go field's name in camelCase: one
// model for templates and show --json.
func TestContextJSONNamesAreTheTemplateNames(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(rt reflect.Type) {
		for rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice || rt.Kind() == reflect.Map {
			rt = rt.Elem()
		}
		if rt.Kind() != reflect.Struct || seen[rt] {
			return
		}
		seen[rt] = true
		for i := 0; i < rt.NumField(); i++ {
			f := rt.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if want := schema.CamelName(f.Name); name != want {
				t.Errorf("%s.%s has JSON name %q, want %q", rt.Name(), f.Name, name, want)
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeOf(compose.Context{}))
}

func TestSchemaCommand(t *testing.T) {
	for _, name := range schema.Names {
		out, _, err := run(t, nil, "schema", name)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, `"$schema": "https://json-schema.org/draft/2020-12/schema"`) {
			t.Errorf("schema %s: no 2020-12 $schema: %.200s", name, out)
		}
	}
	if _, _, err := run(t, nil, "schema", "vacancy"); err == nil || !strings.Contains(err.Error(), "known: framework, config, show") {
		t.Errorf("unknown schema: %v", err)
	}
}

// import -o writes the yaml-language-server line and the schema beside the
// framework; the file still loads, and validates.
func TestImportWritesSchemaLine(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "m.yaml")
	_, stderr, err := run(t, nil, "import", seeds+"matrix-data-management-engineering.md", "-o", out)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	if !strings.HasPrefix(string(b), "# yaml-language-server: $schema=framework.schema.json\n") {
		t.Errorf("no schema line: %.120s", b)
	}
	sb, err := os.ReadFile(filepath.Join(dir, "framework.schema.json"))
	if err != nil || !strings.Contains(string(sb), `"$id": "framework.schema.json"`) {
		t.Errorf("framework.schema.json beside it: %v %.100s (stderr %q)", err, sb, stderr)
	}
	if err := schematest.ValidateYAML("framework", b); err != nil {
		t.Error(err)
	}
	if _, _, err := run(t, nil, "validate", out); err != nil {
		t.Errorf("the written file does not validate: %v", err)
	}
	// A schema file the user changed is kept without --force.
	os.WriteFile(filepath.Join(dir, "framework.schema.json"), []byte("{}"), 0o644)
	out2 := filepath.Join(dir, "m2.yaml")
	if _, stderr, err = run(t, nil, "import", seeds+"matrix-data-management-engineering.md", "-o", out2); err != nil {
		t.Fatal(err)
	}
	if sb, _ := os.ReadFile(filepath.Join(dir, "framework.schema.json")); string(sb) != "{}" || !strings.Contains(stderr, "kept ") {
		t.Errorf("a changed schema file was replaced without --force (stderr %q)", stderr)
	}
}

func TestTemplatesExportWritesSchemas(t *testing.T) {
	dir := t.TempDir()
	out, _, err := run(t, nil, "templates", "export", dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"config.schema.json", "framework.schema.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("templates export did not write %s", f)
		}
	}
	if !strings.Contains(out, "# yaml-language-server: $schema=") {
		t.Errorf("templates export does not say the line to add to config.yaml:\n%s", out)
	}
}
