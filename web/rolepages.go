package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/pack"
	"github.com/rolepack/rolepack/render"
)

// homePage lists the roles, filtered by a search.
type homePage struct {
	common
	Query  string
	Roles  []roleInfo
	Total  int
	Source []string // sources with roles, in order
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	sess := s.view(w, r)
	all := s.roleList(sess)
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	found := search(all, q)
	p := homePage{common: common{Title: "Choose a role", CSRF: sess.csrf, Nav: "home"}, Query: q, Roles: found, Total: len(all)}
	for _, ri := range found {
		if len(p.Source) == 0 || p.Source[len(p.Source)-1] != ri.Source {
			p.Source = append(p.Source, ri.Source)
		}
	}
	s.page(w, http.StatusOK, "home", p)
}

// tab is a link among several, one of them current.
type tab struct {
	ID      string
	Label   string
	URL     string
	Current bool
}

// link is a download.
type link struct {
	Label string
	URL   string
}

// fieldView is a form field as the page shows it.
type fieldView struct {
	field
	Value     string
	Error     string
	Described string // ids of the hint and the error, for aria-describedby
}

// group is a fieldset of the form.
type group struct {
	Legend string
	Fields []fieldView
}

// rolePage shows one document of a role at a level, the details form and
// the downloads.
type rolePage struct {
	common
	Role         roleInfo
	Level        level
	Kind         render.Kind
	Levels       []tab
	Kinds        []tab
	Copies       []tab
	DocLabel     string
	PreviewURL   string
	PreviewError string
	Blanks       []blank
	Findings     []string
	Downloads    []link
	Groups       []group
	Errors       []blank // Label is the message
	Saved        bool
	Formats      []string
	Hidden       url.Values
	Rev          string // the revision of the saved details (detailsRev)
	Opened       string // the saved vacancy just opened, when it is the one shown
}

func (s *Server) role(w http.ResponseWriter, r *http.Request) {
	sess := s.view(w, r)
	s.showRole(w, r, sess, r.URL.Query(), nil, nil, 0)
}

// showRole renders the role page for the choice in q; typed and errs are
// the form as sent when it did not validate, and errStatus, when not 0,
// the status of that page (409 when another tab saved a field typed
// here; 422 otherwise).
func (s *Server) showRole(w http.ResponseWriter, r *http.Request, sess *session, q url.Values, typed details, errs map[string]string, errStatus int) {
	c, ok := s.chosen(w, r, sess, q)
	if !ok {
		return
	}
	cp, err := s.composeBounded(r.Context(), sess, c, c.kind)
	if err != nil {
		s.fail(w, r, composeStatus(err), "This role cannot be put together at this level: "+err.Error())
		return
	}
	fs := fields(c.role.Levels)
	p := rolePage{
		common: common{Title: c.role.Title + ", " + c.level.Label, CSRF: sess.csrf, Nav: "home"},
		Role:   c.role, Level: c.level, Kind: c.kind, Formats: s.anyFormat(render.Kinds),
		Saved:  q.Get("saved") == "1" && errs == nil,
		Hidden: url.Values{"role": {c.role.ID}, "level": {c.level.ID}, "doc": {c.kind.ID}},
	}
	for _, l := range c.role.Levels {
		p.Levels = append(p.Levels, tab{l.ID, l.Label, roleURL("/role", c.role.ID, l.ID, c.kind.ID, ""), l.ID == c.level.ID})
	}
	for _, k := range render.Kinds {
		p.Kinds = append(p.Kinds, tab{k.ID, k.Title, roleURL("/role", c.role.ID, c.level.ID, k.ID, ""), k.ID == c.kind.ID})
	}
	docs := documents(c.kind, cp)
	p.DocLabel = c.kind.Title
	status := http.StatusOK
	if len(docs) == 0 {
		p.PreviewError = planProblem(c, cp.planErr)
	} else {
		cur := pickCopy(docs, c.copy)
		p.DocLabel = copyLabel(c.kind, cur)
		if len(docs) > 1 {
			for _, d := range docs {
				p.Copies = append(p.Copies, tab{d.Stem, copyLabel(c.kind, d), roleURL("/role", c.role.ID, c.level.ID, c.kind.ID, d.Stem), d.Stem == cur.Stem})
			}
		}
		res, err := s.renderDocument(r.Context(), cp, c.kind, cur)
		if err != nil {
			p.PreviewError = "The preview could not be made: " + err.Error()
			status = renderStatus(err)
		} else {
			p.PreviewURL = roleURL("/preview", c.role.ID, c.level.ID, c.kind.ID, cur.Stem)
			p.Blanks = blanks(res.doc, fs)
			p.Findings = res.findings
		}
		for _, d := range docs {
			for _, f := range s.formatsFor(c.kind) {
				p.Downloads = append(p.Downloads, link{copyLabel(c.kind, d) + ", " + formatLabel(f), downloadURL(c, d.Stem+s.extOf(f))})
			}
			for _, x := range c.kind.Extras {
				p.Downloads = append(p.Downloads, link{copyLabel(c.kind, d) + ", " + formatLabel(strings.TrimPrefix(x.Ext, ".")), downloadURL(c, d.Stem+x.Ext)})
			}
		}
	}
	values := typed
	if values == nil {
		values = sess.details()
	}
	// The form's revision is of the details saved now: what a refused
	// form shows of them is what they are.
	p.Rev = detailsRev(sess.details(), fs)
	if o := q.Get("opened"); o != "" && o == sess.details()["reference"] && errs == nil {
		p.Opened = o
	}
	for _, f := range fs {
		fv := fieldView{field: f, Value: values[f.Name], Error: errs[f.Name]}
		var ids []string
		if f.Hint != "" {
			ids = append(ids, "f-"+f.Name+"-hint")
		}
		if fv.Error != "" {
			ids = append(ids, "f-"+f.Name+"-error")
		}
		fv.Described = strings.Join(ids, " ")
		if len(p.Groups) == 0 || p.Groups[len(p.Groups)-1].Legend != f.Group {
			p.Groups = append(p.Groups, group{Legend: f.Group})
		}
		g := &p.Groups[len(p.Groups)-1]
		g.Fields = append(g.Fields, fv)
		if fv.Error != "" {
			p.Errors = append(p.Errors, blank{Label: fv.Error, Field: f.Name})
		}
	}
	if len(p.Errors) > 0 {
		status = http.StatusUnprocessableEntity
		if errStatus != 0 {
			status = errStatus
		}
		p.Title = "Error: " + p.Title
	}
	s.page(w, status, "role", p)
}

