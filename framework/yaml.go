package framework

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"

	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/internal/yamlpos"
)

// Load reads a canonical framework file (YAML, or JSON, which is YAML too),
// checks its structure and validates it. The error is non-nil only when no
// framework could be read at all (missing, too large, malformed); every other
// problem (unknown keys, wrong types, failed checks) is in the returned list,
// one per offending node, each at its line.
func Load(path string) (*Framework, []Problem, error) {
	data, err := userfile.Read(path, userfile.Framework)
	if err != nil {
		return nil, nil, Errorf(path, 0, "%s", userfile.Reason(err))
	}
	return Decode(path, data)
}

// Decode reads a canonical framework from data (path is used in messages),
// like Load.
func Decode(path string, data []byte) (*Framework, []Problem, error) {
	f, pos, probs, err := decode(path, data)
	if err != nil {
		return nil, probs, err
	}
	probs = append(probs, Validate(f, pos.Locate)...)
	sortProblems(probs)
	return f, probs, nil
}

// yamlError re-words an error of the YAML parser as file:line: message.
func yamlError(path string, err error) *Problem {
	line, msg := yamlpos.Split(err)
	return Errorf(path, line, "not a valid YAML framework file: %s", msg)
}

// decode parses data into a Framework and records where each node is.
func decode(path string, data []byte) (f *Framework, pos *Positions, probs []Problem, err error) {
	if len(data) > userfile.Framework {
		return nil, nil, nil, Errorf(path, 0, "file is too large: %s (limit %s)", userfile.SizeText(int64(len(data))), userfile.SizeText(userfile.Framework))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, nil, Errorf(path, 0, "file is empty")
	}
	if bytes.HasPrefix(data, []byte("\xFF\xFE")) || bytes.HasPrefix(data, []byte("\xFE\xFF")) {
		return nil, nil, nil, Errorf(path, 0, "looks like UTF-16 text; save the file as UTF-8")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, nil, nil, Errorf(path, 1+bytes.Count(data[:i], []byte("\n")), "binary file (NUL byte), not a YAML framework file")
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			i += size
		}
		return nil, nil, nil, Errorf(path, 1+bytes.Count(data[:i], []byte("\n")), "not UTF-8 text (invalid byte 0x%02X); save the file as UTF-8", data[i])
	}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if perr := safeDecode(dec, &root); perr != nil {
		if errors.Is(perr, io.EOF) {
			return nil, nil, nil, Errorf(path, 0, "file is empty")
		}
		return nil, nil, nil, yamlError(path, perr)
	}
	var extra yaml.Node
	if perr := safeDecode(dec, &extra); perr == nil {
		return nil, nil, nil, Errorf(path, extra.Line, "more than one YAML document; a framework file holds exactly one")
	} else if !errors.Is(perr, io.EOF) {
		return nil, nil, nil, yamlError(path, perr)
	}
	doc := &root
	if doc.Kind == yaml.DocumentNode {
		if len(doc.Content) == 0 {
			return nil, nil, nil, Errorf(path, 0, "file is empty")
		}
		doc = doc.Content[0]
	}
	if doc.Kind != yaml.MappingNode {
		return nil, nil, nil, Errorf(path, doc.Line, "a framework file must be a mapping of keys (id, name, roles, …), found %s", nodeKind(doc))
	}
	d := &decoder{pos: &Positions{File: path, lines: map[string]int{}}}
	f = &Framework{}
	d.value(doc, reflect.ValueOf(f).Elem(), "")
	return f, d.pos, d.probs, nil
}

// safeDecode runs the YAML parser, turning a panic inside it into an error:
// a malformed file must never crash the program.
func safeDecode(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	return dec.Decode(n)
}

// Positions records the line of every node of a decoded framework file by
// node path ("roles[0].levels[1].entries[2].title"). Validate uses it to
// report problems of a YAML file at YAML lines.
type Positions struct {
	File  string
	lines map[string]int
}

// Locate returns the file and line of the node at path, or of its nearest
// recorded ancestor (a missing key is reported at its parent mapping).
func (p *Positions) Locate(path string) (string, int) {
	if p == nil {
		return "", 0
	}
	for {
		if l, ok := p.lines[path]; ok {
			return p.File, l
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			if l, ok := p.lines[""]; ok {
				return p.File, l
			}
			return p.File, 0
		}
		path = path[:i]
	}
}

// decoder walks YAML nodes into model values by their yaml tags, with
// strict checking.
type decoder struct {
	pos   *Positions
	probs []Problem
}

func (d *decoder) errorf(line int, format string, args ...any) {
	d.probs = append(d.probs, *Errorf(d.pos.File, line, format, args...))
}

// typeNames names model types in messages.
var typeNames = map[reflect.Type]string{
	reflect.TypeFor[Framework]():  "framework",
	reflect.TypeFor[Source]():     "source",
	reflect.TypeFor[Level]():      "level",
	reflect.TypeFor[Role]():       "role",
	reflect.TypeFor[RoleLevel]():  "role level",
	reflect.TypeFor[Entry]():      "entry",
	reflect.TypeFor[Catalogue]():  "catalogue",
	reflect.TypeFor[Category]():   "category",
	reflect.TypeFor[Skill]():      "skill",
	reflect.TypeFor[SkillLevel](): "skill level",
}

func typeName(t reflect.Type) string {
	if n, ok := typeNames[t]; ok {
		return n
	}
	return strings.ToLower(t.Name())
}

func nodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return fmt.Sprintf("%q", n.Value)
}

// what names the value at path for messages: its key, or "list item".
func what(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return fmt.Sprintf("%q", path)
	}
	if path[i] == '[' {
		j := strings.LastIndexAny(path[:i], ".[")
		return fmt.Sprintf("item of %q", path[j+1:i])
	}
	return fmt.Sprintf("%q", path[i+1:])
}

