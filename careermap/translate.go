package careermap

import (
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
)

// The career map's translation units are its framework and config text
// as the map prints it, for translators (compose.Unit): the role's title
// and the ladder's level names (the map's heading and columns, one
// group), the group names, each entry's name, and each cell's
// descriptors (one group a cell, as one sentence each). Ids are those of
// the other documents where the string is the same (the entry's name,
// the level's name), else the entry at the level its composition gives
// it and the form ("….d2.descriptor", which the development plan prints
// too), so they do not depend on the map's order.

// Units lists the career map's translation units, in the order the map
// prints them.
func (l *Ladder) Units() []compose.Unit {
	cp := l.clone()
	var ul compose.UnitList
	cp.walk(&ul)
	return ul.Units()
}

// TranslatedUnits is how many of the map's units are given in the run's
// language (compose.Translation).
func (l *Ladder) TranslatedUnits() int { return l.translatedN }

// UntranslatedText is the English of the map's units with no translation
// in a run in another language, once each (compose.Translation).
func (l *Ladder) UntranslatedText() []string { return l.untranslated }

// Unmarked reports whether a descriptor the map prints is given in
// translation, whole, without the words new at its level in bold: the
// map's introduction says so.
func (l *Ladder) Unmarked() bool { return l.unmarked }

// clone is a copy of l whose text a translation may change without
// touching l.
func (l *Ladder) clone() *Ladder {
	cp := *l
	cp.Rungs = append([]LadderRung(nil), l.Rungs...)
	cp.Spans = append([]LadderSpan(nil), l.Spans...)
	cp.Sections = make([]LadderSection, len(l.Sections))
	for i, s := range l.Sections {
		s.Groups = append([]LadderGroup(nil), s.Groups...)
		for j := range s.Groups {
			g := &s.Groups[j]
			g.Rows = append([]LadderRow(nil), g.Rows...)
			for k := range g.Rows {
				r := &g.Rows[k]
				r.Cells = append([]LadderCell(nil), r.Cells...)
				for m := range r.Cells {
					r.Cells[m].Descriptors = append([]Descriptor(nil), r.Cells[m].Descriptors...)
				}
			}
		}
		cp.Sections[i] = s
	}
	return &cp
}

// translateLadder is l with its framework text given in the translations
// of tr, a group of units all or none; it records what it left in
// English.
func translateLadder(l *Ladder, tr config.Translations) *Ladder {
	cp := l.clone()
	var ul compose.UnitList
	fix := cp.walk(&ul)
	cp.untranslated, cp.translatedN = ul.Translate(tr)
	fix()
	return cp
}

// walk adds the map's units to ul, each writing into l, and returns what
// to do once ul has translated them: put each translated descriptor in
// place of its marked words, and name the rungs as translated wherever
// the map names them (the rungs a row is asked at, the spans, "As at").
func (l *Ladder) walk(ul *compose.UnitList) (fix func()) {
	of := "the career map of " + l.Title
	ul.Add(compose.UnitID("role", l.RoleID, "title"), "the title of a role (the heading of its career map and of development plans)", &l.Title)
	labels := make([]string, len(l.Rungs))
	for i := range l.Rungs {
		labels[i] = l.Rungs[i].Label
		ul.Add(compose.RungLabelUnitID(config.Rung{ID: l.Rungs[i].ID, Label: l.Rungs[i].Label}), "the name of a level of the organisation's ladder (the documents' keywords; a column of "+of+")", &l.Rungs[i].Label)
	}
	ul.Next()
	type desc struct {
		d    *Descriptor
		text string
		was  string
	}
	var descs []*desc
	cell := func(r *LadderRow, i int) {
		c := &r.Cells[i]
		it := r.items[i]
		if it == nil || c.State != CellPresent {
			return
		}
		// the depth and level before the descriptors ("Level 5: …")
		ul.Add(compose.EntryUnitID(it)+".level", "the level of “"+r.Title+"” at "+labels[i]+" as its framework names it, before what it asks ("+of+")", &c.Label)
		for j := range c.Descriptors {
			d := &c.Descriptors[j]
			x := &desc{d: d, text: compose.Sentence(d.Text)}
			x.was = x.text
			descs = append(descs, x)
			ul.Add(compose.DescriptorUnitID(it, d.Text, "descriptor"), "what “"+r.Title+"” asks at "+labels[i]+", one sentence, printed whole ("+of+" and development plans; in English the words new at the level are marked)", &x.text)
		}
		ul.Next()
	}
	for si := range l.Sections {
		s := &l.Sections[si]
		for gi := range s.Groups {
			g := &s.Groups[gi]
			ul.Add(compose.UnitID("group", g.Name), "the name of a group of entries (a heading of "+of+" and of development plans)", &g.Name)
			ul.Next()
			for ri := range g.Rows {
				r := &g.Rows[ri]
				if len(r.items) != len(r.Cells) {
					continue
				}
				first := -1
				for i, c := range r.Cells {
					if c.State == CellPresent && r.items[i] != nil && first < 0 {
						first = i
					}
				}
				if first < 0 {
					continue
				}
				ul.Add(compose.EntryTitleUnitID(r.items[first], r.Title), "the name of a "+r.Kind+" as the development plan and career map print it", &r.Title)
				ul.Next()
				if r.Steady {
					// the steady list prints the last rung's cell
					last := -1
					for i, c := range r.Cells {
						if c.State == CellPresent {
							last = i
						}
					}
					if presentAt(*r) > 1 {
						cell(r, last)
					}
					continue
				}
				for i, c := range r.Cells {
					if !c.SameAsBelow {
						cell(r, i)
					}
				}
			}
		}
	}
	return func() {
		for _, x := range descs {
			if x.text != x.was {
				*x.d = Descriptor{Text: x.text, Parts: []MarkedText{{Text: x.text}}}
				l.unmarked = true
			}
		}
		label := map[string]string{}
		for i, r := range l.Rungs {
			if r.Label != labels[i] {
				label[labels[i]] = r.Label
			}
		}
		if len(label) == 0 {
			return
		}
		named := func(s string) string {
			if t, ok := label[s]; ok {
				return t
			}
			return s
		}
		for si := range l.Sections {
			for gi := range l.Sections[si].Groups {
				g := &l.Sections[si].Groups[gi]
				for ri := range g.Rows {
					r := &g.Rows[ri]
					r.Steady, r.At = steady(r.Cells, l.rungLabels())
					for ci := range r.Cells {
						r.Cells[ci].AsAt = named(r.Cells[ci].AsAt)
					}
				}
			}
		}
		rungs := l.rungLabels()
		for i := range l.Spans {
			l.Spans[i].Label = spanLabel(rungs, l.Spans[i].First, l.Spans[i].Last)
		}
	}
}

// rungLabels are the labels of the map's rungs, in order.
func (l *Ladder) rungLabels() []string {
	out := make([]string, len(l.Rungs))
	for i, r := range l.Rungs {
		out[i] = r.Label
	}
	return out
}
