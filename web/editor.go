package web

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
)

// orgText is the organisation's standard text the documents carry, as a
// person edited it: it replaces the config's organisation.about, offer,
// apply and clauses.
type orgText struct {
	About   string            `json:"about"`
	Offer   []string          `json:"offer"`
	Apply   string            `json:"apply"`
	Clauses map[string]string `json:"clauses"`
}

// roleChoice is what a person chose for a config role: its selection,
// as roles.<id>.select and selectAt say it.
type roleChoice struct {
	Select   *config.SelectDef           `json:"select,omitempty"`
	SelectAt map[string]config.SelectDef `json:"selectAt,omitempty"`
}

// overlay sets the state's organisation text, selections and edits over
// c (a copy it may change; its maps are copied before they are changed).
func (st state) overlay(c *config.Config, base *config.Config) {
	if o := st.Org; o != nil {
		c.Organisation.About, c.Organisation.Apply = o.About, o.Apply
		c.Organisation.Offer = append([]string(nil), o.Offer...)
		c.Organisation.Clauses = maps.Clone(o.Clauses)
		if c.Organisation.Clauses == nil {
			c.Organisation.Clauses = map[string]string{}
		}
	}
	if len(st.Roles) > 0 || len(st.NewRoles) > 0 {
		c.Roles = maps.Clone(base.Roles)
		if c.Roles == nil {
			c.Roles = map[string]config.RoleDef{}
		}
		// Roles made from a catalogue first, so that their selections
		// apply to them as to the config's.
		for id, rd := range st.NewRoles {
			if _, ok := base.Roles[id]; !ok {
				c.Roles[id] = rd
			}
		}
		for id, ch := range st.Roles {
			rd, ok := c.Roles[id]
			if !ok {
				continue
			}
			if ch.Select != nil {
				rd.Select = *ch.Select
			}
			if len(ch.SelectAt) > 0 {
				rd.SelectAt = maps.Clone(rd.SelectAt)
				if rd.SelectAt == nil {
					rd.SelectAt = map[string]config.SelectDef{}
				}
				maps.Copy(rd.SelectAt, ch.SelectAt)
			}
			c.Roles[id] = rd
		}
	}
	if len(st.Edits) > 0 {
		c.Edits = append(append([]config.EditDef(nil), base.Edits...), st.Edits...)
	}
}

// Limits of the organisation text, in characters.
const (
	maxAbout  = 3000
	maxApply  = 2000
	maxClause = 2000
	maxOffers = 20
	maxOffer  = 200
	maxWords  = 500 // the text of one wording edit
)

// textProblem says what is wrong with a text a person typed, in the
// words of the form ("Enter about your organisation in 3,000 characters
// or fewer"), or "".
func textProblem(label string, v string, max int) string {
	if !utf8.ValidString(v) || strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f }) {
		return label + " must only include letters, numbers, spaces and punctuation you can type"
	}
	if n := utf8.RuneCountInString(v); n > max {
		return fmt.Sprintf("%s must be %s characters or fewer: it has %s", label, thousands(max), thousands(n))
	}
	return ""
}

// thousands writes n with a comma between thousands: 3,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// orgField is one input of the organisation text form.
type orgField struct {
	Name, Label, Hint, Value, Error string
	Rows                            int
}

// orgPage is the organisation's standard text form.
type orgPage struct {
	common
	Fields  []orgField
	Clauses []orgField
	New     [2]orgField // a new clause's heading and text
	Errors  []blank
	Saved   bool
	Rev     string // the revision of the text kept now (revisionOf its fields)
}

// orgTextOf is the organisation text documents carry now for the session.
func (s *Server) orgTextOf(sess *session) orgText {
	sess.mu.Lock()
	defer sess.mu.Unlock()
	return s.orgTextLocked(sess)
}

// orgTextLocked is orgTextOf for a caller that holds sess.mu.
func (s *Server) orgTextLocked(sess *session) orgText {
	if o := sess.st.Org; o != nil {
		return *o
	}
	org := s.run.Config.Organisation
	cl := org.Clauses
	if cl == nil {
		cl = compose.DefaultClauses(false)
	}
	return orgText{About: org.About, Offer: org.Offer, Apply: org.Apply, Clauses: cl}
}

// clauseKey is the key of a clause among the organisation text's fields.
const clauseKey = "clause:"

// fields is the organisation text as its form's revision covers it:
// about, offer (one benefit a line), apply, and each clause by its
// heading, so that a clause added in another tab moves no other.
func (o orgText) fields() map[string]string {
	m := map[string]string{"about": o.About, "offer": strings.Join(o.Offer, "\n"), "apply": o.Apply}
	for h, t := range o.Clauses {
		m[clauseKey+h] = t
	}
	return m
}

