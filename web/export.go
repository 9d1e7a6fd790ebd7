package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/pack"
)

// effective is the config a session's documents are built from: the
// server's, with what the session entered over it, for a role with the
// levels given (the plan's target level is one of them).
func (s *Server) effective(sess *session, roleLevels []level) *config.Config {
	sess.mu.Lock()
	st := sess.st
	sess.mu.Unlock()
	return st.apply(s.run.Config, roleLevels)
}

// apply is cfg with the state over it.
func (st state) apply(cfg *config.Config, roleLevels []level) *config.Config {
	c := st.Details.apply(cfg, roleLevels)
	st.overlay(c, cfg)
	return c
}

// absolutePaths makes the config's file paths (templates, frameworks,
// translations, the logo, the brand's files) absolute, taken from the
// config file's folder: an export writes them in full, since the exported
// file is read from another folder.
func absolutePaths(c *config.Config) {
	dir := ""
	if c.File != "" {
		if fi, err := os.Stat(c.File); err == nil && fi.Mode().IsRegular() {
			dir = filepath.Dir(c.File)
		}
	}
	abs := func(p *string) {
		if *p == "" || filepath.IsAbs(*p) || dir == "" {
			return
		}
		if a, err := filepath.Abs(filepath.Join(dir, *p)); err == nil {
			*p = a
		}
	}
	abs(&c.Templates)
	c.Frameworks = append([]string(nil), c.Frameworks...)
	for i := range c.Frameworks {
		abs(&c.Frameworks[i])
	}
	c.Translations = append([]string(nil), c.Translations...)
	for i := range c.Translations {
		abs(&c.Translations[i])
	}
	abs(&c.Organisation.Logo)
	b := &c.Brand
	for _, p := range []*string{&b.ReferenceDoc, &b.Logo, &b.FontFiles.Regular, &b.FontFiles.Bold, &b.FontFiles.Italic, &b.FontFiles.BoldItalic} {
		abs(p)
	}
}

// exportHeader starts an exported config.
const exportHeader = "# rolepack config exported from rolepack serve: `rolepack generate --config FILE`\n# and `rolepack pack` build the same documents from it as the web app did.\n"