// composeStatus is the HTTP status of a composition that failed: 503
// when it was stopped by its time limit or the server was busy, else 422.
func composeStatus(err error) int { return renderStatus(err) }

// planProblem says why no development plan can be made for the choice.
func planProblem(c choice, err error) string {
	return fmt.Sprintf("No development plan can be made from %s: choose the level they are working towards under “Development plan” in the details below, or a lower level (%v).", c.level.Label, err)
}

func downloadURL(c choice, file string) string {
	q := url.Values{"role": {c.role.ID}, "level": {c.level.ID}, "doc": {c.kind.ID}, "file": {file}}
	return "/download?" + q.Encode()
}

// extOf is the file extension of a format name.
func (s *Server) extOf(name string) string {
	for _, f := range s.run.Formats().List() {
		if f.Name == name {
			return f.Ext
		}
	}
	return "." + name
}

// saveDetails validates the details form; when every field is right it
// keeps the details for the session and goes back to the document,
// otherwise it shows the form again with each problem linked to its field.
func (s *Server) saveDetails(w http.ResponseWriter, r *http.Request) {
	sess := s.postedSession(w, r)
	if sess == nil {
		return
	}
	q := url.Values{"role": {r.PostForm.Get("role")}, "level": {r.PostForm.Get("level")}, "doc": {r.PostForm.Get("doc")}}
	c, ok := s.chosen(w, r, sess, q)
	if !ok {
		return
	}
	fs := fields(c.role.Levels)
	// What the form was opened with (rev) against what is saved now: a
	// field changed elsewhere since (another tab) and not here keeps its
	// saved value; one changed in both is a conflict, shown for the
	// person to decide, so that no tab saves over another's typing.
	sess.mu.Lock()
	d, conflicts := mergeDetails(read(r.PostForm, fs), sess.st.Details, parseRevision(r.PostForm.Get("rev")), fs)
	errs := check(d, fs)
	if len(errs) == 0 && len(conflicts) == 0 {
		sess.st.Details = d
	}
	sess.mu.Unlock()
	if len(errs) > 0 || len(conflicts) > 0 {
		status := http.StatusUnprocessableEntity
		for name, msg := range conflicts {
			if errs[name] == "" {
				errs[name] = msg
				status = http.StatusConflict
			}
		}
		s.showRole(w, r, sess, q, d, errs, status)
		return
	}
	var v *vacancy
	if ref := d["reference"]; ref != "" {
		v = &vacancy{Reference: ref, Role: c.role.ID, Level: c.level.ID, Details: d}
	}
	if err := s.save(r.Context(), sess, v); err != nil {
		fmt.Fprintf(s.opts.Log, "save: %v\n", err)
		s.fail(w, r, http.StatusInternalServerError, "Your details could not be kept: the app's data folder cannot be written. Nothing you saved before was lost. Try again in a moment.")
		return
	}
	q.Set("saved", "1")
	http.Redirect(w, r, "/role?"+q.Encode()+"#document", http.StatusSeeOther)
}

