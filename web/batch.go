package web

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/pack"
	"github.com/rolepack/rolepack/render"
)

// job is one manifest run: it waits its turn in the server's queue, then
// its packs are built in render slots, each within the render time limit,
// into a folder of its own under the data folder; the download is a zip
// written there file by file, so no pack is ever held whole in memory.
type job struct {
	id       string
	manifest string // the uploaded file's name, for messages only
	started  time.Time
	dir      string // the job's folder: out/ (the packs) and role-packs.zip

	mu      sync.Mutex
	waiting bool // queued behind other runs
	total   int
	done    int
	results []pack.Result
	zipSize int64
	err     error // the run as a whole failed
	over    bool
}

// Bounds of manifest runs.
const (
	// maxRows is the most vacancies one manifest may have.
	maxRows = 500
	// maxRunning is how many runs build at once; the rest wait.
	maxRunning = 2
	// maxQueued is how many runs may wait or build at once in all.
	maxQueued = 8
)

// megabytes is a size as people read it: "17.1 MB".
func megabytes(n int) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KB", max(1, (n+1023)>>10))
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// progress is a snapshot of a job for its page.
type progress struct {
	ID, Manifest  string
	Done, Total   int
	Over          bool
	Waiting       bool
	Err           string
	Built, Failed int
	Results       []resultView
	Failures      []resultView
	ZipSize       string
}

type resultView struct {
	Line                   int
	Reference, Role, Level string
	Status                 string
	Failed                 bool
	Files                  int
	Err                    string
}

func (j *job) snapshot() progress {
	j.mu.Lock()
	defer j.mu.Unlock()
	p := progress{ID: j.id, Manifest: j.manifest, Done: j.done, Total: j.total, Over: j.over, Waiting: j.waiting}
	if j.err != nil {
		p.Err = j.err.Error()
	}
	for _, r := range j.results {
		v := resultView{Line: r.Row.Line, Reference: r.Reference, Role: r.Role, Level: r.Level, Status: r.Status.String(), Files: len(r.Files)}
		switch r.Status {
		case pack.Built:
			p.Built++
		case pack.Failed:
			p.Failed++
			v.Failed = true
			v.Err = r.Err.Error()
			p.Failures = append(p.Failures, v)
		}
		p.Results = append(p.Results, v)
	}
	if j.zipSize > 0 {
		p.ZipSize = megabytes(int(j.zipSize))
	}
	return p
}

// batchPage is the manifest upload form, or a run's progress.
type batchPage struct {
	common
	Formats  []string
	Chosen   map[string]bool
	Columns  string
	Error    string
	Progress *progress
}

func (s *Server) batchForm(w http.ResponseWriter, r *http.Request) {
	sess := s.view(w, r)
	s.page(w, http.StatusOK, "batch", s.batchPage(sess, ""))
}

func (s *Server) batchPage(sess *session, msg string) batchPage {
	return batchPage{
		common:  common{Title: "Role packs from a spreadsheet", CSRF: sess.csrf, Nav: "batch"},
		Formats: s.batchFormats(), Chosen: map[string]bool{"pdf": true, "docx": true},
		Columns: strings.Join(pack.Columns, ", "), Error: msg,
	}
}

// batchFormats are the formats a role pack can be written in: those every
// kind of the pack accepts.
func (s *Server) batchFormats() []string {
	kinds, err := s.run.Kinds(render.RolePackIDs())
	if err != nil {
		return nil
	}
	return s.formatsFor(kinds...)
}

// upload reads the one file of a multipart form field into memory; the
// body is already bounded by the upload limit.
func upload(fh *multipart.FileHeader) ([]byte, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// displayName is an uploaded file's name fit for messages: its base name,
// printable, at most 80 characters. It is never used as a path.
func displayName(name string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, name)
	if utf8.RuneCountInString(name) > 80 {
		name = string([]rune(name)[:80])
	}
	if name == "" || name == "." || name == "/" {
		name = "upload"
	}
	return name
}

