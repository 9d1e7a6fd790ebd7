package web

import (
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/importer"
	"github.com/rolepack/rolepack/internal/userfile"
)

// maxFrameworkFiles bounds the files of one framework upload.
const maxFrameworkFiles = 50

// frameworkExts are the file extensions a framework upload may have: every
// format rolepack import reads.
var frameworkExts = map[string]bool{".md": true, ".markdown": true, ".txt": true, ".yaml": true, ".yml": true, ".json": true, ".csv": true, ".xlsx": true}

// Caps on the frameworks kept: per browser and for the whole server.
const (
	maxSessionFrameworks     = 10
	maxSessionFrameworkBytes = 24 << 20
	maxStoredFrameworkBytes  = 512 << 20
)

// frameworksPage is the framework upload form, its validation report and
// the frameworks the session imported.
type frameworksPage struct {
	common
	Error    string
	Checked  bool     // a report follows an upload
	Files    []string // the files checked
	Problems []problemView
	Errors   int
	Loaded   *loadedView
	Note     string     // the built-in framework the upload replaces, if it does
	Missing  []string   // the config's roles that take a role or catalogue the upload lacks
	Fields   url.Values // id, name and licence as typed
	Ladder   []level
	RoleForm *catalogueForm // a catalogue-to-role form sent back with its problems
	Made     string         // the role a catalogue became
	Session  []loadedView
}

type problemView struct {
	At      string // file:line
	Message string
	Warning bool
}

type loadedView struct {
	ID, Name   string
	Roles      []roleInfo
	Catalogues []catalogueView
}

// catalogueView is a catalogue of an uploaded framework, which can become
// a role: its levels mapped to the ladder's rungs.
type catalogueView struct {
	Framework, ID, Title string
	Skills               int
	Levels               []option
}

func (s *Server) frameworksForm(w http.ResponseWriter, r *http.Request) {
	sess := s.view(w, r)
	s.page(w, http.StatusOK, "frameworks", s.frameworksPage(sess))
}

func (s *Server) frameworksPage(sess *session) frameworksPage {
	p := frameworksPage{common: common{Title: "Check and use a framework", CSRF: sess.csrf, Nav: "frameworks"}, Fields: url.Values{}}
	for _, r := range s.run.Config.Ladder {
		p.Ladder = append(p.Ladder, level{r.ID, r.Label})
	}
	sess.mu.Lock()
	fws := sess.frameworks
	sess.mu.Unlock()
	all := s.roleList(sess)
	for _, f := range fws {
		p.Session = append(p.Session, loadedOf(f, all))
	}
	return p
}

func loadedOf(f *framework.Framework, all []roleInfo) loadedView {
	v := loadedView{ID: f.ID, Name: f.Name}
	for _, r := range all {
		if strings.HasPrefix(r.ID, f.ID+"/") {
			v.Roles = append(v.Roles, r)
		}
	}
	for _, c := range f.Catalogues {
		cv := catalogueView{Framework: f.ID, ID: c.ID, Title: c.Title}
		for _, g := range c.Categories {
			cv.Skills += len(g.Skills)
		}
		for _, l := range c.Levels {
			label := l.Label
			if label == "" {
				label = l.ID
			}
			cv.Levels = append(cv.Levels, option{l.ID, label})
		}
		v.Catalogues = append(v.Catalogues, cv)
	}
	return v
}