// formError answers a form that could not be read: too large, or broken.
func (s *Server) formError(w http.ResponseWriter, r *http.Request, err error) {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		s.fail(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("What you sent is larger than the limit of %d MiB. Send a smaller file.", tooBig.Limit>>20))
		return
	}
	s.fail(w, r, http.StatusBadRequest, "The form could not be read. Go back and send it again.")
}

// styleBlocks are the contents of the style elements of a page the HTML
// writer made (each from <style> to the first </style> after it), found
// by scanning rather than by a regular expression, which took a tenth of
// a preview's CPU.
func styleBlocks(page []byte) [][]byte {
	const open, close = "<style>", "</style>"
	var out [][]byte
	for {
		i := bytes.Index(page, []byte(open))
		if i < 0 {
			return out
		}
		page = page[i+len(open):]
		j := bytes.Index(page, []byte(close))
		if j < 0 {
			return out
		}
		out = append(out, page[:j])
		page = page[j+len(close):]
	}
}

// previewCSP is the policy of a previewed document: nothing but its own
// style elements (by hash) and inline images, no script, framed only by
// the app, in a sandbox.
func previewCSP(page []byte) string {
	var hashes []string
	for _, m := range styleBlocks(page) {
		sum := sha256.Sum256(m)
		hashes = append(hashes, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
	}
	style := "'none'"
	if len(hashes) > 0 {
		style = strings.Join(hashes, " ")
	}
	return "default-src 'none'; style-src " + style + "; img-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'; sandbox"
}

// preview serves one document as the HTML writer renders it, for the
// role page's frame.
func (s *Server) preview(w http.ResponseWriter, r *http.Request) {
	sess := s.view(w, r)
	q := r.URL.Query()
	c, ok := s.chosen(w, r, sess, q)
	if !ok {
		return
	}
	cp, err := s.composeBounded(r.Context(), sess, c, c.kind)
	if err != nil {
		s.fail(w, r, composeStatus(err), err.Error())
		return
	}
	docs := documents(c.kind, cp)
	if len(docs) == 0 {
		s.fail(w, r, http.StatusUnprocessableEntity, planProblem(c, cp.planErr))
		return
	}
	res, err := s.renderDocument(r.Context(), cp, c.kind, pickCopy(docs, c.copy))
	if err != nil {
		s.fail(w, r, renderStatus(err), err.Error())
		return
	}
	page, err := s.run.LookupFormats([]string{"html"})
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	var b bytes.Buffer
	if err := page[0].Writer.Write(&b, res.doc); err != nil {
		s.fail(w, r, http.StatusUnprocessableEntity, err.Error())
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", previewCSP(b.Bytes()))
	h.Set("X-Frame-Options", "SAMEORIGIN")
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(b.Bytes())
}

// download serves one document in one format (or a kind's extra output,
// such as the advert's JSON-LD) as an attachment. The file asked for is
// only compared with the names rendering gives; it never names a file on
// disk.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	sess := s.view(w, r)
	q := r.URL.Query()
	c, ok := s.chosen(w, r, sess, q)
	if !ok {
		return
	}
	file := q.Get("file")
	ext := path.Ext(file)
	var formats []output.Format
	for _, f := range s.run.Formats().List() {
		if f.Ext == ext && c.kind.Accepts(f.Shape) {
			var err error
			if formats, err = s.run.LookupFormats([]string{f.Name}); err != nil {
				s.fail(w, r, http.StatusInternalServerError, err.Error())
				return
			}
		}
	}
	if formats == nil && !hasExtra(c.kind, ext) {
		s.fail(w, r, http.StatusNotFound, fmt.Sprintf("There is no %q to download: choose a format from the list", file))
		return
	}
	cp, err := s.composeBounded(r.Context(), sess, c, c.kind)
	if err != nil {
		s.fail(w, r, composeStatus(err), err.Error())
		return
	}
	if len(documents(c.kind, cp)) == 0 {
		s.fail(w, r, http.StatusUnprocessableEntity, planProblem(c, cp.planErr))
		return
	}
	req, err := s.request(cp, []render.Kind{c.kind}, formats, nil)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	var files []output.File
	err = s.withRender(r.Context(), func(ctx context.Context) error {
		var err error
		files, err = s.run.Renderer.Files(ctx, req)
		return err
	})
	if err != nil {
		s.fail(w, r, renderStatus(err), "The document could not be made: "+err.Error())
		return
	}
	for _, f := range files {
		if f.Name == file {
			name := pack.SafeName(c.role.ID) + "-" + pack.SafeName(c.level.ID) + "-" + f.Name
			s.attachment(w, name, s.mediaType(ext), f.Data)
			return
		}
	}
	s.fail(w, r, http.StatusNotFound, fmt.Sprintf("There is no %q to download: choose a document from the list", file))
}

func hasExtra(k render.Kind, ext string) bool {
	for _, x := range k.Extras {
		if x.Ext == ext {
			return true
		}
	}
	return false
}

// mediaType is the media type of a file extension rolepack writes.
func (s *Server) mediaType(ext string) string {
	for _, f := range s.run.Formats().List() {
		if f.Ext == ext {
			return f.MediaType
		}
	}
	for _, k := range render.Kinds {
		for _, x := range k.Extras {
			if x.Ext == ext {
				return x.MediaType
			}
		}
	}
	switch ext {
	case ".zip":
		return "application/zip"
	case ".csv":
		return "text/csv; charset=utf-8"
	}
	return "application/octet-stream"
}

// attachment sends data as a file to save.
func (s *Server) attachment(w http.ResponseWriter, name, mediaType string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", mediaType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(data)
}

// downloadPack serves every document of the role at the level (the role
// pack, and the development plan when one can be made) in the chosen
// formats as one zip.
func (s *Server) downloadPack(w http.ResponseWriter, r *http.Request) {
	sess := s.view(w, r)
	q := r.URL.Query()
	c, ok := s.chosen(w, r, sess, q)
	if !ok {
		return
	}
	names := q["format"]
	back := link{"Go back to " + c.role.Title + ", " + c.level.Label + ", and choose the formats", roleURL("/role", c.role.ID, c.level.ID, "", "") + "#pack-heading"}
	if len(names) == 0 {
		s.failBack(w, http.StatusBadRequest, "Choose at least one format for the pack.", back)
		return
	}
	formats, err := s.run.LookupFormats(names)
	if err != nil {
		s.failBack(w, http.StatusBadRequest, "Choose formats from the list: "+err.Error(), back)
		return
	}
	cp, err := s.composeBounded(r.Context(), sess, c, render.Kinds...)
	if err != nil {
		s.fail(w, r, composeStatus(err), err.Error())
		return
	}
	var kinds []render.Kind
	for _, k := range render.Kinds {
		if len(documents(k, cp)) > 0 {
			kinds = append(kinds, k)
		}
	}
	ref := cp.rc.Vacancy.Reference
	if ref == "" {
		ref = "pack"
	}
	name := pack.PackName(ref, c.role.ID, c.level.ID)
	var data []byte
	err = s.withRender(r.Context(), func(ctx context.Context) error {
		// Each kind in the chosen formats it can be written in: a
		// spreadsheet holds the career map alone.
		var files []output.File
		for _, k := range kinds {
			var fs []output.Format
			for _, f := range formats {
				if k.Accepts(f.Shape) {
					fs = append(fs, f)
				}
			}
			if len(fs) == 0 {
				continue
			}
			req, err := s.request(cp, []render.Kind{k}, fs, nil)
			if err != nil {
				return err
			}
			kf, err := s.run.Renderer.Files(ctx, req)
			if err != nil {
				return err
			}
			files = append(files, kf...)
		}
		var err error
		data, err = pack.Zip(name, files, s.run.Date)
		return err
	})
	if err != nil {
		s.fail(w, r, renderStatus(err), "The pack could not be made: "+err.Error())
		return
	}
	s.attachment(w, name+".zip", "application/zip", data)
}

// chosen is the role, level and document q choose among the roles the
// session can use; an unknown choice is answered with 404 (false).
func (s *Server) chosen(w http.ResponseWriter, r *http.Request, sess *session, q url.Values) (choice, bool) {
	c, err := choose(s.roleList(sess), q)
	if err != nil {
		s.fail(w, r, http.StatusNotFound, err.Error())
		return choice{}, false
	}
	return c, true
}
