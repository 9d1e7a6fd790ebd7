package lint

import (
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/internal/yamlpos"
)

// SourceTexts returns the text of every role, role level, entry and
// catalogue skill of a framework imported from a source document (titles as
// Titles; descriptions, summaries, responsibilities and descriptors as
// Prose), each at its line and column in that document. lines are the
// document's lines as the importer read them (lines[0] is line 1). A text
// is looked for from the line its provenance ("from: file:line") names
// onwards; one that cannot be found there (joined from several lines) gets
// that line and no column. Qualification titles (names of awards) are
// not checked for Title Case.
func SourceTexts(f *framework.Framework, lines []string) []Text {
	var out []Text
	add := func(from string, kind Kind, texts ...string) {
		hint := lineOf(from)
		for _, t := range texts {
			if strings.TrimSpace(t) == "" {
				continue
			}
			out = append(out, locate(lines, hint, kind, t))
		}
	}
	// Role and level titles an importer made up (from a file name or a
	// level label) are not the document's text: only those found are checked.
	addFound := func(from string, t string) {
		if x := locate(lines, lineOf(from), Title, t); x.Col > 0 {
			out = append(out, x)
		}
	}
	for _, r := range f.Roles {
		addFound(r.From, r.Title)
		add(r.From, Prose, r.Description...)
		add(r.From, Prose, r.Duties...)
		for _, l := range r.Levels {
			addFound(l.From, l.Title)
			add(l.From, Prose, l.Summary...)
			add(l.From, Prose, l.Responsibilities...)
			for _, e := range l.Entries {
				kind := Title
				if e.Kind == framework.KindQualification {
					kind = Prose // the name of an award, written as its body writes it
				}
				add(e.From, kind, e.Title)
				add(e.From, Prose, e.Descriptors...)
			}
		}
	}
	for _, c := range f.Catalogues {
		add(c.From, Title, c.Title)
		for _, cat := range c.Categories {
			add(cat.From, Title, cat.Title)
			for _, s := range cat.Skills {
				add(s.From, Title, s.Title)
				for _, sl := range s.Levels {
					add(sl.From, Prose, sl.Descriptors...)
				}
			}
		}
	}
	return out
}

// lineOf reads the line number of a "file:line" provenance (0 if none).
func lineOf(from string) int {
	i := strings.LastIndexByte(from, ':')
	if i < 0 {
		return 0
	}
	n, err := strconv.Atoi(from[i+1:])
	if err != nil {
		return 0
	}
	return n
}

// locate finds text in lines from line hint on.
func locate(lines []string, hint int, kind Kind, text string) Text {
	from := max(hint, 1)
	for n := from; n <= len(lines); n++ {
		if i := strings.Index(lines[n-1], text); i >= 0 {
			return Text{Line: n, Col: len([]rune(lines[n-1][:i])) + 1, Kind: kind, Text: text}
		}
	}
	return Text{Line: hint, Col: 0, Kind: kind, Text: text}
}

// textKeys are the keys of a canonical framework file whose values are
// checked, and how they are read.
var textKeys = map[string]Kind{
	"title":            Title,
	"description":      Prose,
	"duties":           Prose,
	"summary":          Prose,
	"responsibilities": Prose,
	"descriptors":      Prose,
}

// YAMLTexts returns the text of every title, description, duty, summary,
// responsibility and descriptor of a canonical framework file (YAML or
// JSON) at its own line and column in the file. The column is left out
// (0) for a value whose characters are not written as they are (escapes,
// block scalars). The error is the YAML parser's, with file:line.
func YAMLTexts(name string, data []byte) ([]Text, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlpos.Error(name, err)
	}
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	var out []Text
	var walk func(n *yaml.Node, top bool)
	walk = func(n *yaml.Node, top bool) {
		switch n.Kind {
		case yaml.DocumentNode, yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, top && n.Kind == yaml.DocumentNode)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if top && k.Value != "roles" && k.Value != "catalogues" {
					continue // the framework's own name and source are not job text
				}
				kind, ok := textKeys[k.Value]
				if !ok {
					walk(v, false)
					continue
				}
				vals := []*yaml.Node{v}
				if v.Kind == yaml.SequenceNode {
					vals = v.Content
				}
				for _, s := range vals {
					if s.Kind == yaml.ScalarNode && strings.TrimSpace(s.Value) != "" {
						out = append(out, scalarText(lines, s, kind))
					}
				}
			}
		}
	}
	walk(&root, true)
	return out, nil
}

// scalarText places a YAML scalar's value at its line and column when the
// file holds its characters as they are.
func scalarText(lines []string, s *yaml.Node, kind Kind) Text {
	t := Text{Line: s.Line, Kind: kind, Text: s.Value}
	if s.Line < 1 || s.Line > len(lines) {
		return t
	}
	rs := []rune(lines[s.Line-1])
	col := s.Column // 1-based, at the opening quote for quoted scalars
	if s.Style == yaml.DoubleQuotedStyle || s.Style == yaml.SingleQuotedStyle {
		col++
	}
	v := []rune(s.Value)
	if s.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 && col-1+len(v) <= len(rs) && string(rs[col-1:col-1+len(v)]) == s.Value {
		t.Col = col
	}
	return t
}
