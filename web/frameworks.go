package web

import (
	"fmt"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/importer"
	"github.com/rolepack/rolepack/internal/userfile"
)

// maxFrameworkFiles bounds the files of one framework upload.
const maxFrameworkFiles = 50

// frameworkExts are the file extensions a framework upload may have.
var frameworkExts = map[string]bool{".md": true, ".markdown": true, ".txt": true, ".yaml": true, ".yml": true, ".json": true}

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
	Note     string // the built-in framework the upload replaces, if it does
	Session  []loadedView
}

type problemView struct {
	At      string // file:line
	Message string
	Warning bool
}

type loadedView struct {
	ID, Name string
	Roles    []roleInfo
}

func (s *Server) frameworksForm(w http.ResponseWriter, r *http.Request) {
	sess := s.view(w, r)
	s.page(w, http.StatusOK, "frameworks", s.frameworksPage(sess))
}

func (s *Server) frameworksPage(sess *session) frameworksPage {
	p := frameworksPage{common: common{Title: "Check and use a framework", CSRF: sess.csrf, Nav: "frameworks"}}
	sess.mu.Lock()
	fws, lib := sess.frameworks, sess.lib
	sess.mu.Unlock()
	all := roles(s.run.Config, lib)
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
			bad(http.StatusUnsupportedMediaType, name+": upload framework documents (.md, .txt) or a rolepack framework file (.yaml, .json).")
			return
		}
		data, err := upload(fh)
		if err != nil {
			s.uploadError(w, r, err)
			return
		}
		if why := textFile(data); why != "" {
			bad(http.StatusUnsupportedMediaType, name+" "+why+".")
			return
		}
		if int64(len(data)) > userfile.Framework {
			bad(http.StatusRequestEntityTooLarge, fmt.Sprintf("%s is larger than %s.", name, userfile.SizeText(userfile.Framework)))
			return
		}
		p.Files = append(p.Files, name)
		priv := filepath.Join(dir, "upload-"+strconv.Itoa(i+1)+ext)
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
	probs := importer.Validate(paths, importer.Options{})
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
	fw, _, err := importer.Import(paths, importer.Options{})
	if err != nil {
		bad(http.StatusUnprocessableEntity, rename(err.Error()))
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
	if err := s.store.saveFrameworks(r.Context(), sess.id, sess.csrf, st, kept); err != nil {
		fmt.Fprintf(s.opts.Log, "framework upload: %v\n", err)
		s.fail(w, r, http.StatusInternalServerError, "The framework could not be kept: the app's data folder cannot be written. Try again in a moment.")
		return
	}
	sess.mu.Lock()
	sess.frameworks, sess.kept, sess.lib, sess.stored = fws, kept, lib, true
	sess.mu.Unlock()
	p.Note = note
	v := loadedOf(fw, roles(s.run.Config, lib))
	p.Loaded = &v
	q := s.frameworksPage(sess)
	p.Session = q.Session
	s.page(w, http.StatusOK, "frameworks", p)
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
	if err := r.ParseForm(); err != nil {
		s.formError(w, r, err)
		return
	}
	sess := s.forPost(w, r)
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
