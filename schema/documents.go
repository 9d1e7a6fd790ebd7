package schema

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/rolepack/rolepack/careermap"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/plan"
)

// The schemas rolepack publishes, by the name `rolepack schema NAME`
// takes. Each file name is also the schema's $id, so a schema written
// beside a YAML file is found by a relative `$schema=` path, offline.
const (
	FrameworkFile = "framework.schema.json"
	ConfigFile    = "config.schema.json"
	ShowFile      = "show.schema.json"
)

// Names lists the schemas `rolepack schema` prints.
var Names = []string{"framework", "config", "show"}

// Framework is the schema of a canonical framework file (YAML or JSON),
// as framework.Load reads it.
func Framework() *Schema {
	kinds := make([]string, len(framework.Kinds))
	for i, k := range framework.Kinds {
		kinds[i] = string(k)
	}
	s := Generate(reflect.TypeOf(framework.Framework{}), FrameworkFile, "rolepack canonical framework",
		Options{Mode: ReadYAML, Enums: map[reflect.Type][]string{reflect.TypeOf(framework.Kind("")): kinds}})
	s.Description = "A competency framework in canonical form, as `rolepack import` writes it and `frameworks:` in config.yaml reads it. `rolepack validate FILE` checks what a schema cannot (ids unique, levels known)."
	return s
}

// Config is the schema of config.yaml, as config.LoadConfig reads it.
func Config() *Schema {
	s := Generate(reflect.TypeOf(config.Config{}), ConfigFile, "rolepack config.yaml", Options{Mode: ReadYAML, Fields: configFields(), Types: configTypes})
	s.Description = "The run, the organisation, its ladder and roles, the vacancy and the document settings; docs/config.md describes every key."
	return s
}

// Show is the schema of `rolepack show --json`: the template context.
func Show() *Schema {
	s := Generate(reflect.TypeOf(compose.Context{}), ShowFile, "rolepack show --json", Options{Mode: WriteJSON, Fields: map[string]Field{
		"Context.PDP":    {As: reflect.TypeOf((*plan.Plan)(nil))},
		"Context.Ladder": {As: reflect.TypeOf((*careermap.Ladder)(nil))},
	}})
	s.Description = "The data every template receives, as `rolepack show --json` prints it: each key is the template field's name in camelCase (docs/templates.md)."
	s.Properties["schemaVersion"] = &Schema{Const: compose.SchemaVersion}
	return s
}

// ByName returns the named schema as JSON.
func ByName(name string) ([]byte, error) {
	var s *Schema
	switch strings.ToLower(name) {
	case "framework":
		s = Framework()
	case "config":
		s = Config()
	case "show":
		s = Show()
	default:
		return nil, fmt.Errorf("unknown schema %q (known: %s)", name, strings.Join(Names, ", "))
	}
	return Marshal(s)
}

// ModelineFor is the first line of a YAML file that tells editors with
// the YAML language server which schema file (a path relative to the
// YAML file) validates and completes it.
func ModelineFor(schemaPath string) string {
	return "# yaml-language-server: $schema=" + schemaPath
}
