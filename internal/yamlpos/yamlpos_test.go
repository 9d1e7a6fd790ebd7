package yamlpos

import (
	"testing"

	"go.yaml.in/yaml/v3"
)

// Every shape of the YAML library's errors comes out as file:line:
// message on one line, with no "yaml:" and no Go type machinery.
func TestError(t *testing.T) {
	var n yaml.Node
	var typed struct {
		A int `yaml:"a"`
	}
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"syntax", yaml.Unmarshal([]byte("a: [\n"), &n), "f.yaml:1: did not find expected node content"},
		{"indentation", yaml.Unmarshal([]byte("a: x\nb: y\n  c: z\n"), &n), "f.yaml:3: mapping values are not allowed in this context"},
		{"type", yaml.Unmarshal([]byte("\n\na: [1]\n"), &typed), "f.yaml:3: cannot unmarshal !!seq into int"},
		{"no line", yaml.Unmarshal([]byte("\t"), &n), "f.yaml: found character that cannot start any token"},
	} {
		if tc.err == nil {
			t.Fatalf("%s: no error", tc.name)
		}
		if got := Error("f.yaml", tc.err).Error(); got != tc.want {
			t.Errorf("%s: %q, want %q (from %q)", tc.name, got, tc.want, tc.err)
		}
	}
}

func TestJoin(t *testing.T) {
	if Join("", "a") != "a" || Join("a.b", "c") != "a.b.c" {
		t.Error(Join("", "a"), Join("a.b", "c"))
	}
}
