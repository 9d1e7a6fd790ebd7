package web

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// configNode is v as a YAML node for a config file that states every
// value, so that no layer under it (the embedded default, the user's
// config) changes what it says: every scalar is written, zero or not
// (but a zero one of a field tagged omitempty); a nil map, slice or
// pointer is left out, as every layer left it unset; an empty one that
// is not nil is written ({} or []), because the config tells "not given"
// (the default) from "given as empty" (none): `clauses: {}` is no
// clauses at all.
func configNode(v reflect.Value) (*yaml.Node, bool, error) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil, false, nil
		}
		n, ok, err := configNode(v.Elem())
		if err != nil || ok {
			return n, ok, err
		}
		return scalar(v.Elem()) // a pointer to a zero value is a value: with: ""
	case reflect.Struct:
		m := &yaml.Node{Kind: yaml.MappingNode}
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, flags, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "-" || (strings.Contains(flags, "omitempty") && v.Field(i).IsZero()) {
				continue
			}
			if name == "" {
				name = strings.ToLower(f.Name)
			}
			n, ok, err := configNode(v.Field(i))
			if err != nil {
				return nil, false, fmt.Errorf("%s: %w", name, err)
			}
			if !ok {
				continue
			}
			m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: name}, n)
		}
		return m, len(m.Content) > 0, nil
	case reflect.Map:
		if v.IsNil() {
			return nil, false, nil
		}
		m := &yaml.Node{Kind: yaml.MappingNode, Style: 0}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		for _, k := range keys {
			kn, _, err := scalar(k)
			if err != nil {
				return nil, false, err
			}
			n, ok, err := configNode(v.MapIndex(k))
			if err != nil {
				return nil, false, err
			}
			if !ok {
				n = &yaml.Node{}
				if err := n.Encode(v.MapIndex(k).Interface()); err != nil {
					return nil, false, err
				}
			}
			m.Content = append(m.Content, kn, n)
		}
		if len(m.Content) == 0 {
			m.Style = yaml.FlowStyle
		}
		return m, true, nil
	case reflect.Slice:
		if v.IsNil() {
			return nil, false, nil
		}
		s := &yaml.Node{Kind: yaml.SequenceNode}
		for i := 0; i < v.Len(); i++ {
			n, ok, err := configNode(v.Index(i))
			if err != nil {
				return nil, false, err
			}
			if !ok {
				n = &yaml.Node{}
				if err := n.Encode(v.Index(i).Interface()); err != nil {
					return nil, false, err
				}
			}
			s.Content = append(s.Content, n)
		}
		if len(s.Content) == 0 {
			s.Style = yaml.FlowStyle
		}
		return s, true, nil
	}
	return scalar(v)
}

func scalar(v reflect.Value) (*yaml.Node, bool, error) {
	n := &yaml.Node{}
	if err := n.Encode(v.Interface()); err != nil {
		return nil, false, err
	}
	return n, true, nil
}