// yamlKey returns the key a struct field is read from.
func yamlKey(sf reflect.StructField) string {
	tag := sf.Tag.Get("yaml")
	name, _, _ := strings.Cut(tag, ",")
	if name == "" {
		return strings.ToLower(sf.Name)
	}
	return name
}

func (d *decoder) value(n *yaml.Node, v reflect.Value, path string) {
	if _, ok := d.pos.lines[path]; !ok {
		d.pos.lines[path] = n.Line
	}
	if n.Kind == yaml.AliasNode {
		d.errorf(n.Line, "YAML aliases (*%s) are not supported in a framework file; write the value out", n.Value)
		return
	}
	isNull := n.Kind == yaml.ScalarNode && n.Tag == "!!null"
	switch v.Kind() {
	case reflect.Struct:
		if isNull {
			return
		}
		if n.Kind != yaml.MappingNode {
			d.errorf(n.Line, "%s must be a mapping (a %s), found %s", what(path), typeName(v.Type()), nodeKind(n))
			return
		}
		d.structure(n, v, path)
	case reflect.String:
		if isNull {
			return
		}
		if n.Kind != yaml.ScalarNode {
			d.errorf(n.Line, "%s must be text, found %s", what(path), nodeKind(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Int:
		if isNull {
			return
		}
		i, err := strconv.Atoi(n.Value)
		if n.Kind != yaml.ScalarNode || err != nil || (n.Tag != "!!int" && n.Style == 0) {
			d.errorf(n.Line, "%s must be a whole number, found %s", what(path), nodeKind(n))
			return
		}
		v.SetInt(int64(i))
	case reflect.Bool:
		if isNull {
			return
		}
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			d.errorf(n.Line, "%s must be true or false, found %s", what(path), nodeKind(n))
			return
		}
		var b bool
		if err := n.Decode(&b); err != nil {
			d.errorf(n.Line, "%s must be true or false, found %s", what(path), nodeKind(n))
			return
		}
		v.SetBool(b)
	case reflect.Slice:
		if isNull {
			return
		}
		if n.Kind != yaml.SequenceNode {
			d.errorf(n.Line, "%s must be a list, found %s", what(path), nodeKind(n))
			return
		}
		if len(n.Content) == 0 {
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.value(c, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
		v.Set(s)
	case reflect.Map:
		if isNull {
			return
		}
		if n.Kind != yaml.MappingNode {
			d.errorf(n.Line, "%s must be a mapping of names to text, found %s", what(path), nodeKind(n))
			return
		}
		if len(n.Content) == 0 {
			return
		}
		m := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				d.errorf(k.Line, "%s: keys must be text, found %s", what(path), nodeKind(k))
				continue
			}
			if m.MapIndex(reflect.ValueOf(k.Value)).IsValid() {
				d.errorf(k.Line, "duplicate key %q in %s", k.Value, what(path))
				continue
			}
			ev := reflect.New(v.Type().Elem()).Elem()
			d.value(val, ev, yamlpos.Join(path, k.Value))
			m.SetMapIndex(reflect.ValueOf(k.Value), ev)
		}
		v.Set(m)
	default:
		d.errorf(n.Line, "internal error: cannot read %s into %s", what(path), v.Type())
	}
}

func (d *decoder) structure(n *yaml.Node, v reflect.Value, path string) {
	t := v.Type()
	seen := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k.Line, "keys of a %s must be text, found %s", typeName(t), nodeKind(k))
			continue
		}
		if first, dup := seen[k.Value]; dup {
			d.errorf(k.Line, "duplicate key %q in %s (first at line %d)", k.Value, typeName(t), first)
			continue
		}
		seen[k.Value] = k.Line
		field := -1
		for j := 0; j < t.NumField(); j++ {
			if yamlKey(t.Field(j)) == k.Value {
				field = j
				break
			}
		}
		if field < 0 {
			d.errorf(k.Line, "unknown key %q in %s", k.Value, typeName(t))
			continue
		}
		p := yamlpos.Join(path, k.Value)
		d.pos.lines[p] = k.Line
		d.value(val, v.Field(field), p)
	}
}

// Marshal writes f as canonical YAML, the form Load reads back to an equal
// framework: one document, keys in model order (id, name, version, format,
// source, levels, roles, catalogues; within a role id, title, family, …,
// levels; within a catalogue id, title, levels, categories → skills →
// levels → descriptors), two-space indentation with list items indented
// under their key, empty optional fields left out, list fields that are
// always present written as [] when empty, strings quoted only where YAML
// needs it, multi-line strings as literal blocks, attribute maps in key
// order, and "from: file:line" provenance where an importer recorded it.
// The same framework always gives the same bytes.
//
// The YAML library's encoder keeps every event of a document until the
// document ends, about 600 bytes for each byte written (an import of 200k
// skills took 3.9 GB), so Marshal writes the model's nested lists itself
// and gives the library only one list item, or one field, at a time: its
// memory is proportional to the output, with the library's bytes.
func Marshal(f *Framework) ([]byte, error) {
	var buf bytes.Buffer
	if err := writeYAML(&buf, reflect.ValueOf(f).Elem(), ""); err != nil {
		return nil, fmt.Errorf("encode framework %q as YAML: %w", f.ID, err)
	}
	return buf.Bytes(), nil
}

// MarshalJSON writes f as indented JSON with the same keys as the YAML form.
func MarshalJSON(f *Framework) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("encode framework %q as JSON: %w", f.ID, err)
	}
	return buf.Bytes(), nil
}
