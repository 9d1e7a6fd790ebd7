package web

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var (
	textareaField = regexp.MustCompile(`<textarea id="f-[^"]*" name="([^"]+)"[^>]*>([^<]*)</textarea>`)
	hiddenField   = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)
)

// formOf is the form of page whose hidden inputs and text areas are as
// the page shows them, as a browser would send it untouched (the first
// hidden input of a name wins: the page's first form).
func formOf(page string) url.Values {
	v := url.Values{}
	for _, m := range hiddenField.FindAllStringSubmatch(page, -1) {
		if !v.Has(m[1]) {
			v.Set(m[1], html.UnescapeString(m[2]))
		}
	}
	for _, m := range textareaField.FindAllStringSubmatch(page, -1) {
		v.Set(m[1], html.UnescapeString(m[2]))
	}
	return v
}

// clauseField is the name of the form's text area for the clause headed h.
func clauseField(t *testing.T, v url.Values, h string) string {
	t.Helper()
	for k, hs := range v {
		if name, ok := strings.CutSuffix(k, "-heading"); ok && hs[0] == h {
			return name
		}
	}
	t.Fatalf("the form has no clause headed %q: %v", h, v)
	return ""
}

func clone(v url.Values) url.Values {
	out := url.Values{}
	for k, x := range v {
		out[k] = append([]string(nil), x...)
	}
	return out
}

// TestOrganisationTextSavedInTwoTabs: an organisation text form opened
// before another tab saved puts none of its older text back over what
// that tab saved: fields changed in one tab only are merged, a clause
// added in one tab (sorting before the others, so that every clause's
// place in the form moves) changes no other clause, a field changed in
// both is refused (409) with what was typed kept, and saving again
// replaces it.
func TestOrganisationTextSavedInTwoTabs(t *testing.T) {
	c := newClient(t, newOptions(t))
	opened := formOf(c.get("/organisation").body)
	if opened.Get("rev") == "" {
		t.Fatal("the organisation form carries no revision of the text it shows")
	}
	conf := clauseField(t, opened, "Confidentiality")
	confText := opened.Get(conf)

	// Tab A changes "about" and adds a term that sorts first.
	a := clone(opened)
	a.Set("about", "Tab A's organisation.")
	a.Set("newHeading", "Aardvark policy")
	a.Set("newText", "We look after aardvarks.")
	wantStatus(t, "tab A", c.postForm("/organisation", a), http.StatusSeeOther)

	// Tab B, opened before A saved, changes "apply" and the
	// confidentiality term, by the place the term had then.
	b := clone(opened)
	b.Set("apply", "Tab B's way to apply.")
	b.Set(conf, "Tab B's confidentiality.")
	wantStatus(t, "tab B, opened before A saved", c.postForm("/organisation", b), http.StatusSeeOther)

	now := formOf(c.get("/organisation").body)
	if now.Get("about") != "Tab A's organisation." || now.Get("apply") != "Tab B's way to apply." {
		t.Errorf("about %q, apply %q: want tab A's about and tab B's apply", now.Get("about"), now.Get("apply"))
	}
	if got := now.Get(clauseField(t, now, "Confidentiality")); got != "Tab B's confidentiality." {
		t.Errorf("confidentiality is %q, want tab B's", got)
	}
	if got := now.Get(clauseField(t, now, "Aardvark policy")); got != "We look after aardvarks." {
		t.Errorf("tab A's new term is %q after tab B saved", got)
	}
	for k, x := range opened {
		if h, ok := strings.CutSuffix(k, "-heading"); ok && x[0] != "Confidentiality" {
			if got := now.Get(clauseField(t, now, x[0])); got != opened.Get(h) {
				t.Errorf("term %q is %q after two tabs saved, want it untouched (%q)", x[0], got, opened.Get(h))
			}
		}
	}
	if confText == "Tab B's confidentiality." {
		t.Fatal("test data: the term's text was tab B's already")
	}

	// Tab C, opened before both, changes "about" too: refused, its text kept.
	cc := clone(opened)
	cc.Set("about", "Tab C's organisation.")
	r := c.postForm("/organisation", cc)
	wantStatus(t, "tab C, about changed in two tabs", r, http.StatusConflict)
	wantBody(t, "tab C", r, "<title>Error: ", `<a href="#f-about">“About your organisation” was changed to “Tab A&#39;s organisation.” in another tab or window after this page was opened`,
		"Tab C&#39;s organisation.", "Tab B&#39;s way to apply.", "data-unsaved")
	if got := formOf(c.get("/organisation").body).Get("about"); got != "Tab A's organisation." {
		t.Errorf("the refused save changed about to %q", got)
	}
	// Saving again from the page that showed the conflict replaces it and
	// keeps the other tabs' text.
	wantStatus(t, "tab C again", c.postForm("/organisation", formOf(r.body)), http.StatusSeeOther)
	now = formOf(c.get("/organisation").body)
	if now.Get("about") != "Tab C's organisation." || now.Get("apply") != "Tab B's way to apply." || now.Get(clauseField(t, now, "Aardvark policy")) == "" {
		t.Errorf("after saving again: about %q, apply %q, terms %v", now.Get("about"), now.Get("apply"), now)
	}

	// Tab D, opened before, adds a term of the same heading as tab A's.
	d := clone(opened)
	d.Set("newHeading", "Aardvark policy")
	d.Set("newText", "Tab D's aardvarks.")
	r = c.postForm("/organisation", d)
	wantStatus(t, "tab D, the same new heading", r, http.StatusUnprocessableEntity)
	wantBody(t, "tab D", r, `<a href="#f-newHeading">There is already a term headed “Aardvark policy”`, "Tab D&#39;s aardvarks.")

	// The same text sent twice (a double click) is no conflict.
	same := formOf(c.get("/organisation").body)
	same.Set("about", "Twice.")
	wantStatus(t, "first click", c.postForm("/organisation", same), http.StatusSeeOther)
	wantStatus(t, "second click", c.postForm("/organisation", same), http.StatusSeeOther)
}

