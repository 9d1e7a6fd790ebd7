package compose

import (
	"strings"

	"github.com/rolepack/rolepack/config"
)

// UnitList collects the translation units of a document built above
// compose from a context (a development plan, a career map), as Units
// does for the candidate-facing documents: each string as the document
// prints it, with a stable id and a note, in groups printed together.
// Translate then gives the strings in another language, a group all or
// none. The zero value is ready to use.
type UnitList struct{ w unitWalk }

// Add adds a unit for *s (when it has text) with id and note; Translate
// replaces *s with its translation. An id given again with other English
// gets a hash of the English after it, so that one id has one text.
func (l *UnitList) Add(id, note string, s *string) { l.w.add(id, note, s) }

// Next starts a new group: the units added until the next call are
// printed together (one sentence, one cell, one list item), so they are
// given in the other language together or not at all.
func (l *UnitList) Next() { l.w.next() }

// Units lists the units added, in the order added.
func (l *UnitList) Units() []Unit { return l.w.units }

// Translate gives each group of units whose every unit tr translates
// (a translation whose English is the unit's now) in its translation. It
// returns the English of the units left as they were, once each, and how
// many units it translated.
func (l *UnitList) Translate(tr config.Translations) (left []string, n int) {
	ok := map[int]bool{}
	for _, u := range l.w.units {
		t, has := tr[u.ID]
		good := has && u.set != nil && t.Target != "" && sameText(t.Source, u.Source)
		if v, seen := ok[u.group]; !seen || v {
			ok[u.group] = good
		}
	}
	seen := map[string]bool{}
	for _, u := range l.w.units {
		if ok[u.group] {
			u.set(tr[u.ID].Target)
			n++
			continue
		}
		if s := strings.TrimSpace(u.Source); !seen[s] {
			seen[s] = true
			left = append(left, s)
		}
	}
	return left, n
}

// UnitID joins parts into a unit id, each made safe as one part (lower
// case letters, digits and hyphens).
func UnitID(parts ...string) string { return unitID(parts...) }

// TextHash is a short hash of English text, for the ids of strings with
// no one position to name.
func TextHash(s string) string { return textHash(s) }

// EntryUnitID is the id prefix of an entry's units at the level its first
// origin gives it ("ddat.data-engineer.senior-data-engineer.skill-data-modelling"):
// a form ("pdp-objective") follows it.
func EntryUnitID(it *Item) string { return itemID(it) }

// NameUnitID is the id of an entry's name, the same at every level and
// in every document that prints it.
func NameUnitID(it *Item) string { return nameID(it) }

// EntryTitleUnitID is the id of an entry's title as the development plan
// and the career map print it (text): the framework's title, the same
// at every level, or, when text is not the title as it is (a code left
// out), with a hash of text after it. The job description's name of an
// entry (NameUnitID) may be worded otherwise ("Programming and build"
// for "Programming and build (data engineering)"), so it is its own
// unit.
func EntryTitleUnitID(it *Item, text string) string {
	id := strings.TrimSuffix(nameID(it), ".name") + ".title"
	if text != it.Title {
		id += "." + textHash(text)
	}
	return id
}

// DescriptorUnitID is the id of one of an entry's descriptors as a
// document prints it in form ("…skill-data-modelling.d2.descriptor").
func DescriptorUnitID(it *Item, d, form string) string { return descriptorID(it, d, form) }

// RungLabelUnitID is the id of the name of a rung of the ladder, as the
// candidate-facing documents' units have it.
func RungLabelUnitID(r config.Rung) string { return unitID("ladder", r.ID, "label") }

// TextUnitID is the id prefix of the role's own text at the composed
// level: the framework role level that gave it, else the config role's
// rung.
func (c *Composed) TextUnitID() string {
	if c.textID != "" {
		return c.textID
	}
	return unitID("role", c.ID, c.Rung.ID)
}

// Sentence is a descriptor as a sentence, the way the development plan
// and the career map print it: its first letter upper case, ending with
// a full stop when it has no end mark. It is the English of a
// descriptor's unit in those documents.
func Sentence(d string) string {
	d = strings.TrimSpace(d)
	if d == "" {
		return d
	}
	d = strings.ToUpper(d[:1]) + d[1:]
	if !strings.HasSuffix(d, ".") && !strings.HasSuffix(d, "?") && !strings.HasSuffix(d, "!") {
		d += "."
	}
	return d
}

// Translation is what a document built on a context (a development plan,
// a career map) gives in the run's language: how many of its units have
// a translation, and the English of those that have none. EnglishNote
// reads it for the documents' one note.
type Translation interface {
	TranslatedUnits() int
	UntranslatedText() []string
}