// textFile reports why data is not a text file rolepack can read, or "".
func textFile(data []byte) string {
	ct := http.DetectContentType(data)
	if !strings.HasPrefix(ct, "text/") || !utf8.Valid(data) {
		return "is not a text file (it looks like " + strings.Split(ct, ";")[0] + ")"
	}
	return ""
}

// batchStart reads an uploaded manifest and starts building its packs;
// the browser is sent to the run's page, which shows progress until the
// run is over. A manifest that cannot be read at all is shown at once.
func (s *Server) batchStart(w http.ResponseWriter, r *http.Request) {
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
		p := s.batchPage(sess, msg)
		p.Title = "Error: " + p.Title
		s.page(w, status, "batch", p)
	}
	fhs := r.MultipartForm.File["manifest"]
	if len(fhs) != 1 {
		bad(http.StatusBadRequest, "Choose one manifest file (Excel .xlsx, CSV or YAML) to upload.")
		return
	}
	name := displayName(fhs[0].Filename)
	ext := strings.ToLower(path.Ext(name))
	switch ext {
	case ".csv", ".yaml", ".yml", ".xlsx":
	case ".xls", ".ods":
		bad(http.StatusUnsupportedMediaType, name+": this spreadsheet format is not read directly. In your spreadsheet program choose Save As, then Excel Workbook (.xlsx) or CSV, and upload that file.")
		return
	default:
		bad(http.StatusUnsupportedMediaType, name+": upload an Excel workbook (.xlsx), a CSV file (.csv) or a YAML file (.yaml).")
		return
	}
	data, err := upload(fhs[0])
	if err != nil {
		s.uploadError(w, r, err)
		return
	}
	if why := textFile(data); why != "" && ext != ".xlsx" {
		bad(http.StatusUnsupportedMediaType, name+" "+why+". Upload the vacancies as an Excel workbook (.xlsx) or a CSV file.")
		return
	}
	if int64(len(data)) > userfile.Manifest {
		bad(http.StatusRequestEntityTooLarge, fmt.Sprintf("%s is %s; a manifest may be at most %s.", name, userfile.SizeText(int64(len(data))), userfile.SizeText(userfile.Manifest)))
		return
	}
	// Reading a workbook is work like a render: in a slot, within the
	// time limit.
	var rows []pack.Row
	if err := s.bounded(r.Context(), func() error {
		var err error
		rows, err = pack.ReadManifest(name, data)
		return err
	}); err != nil {
		bad(renderStatus(err), err.Error())
		return
	}
	if len(rows) > maxRows {
		bad(http.StatusRequestEntityTooLarge, fmt.Sprintf("%s has %d vacancies: upload at most %d at a time, in more than one file.", name, len(rows), maxRows))
		return
	}
	names := r.MultipartForm.Value["format"]
	if len(names) == 0 {
		bad(http.StatusBadRequest, "Choose at least one format for the packs.")
		return
	}
	formats, err := s.run.LookupFormats(names)
	if err != nil {
		bad(http.StatusBadRequest, "Choose formats from the list: "+err.Error())
		return
	}
	kinds, err := s.run.Kinds(render.RolePackIDs())
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	if err := s.run.Renderer.CheckFormats(kinds, formats); err != nil {
		bad(http.StatusBadRequest, "Choose formats from the list: "+err.Error())
		return
	}
	if s.queued.Add(1) > maxQueued {
		s.queued.Add(-1)
		bad(http.StatusServiceUnavailable, "The app is already building the packs of other spreadsheets. Try again in a few minutes.")
		return
	}
	j := &job{id: randomID()[:16], manifest: name, started: s.now(), total: len(rows), waiting: true}
	j.dir = filepath.Join(s.batchRoot(), j.id)
	var gone []*job
	sess.mu.Lock()
	sess.jobs = append(sess.jobs, j)
	if len(sess.jobs) > maxJobs {
		gone = sess.jobs[:len(sess.jobs)-maxJobs]
		sess.jobs = sess.jobs[len(sess.jobs)-maxJobs:]
	}
	st, lib := sess.st, sess.lib
	sess.mu.Unlock()
	cfg := st.apply(s.run.Config, nil)
	for _, g := range gone {
		g.remove()
	}
	s.jobs.Add(1)
	go func() {
		defer s.jobs.Done()
		defer s.queued.Add(-1)
		select {
		case s.running <- struct{}{}:
		case <-s.ctx.Done():
			j.finish(s.ctx.Err())
			return
		}
		defer func() { <-s.running }()
		j.mu.Lock()
		j.waiting = false
		j.mu.Unlock()
		s.runBatch(s.ctx, j, cfg, lib, formats, rows)
	}()
	http.Redirect(w, r, "/batch/"+j.id, http.StatusSeeOther)
}