// exportConfig is the session's config as a config.yaml, with the role
// and level when they are given, and framework files listed by the
// paths given.
func (s *Server) exportConfig(sess *session, c *choice, frameworkFiles []string) ([]byte, error) {
	var levels []level
	if c != nil {
		levels = c.role.Levels
	}
	cfg := *s.effective(sess, levels)
	absolutePaths(&cfg)
	if s.run.TemplatesDir != "" {
		if a, err := filepath.Abs(s.run.TemplatesDir); err == nil {
			cfg.Templates = a
		}
	}
	if !s.run.DateFromClock {
		cfg.Date = s.run.Date.Format("2006-01-02")
	}
	cfg.Frameworks = append(cfg.Frameworks, frameworkFiles...)
	if c != nil {
		cfg.Role, cfg.Level = c.role.ID, c.level.ID
	}
	node, _, err := configNode(reflect.ValueOf(cfg))
	if err != nil {
		return nil, fmt.Errorf("web: export: %w", err)
	}
	var b bytes.Buffer
	b.WriteString(exportHeader)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(node); err != nil {
		return nil, fmt.Errorf("web: export: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("web: export: %w", err)
	}
	return b.Bytes(), nil
}

// exportVacancies is the session's saved vacancies as a manifest CSV with
// pack.Columns, which `rolepack pack vacancies.csv` reads.
func exportVacancies(vs []vacancy) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.Write(pack.Columns); err != nil {
		return nil, err
	}
	for _, v := range vs {
		rec := make([]string, len(pack.Columns))
		for i, col := range pack.Columns {
			switch col {
			case "role":
				rec[i] = v.Role
			case "level":
				rec[i] = v.Level
			case "panel":
				rec[i] = strings.Join(panelNames(v.Details["panel"]), "; ")
			default:
				rec[i] = v.Details[col]
			}
		}
		if e := v.Details["contactEmail"]; e != "" {
			rec[indexOf(pack.Columns, "contact")] = strings.TrimPrefix(rec[indexOf(pack.Columns, "contact")]+", "+e, ", ")
		}
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// panelNames is the panel as the details form keeps it, one name a
// line, without blank lines or the spaces around a name.
func panelNames(panel string) []string {
	var names []string
	for _, p := range strings.Split(panel, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			names = append(names, p)
		}
	}
	return names
}

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

// savedPage is the page of what a browser saved: its vacancies, the
// exports and the import form.
type savedPage struct {
	common
	Vacancies  []vacancy
	Frameworks []string
	Error      string
	Imported   bool
}

func (s *Server) savedPage(sess *session) savedPage {
	p := savedPage{common: common{Title: "Your saved work", CSRF: sess.csrf, Nav: "saved"}}
	sess.mu.Lock()
	p.Vacancies = append(p.Vacancies, sess.vacancies...)
	for _, f := range sess.frameworks {
		p.Frameworks = append(p.Frameworks, f.Name+" ("+f.ID+")")
	}
	sess.mu.Unlock()
	return p
}

func (s *Server) saved(w http.ResponseWriter, r *http.Request) {
	sess := s.view(w, r)
	p := s.savedPage(sess)
	p.Imported = r.URL.Query().Get("imported") == "1"
	s.page(w, http.StatusOK, "saved", p)
}

// openVacancy makes a saved vacancy the one the role pages show and the
// documents use: its vacancy details replace the details form's (the
// organisation's and the plan's stay as they are), and the role page of
// its role and level follows. Vacancy details with no reference, which
// no saved vacancy keeps, are not replaced: the person is told to give
// them a reference first.
func (s *Server) openVacancy(w http.ResponseWriter, r *http.Request) {
	sess := s.postedSession(w, r)
	if sess == nil {
		return
	}
	ref := r.PostForm.Get("reference")
	back := link{"Go back to your saved work", "/saved"}
	fs := fields(nil)
	defaults := detailsFrom(s.run.Config)
	sess.mu.Lock()
	i := slices.IndexFunc(sess.vacancies, func(v vacancy) bool { return v.Reference == ref })
	if i < 0 {
		sess.mu.Unlock()
		s.failBack(w, http.StatusNotFound, "There is no saved vacancy “"+ref+"”. Reload your saved work and choose one from the list.", back)
		return
	}
	v := sess.vacancies[i]
	cur := sess.st.Details
	if cur["reference"] == "" {
		for _, f := range fs {
			if f.Group == groupVacancy && cur[f.Name] != defaults[f.Name] {
				sess.mu.Unlock()
				s.failBack(w, http.StatusConflict, "The details on the role pages have no reference, so no saved vacancy keeps them, and opening "+ref+" would replace them. Give them a vacancy reference and save them (they are then a saved vacancy too), then open "+ref+".", back)
				return
			}
		}
	}
	d := maps.Clone(cur)
	if d == nil {
		d = details{}
	}
	for _, f := range fs {
		if f.Group == groupVacancy {
			d[f.Name] = v.Details[f.Name]
		}
	}
	sess.st.Details = d
	sess.mu.Unlock()
	if err := s.save(r.Context(), sess, nil); err != nil {
		fmt.Fprintf(s.opts.Log, "save: %v\n", err)
		s.fail(w, r, http.StatusInternalServerError, "The vacancy could not be opened: the app's data folder cannot be written. Try again in a moment.")
		return
	}
	http.Redirect(w, r, roleURL("/role", v.Role, v.Level, "", "")+"&opened="+url.QueryEscape(ref), http.StatusSeeOther)
}

// exportFile serves config.yaml (for the role and level when the query
// names them), vacancies.csv, or rolepack-export.zip: the config with the
// uploaded frameworks beside it, and the vacancies.
func (s *Server) exportFile(w http.ResponseWriter, r *http.Request) {
	sess := s.view(w, r)
	var c *choice
	if q := r.URL.Query(); q.Get("role") != "" {
		ch, ok := s.chosen(w, r, sess, q)
		if !ok {
			return
		}
		c = &ch
	}
	sess.mu.Lock()
	vs := append([]vacancy(nil), sess.vacancies...)
	kept := append([]storedFramework(nil), sess.kept...)
	sess.mu.Unlock()
	switch r.PathValue("file") {
	case "config.yaml":
		data, err := s.exportConfig(sess, c, nil)
		if err != nil {
			s.fail(w, r, http.StatusInternalServerError, err.Error())
			return
		}
		s.attachment(w, "config.yaml", "application/yaml; charset=utf-8", data)
	case "vacancies.csv":
		data, err := exportVacancies(vs)
		if err != nil {
			s.fail(w, r, http.StatusInternalServerError, err.Error())
			return
		}
		s.attachment(w, "vacancies.csv", "text/csv; charset=utf-8", data)
	case "rolepack-export.zip":
		var files []output.File
		var paths []string
		for _, k := range kept {
			name := "frameworks/" + pack.SafeName(k.ID) + ".yaml"
			paths = append(paths, name)
			files = append(files, output.File{Name: name, Data: k.YAML})
		}
		cfgData, err := s.exportConfig(sess, c, paths)
		if err != nil {
			s.fail(w, r, http.StatusInternalServerError, err.Error())
			return
		}
		csvData, err := exportVacancies(vs)
		if err != nil {
			s.fail(w, r, http.StatusInternalServerError, err.Error())
			return
		}
		files = append([]output.File{{Name: "config.yaml", Data: cfgData}, {Name: "vacancies.csv", Data: csvData}}, files...)
		data, err := pack.Zip("rolepack-export", files, s.run.Date)
		if err != nil {
			s.fail(w, r, http.StatusInternalServerError, err.Error())
			return
		}
		s.attachment(w, "rolepack-export.zip", "application/zip", data)
	default:
		s.fail(w, r, http.StatusNotFound, "There is no such export: choose one from the list.")
	}
}

// importConfig loads an uploaded config.yaml into the session: what the
// web app can edit (the vacancy, organisation and plan details) is taken
// from it, checked as the form checks them. A file that cannot be read is
// shown with its line.
func (s *Server) importConfig(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(s.opts.MaxUpload); err != nil {
		s.uploadError(w, r, err)
		return
	}
	defer r.MultipartForm.RemoveAll()
	sess := s.forPost(w, r)
	if sess == nil {
		return
	}
	bad := func(status int, msg string) {
		p := s.savedPage(sess)
		p.Error = msg
		p.Title = "Error: " + p.Title
		s.page(w, status, "saved", p)
	}
	fhs := r.MultipartForm.File["config"]
	if len(fhs) != 1 {
		bad(http.StatusBadRequest, "Choose a config file (config.yaml) to import.")
		return
	}
	name := displayName(fhs[0].Filename)
	data, err := upload(fhs[0])
	if err != nil {
		s.uploadError(w, r, err)
		return
	}
	if int64(len(data)) > userfile.Config {
		bad(http.StatusRequestEntityTooLarge, fmt.Sprintf("%s is larger than %s: a config may be at most that.", name, userfile.SizeText(userfile.Config)))
		return
	}
	if why := textFile(data); why != "" {
		bad(http.StatusUnsupportedMediaType, name+" "+why+". Import a config.yaml that rolepack wrote or that you wrote for rolepack generate.")
		return
	}
	cfg, err := config.LoadConfig(name, data)
	if err != nil {
		bad(http.StatusUnprocessableEntity, err.Error())
		return
	}
	st, errs := stateFrom(cfg, s.run.Config)
	if len(errs) > 0 {
		bad(http.StatusUnprocessableEntity, name+": "+strings.Join(errs, "; "))
		return
	}
	sess.mu.Lock()
	sess.st = st
	sess.mu.Unlock()
	if err := s.save(r.Context(), sess, nil); err != nil {
		fmt.Fprintf(s.opts.Log, "import: %v\n", err)
		s.fail(w, r, http.StatusInternalServerError, "The config could not be kept: the app's data folder cannot be written. Try again in a moment.")
		return
	}
	http.Redirect(w, r, "/saved?imported=1", http.StatusSeeOther)
}

// stateFrom is the state an imported config gives, over the server's
// config; errs are the values the form would refuse, as the form says.
func stateFrom(cfg, base *config.Config) (state, []string) {
	d := detailsFrom(cfg)
	fs := fields(nil)
	var errs []string
	for _, f := range fs {
		if msg, ok := check(d, fs)[f.Name]; ok {
			errs = append(errs, msg)
		}
	}
	st := state{Details: d}
	importedState(&st, cfg, base)
	return st, errs
}
