package compose

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/rolepack/rolepack/config"
)

// A translation unit is one string of framework or config text as the
// documents print it: the key responsibility as the JD words it from a
// descriptor, not the descriptor, because a translator translates the
// sentence a reader sees, and Welsh word order does not follow from
// English forms. Its id is stable across runs and independent of the
// order the documents give it in: where the string comes from (framework,
// role or catalogue, level, entry, descriptor) and the form printed
// ("duty", "detail", "name"), e.g.
// "ddat.data-engineer.head-of-data-engineering.skill-data-modelling.d2.duty".
// A string built from several descriptors, or from the config's
// vacancy, has a short hash of its English in its id instead of a
// position.

// Unit is one translatable string of a context: its stable id, a note
// giving the translator its context, and its English text.
type Unit struct {
	ID     string `json:"id"`
	Note   string `json:"note"`
	Source string `json:"source"`
	// group joins the units printed within one sentence or list item
	// (a skill's name and what it means): they are given in Welsh
	// together or not at all, never one language inside a sentence.
	group int
	set   func(string)
}

// idPart makes s safe as one part of a unit id: XLIFF 2.0 ids are
// NMTOKENs; rolepack's use lower-case letters, digits and hyphens, with
// dots between the parts.
func idPart(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if len(out) > 60 {
		out = strings.TrimSuffix(out[:60], "-")
	}
	if out == "" {
		out = "x"
	}
	return out
}

// unitID joins parts into a unit id.
func unitID(parts ...string) string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = idPart(p)
	}
	return strings.Join(out, ".")
}

// textHash is a short hash of English text, for the ids of strings with
// no one position to name.
func textHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return "h" + hex.EncodeToString(h[:4])
}

// itemID is the id of an entry at the level its first origin gives it:
// framework, role or catalogue, level, kind and title as the framework
// has it.
func itemID(it *Item) string {
	title := it.Title
	if len(it.formerTitles) > 0 {
		title = it.formerTitles[0]
	}
	if len(it.Origins) == 0 {
		return unitID("entry", it.Kind+"-"+title)
	}
	o := it.Origins[0]
	in := o.Role
	if in == "" {
		in = o.Catalogue
	}
	if in == "" {
		return unitID(o.Framework, o.Level, it.Kind+"-"+title)
	}
	return unitID(o.Framework, in, o.Level, it.Kind+"-"+title)
}

// nameID is the id of an entry's name: the same at every level.
func nameID(it *Item) string {
	id := itemID(it)
	if len(it.Origins) > 0 && it.Origins[0].Level != "" {
		id = strings.Replace(id, "."+idPart(it.Origins[0].Level)+".", ".", 1)
	}
	return id + ".name"
}

// descriptorID is the id of an entry's descriptor (counted from 1) as the
// documents print it in form.
func descriptorID(it *Item, d, form string) string {
	for i, x := range it.Descriptors {
		if x == d {
			return itemID(it) + ".d" + strconv.Itoa(i+1) + "." + form
		}
	}
	return itemID(it) + "." + form + "." + textHash(d)
}

// unitWalk collects a context's units.
type unitWalk struct {
	units []Unit
	seen  map[string]int // id → index in units
	group int
}

// add adds a unit for *s (when it has text); set, when the walk may
// write, replaces the text with its translation.
func (w *unitWalk) add(id, note string, s *string) {
	if s == nil || strings.TrimSpace(*s) == "" {
		return
	}
	if w.seen == nil {
		w.seen = map[string]int{}
	}
	if i, ok := w.seen[id]; ok && w.units[i].Source != *s {
		id += "." + textHash(*s) // one id, two texts: not one unit
	}
	w.seen[id] = len(w.units)
	w.units = append(w.units, Unit{ID: id, Note: note, Source: *s, group: w.group, set: func(t string) { *s = t }})
}

// next starts a new group: the units added until the next call are printed
// together.
func (w *unitWalk) next() { w.group++ }

// Units lists the framework and config strings the candidate-facing
// documents of c print, each once, as a translator gets them (see Unit).
func (c *Context) Units() []Unit {
	cp := c.translatable()
	return cp.units()
}