// uploadError answers an upload that could not be read.
func (s *Server) uploadError(w http.ResponseWriter, r *http.Request, err error) {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		s.fail(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("The upload is larger than the limit of %s. Upload a smaller file.", userfile.SizeText(tooBig.Limit)))
		return
	}
	s.fail(w, r, http.StatusBadRequest, "The upload could not be read. Go back and choose the file again.")
}

// batchRoot is the folder manifest runs build in: batches/ under the
// data folder, or a private temporary folder for a store kept in memory.
func (s *Server) batchRoot() string { return s.batches }

// finish ends a run that could not start.
func (j *job) finish(err error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.over, j.waiting, j.err = true, false, err
}

// remove deletes a finished run's folder (a run still going removes its
// own when it ends: its session no longer lists it).
func (j *job) remove() {
	j.mu.Lock()
	over := j.over
	j.mu.Unlock()
	if over {
		_ = os.RemoveAll(j.dir)
	}
}

// runBatch builds every row's pack with pack.Batch, as rolepack pack
// does, each pack rendered in a render slot within the render time limit,
// into the job's folder; then writes every built pack, its zip and the
// index into role-packs.zip there, file by file. A bad row fails its own
// pack only.
func (s *Server) runBatch(ctx context.Context, j *job, cfg *config.Config, lib *compose.Library, formats []output.Format, rows []pack.Row) {
	sum, names, err := s.buildBatch(ctx, j, cfg, lib, formats, rows)
	var size int64
	if err == nil {
		size, err = diskZip(filepath.Join(j.dir, "role-packs.zip"), filepath.Join(j.dir, "out"), "role-packs", names, s.run.Date)
	}
	if err != nil {
		fmt.Fprintf(s.opts.Log, "manifest run %s: %v\n", j.id, err)
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	j.over = true
	j.err = err
	if sum != nil {
		j.done, j.results = len(rows), sum.Results
	}
	j.zipSize = size
}

// buildBatch runs the batch in the job's folder and lists what the
// download holds: each built pack's files under its folder, its zip, and
// index.html and index.csv.
func (s *Server) buildBatch(ctx context.Context, j *job, cfg *config.Config, lib *compose.Library, formats []output.Format, rows []pack.Row) (*pack.Summary, []string, error) {
	out := filepath.Join(j.dir, "out")
	if err := os.MkdirAll(out, 0o700); err != nil {
		return nil, nil, fmt.Errorf("batch folder: %w", err)
	}
	b, err := s.run.Batch(out, render.RolePackIDs(), formats)
	if err != nil {
		return nil, nil, err
	}
	rules, err := s.run.EditorialRules()
	if err != nil {
		return nil, nil, err
	}
	b.Config, b.Library = cfg, lib
	b.Jobs = s.opts.Renders
	b.Slot = s.withRender
	b.Editorial = &pack.Editorial{Rules: rules}
	b.Zips = s.opts.PackZips
	b.Progress = func(done, _ int, r *pack.Result) {
		j.mu.Lock()
		j.done = done
		j.results = append(j.results, *r)
		j.mu.Unlock()
	}
	sum, err := b.Run(ctx, rows)
	if err != nil {
		return sum, nil, err
	}
	var names []string
	for _, r := range sum.Results {
		if r.Status != pack.Built {
			continue
		}
		if !b.Zips {
			for _, f := range r.Files {
				names = append(names, r.Name+"/"+f)
			}
		}
		names = append(names, r.Name+".zip")
	}
	names = append(names, pack.IndexHTML, pack.IndexCSV)
	return sum, names, nil
}

// diskZip writes the files names (slash paths under dir) into a zip at
// file under the folder name top, in name order, each entry stamped with
// modified, as pack.Zip makes one, reading each file as it goes; it
// returns the zip's size.
func diskZip(file, dir, top string, names []string, modified time.Time) (int64, error) {
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	if modified.Year() < 1980 {
		modified = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return 0, fmt.Errorf("zip: %w", err)
	}
	zw := zip.NewWriter(f)
	add := func(name string) error {
		src, err := os.Open(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			return err
		}
		defer src.Close()
		method := zip.Deflate
		if output.CompressedExt(name) {
			method = zip.Store
		}
		h := &zip.FileHeader{Name: path.Join(top, name), Method: method, Modified: modified.UTC()}
		h.SetMode(0o644)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		_, err = io.Copy(w, src)
		return err
	}
	for _, n := range sorted {
		if err := add(n); err != nil {
			f.Close()
			return 0, fmt.Errorf("zip %s: %w", n, err)
		}
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return 0, fmt.Errorf("zip: %w", err)
	}
	st, err := f.Stat()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, fmt.Errorf("zip: %w", err)
	}
	return st.Size(), nil
}

