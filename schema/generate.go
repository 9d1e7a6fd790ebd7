// Package schema generates JSON Schemas (draft 2020-12) from Go types by
// reflection over their struct tags, so the schemas rolepack publishes for
// framework files, config.yaml and `show --json` cannot drift from the
// types that read or write them.
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unicode"
)

// Draft is the JSON Schema dialect every generated schema declares.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// Schema is one JSON Schema node: the subset of the 2020-12 vocabulary the
// generator writes.
type Schema struct {
	Draft                string             `json:"$schema,omitempty"`
	ID                   string             `json:"$id,omitempty"`
	Ref                  string             `json:"$ref,omitempty"`
	Title                string             `json:"title,omitempty"`
	Description          string             `json:"description,omitempty"`
	Type                 any                `json:"type,omitempty"` // a name or a list of names
	Const                any                `json:"const,omitempty"`
	Enum                 []any              `json:"enum,omitempty"`
	Pattern              string             `json:"pattern,omitempty"`
	Minimum              *float64           `json:"minimum,omitempty"`
	Maximum              *float64           `json:"maximum,omitempty"`
	AnyOf                []*Schema          `json:"anyOf,omitempty"`
	Items                *Schema            `json:"items,omitempty"`
	MinItems             int                `json:"minItems,omitempty"`
	MaxItems             int                `json:"maxItems,omitempty"`
	Properties           map[string]*Schema `json:"properties,omitempty"`
	Required             []string           `json:"required,omitempty"`
	AdditionalProperties *Schema            `json:"additionalProperties,omitempty"`
	// Closed writes "additionalProperties": false.
	Closed bool               `json:"-"`
	Defs   map[string]*Schema `json:"$defs,omitempty"`
}

// MarshalJSON writes the node, with "additionalProperties": false for a
// closed object.
func (s *Schema) MarshalJSON() ([]byte, error) {
	type plain Schema
	b, err := json.Marshal((*plain)(s))
	if err != nil || !s.Closed {
		return b, err
	}
	// The plain form is an object: add the key before its closing brace.
	if bytes.Equal(b, []byte("{}")) {
		return []byte(`{"additionalProperties":false}`), nil
	}
	return append(b[:len(b)-1], []byte(`,"additionalProperties":false}`)...), nil
}

// Mode says which side of a file the schema describes.
type Mode int

const (
	// ReadYAML describes a YAML file rolepack reads: keys from `yaml` tags;
	// every value may be null (left empty) and a text field takes any
	// scalar, as the readers accept them; nothing is required (the
	// readers' own checks say what is missing, with the line).
	ReadYAML Mode = iota
	// WriteJSON describes JSON rolepack writes: keys from `json` tags; a
	// field without omitempty is always present and so required; lists,
	// maps and pointers may be null.
	WriteJSON
)

// Options tune a generation.
type Options struct {
	Mode Mode
	// Enums lists the values of named string types (e.g. framework.Kind).
	Enums map[reflect.Type][]string
	// Types gives the schema of named types whose YAML form their kind
	// does not say (a text or a list of texts, as compose.Languages reads
	// it); each use gets a copy.
	Types map[reflect.Type]func() *Schema
	// Fields gives fields their description and the values they take, by
	// "Type.Field" (the Go names, e.g. "Vacancy.Closing").
	Fields map[string]Field
}

// Field is what a schema says of one struct field beyond its type: a
// description, and the values a reader accepts (of each item, for a list).
type Field struct {
	Description string
	Enum        []string // the values taken (and "", left empty, by a value that is not a list item)
	Pattern     string   // a regular expression a text value matches
	Min, Max    *float64 // a number's bounds
	// As is, for a field of interface type, the type of the values it
	// holds (compose.Context's PDP holds a *plan.Plan), described in its
	// place.
	As reflect.Type
}

// Generate returns the schema of t as a document: t's own schema at the
// root and every named struct type it reaches in $defs.
func Generate(t reflect.Type, id, title string, opts Options) *Schema {
	g := &generator{opts: opts, defs: map[string]*Schema{}, names: map[reflect.Type]string{}}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	root := g.object(t)
	root.Draft, root.ID, root.Title = Draft, id, title
	if len(g.defs) > 0 {
		root.Defs = g.defs
	}
	return root
}

// Marshal writes a schema as indented JSON ending in a newline: the same
// schema always gives the same bytes (properties in key order).
func Marshal(s *Schema) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return nil, fmt.Errorf("encode schema %s: %w", s.ID, err)
	}
	return buf.Bytes(), nil
}

type generator struct {
	opts  Options
	defs  map[string]*Schema
	names map[reflect.Type]string // struct types already in defs (or being built)
}

// object is the schema of struct type t, with its fields as properties.
func (g *generator) object(t reflect.Type) *Schema {
	s := &Schema{Type: "object", Properties: map[string]*Schema{}, Closed: true}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, omitempty, skip := g.key(f)
		if skip {
			continue
		}
		rule, hasRule := g.opts.Fields[t.Name()+"."+f.Name]
		ft := f.Type
		if hasRule && rule.As != nil && ft.Kind() == reflect.Interface {
			ft = rule.As
		}
		s.Properties[name] = g.value(ft)
		if hasRule {
			s.Properties[name] = g.apply(s.Properties[name], ft, rule)
		}
		if g.opts.Mode == WriteJSON && !omitempty {
			s.Required = append(s.Required, name)
		}
	}
	sort.Strings(s.Required)
	return s
}