// translatable is a copy of c whose strings a translation may replace
// without touching what other contexts share (the selection, the person
// specification, the composed role).
func (c *Context) translatable() *Context {
	cp := *c
	if c.Selected != nil {
		s := *c.Selected
		s.Purpose = append([]string(nil), s.Purpose...)
		s.Duties = append([]string(nil), s.Duties...)
		s.Needs = append([]string(nil), s.Needs...)
		s.Learning = append([]string(nil), s.Learning...)
		s.Bring = append([]Point(nil), s.Bring...)
		items := func(in []*Item) []*Item {
			out := make([]*Item, len(in))
			for i, it := range in {
				x := *it
				x.Descriptors = append([]string(nil), it.Descriptors...)
				out[i] = &x
			}
			return out
		}
		s.Essential, s.Desirable = items(s.Essential), items(s.Desirable)
		s.Behaviours, s.Leadership = items(s.Behaviours), items(s.Leadership)
		cp.Selected = &s
	}
	if c.Role != nil {
		r := *c.Role
		r.Relationships = append([]string(nil), r.Relationships...)
		r.Dimensions = append([]string(nil), r.Dimensions...)
		cp.Role = &r
	}
	cp.Spec = append([]Criterion(nil), c.Spec...)
	o := c.Organisation
	o.Offer = append([]string(nil), o.Offer...)
	cp.Organisation = o
	return &cp
}