// orgTextFrom is the organisation text of fields (orgText.fields); a
// clause with no text is taken out.
func orgTextFrom(m map[string]string) orgText {
	o := orgText{About: m["about"], Apply: m["apply"], Clauses: map[string]string{}}
	if m["offer"] != "" {
		o.Offer = strings.Split(m["offer"], "\n")
	}
	for k, v := range m {
		if h, ok := strings.CutPrefix(k, clauseKey); ok && v != "" {
			o.Clauses[h] = v
		}
	}
	return o
}

func (s *Server) orgForm(w http.ResponseWriter, r *http.Request) {
	sess := s.view(w, r)
	o := s.orgTextOf(sess)
	p := s.orgPage(sess, o, o, nil, url.Values{})
	p.Saved = r.URL.Query().Get("saved") == "1"
	s.page(w, http.StatusOK, "organisation", p)
}

// orgPage is the form showing o, with errs by field key (orgText.fields:
// a clause's under its heading) and the new clause as typed; its
// revision is of saved, the text kept now.
func (s *Server) orgPage(sess *session, o, saved orgText, errs map[string]string, typed url.Values) orgPage {
	p := orgPage{common: common{Title: "Your organisation's standard text", CSRF: sess.csrf, Nav: "organisation"}, Rev: revisionOf(saved.fields())}
	add := func(list *[]orgField, key string, f orgField) {
		f.Error = errs[key]
		*list = append(*list, f)
		if f.Error != "" {
			p.Errors = append(p.Errors, blank{Label: f.Error, Field: f.Name})
		}
	}
	add(&p.Fields, "about", orgField{Name: "about", Label: "About your organisation", Hint: "The advert's “About us”: who you are and what you do.", Value: o.About, Rows: 6})
	add(&p.Fields, "offer", orgField{Name: "offer", Label: "What you offer", Hint: "One benefit a line, for example 27 days' annual leave rising to 33.", Value: strings.Join(o.Offer, "\n"), Rows: 6})
	add(&p.Fields, "apply", orgField{Name: "apply", Label: "How to apply", Hint: "What candidates send and how.", Value: o.Apply, Rows: 4})
	for i, h := range sortedKeys(o.Clauses) {
		add(&p.Clauses, clauseKey+h, orgField{Name: "clause-" + strconv.Itoa(i), Label: h, Value: o.Clauses[h], Rows: 3})
	}
	p.New[0] = orgField{Name: "newHeading", Label: "Heading", Value: typed.Get("newHeading"), Error: errs["newHeading"]}
	p.New[1] = orgField{Name: "newText", Label: "Text", Value: typed.Get("newText"), Error: errs["newText"], Rows: 3}
	for _, f := range p.New {
		if f.Error != "" {
			p.Errors = append(p.Errors, blank{Label: f.Error, Field: f.Name})
		}
	}
	if len(p.Errors) > 0 {
		p.Title = "Error: " + p.Title
	}
	return p
}