// key returns the property name of a field from its tag.
func (g *generator) key(f reflect.StructField) (name string, omitempty, skip bool) {
	tagName := "yaml"
	if g.opts.Mode == WriteJSON {
		tagName = "json"
	}
	tag, ok := f.Tag.Lookup(tagName)
	if tag == "-" {
		return "", false, true
	}
	name, opts, _ := strings.Cut(tag, ",")
	if !ok || name == "" {
		name = f.Name
		if g.opts.Mode == ReadYAML {
			name = strings.ToLower(name) // the YAML readers' default
		}
	}
	for _, o := range strings.Split(opts, ",") {
		if o == "omitempty" {
			omitempty = true
		}
	}
	return name, omitempty, false
}

// value is the schema of a value of type t. In ReadYAML mode any value may
// be null; in WriteJSON mode lists, maps and pointers may.
func (g *generator) value(t reflect.Type) *Schema {
	if t.Kind() == reflect.Pointer {
		return orNull(g.value(t.Elem()))
	}
	nullOK := g.opts.Mode == ReadYAML
	if mk, ok := g.opts.Types[t]; ok {
		return mk()
	}
	var s *Schema
	switch t.Kind() {
	case reflect.Struct:
		name := g.defName(t)
		if _, ok := g.names[t]; !ok {
			g.names[t] = name
			g.defs[name] = nil // reserve: a type may refer to itself
			g.defs[name] = g.object(t)
		}
		s = &Schema{Ref: "#/$defs/" + name}
		if nullOK {
			return orNull(s)
		}
		return s
	case reflect.String:
		if vals, ok := g.opts.Enums[t]; ok {
			s = &Schema{Type: "string"}
			for _, v := range vals {
				s.Enum = append(s.Enum, v)
			}
			if nullOK {
				s.Type = []string{"string", "null"}
				s.Enum = append(s.Enum, nil)
			}
			return s
		}
		if nullOK {
			return &Schema{Type: []string{"string", "number", "boolean", "null"}}
		}
		return &Schema{Type: "string"}
	case reflect.Bool:
		return g.scalar("boolean", nullOK)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return g.scalar("integer", nullOK)
	case reflect.Float32, reflect.Float64:
		return g.scalar("number", nullOK)
	case reflect.Slice, reflect.Array:
		s = &Schema{Type: "array", Items: g.value(t.Elem())}
		return orNull(s) // a nil list is null in JSON, an empty key in YAML
	case reflect.Map:
		return orNull(&Schema{Type: "object", AdditionalProperties: g.value(t.Elem())})
	case reflect.Interface:
		return &Schema{}
	}
	panic(fmt.Sprintf("schema: no JSON form for %s", t))
}

// orNull lets s also be null.
func orNull(s *Schema) *Schema {
	switch t := s.Type.(type) {
	case string:
		s.Type = []string{t, "null"}
		return s
	case []string:
		for _, x := range t {
			if x == "null" {
				return s
			}
		}
		s.Type = append(t, "null")
		return s
	}
	if len(s.AnyOf) > 0 && s.AnyOf[len(s.AnyOf)-1].Type == "null" {
		return s
	}
	return &Schema{AnyOf: []*Schema{s, {Type: "null"}}}
}

func (g *generator) scalar(name string, nullOK bool) *Schema {
	if nullOK {
		return &Schema{Type: []string{name, "null"}}
	}
	return &Schema{Type: name}
}

// defName names a struct type in $defs: its Go name, prefixed by the
// package when two packages use the same name.
func (g *generator) defName(t reflect.Type) string {
	if n, ok := g.names[t]; ok {
		return n
	}
	name := t.Name()
	if name == "" {
		name = "anonymous"
	}
	for other := range g.names {
		if other.Name() == name && other != t {
			pkg := t.PkgPath()
			name = pkg[strings.LastIndex(pkg, "/")+1:] + upperFirst(name)
			break
		}
	}
	return name
}

func upperFirst(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

// apply adds a field's rule to its schema: the description on the field,
// the values on the value (or on each item of a list).
func (g *generator) apply(s *Schema, t reflect.Type, rule Field) *Schema {
	if rule.Description != "" {
		s.Description = rule.Description
	}
	target := s
	if t.Kind() == reflect.Slice && s.Items != nil {
		target = s.Items
	}
	// A value may be left empty or null; an item of a list may not.
	nullOK := g.opts.Mode == ReadYAML && target == s
	if len(rule.Enum) > 0 {
		target.Type = "string"
		target.Enum = nil
		if nullOK {
			target.Enum = []any{""}
		}
		for _, v := range rule.Enum {
			target.Enum = append(target.Enum, v)
		}
		if nullOK {
			target.Type = []string{"string", "null"}
			target.Enum = append(target.Enum, nil)
		}
	}
	if rule.Pattern != "" {
		target.Type = "string"
		target.Pattern = rule.Pattern
		if nullOK {
			target.Pattern = "^$|" + rule.Pattern
			target.Type = []string{"string", "null"}
		}
	}
	target.Minimum, target.Maximum = rule.Min, rule.Max
	return s
}