// units walks the strings of c (a translatable copy) the documents print.
func (c *Context) units() []Unit {
	w := &unitWalk{}
	title := c.Title
	job := article(title) + " " + title
	if c.Role != nil {
		w.add(unitID("role", c.Role.ID, c.Role.Rung.ID, "title"), "the job title of "+title+" (the title of every document)", &c.Title)
		w.next()
	}
	if s := c.Selected; s != nil {
		base := c.textBase()
		for i := range s.Purpose {
			w.add(base+".purpose-"+strconv.Itoa(i+1), fmt.Sprintf("paragraph %d of the job purpose of %s (job description)", i+1, job), &s.Purpose[i])
			w.next()
		}
		for i := range s.Duties {
			id := base + ".duty." + textHash(s.Duties[i])
			if i < len(s.dutyIDs) && s.dutyIDs[i] != "" {
				id = s.dutyIDs[i]
			}
			w.add(id, "a key responsibility of "+job+", as the job description lists it", &s.Duties[i])
			w.next()
		}
		for i := range s.Bring {
			p := &s.Bring[i]
			var it *Item
			if i < len(s.Essential) {
				it = s.Essential[i]
			}
			name, detail, brief := base+".skill-"+idPart(p.Title)+".name", base+".skill-"+idPart(p.Title)+".detail."+textHash(p.Detail), base+".skill-"+idPart(p.Title)+".brief."+textHash(p.Text)
			if it != nil {
				name, detail, brief = nameID(it), itemID(it)+".detail", itemID(it)+".brief"
			}
			w.add(name, "the name of a "+entryKind(it)+" (job description and advert)", &p.Title)
			w.add(detail, "what the skill "+quote(p.Title)+" means for "+job+", after its name in the job description (\"Name: …\")", &p.Detail)
			w.add(brief, "the skill "+quote(p.Title)+" in brief, after its name in the advert", &p.Text)
			w.next()
		}
		for _, list := range []struct {
			items []*Item
			what  string
		}{{s.Behaviours, "behaviour"}, {s.Leadership, "leadership expectation"}} {
			for _, it := range list.items {
				w.add(nameID(it), "the name of a "+list.what, &it.Title)
				if len(it.Descriptors) > 0 {
					w.add(descriptorID(it, it.Descriptors[0], idPart(list.what)), "what the "+list.what+" "+quote(it.Title)+" asks of "+job+", after its name in the job description (\"Name: …\"; the first letter is printed lower case)", &it.Descriptors[0])
				}
				w.next()
			}
		}
		for i := range s.Needs {
			w.add(base+".need."+textHash(s.Needs[i]), "something "+job+" needs (knowledge, experience or something to have), in the job description's list after \"You will also need\"", &s.Needs[i])
			w.next()
		}
		for i := range s.Learning {
			id := base + ".learning." + textHash(s.Learning[i])
			if i < len(s.learnIDs) {
				id = s.learnIDs[i]
			}
			w.add(id, "a training or development opportunity on offer with "+job, &s.Learning[i])
			w.next()
		}
	}
	if r := c.Role; r != nil {
		for i := range r.Relationships {
			w.add(unitID("role", r.ID, "relationships", textHash(r.Relationships[i])), "a working relationship of "+job, &r.Relationships[i])
			w.next()
		}
		for i := range r.Dimensions {
			w.add(unitID("role", r.ID, r.Rung.ID, "dimensions", textHash(r.Dimensions[i])), "a dimension of "+job+" (budget, team size, reach)", &r.Dimensions[i])
			w.next()
		}
	}
	for i := range c.Spec {
		cr := &c.Spec[i]
		if cr.Group == "Other" && cr.Label == "Welsh language" && cr.Text == "Welsh language skills" {
			continue // the catalogue's
		}
		base := cr.from
		if base == "" {
			base = unitID("spec", c.roleLevel(), cr.Group, textHash(cr.Text))
		}
		what := "a criterion of the person specification for " + job + " (" + strings.ToLower(cr.Group) + ")"
		if cr.Label != "" && cr.Label != cr.Text {
			if cr.Heading() == "" {
				cr.headless = true
			}
			w.add(base+".label", "the short name of "+what, &cr.Label)
		}
		w.add(base+".criterion", what, &cr.Text)
		w.add(base+".criterion-detail", "what "+what+" means, under it", &cr.Detail)
		w.next()
		w.add(base+".question", "the suggested interview question for "+what+" (scoring sheet)", &cr.Question)
		w.next()
	}
	o := &c.Organisation
	w.add("organisation.name", "the organisation's name (under every document's title, in the running header and in the document-control line)", &o.Name)
	w.add("organisation.department", "the organisation's department (beside its name, in the job details and the document-control line)", &o.Department)
	w.next()
	w.add("organisation.about", "about the organisation (advert)", &o.About)
	w.next()
	for i := range o.Offer {
		w.add("organisation.offer."+textHash(o.Offer[i]), "what the organisation offers (advert, a list item)", &o.Offer[i])
		w.next()
	}
	w.add("organisation.apply", "how to apply (advert)", &o.Apply)
	w.next()
	v := &c.Vacancy
	for _, f := range []struct {
		key, note string
		s         *string
	}{{"hours", "the hours of the job (job details)", &v.Hours}, {"contract", "the contract of the job (job details)", &v.Contract},
		{"location", "where the job is (job details)", &v.Location}, {"reportsTo", "the job title the post reports to (job details)", &v.ReportsTo},
		{"salary", "the salary as the advert gives it (job details)", &v.Salary}} {
		w.add(unitID("vacancy", f.key, textHash(*f.s)), f.note, f.s)
		w.next()
	}
	if c.ownClauses {
		c.clauses = nil
		for _, h := range sortedKeys(o.Clauses) {
			c.clauses = append(c.clauses, [2]string{h, o.Clauses[h]})
		}
		for i := range c.clauses {
			id := unitID("organisation", "clauses", c.clauses[i][0])
			w.add(id+".heading", "the heading of a standard clause (job description)", &c.clauses[i][0])
			w.add(id+".text", "the standard clause "+quote(c.clauses[i][0])+" (job description), under its heading", &c.clauses[i][1])
			w.next()
		}
	}
	if r := c.Role; r != nil {
		w.add(unitID("role", r.ID, "family"), "the profession or job family of "+job+" (advert: \"Profession: …\")", &r.Family)
		w.next()
		w.add(unitID("ladder", r.Rung.ID, "label"), "the name of a level of the organisation's ladder (the documents' keywords; the career map)", &r.Rung.Label)
		w.next()
		w.add(unitID("role", r.ID, r.Rung.ID, "responsibleFor"), "whom "+job+" is responsible for (job details)", &r.ResponsibleFor)
		w.next()
	}
	return w.units
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// sameText reports whether a and b are the same words, white space aside.
func sameText(a, b string) bool {
	return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
}

// article is "a" or "an" before s, by its first letter.
func article(s string) string {
	if s != "" && strings.ContainsRune("AEIOUaeiou", rune(s[0])) {
		return "an"
	}
	return "a"
}

func quote(s string) string { return "“" + s + "”" }

// entryKind says what kind of entry it is, for a note.
func entryKind(it *Item) string {
	if it == nil || it.Kind == "" {
		return "skill"
	}
	return it.Kind
}

// roleLevel is the id of the context's role at its rung.
func (c *Context) roleLevel() string {
	if c.Role == nil {
		return "role"
	}
	return unitID("role", c.Role.ID, c.Role.Rung.ID)
}

// textBase is the id prefix of the role's own text at this level: the
// framework role level that gave it, else the config role's rung.
func (c *Context) textBase() string {
	if c.Role != nil && c.Role.textID != "" {
		return c.Role.textID
	}
	return c.roleLevel()
}

// translate gives ctx's framework and config text in the run's language
// where tr has a translation whose English is the text's now, a group of
// units all or none; it returns the English of the units left as they
// were, once each, and how many units it translated.
func translate(ctx *Context, tr config.Translations) ([]string, int) {
	cp := ctx.translatable()
	l := UnitList{w: unitWalk{units: cp.units()}}
	left, n := l.Translate(tr)
	if cp.clauses != nil {
		cp.Organisation.Clauses = map[string]string{}
		for _, hc := range cp.clauses {
			cp.Organisation.Clauses[hc[0]] = hc[1]
		}
		cp.clauses = nil
	}
	if n > 0 {
		cp.english = &Context{Title: ctx.Title, Selected: ctx.Selected, Spec: ctx.Spec, Role: ctx.Role, Organisation: ctx.Organisation, Vacancy: ctx.Vacancy}
	}
	*ctx = *cp
	return left, n
}
