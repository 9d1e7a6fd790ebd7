package config

import (
	"fmt"
	"strings"

	"github.com/rolepack/rolepack/framework"
)

// EditDef is a correction of framework text that the organisation keeps in
// its config (edits:) instead of changing the framework's files. It picks
// the text it corrects by any of framework, role (a framework role or
// catalogue id), kind and title (all given must match; none picks every
// entry), and makes one or more changes:
//
//   - replace/with: every "replace" in the entry's title and descriptors
//     becomes "with" (with no kind or title, also in the role's own text:
//     description, duties, summary and responsibilities);
//   - retitle: the entry's title becomes this (title is needed);
//   - sentenceCase: the entry's title is written in sentence case.
//
// Each change is recorded on the entry (Item.Edits) or the role
// (Composed.Edits) as made by the organisation. An edit that matches no
// text in any framework is an error naming its config line.
type EditDef struct {
	Framework    string  `yaml:"framework,omitempty"`
	Role         string  `yaml:"role,omitempty"`
	Kind         string  `yaml:"kind,omitempty"`
	Title        string  `yaml:"title,omitempty"`
	Replace      string  `yaml:"replace,omitempty"`
	With         *string `yaml:"with,omitempty"`
	Retitle      string  `yaml:"retitle,omitempty"`
	SentenceCase bool    `yaml:"sentenceCase,omitempty"`
}

// SelectsEntries reports whether the edit picks entries only (it names a
// kind or a title), not the role's own text.
func (e EditDef) SelectsEntries() bool { return e.Kind != "" || e.Title != "" }

// Check reports an edit that cannot be applied whatever it matches.
func (e EditDef) Check() (field string, err error) {
	switch {
	case e.Replace == "" && e.With == nil && e.Retitle == "" && !e.SentenceCase:
		return "", fmt.Errorf("does nothing: give replace and with, retitle, or sentenceCase: true")
	case e.Replace == "" && e.With != nil:
		return "with", fmt.Errorf("with needs replace: the text to replace")
	case e.Replace != "" && e.With == nil:
		return "replace", fmt.Errorf("replace needs with: the text to write instead (with: \"\" deletes it)")
	case e.Retitle != "" && e.Title == "":
		return "retitle", fmt.Errorf("retitle needs title: the entry's title as the framework writes it")
	case e.Kind != "":
		if err := CheckEntryKind(e.Kind); err != nil {
			return "kind", err
		}
	}
	return "", nil
}

// CheckEntryKind reports an entry kind (roles' add, edits' kind) that is
// not one of the kinds documents use.
func CheckEntryKind(k string) error {
	names := make([]string, len(framework.Kinds))
	for i, kk := range framework.Kinds {
		if string(kk) == k {
			return nil
		}
		names[i] = string(kk)
	}
	return fmt.Errorf("unknown entry kind %q (known: %s)", k, strings.Join(names, ", "))
}
