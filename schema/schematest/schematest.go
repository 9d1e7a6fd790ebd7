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
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return fmt.Errorf("not YAML: %w", err)
	}
	j, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("YAML has no JSON form: %w", err)
	}
	return ValidateJSON(name, j)
}