// findJob returns the session's job with the id.
func (x *session) findJob(id string) *job {
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, j := range x.jobs {
		if j.id == id {
			return j
		}
	}
	return nil
}

// batchStatus shows a run: progress while it runs (a script updates the
// count in place; without one, "check progress" reloads it), then every
// row's outcome and the downloads.
func (s *Server) batchStatus(w http.ResponseWriter, r *http.Request) {
	sess := s.view(w, r)
	j := sess.findJob(r.PathValue("id"))
	if j == nil {
		s.fail(w, r, http.StatusNotFound, "This run is not known: runs last as long as the app runs, and only in the browser that started them. Upload the manifest again.")
		return
	}
	p := s.batchPage(sess, "")
	snap := j.snapshot()
	p.Progress = &snap
	p.Title = "Role packs from " + snap.Manifest
	if !snap.Over {
		p.Title = fmt.Sprintf("Building role packs: %d of %d done", snap.Done, snap.Total)
	}
	s.page(w, http.StatusOK, "batch", p)
}

// batchFile serves a finished run's zip or index.
func (s *Server) batchFile(w http.ResponseWriter, r *http.Request) {
	sess := s.view(w, r)
	j := sess.findJob(r.PathValue("id"))
	if j == nil {
		s.fail(w, r, http.StatusNotFound, "This run is not known. Upload the manifest again.")
		return
	}
	j.mu.Lock()
	over, failed := j.over, j.err != nil
	j.mu.Unlock()
	if !over {
		s.fail(w, r, http.StatusConflict, "The packs are still being built; the download appears when they are done.")
		return
	}
	var p, media string
	switch name := r.PathValue("file"); name {
	case "role-packs.zip":
		p, media = filepath.Join(j.dir, name), "application/zip"
	case pack.IndexCSV:
		p, media = filepath.Join(j.dir, "out", name), "text/csv; charset=utf-8"
	case pack.IndexHTML:
		p, media = filepath.Join(j.dir, "out", name), "text/html; charset=utf-8"
	default:
		s.fail(w, r, http.StatusNotFound, "There is no such file in this run.")
		return
	}
	f, err := os.Open(p)
	if failed || err != nil {
		s.fail(w, r, http.StatusNotFound, "This run has no such file: it did not finish. Upload the manifest again.")
		return
	}
	defer f.Close()
	h := w.Header()
	h.Set("Content-Type", media)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": r.PathValue("file")}))
	h.Set("Cache-Control", "no-store")
	if st, err := f.Stat(); err == nil {
		h.Set("Content-Length", strconv.FormatInt(st.Size(), 10))
	}
	_, _ = io.Copy(w, f)
}