// sortedKeys is the keys of m in order.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// saveOrg checks the organisation text form and keeps it: every field
// must pass, or the form is shown again with what was typed and each
// problem linked to its field. A clause left empty is taken out. The
// form's revision (revision.merge) keeps what another tab saved since
// the page was opened: a field changed there and not here keeps that
// tab's text, and one changed in both is shown for the person to decide
// (409) rather than saved over.
func (s *Server) saveOrg(w http.ResponseWriter, r *http.Request) {
	sess := s.postedSession(w, r)
	if sess == nil {
		return
	}
	f := r.PostForm
	norm := func(v string) string { return strings.TrimSpace(strings.ReplaceAll(v, "\r\n", "\n")) }
	var offers []string // the lines as kept: spaces collapsed, none empty
	for _, line := range strings.Split(norm(f.Get("offer")), "\n") {
		if line = strings.Join(strings.Fields(line), " "); line != "" {
			offers = append(offers, line)
		}
	}
	typed := map[string]string{"about": norm(f.Get("about")), "offer": strings.Join(offers, "\n"), "apply": norm(f.Get("apply"))}
	base := parseRevision(f.Get("rev"))

	sess.mu.Lock()
	cur := s.orgTextLocked(sess)
	errs := map[string]string{}
	// A clause is named by its heading, sent beside its text; a form from
	// before headings were sent names it by its place in the list.
	heads := sortedKeys(cur.Clauses)
	for i := 0; ; i++ {
		name := "clause-" + strconv.Itoa(i)
		if _, ok := f[name]; !ok {
			break
		}
		h := strings.Join(strings.Fields(f.Get(name+"-heading")), " ")
		if h == "" && base == nil && i < len(heads) {
			h = heads[i]
		}
		if h == "" {
			continue
		}
		if m := textProblem("The heading", h, 80); m != "" {
			errs["newHeading"] = m
			continue
		}
		typed[clauseKey+h] = norm(f.Get(name))
	}
	saved := cur.fields()
	merged, clash := base.merge(typed, saved)
	o := orgTextFrom(merged)
	if m := textProblem("About your organisation", o.About, maxAbout); m != "" {
		errs["about"] = m
	}
	if m := textProblem("How to apply", o.Apply, maxApply); m != "" {
		errs["apply"] = m
	}
	for _, line := range o.Offer {
		if m := textProblem("Each line of what you offer", line, maxOffer); m != "" {
			errs["offer"] = m
			break
		}
	}
	if len(o.Offer) > maxOffers && errs["offer"] == "" {
		errs["offer"] = fmt.Sprintf("Enter at most %d benefits under what you offer: there are %d", maxOffers, len(o.Offer))
	}
	for h, v := range o.Clauses {
		if m := textProblem(h, v, maxClause); m != "" {
			errs[clauseKey+h] = m
		}
	}
	nh, nt := strings.Join(strings.Fields(f.Get("newHeading")), " "), norm(f.Get("newText"))
	switch {
	case nh != "" && nt == "":
		errs["newText"] = "Enter the text of the clause " + nh
	case nh == "" && nt != "":
		errs["newHeading"] = "Enter a heading for the new clause, for example Flexible working"
	case nh != "":
		if m := textProblem("The heading", nh, 80); m != "" {
			errs["newHeading"] = m
		} else if m := textProblem("The clause", nt, maxClause); m != "" {
			errs["newText"] = m
		} else if old, ok := o.Clauses[nh]; ok && old != nt {
			errs["newHeading"] = "There is already a term headed “" + nh + "”: change its text above, or choose another heading"
		}
	}
	status := http.StatusUnprocessableEntity
	for _, k := range clash {
		if errs[k] == "" {
			errs[k] = orgConflict(k, saved[k])
			status = http.StatusConflict
		}
	}
	if len(errs) == 0 {
		if nh != "" {
			o.Clauses[nh] = nt
		}
		sess.st.Org = &o
	}
	sess.mu.Unlock()
	if len(errs) > 0 {
		// The form again with what was typed (merged with what another
		// tab saved of the fields not typed here), the new clause in its
		// own fields.
		s.page(w, status, "organisation", s.orgPage(sess, o, cur, errs, f))
		return
	}
	if err := s.save(r.Context(), sess, nil); err != nil {
		fmt.Fprintf(s.opts.Log, "save: %v\n", err)
		s.fail(w, r, http.StatusInternalServerError, "The text could not be kept: the app's data folder cannot be written. Try again in a moment.")
		return
	}
	http.Redirect(w, r, "/organisation?saved=1", http.StatusSeeOther)
}

// orgConflict is the message for a field of the organisation text changed
// both on this page and, since it was opened, in another tab: saved is
// the other tab's text, named by its start.
func orgConflict(key, saved string) string {
	label := map[string]string{"about": "About your organisation", "offer": "What you offer", "apply": "How to apply"}[key]
	if h, ok := strings.CutPrefix(key, clauseKey); ok {
		label = "The term " + h
	}
	what := "taken out"
	if saved != "" {
		start := strings.ReplaceAll(saved, "\n", "; ")
		if utf8.RuneCountInString(start) > 60 {
			start = string([]rune(start)[:60]) + "…"
		}
		what = "changed to “" + start + "”"
	}
	return fmt.Sprintf("“%s” was %s in another tab or window after this page was opened: save again to replace it with what is typed here", label, what)
}

// importedState is the organisation text, selections and edits of an
// imported config that differ from the server's.
func importedState(st *state, cfg, base *config.Config) {
	o, b := cfg.Organisation, base.Organisation
	if o.About != b.About || o.Apply != b.Apply || !reflect.DeepEqual(o.Offer, b.Offer) || !reflect.DeepEqual(o.Clauses, b.Clauses) {
		cl := o.Clauses
		if cl == nil {
			cl = compose.DefaultClauses(false)
		}
		st.Org = &orgText{About: o.About, Offer: o.Offer, Apply: o.Apply, Clauses: cl}
	}
	for id, rd := range cfg.Roles {
		bd, ok := base.Roles[id]
		if !ok {
			if st.NewRoles == nil {
				st.NewRoles = map[string]config.RoleDef{}
			}
			st.NewRoles[id] = rd
			continue
		}
		var ch roleChoice
		if !reflect.DeepEqual(rd.Select, bd.Select) {
			sel := rd.Select
			ch.Select = &sel
		}
		for lv, sd := range rd.SelectAt {
			if !reflect.DeepEqual(sd, bd.SelectAt[lv]) {
				if ch.SelectAt == nil {
					ch.SelectAt = map[string]config.SelectDef{}
				}
				ch.SelectAt[lv] = sd
			}
		}
		if ch.Select != nil || ch.SelectAt != nil {
			if st.Roles == nil {
				st.Roles = map[string]roleChoice{}
			}
			st.Roles[id] = ch
		}
	}
	for _, e := range cfg.Edits {
		if !slicesContains(base.Edits, e) {
			st.Edits = append(st.Edits, e)
		}
	}
}

func slicesContains(es []config.EditDef, e config.EditDef) bool {
	for _, x := range es {
		if reflect.DeepEqual(x, e) {
			return true
		}
	}
	return false
}