// TestSelectionSavedInTwoTabs: a role's selection saved from two tabs
// keeps each tab's choices; a criterion chosen differently in both is
// refused (409), naming it, until saved again.
func TestSelectionSavedInTwoTabs(t *testing.T) {
	c := newClient(t, newOptions(t))
	const edit = "/role/edit?role=data-engineer&level=senior"
	page := c.get(edit).body
	opened := selectionForm(t, c, edit)
	rev := revField.FindStringSubmatch(page)
	if rev == nil {
		t.Fatal("the selection form carries no revision of the selection it shows")
	}
	opened.Set("rev", html.UnescapeString(rev[1]))
	opened.Set("responsibilities", regexp.MustCompile(`name="responsibilities"[^>]*value="(\d+)"`).FindStringSubmatch(page)[1])
	i := strings.Index(page, ">Data catalogue</th>")
	catalogue := regexp.MustCompile(`name="(c-\d+)"`).FindStringSubmatch(page[i:])[1]

	a := clone(opened)
	a.Set(catalogue, "desirable")
	wantStatus(t, "tab A", c.postForm("/role/edit", a), http.StatusSeeOther)
	b := clone(opened)
	b.Del("b-1")
	b.Set("responsibilities", "5")
	wantStatus(t, "tab B, opened before A saved", c.postForm("/role/edit", b), http.StatusSeeOther)

	record := c.get("/download?role=data-engineer&level=senior&doc=record&file=record.md").body
	if !strings.Contains(record, "| skill | Data catalogue | named in select.desirable |") {
		t.Errorf("tab B's save put Data catalogue back to essential:\n%s", record)
	}
	if jd := c.get("/download?role=data-engineer&level=senior&doc=jd&file=jd.md").body; strings.Contains(jd, "\n6. ") || !strings.Contains(jd, "\n5. ") {
		t.Errorf("tab B's 5 responsibilities were not kept:\n%s", jd)
	}
	if got := selectionForm(t, c, edit); got.Has("b-1") {
		t.Error("tab B's unassessed behaviour is assessed again")
	}

	cc := clone(opened)
	cc.Set(catalogue, "none")
	r := c.postForm("/role/edit", cc)
	wantStatus(t, "tab C, Data catalogue chosen in two tabs", r, http.StatusConflict)
	wantBody(t, "tab C", r, `<a href="#f-criteria">“Data catalogue” was changed in another tab or window after this page was opened: save again to replace it with what is chosen here</a>`,
		`id="`+catalogue+`-none" name="`+catalogue+`" value="none" checked`, `value="5"`)
	if strings.Contains(r.body, `<a href="#f-responsibilities">`) || strings.Contains(r.body, `<a href="#f-behaviours">`) {
		t.Error("choices changed in one tab only are listed as conflicts")
	}
	again := selectionForm(t, c, edit)
	again.Set(catalogue, "none")
	again.Set("rev", html.UnescapeString(revField.FindStringSubmatch(r.body)[1]))
	again.Set("responsibilities", "5")
	wantStatus(t, "tab C again", c.postForm("/role/edit", again), http.StatusSeeOther)
	record = c.get("/download?role=data-engineer&level=senior&doc=record&file=record.md").body
	if strings.Contains(record, "| skill | Data catalogue | named in select.") {
		t.Errorf("saving again did not take Data catalogue out:\n%s", record)
	}
}

