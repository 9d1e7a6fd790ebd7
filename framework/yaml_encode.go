package framework

import (
	"bytes"
	"reflect"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// writeYAML writes struct v as the YAML library would, each line after
// indent: a field holding a list of structs (roles, levels, entries,
// categories, skills) item by item, each item written on its own, and
// every other field by the library, alone. The bytes are those of the
// library encoding the whole framework at once (yaml_encode_test.go holds
// it to that).
func writeYAML(buf *bytes.Buffer, v reflect.Value, indent string) error {
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = strings.ToLower(sf.Name)
		}
		fv := v.Field(i)
		if strings.Contains(opts, "omitempty") && emptyYAML(fv) {
			continue
		}
		if fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.Struct && fv.Len() > 0 {
			buf.WriteString(indent + name + ":\n")
			for j := range fv.Len() {
				if err := writeYAMLItem(buf, fv.Index(j), indent+"  "); err != nil {
					return err
				}
			}
			continue
		}
		// one key and its value, as the library writes them in a mapping
		field := reflect.New(reflect.StructOf([]reflect.StructField{{Name: "V", Type: sf.Type, Tag: reflect.StructTag(`yaml:"` + name + `"`)}})).Elem()
		field.Field(0).Set(fv)
		if err := encodeIndented(buf, field.Interface(), indent, indent); err != nil {
			return err
		}
	}
	return nil
}

// writeYAMLItem writes one list item ("- " and the item) at indent.
func writeYAMLItem(buf *bytes.Buffer, v reflect.Value, indent string) error {
	if !hasStructList(v.Type()) {
		return encodeIndented(buf, v.Interface(), indent+"- ", indent+"  ")
	}
	var item bytes.Buffer
	if err := writeYAML(&item, v, ""); err != nil {
		return err
	}
	if item.Len() == 0 {
		buf.WriteString(indent + "- {}\n")
		return nil
	}
	indentLines(buf, item.Bytes(), indent+"- ", indent+"  ")
	return nil
}

// encodeIndented writes v as the library encodes it alone, its first line
// after first and the others after rest.
func encodeIndented(buf *bytes.Buffer, v any, first, rest string) error {
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	indentLines(buf, out.Bytes(), first, rest)
	return nil
}

// indentLines writes text with first before its first line and rest
// before each later line that is not empty (an empty line of a literal
// block stays empty, as the library writes it).
func indentLines(buf *bytes.Buffer, text []byte, first, rest string) {
	for i := 0; len(text) > 0; i++ {
		line := text
		if j := bytes.IndexByte(text, '\n'); j >= 0 {
			line, text = text[:j+1], text[j+1:]
		} else {
			text = nil
		}
		switch {
		case i == 0:
			buf.WriteString(first)
		case len(line) > 1:
			buf.WriteString(rest)
		}
		buf.Write(line)
	}
}

// hasStructList reports whether struct type t has a field holding a list
// of structs: such a value is written field by field, the others whole.
func hasStructList(t reflect.Type) bool {
	for i := range t.NumField() {
		ft := t.Field(i).Type
		if ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct {
			return true
		}
	}
	return false
}

// emptyYAML reports whether the library leaves out a field marked
// omitempty holding v.
func emptyYAML(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map, reflect.String:
		return v.Len() == 0
	case reflect.Struct:
		for i := range v.NumField() {
			if !emptyYAML(v.Field(i)) {
				return false
			}
		}
		return true
	}
	return v.IsZero()
}