// frameworksUpload checks uploaded framework files as `rolepack validate`
// does and shows every problem with its file and line; when there are no
// errors it imports them and adds the framework to the session, so its
// roles can be chosen. The files are written, under names the server
// makes, to a private folder that is removed when the request is done.
func (s *Server) frameworksUpload(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(s.opts.MaxUpload); err != nil {
		s.uploadError(w, r, err)
		return
	}
	defer r.MultipartForm.RemoveAll()
	sess := s.forPost(w, r)
	if sess == nil {
		return
	}
	p := s.frameworksPage(sess)
	bad := func(status int, msg string) {
		p.Error = msg
		p.Title = "Error: " + p.Title
		s.page(w, status, "frameworks", p)
	}
	for _, k := range []string{"id", "name", "licence"} {
		if vs := r.MultipartForm.Value[k]; len(vs) > 0 {
			p.Fields.Set(k, strings.Join(strings.Fields(vs[0]), " "))
		}
	}
	opt := importer.Options{ID: p.Fields.Get("id"), Name: p.Fields.Get("name"), Licence: p.Fields.Get("licence")}
	if err := importer.CheckID(opt.ID); err != nil {
		bad(http.StatusUnprocessableEntity, "Enter a framework id of lower-case letters, digits and hyphens, for example "+framework.Slug(opt.ID))
		return
	}
	for k, max := range map[string]int{"name": 120, "licence": 200} {
		if m := textProblem(map[string]string{"name": "The framework name", "licence": "The licence"}[k], p.Fields.Get(k), max); m != "" {
			bad(http.StatusUnprocessableEntity, m)
			return
		}
	}
	fhs := r.MultipartForm.File["files"]
	switch {
	case len(fhs) == 0:
		bad(http.StatusBadRequest, "Choose one or more framework files to upload.")
		return
	case len(fhs) > maxFrameworkFiles:
		bad(http.StatusBadRequest, fmt.Sprintf("Upload at most %d files at a time.", maxFrameworkFiles))
		return
	}
	dir, err := os.MkdirTemp(s.opts.TempDir, "rolepack-import-")
	if err != nil {
		fmt.Fprintf(s.opts.Log, "framework upload: %v\n", err)
		s.fail(w, r, http.StatusInternalServerError, "The files could not be checked: no room for them on the server.")
		return
	}
	defer os.RemoveAll(dir)
	var paths []string
	names := map[string]string{} // private path -> uploaded name
	for i, fh := range fhs {
		name := displayName(fh.Filename)
		ext := strings.ToLower(path.Ext(name))
		if !frameworkExts[ext] {
			bad(http.StatusUnsupportedMediaType, name+": upload framework documents (.md, .txt), a spreadsheet (.xlsx, .csv) or a rolepack framework file (.yaml, .json).")
			return
		}
		data, err := upload(fh)
		if err != nil {
			s.uploadError(w, r, err)
			return
		}
		if why := textFile(data); why != "" && ext != ".xlsx" {
			bad(http.StatusUnsupportedMediaType, name+" "+why+".")
			return
		}
		if int64(len(data)) > userfile.Framework {
			bad(http.StatusRequestEntityTooLarge, fmt.Sprintf("%s is larger than %s.", name, userfile.SizeText(userfile.Framework)))
			return
		}
		p.Files = append(p.Files, name)
		// Each file in a folder of its own, under a name the server makes
		// from the uploaded one (a slug: never a path), so that an id or
		// title the importer takes from the file name is the upload's.
		stem := framework.Slug(strings.TrimSuffix(name, path.Ext(name)))
		if stem == "" {
			stem = "upload"
		}
		sub := filepath.Join(dir, strconv.Itoa(i+1))
		priv := filepath.Join(sub, stem+ext)
		if err := os.Mkdir(sub, 0o700); err != nil {
			fmt.Fprintf(s.opts.Log, "framework upload: %v\n", err)
			s.fail(w, r, http.StatusInternalServerError, "The files could not be checked.")
			return
		}
		if err := os.WriteFile(priv, data, 0o600); err != nil {
			fmt.Fprintf(s.opts.Log, "framework upload: %v\n", err)
			s.fail(w, r, http.StatusInternalServerError, "The files could not be checked.")
			return
		}
		paths = append(paths, priv)
		names[priv] = name
	}
	rename := func(t string) string {
		for priv, name := range names {
			t = strings.ReplaceAll(t, priv, name)
		}
		return t
	}
	p.Checked = true
	// Checking and importing (a workbook, a large corpus) is work like a
	// render: in a slot, within the time limit. Work stopped by the limit
	// finds its private folder gone and ends.
	var probs []framework.Problem
	var fw *framework.Framework
	err = s.bounded(r.Context(), func() error {
		probs = importer.Validate(paths, opt)
		if framework.HasErrors(probs) {
			return nil
		}
		var err error
		fw, _, err = importer.Import(paths, opt)
		return err
	})
	switch {
	case errors.Is(err, errBusy) || isTooLong(err) || (err != nil && r.Context().Err() != nil):
		bad(renderStatus(err), "The files could not be checked: "+err.Error())
		return
	case err != nil:
		bad(http.StatusUnprocessableEntity, rename(err.Error()))
		return
	}
	for _, pr := range probs {
		at := framework.Position(rename(pr.File), pr.Line)
		p.Problems = append(p.Problems, problemView{At: at, Message: rename(pr.Message), Warning: pr.Severity == framework.SeverityWarning})
		if pr.Severity == framework.SeverityError {
			p.Errors++
		}
	}
	if p.Errors > 0 {
		p.Title = "Error: " + p.Title
		s.page(w, http.StatusUnprocessableEntity, "frameworks", p)
		return
	}
	relabel(fw, rename)
	data, err := framework.Marshal(fw)
	if err != nil {
		bad(http.StatusUnprocessableEntity, "The framework cannot be kept: "+err.Error())
		return
	}
	sess.mu.Lock()
	var fws []*framework.Framework
	var kept []storedFramework
	for i, f := range sess.frameworks {
		if f.ID != fw.ID { // a new upload of one id replaces the last
			fws, kept = append(fws, f), append(kept, sess.kept[i])
		}
	}
	fws = append(fws, fw)
	lib, notes, err := libraryWith(s.run.Library, fws)
	st := sess.st
	sess.mu.Unlock()
	if err != nil {
		bad(http.StatusConflict, fmt.Sprintf("The framework is fine, but it cannot be used: %v. Give it another id.", err))
		return
	}
	note := ""
	for _, n := range notes {
		if strings.Contains(n, strconv.Quote(fw.ID)) {
			note = n
		}
	}
	kept = append(kept, storedFramework{ID: fw.ID, YAML: data, Note: note})
	if msg := s.overCap(r, kept); msg != "" {
		bad(http.StatusRequestEntityTooLarge, msg)
		return
	}
	if err := s.store.saveFrameworks(r.Context(), sess.id, sess.csrf, st, kept); err != nil {
		fmt.Fprintf(s.opts.Log, "framework upload: %v\n", err)
		s.fail(w, r, http.StatusInternalServerError, "The framework could not be kept: the app's data folder cannot be written. Try again in a moment.")
		return
	}
	sess.mu.Lock()
	sess.frameworks, sess.kept, sess.lib, sess.stored = fws, kept, lib, true
	sess.mu.Unlock()
	p.Note = note
	p.Missing = missingSources(s.effective(sess, nil), fw)
	v := loadedOf(fw, roles(s.effective(sess, nil), lib))
	p.Loaded = &v
	q := s.frameworksPage(sess)
	p.Session = q.Session
	s.page(w, http.StatusOK, "frameworks", p)
}

