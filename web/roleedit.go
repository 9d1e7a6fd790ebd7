package web

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/compose/wording"
	"github.com/rolepack/rolepack/config"
)

// maxResponsibilities is the most key responsibilities a JD may list.
const maxResponsibilities = 30

// criterionView is one skill or knowledge area of a role at a level, and
// whether the person specification takes it as essential or desirable.
type criterionView struct {
	Name, Title, Kind, Choice string // Choice: essential, desirable or none
}

// checkView is one behaviour or leadership expectation, assessed or not.
type checkView struct {
	Name, Title string
	Checked     bool
}

// editView is one wording edit the session made.
type editView struct {
	Index                int
	Key                  string // editKey: which edit, wherever it is in the list now
	Where, Replace, With string
}

// editKey names a wording edit by what it changes, so that a form sent
// from a page made before another tab removed an edit removes the edit
// it showed, not the one now in its place.
func editKey(ed config.EditDef) string {
	return valueHash(ed.Kind + "\x00" + ed.Title + "\x00" + ed.Replace + "\x00" + deref(ed.With))
}

// roleEditPage is the editor of what a role's documents say at a level.
type roleEditPage struct {
	common
	Role             roleInfo
	Level            level
	CanSelect        bool // a config role: its selection can be set
	Criteria         []criterionView
	Behaviours       []checkView
	Leadership       []checkView
	Responsibilities string
	Where            []option
	Edits            []editView
	Typed            url.Values
	Errors           []blank
	Saved            string
	Rev              string // the revision of the selection kept now (editable.selection)
}

// editable is the choice's composed role and the entries the editor
// offers, in the role's order.
type editable struct {
	cp                   *composed
	criteria, behaviours []*compose.Item
	leadership           []*compose.Item
}

func (s *Server) editableOf(ctx context.Context, sess *session, c choice) (*editable, error) {
	cp, err := s.composeBounded(ctx, sess, c)
	if err != nil {
		return nil, err
	}
	e := &editable{cp: cp}
	for _, it := range cp.rc.Role.Items {
		switch it.Kind {
		case "skill", "knowledge":
			e.criteria = append(e.criteria, it)
		case "behaviour":
			e.behaviours = append(e.behaviours, it)
		case "leadership":
			e.leadership = append(e.leadership, it)
		}
	}
	return e, nil
}

// selection is the role's selection at the level as its form's revision
// covers it, by key, and the form's name of each key: a criterion
// ("criterion:" and its title) is essential, desirable or none, a
// behaviour or leadership expectation is "on" when assessed, and
// responsibilities is the number the JD lists. Keys name entries by
// title, so that a choice made in another tab stays with its entry.
func (e *editable) selection() (values, names map[string]string) {
	sel := e.cp.rc.Selected
	values, names = map[string]string{}, map[string]string{}
	for i, it := range e.criteria {
		k := "criterion:" + it.Title
		names["c-"+strconv.Itoa(i)] = k
		switch {
		case among(sel.Essential, it):
			values[k] = "essential"
		case among(sel.Desirable, it):
			values[k] = "desirable"
		default:
			values[k] = "none"
		}
	}
	checks := func(its, chosen []*compose.Item, prefix, kind string) {
		for i, it := range its {
			k := kind + ":" + it.Title
			names[prefix+strconv.Itoa(i)] = k
			values[k] = ""
			if among(chosen, it) {
				values[k] = "on"
			}
		}
	}
	checks(e.behaviours, sel.Behaviours, "b-", "behaviour")
	checks(e.leadership, sel.Leadership, "l-", "leadership")
	names["responsibilities"] = "responsibilities"
	values["responsibilities"] = strconv.Itoa(len(sel.Duties))
	return values, names
}

func among(its []*compose.Item, it *compose.Item) bool {
	for _, x := range its {
		if x == it || (x.Kind == it.Kind && x.Title == it.Title) {
			return true
		}
	}
	return false
}

func (s *Server) roleEdit(w http.ResponseWriter, r *http.Request) {
	sess := s.view(w, r)
	c, ok := s.chosen(w, r, sess, r.URL.Query())
	if !ok {
		return
	}
	s.showRoleEdit(w, r, sess, c, nil, nil, http.StatusOK)
}