// TestWordingChangesInTwoTabs: removing a wording change from a page made
// before another tab removed one removes the change that page showed,
// not the one now in its place; one removed already is done; a change
// sent twice is made once.
func TestWordingChangesInTwoTabs(t *testing.T) {
	c := newClient(t, newOptions(t))
	const edit = "/role/edit?role=data-engineer&level=senior"
	token := c.csrf(edit)
	add := func(find, with string) {
		w := url.Values{"csrf": {token}, "role": {"data-engineer"}, "level": {"senior"}, "where": {""}, "replace": {find}, "with": {with}}
		wantStatus(t, "wording "+find, c.postForm("/role/edit/wording", w), http.StatusSeeOther)
		wantStatus(t, "wording "+find+" again (a double click)", c.postForm("/role/edit/wording", w), http.StatusSeeOther)
	}
	add("Power BI", "Microsoft Power BI")
	add("industry standards", "sector standards")
	add("data catalogue policies", "data catalogue rules")
	page := c.get(edit).body
	if n := strings.Count(page, `action="/role/edit/wording/remove"`); n != 3 {
		t.Fatalf("%d changes listed after three made (each sent twice), want 3", n)
	}
	keys := regexp.MustCompile(`name="edit" value="(\d+)">\s*<input type="hidden" name="key" value="([0-9a-f]+)">`).FindAllStringSubmatch(page, -1)
	if len(keys) != 3 {
		t.Fatalf("the remove forms carry %d keys, want 3", len(keys))
	}
	remove := func(what string, i int) {
		rm := url.Values{"csrf": {token}, "role": {"data-engineer"}, "level": {"senior"}, "edit": {keys[i][1]}, "key": {keys[i][2]}}
		wantStatus(t, what, c.postForm("/role/edit/wording/remove", rm), http.StatusSeeOther)
	}
	remove("tab A removes the first", 0)
	remove("tab B, from the page before, removes the second", 1)
	remove("tab C, from the page before, removes the first again", 0)
	page = c.get(edit).body
	if !strings.Contains(page, "“data catalogue policies” becomes “data catalogue rules”") || strings.Count(page, `action="/role/edit/wording/remove"`) != 1 {
		t.Errorf("after removing the first and second changes, the page lists:\n%s", page[strings.Index(page, "Your changes"):])
	}
}
