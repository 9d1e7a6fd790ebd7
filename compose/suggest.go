package compose

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/lint"
)

// EditTarget is one piece of framework text an edit can correct: the text,
// how lint reads it, where it is, and the edit selector that picks it.
type EditTarget struct {
	Pick config.EditDef // framework, role, kind and title; no change
	Kind lint.Kind
	Text string
	From string // file:line of the text in its source, for messages
}

// FrameworkEditTargets lists the text of a framework that edits can
// correct: each role's description and duties, each level's summary and
// responsibilities (picked by framework and role), and every entry's and
// catalogue skill's title and descriptors (picked by framework, kind and
// title).
func FrameworkEditTargets(fw *framework.Framework) []EditTarget {
	var out []EditTarget
	add := func(pick config.EditDef, kind lint.Kind, from string, texts ...string) {
		for _, t := range texts {
			if strings.TrimSpace(t) != "" {
				out = append(out, EditTarget{Pick: pick, Kind: kind, Text: t, From: from})
			}
		}
	}
	for _, r := range fw.Roles {
		roleText := config.EditDef{Framework: fw.ID, Role: r.ID}
		add(roleText, lint.Prose, r.From, r.Description...)
		add(roleText, lint.Prose, r.From, r.Duties...)
		for _, l := range r.Levels {
			add(roleText, lint.Prose, l.From, l.Summary...)
			add(roleText, lint.Prose, l.From, l.Responsibilities...)
			for _, e := range l.Entries {
				pick := config.EditDef{Framework: fw.ID, Kind: string(e.Kind), Title: e.Title}
				kind := lint.Title
				if e.Kind == framework.KindQualification {
					kind = lint.Prose // the name of an award, as its body writes it
				}
				add(pick, kind, e.From, e.Title)
				add(pick, lint.Prose, e.From, e.Descriptors...)
			}
		}
	}
	for _, c := range fw.Catalogues {
		for _, cg := range c.Categories {
			for _, sk := range cg.Skills {
				pick := config.EditDef{Framework: fw.ID, Kind: string(framework.KindSkill), Title: sk.Title}
				add(pick, lint.Title, sk.From, sk.Title)
				for _, sl := range sk.Levels {
					add(pick, lint.Prose, sl.From, sl.Descriptors...)
				}
			}
		}
	}
	return out
}

// ComposedEditTargets lists the framework text of a composed role that
// edits can correct: its entries (picked by their first framework, kind and
// title; entries the config added are the config's own text and left out)
// and the role's own text (picked by its framework role when one source
// gave it).
func ComposedEditTargets(c *Composed) []EditTarget {
	var out []EditTarget
	var roleText config.EditDef
	var roles []SourceRef
	for _, s := range c.Sources {
		if s.Role != "" {
			roles = append(roles, s)
		}
	}
	if len(roles) == 1 {
		roleText = config.EditDef{Framework: roles[0].Framework, Role: roles[0].Role}
	}
	for _, list := range [][]string{c.Description, c.Duties, c.Summary, c.Responsibilities} {
		for _, t := range list {
			out = append(out, EditTarget{Pick: roleText, Kind: lint.Prose, Text: t})
		}
	}
	for _, it := range c.Items {
		if len(it.Origins) == 0 || it.Origins[0].Framework == "local" {
			continue
		}
		o := it.Origins[0]
		pick := config.EditDef{Framework: o.Framework, Kind: it.Kind, Title: it.Title}
		kind := lint.Title
		if it.Kind == string(framework.KindQualification) {
			kind = lint.Prose
		}
		out = append(out, EditTarget{Pick: pick, Kind: kind, Text: it.Title, From: o.From})
		for _, d := range it.Descriptors {
			out = append(out, EditTarget{Pick: pick, Kind: lint.Prose, Text: d, From: o.From})
		}
	}
	return out
}

// SuggestedEdit is an edit that fixes lint findings, with what it fixes.
type SuggestedEdit struct {
	Edit  config.EditDef
	Fixes []string // the findings it fixes, "file:line: category: message"
}

// SuggestEdits lints each target with rules and returns, in target order,
// the edits that fix the findings with a known fix: a typo or US spelling
// with its correction, a punctuation slip (replace/with) and a Title Case
// name (sentenceCase). The same edit suggested twice is listed once.
// findings is how many findings the targets had in all.
func SuggestEdits(targets []EditTarget, rules *lint.Rules) (edits []SuggestedEdit, findings int) {
	index := map[string]int{}
	for _, t := range targets {
		fs := lint.CheckTexts(t.From, []lint.Text{{Kind: t.Kind, Text: t.Text}}, rules)
		for _, f := range fs {
			if f.Category == lint.Inclusive && strings.HasPrefix(f.Message, "gender-coded wording") {
				continue // the balance of one piece of text says nothing
			}
			findings++
			if f.From == "" || f.To == "" {
				continue
			}
			e := t.Pick
			switch f.Category {
			case lint.Capitalisation:
				e.SentenceCase = true
			case lint.Spelling, lint.Punctuation:
				if f.Severity != lint.Error {
					continue // an unknown name: a person decides
				}
				to := f.To
				e.Replace, e.With = f.From, &to
			default:
				continue
			}
			why := fmt.Sprintf("%s: %s", f.Category, f.Message)
			if t.From != "" {
				why = t.From + ": " + why
			}
			k := fmt.Sprintf("%s\x00%s\x00%s\x00%s\x00%s\x00%v", e.Framework, e.Role, e.Kind, e.Title, e.Replace, e.SentenceCase)
			if i, ok := index[k]; ok {
				edits[i].Fixes = append(edits[i].Fixes, why)
				continue
			}
			index[k] = len(edits)
			edits = append(edits, SuggestedEdit{Edit: e, Fixes: []string{why}})
		}
	}
	return edits, findings
}

// EditsYAML writes suggested edits as an edits: block of config.yaml, one
// edit a line, each under a comment naming the first finding it fixes.
func EditsYAML(edits []SuggestedEdit) ([]byte, error) {
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for _, s := range edits {
		var n yaml.Node
		if err := n.Encode(s.Edit); err != nil {
			return nil, fmt.Errorf("edits: %w", err)
		}
		n.Style = yaml.FlowStyle
		n.HeadComment = s.Fixes[0]
		if len(s.Fixes) > 1 {
			n.HeadComment += fmt.Sprintf(" (and %d more)", len(s.Fixes)-1)
		}
		seq.Content = append(seq.Content, &n)
	}
	root := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: "edits"}, seq}}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, fmt.Errorf("edits: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("edits: %w", err)
	}
	return b.Bytes(), nil
}