// missingSources says, one sentence for each, which of cfg's roles take
// a role or catalogue from framework fw's id that fw does not have (an
// upload that replaces a built-in framework with part of it), and at
// which levels those roles can then not be made.
func missingSources(cfg *config.Config, fw *framework.Framework) []string {
	var out []string
	for _, id := range cfg.RoleIDs() {
		def := cfg.Roles[id]
		for _, src := range def.Sources {
			if src.Framework != fw.ID {
				continue
			}
			what, name := "role", src.Role
			found := false
			if src.Role != "" {
				_, err := compose.FindRole(fw, src.Role)
				found = err == nil
			} else {
				what, name = "skills catalogue", src.Catalogue
				for i := range fw.Catalogues {
					found = found || fw.Catalogues[i].ID == src.Catalogue
				}
			}
			if found || name == "" {
				continue
			}
			var at []string
			for _, rung := range cfg.Ladder {
				if l, ok := src.Levels[rung.ID]; len(src.Levels) == 0 || ok && l != "none" {
					at = append(at, rung.Label)
				}
			}
			title := def.Title
			if title == "" {
				title = id
			}
			out = append(out, fmt.Sprintf("Your organisation’s role %s takes the %s %s from this framework, which these files do not have: its documents at %s cannot be made while this framework is loaded. Upload every file of the framework, or give these files another framework id to keep the built-in one.",
				title, what, name, joinAnd(at)))
		}
	}
	return out
}

// joinAnd joins words as a list in a sentence: "Senior and Head".
func joinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// relabel replaces the private file names a framework records (where each
// part was read from) with the names the files were uploaded as.
func relabel(f *framework.Framework, rename func(string) string) {
	for i := range f.Source.Files {
		f.Source.Files[i] = rename(f.Source.Files[i])
	}
	for i := range f.Roles {
		r := &f.Roles[i]
		r.From = rename(r.From)
		for j := range r.Levels {
			l := &r.Levels[j]
			l.From = rename(l.From)
			for k := range l.Entries {
				l.Entries[k].From = rename(l.Entries[k].From)
			}
		}
	}
	for i := range f.Catalogues {
		c := &f.Catalogues[i]
		c.From = rename(c.From)
		for j := range c.Categories {
			g := &c.Categories[j]
			g.From = rename(g.From)
			for k := range g.Skills {
				sk := &g.Skills[k]
				sk.From = rename(sk.From)
				for m := range sk.Levels {
					sk.Levels[m].From = rename(sk.Levels[m].From)
				}
			}
		}
	}
}

// frameworksForget drops the frameworks the session imported.
func (s *Server) frameworksForget(w http.ResponseWriter, r *http.Request) {
	sess := s.postedSession(w, r)
	if sess == nil {
		return
	}
	sess.mu.Lock()
	st := sess.st
	sess.mu.Unlock()
	if err := s.store.saveFrameworks(r.Context(), sess.id, sess.csrf, st, nil); err != nil {
		fmt.Fprintf(s.opts.Log, "framework forget: %v\n", err)
		s.fail(w, r, http.StatusInternalServerError, "The frameworks could not be removed: the app's data folder cannot be written. Try again in a moment.")
		return
	}
	sess.mu.Lock()
	sess.frameworks, sess.kept, sess.lib, sess.stored = nil, nil, s.run.Library, true
	sess.mu.Unlock()
	http.Redirect(w, r, "/frameworks", http.StatusSeeOther)
}

