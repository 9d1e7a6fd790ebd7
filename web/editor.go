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
}

// orgTextOf is the organisation text documents carry now for the session.
func (s *Server) orgTextOf(sess *session) orgText {
	sess.mu.Lock()
	o := sess.st.Org
	sess.mu.Unlock()
	if o != nil {
		return *o
	}
	org := s.run.Config.Organisation
	cl := org.Clauses
	if cl == nil {
		cl = compose.DefaultClauses(false)
	}
	return orgText{About: org.About, Offer: org.Offer, Apply: org.Apply, Clauses: cl}
}

func (s *Server) orgForm(w http.ResponseWriter, r *http.Request) {
	sess := s.view(w, r)
	p := s.orgPage(sess, s.orgTextOf(sess), nil, url.Values{})
	p.Saved = r.URL.Query().Get("saved") == "1"
	s.page(w, http.StatusOK, "organisation", p)
}

func (s *Server) orgPage(sess *session, o orgText, errs map[string]string, typed url.Values) orgPage {
	p := orgPage{common: common{Title: "Your organisation's standard text", CSRF: sess.csrf, Nav: "organisation"}}
	add := func(list *[]orgField, f orgField) {
		f.Error = errs[f.Name]
		*list = append(*list, f)
		if f.Error != "" {
			p.Errors = append(p.Errors, blank{Label: f.Error, Field: f.Name})
		}
	}
	add(&p.Fields, orgField{Name: "about", Label: "About your organisation", Hint: "The advert's “About us”: who you are and what you do.", Value: o.About, Rows: 6})
	add(&p.Fields, orgField{Name: "offer", Label: "What you offer", Hint: "One benefit a line, for example 27 days' annual leave rising to 33.", Value: strings.Join(o.Offer, "\n"), Rows: 6})
	add(&p.Fields, orgField{Name: "apply", Label: "How to apply", Hint: "What candidates send and how.", Value: o.Apply, Rows: 4})
	heads := sortedKeys(o.Clauses)
	for i, h := range heads {
		add(&p.Clauses, orgField{Name: "clause-" + strconv.Itoa(i), Label: h, Value: o.Clauses[h], Rows: 3})
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
// problem linked to its field. A clause left empty is removed.
func (s *Server) saveOrg(w http.ResponseWriter, r *http.Request) {
	sess := s.postedSession(w, r)
	if sess == nil {
		return
	}
	cur := s.orgTextOf(sess)
	f := r.PostForm
	norm := func(v string) string { return strings.TrimSpace(strings.ReplaceAll(v, "\r\n", "\n")) }
	o := orgText{About: norm(f.Get("about")), Apply: norm(f.Get("apply")), Clauses: map[string]string{}}
	errs := map[string]string{}
	if m := textProblem("About your organisation", o.About, maxAbout); m != "" {
		errs["about"] = m
	}
	if m := textProblem("How to apply", o.Apply, maxApply); m != "" {
		errs["apply"] = m
	}
	for _, line := range strings.Split(norm(f.Get("offer")), "\n") {
		if line = strings.Join(strings.Fields(line), " "); line != "" {
			o.Offer = append(o.Offer, line)
			if m := textProblem("Each line of what you offer", line, maxOffer); m != "" && errs["offer"] == "" {
				errs["offer"] = m
			}
		}
	}
	if len(o.Offer) > maxOffers && errs["offer"] == "" {
		errs["offer"] = fmt.Sprintf("Enter at most %d benefits under what you offer: there are %d", maxOffers, len(o.Offer))
	}
	for i, h := range sortedKeys(cur.Clauses) {
		name := "clause-" + strconv.Itoa(i)
		v := norm(f.Get(name))
		if m := textProblem(h, v, maxClause); m != "" {
			errs[name] = m
		} else if v != "" {
			o.Clauses[h] = v
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
		} else {
			o.Clauses[nh] = nt
		}
	}
	if len(errs) > 0 {
		typed := orgText{About: o.About, Apply: o.Apply, Offer: strings.Split(norm(f.Get("offer")), "\n"), Clauses: map[string]string{}}
		for i, h := range sortedKeys(cur.Clauses) {
			typed.Clauses[h] = f.Get("clause-" + strconv.Itoa(i))
		}
		s.page(w, http.StatusUnprocessableEntity, "organisation", s.orgPage(sess, typed, errs, f))
		return
	}
	sess.mu.Lock()
	sess.st.Org = &o
	sess.mu.Unlock()
	if err := s.save(r.Context(), sess, nil); err != nil {
		fmt.Fprintf(s.opts.Log, "save: %v\n", err)
		s.fail(w, r, http.StatusInternalServerError, "The text could not be kept: the app's data folder cannot be written. Try again in a moment.")
		return
	}
	http.Redirect(w, r, "/organisation?saved=1", http.StatusSeeOther)
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