func (s *Server) showRoleEdit(w http.ResponseWriter, r *http.Request, sess *session, c choice, typed url.Values, errs map[string]string, status int) {
	e, err := s.editableOf(r.Context(), sess, c)
	if err != nil {
		s.fail(w, r, composeStatus(err), "This role cannot be put together at this level: "+err.Error())
		return
	}
	sel := e.cp.rc.Selected
	p := roleEditPage{
		common: common{Title: "Edit " + c.role.Title + ", " + c.level.Label, CSRF: sess.csrf, Nav: "home"},
		Role:   c.role, Level: c.level, CanSelect: !strings.Contains(c.role.ID, "/"),
		Responsibilities: strconv.Itoa(len(sel.Duties)), Typed: typed, Saved: r.URL.Query().Get("saved"),
	}
	saved, _ := e.selection()
	p.Rev = revisionOf(saved)
	for i, it := range e.criteria {
		cv := criterionView{Name: "c-" + strconv.Itoa(i), Title: it.Title, Kind: it.Kind, Choice: "none"}
		switch {
		case among(sel.Essential, it):
			cv.Choice = "essential"
		case among(sel.Desirable, it):
			cv.Choice = "desirable"
		}
		if typed != nil {
			cv.Choice = typed.Get(cv.Name)
		}
		p.Criteria = append(p.Criteria, cv)
	}
	checks := func(its, chosen []*compose.Item, prefix string) []checkView {
		var out []checkView
		for i, it := range its {
			cv := checkView{Name: prefix + strconv.Itoa(i), Title: it.Title, Checked: among(chosen, it)}
			if typed != nil {
				cv.Checked = typed.Get(cv.Name) == "on"
			}
			out = append(out, cv)
		}
		return out
	}
	p.Behaviours = checks(e.behaviours, sel.Behaviours, "b-")
	p.Leadership = checks(e.leadership, sel.Leadership, "l-")
	if typed != nil && typed.Has("responsibilities") {
		p.Responsibilities = typed.Get("responsibilities")
	}
	p.Where = []option{{"", "Anywhere the frameworks have these words (every role)"}}
	for _, it := range e.cp.rc.Role.Items {
		p.Where = append(p.Where, option{it.Kind + "|" + it.Title, kindLabel(it.Kind) + ": " + it.Title})
	}
	sess.mu.Lock()
	for i, ed := range sess.st.Edits {
		where := "Anywhere"
		if ed.Title != "" {
			where = kindLabel(ed.Kind) + ": " + ed.Title
		}
		p.Edits = append(p.Edits, editView{Index: i, Key: editKey(ed), Where: where, Replace: ed.Replace, With: deref(ed.With)})
	}
	sess.mu.Unlock()
	for _, name := range []string{"criteria", "behaviours", "leadership", "responsibilities", "replace", "with"} {
		if m := errs[name]; m != "" {
			p.Errors = append(p.Errors, blank{Label: m, Field: name})
		}
	}
	if len(p.Errors) > 0 {
		p.Title = "Error: " + p.Title
	}
	s.page(w, status, "roleedit", p)
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// kindLabel is an entry kind as people say it.
func kindLabel(kind string) string {
	switch kind {
	case "skill":
		return "Skill"
	case "knowledge":
		return "Knowledge"
	case "behaviour":
		return "Behaviour"
	case "leadership":
		return "Leadership"
	}
	k := strings.ReplaceAll(kind, "-", " ")
	if k == "" {
		return "Entry"
	}
	return strings.ToUpper(k[:1]) + k[1:]
}

// postedChoice is the role and level a POST names.
func (s *Server) postedChoice(w http.ResponseWriter, r *http.Request, sess *session) (choice, bool) {
	q := url.Values{"role": {r.PostForm.Get("role")}, "level": {r.PostForm.Get("level")}}
	return s.chosen(w, r, sess, q)
}

// saveSelection keeps the role's selection at the level (its
// roles.<id>.selectAt.<level>): which criteria are essential or
// desirable, which behaviours and leadership expectations are assessed,
// and how many key responsibilities the JD lists.
func (s *Server) saveSelection(w http.ResponseWriter, r *http.Request) {
	sess := s.postedSession(w, r)
	if sess == nil {
		return
	}
	c, ok := s.postedChoice(w, r, sess)
	if !ok {
		return
	}
	if strings.Contains(c.role.ID, "/") {
		s.fail(w, r, http.StatusBadRequest, "A framework role used as it is keeps the default selection. Add it to your organisation's roles in the config file to choose its criteria.")
		return
	}
	e, err := s.editableOf(r.Context(), sess, c)
	if err != nil {
		s.fail(w, r, composeStatus(err), err.Error())
		return
	}
	f := r.PostForm
	// What the form was opened with (rev) against the selection now: a
	// choice changed in another tab since and not here is kept, and one
	// changed in both is shown for the person to decide (409).
	saved, names := e.selection()
	typed := map[string]string{}
	for name, k := range names {
		v := strings.TrimSpace(f.Get(name))
		switch {
		case strings.HasPrefix(k, "criterion:") && v == "":
			v = "none"
		case (strings.HasPrefix(k, "behaviour:") || strings.HasPrefix(k, "leadership:")) && v != "on":
			v = ""
		}
		typed[k] = v
	}
	merged, clash := parseRevision(f.Get("rev")).merge(typed, saved)
	var sd config.SelectDef
	if base, ok := s.run.Config.Roles[c.role.ID]; ok {
		sd.Skills = base.Select.Skills
		if at, ok := base.SelectAt[c.level.ID]; ok {
			sd.Skills = at.Skills
		}
	}
	errs := map[string]string{}
	for _, it := range e.criteria {
		switch merged["criterion:"+it.Title] {
		case "essential":
			sd.Essential = append(sd.Essential, it.Title)
		case "desirable":
			sd.Desirable = append(sd.Desirable, it.Title)
		case "none", "":
		default:
			errs["criteria"] = "Choose essential, desirable or not assessed for each skill and knowledge area"
		}
	}
	if len(e.criteria) > 0 && len(sd.Essential) == 0 && errs["criteria"] == "" {
		errs["criteria"] = "Choose at least one essential skill or knowledge area"
	}
	for _, it := range e.behaviours {
		if merged["behaviour:"+it.Title] == "on" {
			sd.Behaviours = append(sd.Behaviours, it.Title)
		}
	}
	if len(e.behaviours) > 0 && len(sd.Behaviours) == 0 {
		errs["behaviours"] = "Choose at least one behaviour to assess"
	}
	for _, it := range e.leadership {
		if merged["leadership:"+it.Title] == "on" {
			sd.Leadership = append(sd.Leadership, it.Title)
		}
	}
	n, err := strconv.Atoi(merged["responsibilities"])
	if err != nil || n < 1 || n > maxResponsibilities {
		errs["responsibilities"] = fmt.Sprintf("Enter the number of key responsibilities as a whole number from 1 to %d, for example 10", maxResponsibilities)
	}
	status := http.StatusUnprocessableEntity
	for group, msg := range selectionConflicts(clash, saved) {
		if errs[group] == "" {
			errs[group] = msg
			status = http.StatusConflict
		}
	}
	if len(errs) > 0 {
		// The form again as merged: what was chosen here, with what
		// another tab chose of the rest.
		shown := url.Values{}
		for name, k := range names {
			shown.Set(name, merged[k])
		}
		s.showRoleEdit(w, r, sess, c, shown, errs, status)
		return
	}
	sd.Responsibilities = n
	sess.mu.Lock()
	// A new map, never one changed in place: readers hold the old one
	// without the lock.
	roles := maps.Clone(sess.st.Roles)
	if roles == nil {
		roles = map[string]roleChoice{}
	}
	ch := roles[c.role.ID]
	at := map[string]config.SelectDef{}
	for k, v := range ch.SelectAt {
		at[k] = v
	}
	at[c.level.ID] = sd
	ch.SelectAt = at
	roles[c.role.ID] = ch
	sess.st.Roles = roles
	sess.mu.Unlock()
	if err := s.save(r.Context(), sess, nil); err != nil {
		fmt.Fprintf(s.opts.Log, "save: %v\n", err)
		s.fail(w, r, http.StatusInternalServerError, "The selection could not be kept: the app's data folder cannot be written. Try again in a moment.")
		return
	}
	http.Redirect(w, r, roleURL("/role/edit", c.role.ID, c.level.ID, "", "")+"&saved=selection", http.StatusSeeOther)
}

// selectionConflicts is the message for each group of the selection form
// (criteria, behaviours, leadership, responsibilities) with choices
// changed both on the page and, since it was opened, in another tab.
func selectionConflicts(clash []string, saved map[string]string) map[string]string {
	titles := map[string][]string{}
	for _, k := range clash {
		kind, title, _ := strings.Cut(k, ":")
		titles[kind] = append(titles[kind], "“"+title+"”")
	}
	out := map[string]string{}
	group := map[string]string{"criterion": "criteria", "behaviour": "behaviours", "leadership": "leadership"}
	for kind, ts := range titles {
		if kind == "responsibilities" {
			out[kind] = "The number of key responsibilities was changed to " + saved[kind] + " in another tab or window after this page was opened: save again to replace it with the number here"
			continue
		}
		verb, them := "was", "it"
		if len(ts) > 1 {
			verb, them = "were", "them"
		}
		out[group[kind]] = fmt.Sprintf("%s %s changed in another tab or window after this page was opened: save again to replace %s with what is chosen here", joinAnd(ts), verb, them)
	}
	return out
}

// saveWording adds an edit to the wording (config edits:): every "replace"
// in the chosen entry (or anywhere in the role's framework text) becomes
// "with". An edit that changes nothing in this role is refused, as the
// CLI refuses one that matches nothing.
func (s *Server) saveWording(w http.ResponseWriter, r *http.Request) {
	sess := s.postedSession(w, r)
	if sess == nil {
		return
	}
	c, ok := s.postedChoice(w, r, sess)
	if !ok {
		return
	}
	f := r.PostForm
	errs := map[string]string{}
	find := strings.TrimSpace(f.Get("replace"))
	with := strings.TrimSpace(f.Get("with"))
	switch {
	case find == "":
		errs["replace"] = "Enter the words to change, as the document writes them"
	case textProblem("The words to change", find, maxWords) != "":
		errs["replace"] = textProblem("The words to change", find, maxWords)
	case strings.Contains(find, "\n"):
		errs["replace"] = "Enter words from one line of the document"
	}
	if m := textProblem("The new words", with, maxWords); m != "" {
		errs["with"] = m
	}
	ed := config.EditDef{Replace: find, With: &with}
	if where := f.Get("where"); where != "" {
		kind, title, ok := strings.Cut(where, "|")
		if !ok {
			errs["replace"] = "Choose where to change the words from the list"
		}
		ed.Kind, ed.Title = kind, title
	}
	if len(errs) == 0 && s.hasEdit(sess, ed) {
		// The same change sent again (a second click, or another tab that
		// made it first): it is made already.
		http.Redirect(w, r, roleURL("/role/edit", c.role.ID, c.level.ID, "", "")+"&saved=wording", http.StatusSeeOther)
		return
	}
	if len(errs) == 0 {
		// The documents begin a responsibility or a criterion with a
		// capital where the framework has the words mid-sentence ("Lead
		// data mapping projects …" from "Can lead data mapping projects
		// …"): words copied from a document that match nothing as typed
		// are tried with their first letter lowered, the new words' too.
		msg, missing := s.tryEdit(r.Context(), sess, c, ed)
		if lower := lowerEdit(ed); missing && lower.Replace != ed.Replace {
			if m, miss := s.tryEdit(r.Context(), sess, c, lower); !miss {
				ed, msg = lower, m
			}
		}
		if msg != "" {
			errs["replace"] = msg
		}
	}
	if len(errs) > 0 {
		s.showRoleEdit(w, r, sess, c, f, errs, http.StatusUnprocessableEntity)
		return
	}
	sess.mu.Lock()
	sess.st.Edits = append(append([]config.EditDef(nil), sess.st.Edits...), ed)
	sess.mu.Unlock()
	if err := s.save(r.Context(), sess, nil); err != nil {
		fmt.Fprintf(s.opts.Log, "save: %v\n", err)
		s.fail(w, r, http.StatusInternalServerError, "The change could not be kept: the app's data folder cannot be written. Try again in a moment.")
		return
	}
	http.Redirect(w, r, roleURL("/role/edit", c.role.ID, c.level.ID, "", "")+"&saved=wording", http.StatusSeeOther)
}

// hasEdit says whether the session has made ed already, as typed or with
// its first letters lowered (lowerEdit).
func (s *Server) hasEdit(sess *session, ed config.EditDef) bool {
	sess.mu.Lock()
	defer sess.mu.Unlock()
	for _, x := range sess.st.Edits {
		if k := editKey(x); k == editKey(ed) || k == editKey(lowerEdit(ed)) {
			return true
		}
	}
	return false
}

// tryEdit composes the choice with the session's edits and ed after
// them: the message for the form when ed cannot be made, and whether
// that is because ed's words are not in the text it names.
func (s *Server) tryEdit(ctx context.Context, sess *session, c choice, ed config.EditDef) (msg string, missing bool) {
	sess.mu.Lock()
	trial := sess.st
	trial.Edits = append(append([]config.EditDef(nil), sess.st.Edits...), ed)
	lib := sess.lib
	sess.mu.Unlock()
	cfg := trial.apply(s.run.Config, c.role.Levels)
	var rc *compose.Context
	err := s.bounded(ctx, func() error {
		var err error
		rc, err = compose.NewContext(cfg, lib, c.role.ID, c.level.ID, s.run.Date)
		return err
	})
	switch {
	case err != nil && strings.Contains(err.Error(), "matches nothing"):
		return fmt.Sprintf("Enter words the text has: “%s” is not in %s", ed.Replace, whereLabel(ed)), true
	case err != nil:
		return "This change cannot be made: " + err.Error(), false
	case editCount(rc.Role) <= s.editsNow(ctx, sess, c):
		return fmt.Sprintf("Enter words this role's text has: “%s” is not in %s", ed.Replace, whereLabel(ed)), true
	}
	return "", false
}

// lowerEdit is ed with the words to change, and the new words when they
// begin with a capital too, lowered at their first letter as a word
// inside a sentence is (wording.LowerFirst: a name such as "NHS" or
// "Power BI" keeps its capitals).
func lowerEdit(ed config.EditDef) config.EditDef {
	low := wording.LowerFirst(ed.Replace)
	if low == ed.Replace {
		return ed
	}
	ed.Replace = low
	if ed.With != nil {
		with := wording.LowerFirst(*ed.With)
		ed.With = &with
	}
	return ed
}

// editCount is how many changes the config's edits made to the composed
// role's text.
func editCount(r *compose.Composed) int {
	n := len(r.Edits)
	for _, it := range r.Items {
		n += len(it.Edits)
	}
	return n
}

// editsNow is editCount of the choice as the session has it now.
func (s *Server) editsNow(ctx context.Context, sess *session, c choice) int {
	cp, err := s.composeBounded(ctx, sess, c)
	if err != nil {
		return 0
	}
	return editCount(cp.rc.Role)
}

func whereLabel(ed config.EditDef) string {
	if ed.Title == "" {
		return "this role's text at this level"
	}
	return strings.ToLower(kindLabel(ed.Kind)) + " " + ed.Title
}

// removeWording drops one of the session's wording edits.
func (s *Server) removeWording(w http.ResponseWriter, r *http.Request) {
	sess := s.postedSession(w, r)
	if sess == nil {
		return
	}
	c, ok := s.postedChoice(w, r, sess)
	if !ok {
		return
	}
	i, err := strconv.Atoi(r.PostForm.Get("edit"))
	key := r.PostForm.Get("key")
	sess.mu.Lock()
	edits := sess.st.Edits
	found := err == nil && i >= 0 && i < len(edits) && (key == "" || editKey(edits[i]) == key)
	if !found && key != "" {
		// The list changed since the page was made (another tab removed
		// or added a change): the edit the page showed, wherever it is.
		for j, ed := range edits {
			if editKey(ed) == key {
				i, found = j, true
				break
			}
		}
	}
	if found {
		sess.st.Edits = append(append([]config.EditDef(nil), edits[:i]...), edits[i+1:]...)
	}
	sess.mu.Unlock()
	if !found && key != "" {
		// Already removed, in another tab: what was asked for is done.
		http.Redirect(w, r, roleURL("/role/edit", c.role.ID, c.level.ID, "", "")+"&saved=removed", http.StatusSeeOther)
		return
	}
	if !found {
		s.fail(w, r, http.StatusNotFound, "There is no such change to remove. Go back and reload the page.")
		return
	}
	if err := s.save(r.Context(), sess, nil); err != nil {
		fmt.Fprintf(s.opts.Log, "save: %v\n", err)
		s.fail(w, r, http.StatusInternalServerError, "The change could not be removed: the app's data folder cannot be written. Try again in a moment.")
		return
	}
	http.Redirect(w, r, roleURL("/role/edit", c.role.ID, c.level.ID, "", "")+"&saved=removed", http.StatusSeeOther)
}