// overCap says why the frameworks a session would keep are more than it
// may keep, or the server as a whole, or "".
func (s *Server) overCap(r *http.Request, kept []storedFramework) string {
	if len(kept) > maxSessionFrameworks {
		return fmt.Sprintf("You can keep at most %d frameworks. Remove the ones you no longer use (Forget these frameworks), then upload this one again.", maxSessionFrameworks)
	}
	var n int64
	for _, k := range kept {
		n += int64(len(k.YAML))
	}
	if n > maxSessionFrameworkBytes {
		return fmt.Sprintf("Your frameworks would take %s; you can keep at most %s. Remove the ones you no longer use, then upload this one again.", userfile.SizeText(n), userfile.SizeText(maxSessionFrameworkBytes))
	}
	all, err := s.store.frameworkBytes(r.Context())
	if err != nil || all+n > maxStoredFrameworkBytes {
		return "The app has no room for more frameworks. Ask the person who runs it to make room, then upload this one again."
	}
	return ""
}

// catalogueForm is a catalogue-to-role form as sent, with its problems.
type catalogueForm struct {
	Framework, Catalogue string
	Title                string
	Levels               map[string]string // rung -> catalogue level ("none": not at this rung)
	Errors               []blank
}

// catalogueRole makes a role of the organisation from an uploaded
// framework's skills catalogue: its title, and for each rung of the
// ladder the catalogue level it takes (a config role whose source is the
// catalogue, roles.<id>.sources[0].levels), kept for the browser and
// exported with the config.
func (s *Server) catalogueRole(w http.ResponseWriter, r *http.Request) {
	sess := s.postedSession(w, r)
	if sess == nil {
		return
	}
	f := r.PostForm
	form := &catalogueForm{Framework: f.Get("framework"), Catalogue: f.Get("catalogue"), Title: strings.Join(strings.Fields(f.Get("title")), " "), Levels: map[string]string{}}
	var cat *catalogueView
	sess.mu.Lock()
	for _, fw := range sess.frameworks {
		if fw.ID != form.Framework {
			continue
		}
		for _, c := range loadedOf(fw, nil).Catalogues {
			if c.ID == form.Catalogue {
				c := c
				cat = &c
			}
		}
	}
	sess.mu.Unlock()
	if cat == nil {
		s.fail(w, r, http.StatusNotFound, "There is no such catalogue among your frameworks. Upload the framework again.")
		return
	}
	add := func(field, msg string) { form.Errors = append(form.Errors, blank{Label: msg, Field: field}) }
	switch m := textProblem("The role title", form.Title, 120); {
	case form.Title == "":
		add("cat-title", "Enter a title for the role, for example Data analyst")
	case m != "":
		add("cat-title", m)
	}
	mapped := 0
	for _, rung := range s.run.Config.Ladder {
		v := f.Get("level-" + rung.ID)
		ok := v == "none"
		for _, l := range cat.Levels {
			ok = ok || l.Value == v
		}
		if !ok {
			v = "none"
		}
		form.Levels[rung.ID] = v
		if v != "none" {
			mapped++
		}
	}
	if mapped == 0 {
		add("cat-level-"+s.run.Config.Ladder[0].ID, "Choose a level of the catalogue for at least one rung of your ladder")
	}
	if len(form.Errors) > 0 {
		p := s.frameworksPage(sess)
		p.RoleForm = form
		p.Title = "Error: " + p.Title
		s.page(w, http.StatusUnprocessableEntity, "frameworks", p)
		return
	}
	id := framework.Slug(form.Title)
	if id == "" {
		id = "role"
	}
	eff := s.effective(sess, nil)
	for base, n := id, 2; eff.Roles[id].Title != ""; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	rd := config.RoleDef{Title: form.Title, Sources: []config.SourceDef{{Framework: form.Framework, Catalogue: form.Catalogue, Levels: form.Levels}}}
	sess.mu.Lock()
	made := maps.Clone(sess.st.NewRoles) // never changed in place: readers hold the old one
	if made == nil {
		made = map[string]config.RoleDef{}
	}
	made[id] = rd
	sess.st.NewRoles = made
	sess.mu.Unlock()
	if err := s.save(r.Context(), sess, nil); err != nil {
		fmt.Fprintf(s.opts.Log, "save: %v\n", err)
		s.fail(w, r, http.StatusInternalServerError, "The role could not be kept: the app's data folder cannot be written. Try again in a moment.")
		return
	}
	lv := s.run.Config.Ladder[0].ID
	for _, rung := range s.run.Config.Ladder {
		if form.Levels[rung.ID] != "none" {
			lv = rung.ID
			break
		}
	}
	http.Redirect(w, r, roleURL("/role", id, lv, "", ""), http.StatusSeeOther)
}
