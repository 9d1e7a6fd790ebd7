// Package schematest validates documents against rolepack's JSON Schemas
// with an independent validator (github.com/santhosh-tekuri/jsonschema,
// Apache-2.0), for tests only: no package of the binary imports it.
package schematest

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/santhosh-tekuri/jsonschema/v6"
	yaml "go.yaml.in/yaml/v3"

	"github.com/rolepack/rolepack/schema"
)

// Compile compiles the named schema (framework, config, show), checking
// it against the 2020-12 meta-schema.
func Compile(name string) (*jsonschema.Schema, error) {
	data, err := schema.ByName(name)
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("schema %s is not JSON: %w", name, err)
	}
	url := "file:///rolepack/" + name + ".schema.json"
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(url, doc); err != nil {
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	s, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	return s, nil
}

// ValidateJSON validates a JSON document against the named schema.
func ValidateJSON(name string, data []byte) error {
	s, err := Compile(name)
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	return s.Validate(inst)
}

// ValidateYAML validates a YAML document against the named schema, as an
// editor with the YAML language server would: the YAML is read into plain
// values and checked as JSON.
func ValidateYAML(name string, data []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("not YAML: %w", err)
	}
	var v any
	if len(doc.Content) > 0 {
		var err error
		if v, err = plain(doc.Content[0]); err != nil {
			return err
		}
	}
	j, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("YAML has no JSON form: %w", err)
	}
	return ValidateJSON(name, j)
}

// plain is a YAML node as the YAML language server reads it (YAML 1.2's
// core schema): a date such as 2026-12-31 is text, not a timestamp.
func plain(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.AliasNode:
		return plain(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := plain(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		l := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := plain(c)
			if err != nil {
				return nil, err
			}
			l = append(l, v)
		}
		return l, nil
	}
	if n.ShortTag() == "!!timestamp" {
		return n.Value, nil
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return nil, fmt.Errorf("line %d: %w", n.Line, err)
	}
	return v, nil
}
