package web

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework/defaults"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/pack"
	"github.com/rolepack/rolepack/render"
	"github.com/xuri/excelize/v2"
)

// newOptions returns server options over the embedded config and
// frameworks.
func newOptions(t *testing.T) Options {
	t.Helper()
	cfg, err := config.LoadConfig("config.yaml", rolepack.DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	fws, err := defaults.Frameworks()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := compose.NewLibrary(fws...)
	if err != nil {
		t.Fatal(err)
	}
	formats, _ := output.NewFormats()
	run, err := pack.NewRun(pack.Settings{Config: cfg, Library: lib, Formats: formats,
		Date: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return Options{Run: run, TempDir: t.TempDir()}
}

// client is a browser: a cookie jar over a test server.
type client struct {
	t   *testing.T
	srv *httptest.Server
	app *Server
	c   *http.Client
}

func newClient(t *testing.T, opts Options) *client {
	t.Helper()
	app, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(app)
	t.Cleanup(func() { srv.Close(); app.Close() })
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &client{t: t, srv: srv, app: app, c: c}
}

// response is a response read whole.
type response struct {
	status int
	header http.Header
	body   string
}

func (c *client) do(req *http.Request) response {
	c.t.Helper()
	res, err := c.c.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return response{res.StatusCode, res.Header, string(b)}
}

func (c *client) get(path string) response {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.srv.URL+path, nil)
	return c.do(req)
}

func (c *client) postForm(path string, v url.Values) response {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, c.srv.URL+path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// upload posts files (field name, file name, content) and values as a
// multipart form.
func (c *client) upload(path string, v url.Values, files ...[3]string) response {
	c.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, vs := range v {
		for _, x := range vs {
			_ = mw.WriteField(k, x)
		}
	}
	for _, f := range files {
		w, _ := mw.CreateFormFile(f[0], f[1])
		_, _ = w.Write([]byte(f[2]))
	}
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.srv.URL+path, &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

var csrfField = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)

// csrf opens a page with a form and returns its token.
func (c *client) csrf(path string) string {
	c.t.Helper()
	r := c.get(path)
	m := csrfField.FindStringSubmatch(r.body)
	if m == nil {
		c.t.Fatalf("GET %s: no CSRF token in the page", path)
	}
	return m[1]
}

func wantStatus(t *testing.T, what string, r response, status int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("%s: status %d, want %d; body:\n%s", what, r.status, status, r.body)
	}
}

func wantBody(t *testing.T, what string, r response, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(r.body, s) {
			t.Errorf("%s: body lacks %q", what, s)
		}
	}
}

func TestSecurityHeadersOnEveryPage(t *testing.T) {
	c := newClient(t, newOptions(t))
	for _, path := range []string{"/", "/role?role=data-engineer&level=head", "/batch", "/frameworks", "/static/app.css", "/nowhere"} {
		r := c.get(path)
		csp := r.header.Get("Content-Security-Policy")
		if csp == "" || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("GET %s: Content-Security-Policy %q", path, csp)
		}
		if r.header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no X-Content-Type-Options: nosniff", path)
		}
	}
	if r := c.get("/static/app.css"); !strings.HasPrefix(r.header.Get("Content-Type"), "text/css") {
		t.Errorf("app.css served as %q", r.header.Get("Content-Type"))
	}
	if r := c.get("/static/app.js"); !strings.Contains(r.header.Get("Content-Type"), "javascript") {
		t.Errorf("app.js served as %q", r.header.Get("Content-Type"))
	}
	// No page has an inline script, inline style element or style attribute.
	for _, path := range []string{"/", "/role?role=data-engineer&level=head", "/batch", "/frameworks"} {
		body := c.get(path).body
		for _, bad := range []string{"<script>", "<style", " style=", "onclick", "onchange"} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s: page has %q, which the CSP would block", path, bad)
			}
		}
	}
	wantStatus(t, "unknown page", c.get("/nowhere"), http.StatusNotFound)
}

func TestHomeListsRolesAndSearches(t *testing.T) {
	c := newClient(t, newOptions(t))
	r := c.get("/")
	wantStatus(t, "GET /", r, http.StatusOK)
	wantBody(t, "GET /", r, `<a class="skip-link" href="#main">`, `<label for="q">Search by job title</label>`,
		"Data engineer", "Head of Data Ethics", `/role?role=data-engineer&amp;level=senior`, `/role?role=ncf%2fhead-of-data-ethics&amp;level=head-of-data-ethics`)
	r = c.get("/?q=ethics")
	wantBody(t, "search ethics", r, "1 of 3 roles match", "Head of Data Ethics")
	if strings.Contains(r.body, "level=senior") {
		t.Error("search ethics: lists the data engineer")
	}
	wantBody(t, "search nothing", c.get("/?q=astronaut"), "No role matches")
}

func TestRolePageShowsDocumentBlanksAndLevels(t *testing.T) {
	c := newClient(t, newOptions(t))
	r := c.get("/role?role=data-engineer&level=head")
	wantStatus(t, "role page", r, http.StatusOK)
	wantBody(t, "role page", r,
		"<h1>Data engineer, Head</h1>",
		`<iframe class="preview" src="/preview?copy=jd&amp;doc=jd&amp;level=head&amp;role=data-engineer" title="Preview of the job description" sandbox>`,
		`<a href="#f-band">Band or grade</a>`, `<a href="#f-reference">Vacancy reference</a>`,
		`<option value="senior">Senior</option>`, `aria-current="page">Job description</a>`,
		`/download?doc=jd&amp;file=jd.pdf&amp;level=head&amp;role=data-engineer`)

	// Every kind has its page, and its preview renders.
	for _, k := range render.Kinds {
		r := c.get("/role?role=data-engineer&level=senior&doc=" + k.ID)
		wantStatus(t, k.ID+" page", r, http.StatusOK)
		if strings.Contains(r.body, `class="error-message"`) {
			t.Errorf("%s page shows an error", k.ID)
		}
		p := c.get("/preview?role=data-engineer&level=senior&doc=" + k.ID)
		wantStatus(t, k.ID+" preview", p, http.StatusOK)
		csp := p.header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "style-src 'sha256-") || !strings.Contains(csp, "sandbox") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'self'") {
			t.Errorf("%s preview: CSP %q", k.ID, csp)
		}
		wantBody(t, k.ID+" preview", p, "<main id=\"main\">", k.Title)
	}
	// The advert's findings and the scoring sheet per panel member.
	// Switching level changes the document.
	senior := c.get("/preview?role=data-engineer&level=senior&doc=jd")
	head := c.get("/preview?role=data-engineer&level=head&doc=jd")
	if senior.body == head.body || !strings.Contains(senior.body, "Senior") {
		t.Error("the senior JD is not the head JD's text at another level")
	}
	// The top level has no level above: the plan says why, the others work.
	r = c.get("/role?role=ncf/head-of-data-ethics&level=head-of-data-ethics&doc=pdp")
	wantBody(t, "pdp at the top", r, "No development plan can be made from Head of Data Ethics")
	wantStatus(t, "pdp preview at the top", c.get("/preview?role=ncf/head-of-data-ethics&level=head-of-data-ethics&doc=pdp"), http.StatusUnprocessableEntity)

	wantStatus(t, "unknown role", c.get("/role?role=astronaut"), http.StatusNotFound)
	wantStatus(t, "unknown level", c.get("/role?role=data-engineer&level=chief"), http.StatusNotFound)
	wantStatus(t, "unknown kind", c.get("/role?role=data-engineer&level=head&doc=cv"), http.StatusNotFound)
	wantStatus(t, "preview of unknown role", c.get("/preview?role=astronaut"), http.StatusNotFound)
}

func TestDetailsFormValidatesFieldByField(t *testing.T) {
	c := newClient(t, newOptions(t))
	token := c.csrf("/role?role=data-engineer&level=head")
	form := url.Values{"csrf": {token}, "role": {"data-engineer"}, "level": {"head"}, "doc": {"jd"},
		"band": {"Band 8c"}, "closing": {"31/13/2026"}, "salaryMin": {"60000"}, "salaryMax": {"50,000"}, "website": {"example.org"}}
	r := c.postForm("/role", form)
	wantStatus(t, "bad details", r, http.StatusUnprocessableEntity)
	wantBody(t, "bad details", r,
		"<title>Error: Data engineer, Head",
		`<a href="#f-closing">Enter the closing date as a real date, for example 2026-03-31 or 31/03/2026</a>`,
		`<a href="#f-salaryMax">Highest salary must be the same as or more than the lowest salary</a>`,
		`<a href="#f-website">Enter the website starting https://, for example https://www.example.org`,
		`id="f-closing" name="closing" type="date" value="31/13/2026" aria-describedby="f-closing-hint f-closing-error" aria-invalid="true"`,
		`<p class="error-message" id="f-closing-error">`,
		`value="Band 8c"`) // what was typed is kept
	// Nothing was saved: the band is still blank in the document.
	if p := c.get("/preview?role=data-engineer&level=head&doc=jd"); strings.Contains(p.body, "Band 8c") {
		t.Error("details that failed validation were used")
	}

	form.Set("closing", "31/12/2026") // as people write it; kept as 2026-12-31
	form.Set("salaryMax", "70,000")
	form.Set("website", "https://www.example.org")
	form.Set("reference", "DE-7")
	form.Set("panel", "Jane Smith\r\nRaj Patel")
	r = c.postForm("/role", form)
	wantStatus(t, "good details", r, http.StatusSeeOther)
	r = c.get("/role?role=data-engineer&level=head&saved=1")
	wantBody(t, "after saving", r, "Details saved", `value="Band 8c"`)
	if strings.Contains(r.body, `href="#f-band"`) {
		t.Error("the band is still listed as blank after it was filled in")
	}
	wantBody(t, "JD after saving", c.get("/preview?role=data-engineer&level=head&doc=jd"), "Band 8c", "DE-7")
	// One scoring sheet per panel member.
	r = c.get("/role?role=data-engineer&level=head&doc=scoring")
	wantBody(t, "scoring sheets", r, "Interview scoring sheet: Jane Smith", "Interview scoring sheet: Raj Patel")
	wantBody(t, "Raj's sheet", c.get("/preview?role=data-engineer&level=head&doc=scoring&copy=scoring-raj-patel"), "Raj Patel")
}

func TestPostWithoutCSRFTokenIsRefused(t *testing.T) {
	c := newClient(t, newOptions(t))
	c.get("/") // a session, but no token sent
	details := url.Values{"role": {"data-engineer"}, "level": {"head"}, "band": {"Band 9"}}
	wantStatus(t, "details without token", c.postForm("/role", details), http.StatusForbidden)
	details.Set("csrf", strings.Repeat("0", 64))
	wantStatus(t, "details with a wrong token", c.postForm("/role", details), http.StatusForbidden)
	wantStatus(t, "manifest without token", c.upload("/batch", url.Values{"format": {"md"}}, [3]string{"manifest", "v.csv", "reference\nA\n"}), http.StatusForbidden)
	wantStatus(t, "framework without token", c.upload("/frameworks", nil, [3]string{"files", "a.yaml", "id: x\n"}), http.StatusForbidden)
	wantStatus(t, "forget without token", c.postForm("/frameworks/forget", nil), http.StatusForbidden)

	// Another browser's token is not this one's.
	token := c.csrf("/batch")
	fresh := &client{t: t, srv: c.srv, app: c.app, c: &http.Client{CheckRedirect: c.c.CheckRedirect}}
	jar, _ := cookiejar.New(nil)
	fresh.c.Jar = jar
	fresh.get("/")
	details.Set("csrf", token)
	wantStatus(t, "another session's token", fresh.postForm("/role", details), http.StatusForbidden)

	// A form posted from another site is refused even with the token.
	req, _ := http.NewRequest(http.MethodPost, c.srv.URL+"/role", strings.NewReader(details.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	wantStatus(t, "cross-site post", c.do(req), http.StatusForbidden)
	if p := c.get("/preview?role=data-engineer&level=head&doc=jd"); strings.Contains(p.body, "Band 9") {
		t.Error("a refused form changed the details")
	}
}

// zipNames lists a zip's entries.
func zipNames(t *testing.T, data string) []string {
	t.Helper()
	zr, err := zip.NewReader(strings.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	sort.Strings(names)
	return names
}

func TestDownloads(t *testing.T) {
	c := newClient(t, newOptions(t))
	r := c.get("/download?role=data-engineer&level=head&doc=jd&file=jd.md")
	wantStatus(t, "jd.md", r, http.StatusOK)
	if cd := r.header.Get("Content-Disposition"); cd != `attachment; filename=data-engineer-head-jd.md` {
		t.Errorf("jd.md: Content-Disposition %q", cd)
	}
	if !strings.HasPrefix(r.header.Get("Content-Type"), "text/markdown") || !strings.Contains(r.body, "# Head of data engineering") {
		t.Errorf("jd.md: %s\n%.200s", r.header.Get("Content-Type"), r.body)
	}
	r = c.get("/download?role=data-engineer&level=head&doc=jd&file=jd.pdf")
	wantStatus(t, "jd.pdf", r, http.StatusOK)
	if !strings.HasPrefix(r.body, "%PDF-") || r.header.Get("Content-Type") != "application/pdf" {
		t.Errorf("jd.pdf is not a PDF (%s)", r.header.Get("Content-Type"))
	}
	r = c.get("/download?role=data-engineer&level=head&doc=advert&file=advert.jsonld")
	wantStatus(t, "advert.jsonld", r, http.StatusOK)
	var ld map[string]any
	if err := json.Unmarshal([]byte(r.body), &ld); err != nil || ld["@type"] != "JobPosting" {
		t.Errorf("advert.jsonld: %v %v", err, ld["@type"])
	}
	for _, bad := range []string{"../../../etc/passwd", "jd.exe", "spec.md", "/etc/passwd.md", ""} {
		wantStatus(t, "file "+bad, c.get("/download?role=data-engineer&level=head&doc=jd&file="+url.QueryEscape(bad)), http.StatusNotFound)
	}

	r = c.get("/pack?role=data-engineer&level=senior&format=md&format=html")
	wantStatus(t, "pack", r, http.StatusOK)
	got := zipNames(t, r.body)
	var want []string
	for _, n := range []string{"advert.html", "advert.jsonld", "advert.md", "jd.html", "jd.md", "pdp.html", "pdp.md", "progression.html", "progression.md", "record.html", "record.md", "scoring.html", "scoring.md", "spec.html", "spec.md"} {
		want = append(want, "pack-data-engineer-senior/"+n)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("pack zip:\n got %v\nwant %v", got, want)
	}
	if r.header.Get("Content-Disposition") != "attachment; filename=pack-data-engineer-senior.zip" {
		t.Errorf("pack: Content-Disposition %q", r.header.Get("Content-Disposition"))
	}
	r = c.get("/pack?role=data-engineer&level=senior")
	wantStatus(t, "pack without format", r, http.StatusBadRequest)
	// The problem page leads back to the form, not only to the list of roles.
	wantBody(t, "pack without format", r, "Choose at least one format for the pack.",
		`<a href="/role?level=senior&amp;role=data-engineer#pack-heading">Go back to Data engineer, Senior, and choose the formats</a>`)
	wantStatus(t, "pack in odt", c.get("/pack?role=data-engineer&level=senior&format=odt"), http.StatusBadRequest)
}

func TestRenderOverItsTimeLimitIsStopped(t *testing.T) {
	opts := newOptions(t)
	opts.RenderTimeout = time.Nanosecond
	opts.Renders = 64 // work stopped by the limit keeps its slot until it ends: never short of one here
	c := newClient(t, opts)
	for _, path := range []string{
		"/download?role=data-engineer&level=head&doc=jd&file=jd.md",
		"/pack?role=data-engineer&level=head&format=md",
		"/preview?role=data-engineer&level=head&doc=jd",
	} {
		r := c.get(path)
		wantStatus(t, path, r, http.StatusServiceUnavailable)
		wantBody(t, path, r, "longer than its limit of 1ns")
	}
	r := c.get("/role?role=data-engineer&level=head")
	wantStatus(t, "role page over the limit", r, http.StatusServiceUnavailable)
	wantBody(t, "role page over the limit", r, "took longer than its limit of 1ns")
	// Composition (a career map too) is inside the limit, not only the render.
	r = c.get("/role?role=data-engineer&level=head&doc=progression")
	wantStatus(t, "career map over the limit", r, http.StatusServiceUnavailable)
	wantStatus(t, "editor over the limit", c.get("/role/edit?role=data-engineer&level=head"), http.StatusServiceUnavailable)
}

func TestRendersAtOnceAreBounded(t *testing.T) {
	opts := newOptions(t)
	opts.Renders = 1
	opts.RenderTimeout = 2 * time.Second // composition is inside it too, slower under -race
	c := newClient(t, opts)
	c.app.slots <- struct{}{} // the one slot is taken
	r := c.get("/download?role=data-engineer&level=head&doc=jd&file=jd.md")
	wantStatus(t, "no slot free", r, http.StatusServiceUnavailable)
	wantBody(t, "no slot free", r, "busy")
	c.app.release()
	wantStatus(t, "slot free", c.get("/download?role=data-engineer&level=head&doc=jd&file=jd.md"), http.StatusOK)
}

// waitForRun follows a manifest run's page until it is over.
func waitForRun(t *testing.T, c *client, loc string) response {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		r := c.get(loc)
		wantStatus(t, loc, r, http.StatusOK)
		if !strings.Contains(r.body, "data-poll") {
			return r
		}
		wantBody(t, "run in progress", r, "<progress")
		if time.Now().After(deadline) {
			t.Fatal("the run did not finish in 60 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestManifestBuildsPacksAndReportsBadRows(t *testing.T) {
	c := newClient(t, newOptions(t))
	data, err := os.ReadFile("testdata/vacancies.csv")
	if err != nil {
		t.Fatal(err)
	}
	token := c.csrf("/batch")
	r := c.upload("/batch", url.Values{"csrf": {token}, "format": {"md", "html"}}, [3]string{"manifest", "vacancies.csv", string(data)})
	wantStatus(t, "upload", r, http.StatusSeeOther)
	loc := r.header.Get("Location")
	r = waitForRun(t, c, loc)
	wantBody(t, "run over", r, "3 vacancies: 2 packs ready, 1 failed",
		`vacancies.csv:3: closing date &#34;14 December&#34; is not a date (write 14/12/2026, 14 December 2026 or 2026-12-14)`,
		loc+"/role-packs.zip")
	z := c.get(loc + "/role-packs.zip")
	wantStatus(t, "zip", z, http.StatusOK)
	names := zipNames(t, z.body)
	for _, want := range []string{
		"role-packs/index.html", "role-packs/index.csv",
		"role-packs/DA-1-data-engineer-head.zip", "role-packs/DA-1-data-engineer-head/jd.md",
		"role-packs/DA-1-data-engineer-head/scoring-jane-smith.html", "role-packs/DA-1-data-engineer-head/scoring-raj-patel.md",
		"role-packs/DA-3-data-engineer-mid/advert.jsonld", "role-packs/DA-3-data-engineer-mid/scoring.md",
	} {
		found := false
		for _, n := range names {
			found = found || n == want
		}
		if !found {
			t.Errorf("zip lacks %s (has %v)", want, names)
		}
	}
	for _, n := range names {
		if strings.Contains(n, "DA-2") {
			t.Errorf("zip has %s, of the bad row", n)
		}
	}
	idx := c.get(loc + "/index.csv")
	wantBody(t, "index.csv", idx, "DA-2,data-engineer,senior,en-GB,failed")
	wantStatus(t, "no such file", c.get(loc+"/secrets.txt"), http.StatusNotFound)
	wantStatus(t, "no such run", c.get("/batch/0123456789abcdef"), http.StatusNotFound)
}

// TestManifestRunOfZips: with PackZips a manifest run's download holds
// each built pack's zip and the index, no pack folder, and each zip the
// pack's files.
func TestManifestRunOfZips(t *testing.T) {
	opts := newOptions(t)
	opts.PackZips = true
	c := newClient(t, opts)
	data, err := os.ReadFile("testdata/vacancies.csv")
	if err != nil {
		t.Fatal(err)
	}
	token := c.csrf("/batch")
	r := c.upload("/batch", url.Values{"csrf": {token}, "format": {"md", "html"}}, [3]string{"manifest", "vacancies.csv", string(data)})
	wantStatus(t, "upload", r, http.StatusSeeOther)
	loc := r.header.Get("Location")
	r = waitForRun(t, c, loc)
	wantBody(t, "run over", r, "3 vacancies: 2 packs ready, 1 failed", loc+"/role-packs.zip")
	z := c.get(loc + "/role-packs.zip")
	wantStatus(t, "zip", z, http.StatusOK)
	names := zipNames(t, z.body)
	want := []string{"role-packs/DA-1-data-engineer-head.zip", "role-packs/DA-3-data-engineer-mid.zip", "role-packs/index.csv", "role-packs/index.html"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("the download holds %v, want %v", names, want)
	}
	zr, err := zip.NewReader(strings.NewReader(z.body), int64(len(z.body)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open("role-packs/DA-1-data-engineer-head.zip")
	if err != nil {
		t.Fatal(err)
	}
	inner, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	if packNames := zipNames(t, string(inner)); !slices.Contains(packNames, "DA-1-data-engineer-head/scoring-raj-patel.md") {
		t.Errorf("the pack's zip holds %v", packNames)
	}
}

func TestBadManifestUploads(t *testing.T) {
	opts := newOptions(t)
	opts.MaxUpload = 4 << 10
	c := newClient(t, opts)
	token := c.csrf("/batch")
	v := url.Values{"csrf": {token}, "format": {"md"}}
	for _, tc := range []struct {
		name, file, content string
		status              int
		want                string
	}{
		{"too big", "big.csv", "reference\n" + strings.Repeat("A,\n", 3000), http.StatusRequestEntityTooLarge, "larger than the limit of 4.0 KiB"},
		{"an old spreadsheet format", "vacancies.xls", "\xd0\xcf\x11\xe0", http.StatusUnsupportedMediaType, "choose Save As, then Excel Workbook (.xlsx) or CSV"},
		{"a broken workbook", "vacancies.xlsx", "PK\x03\x04", http.StatusUnprocessableEntity, "vacancies.xlsx"},
		{"wrong type", "vacancies.pdf", "%PDF-1.7", http.StatusUnsupportedMediaType, "upload an Excel workbook (.xlsx), a CSV file (.csv)"},
		{"binary named csv", "vacancies.csv", "PK\x03\x04\x00\x00\x00\x08\x00", http.StatusUnsupportedMediaType, "is not a text file"},
		{"a misspelt column", "vacancies.csv", "reference,salry\nA,50000\n", http.StatusUnprocessableEntity, `vacancies.csv:1: unknown column &#34;salry&#34;`},
		{"broken quote", "vacancies.csv", "reference,band\n\"A,Band 7\nB,Band 8\n", http.StatusUnprocessableEntity, "vacancies.csv:"},
		{"empty", "vacancies.csv", "reference,band\n", http.StatusUnprocessableEntity, "no vacancies"},
	} {
		r := c.upload("/batch", v, [3]string{"manifest", tc.file, tc.content})
		wantStatus(t, tc.name, r, tc.status)
		wantBody(t, tc.name, r, tc.want)
	}
	wantStatus(t, "no file", c.upload("/batch", v), http.StatusBadRequest)
	wantStatus(t, "no format", c.upload("/batch", url.Values{"csrf": {token}}, [3]string{"manifest", "v.csv", "reference\nA\n"}), http.StatusBadRequest)
}

func TestFrameworkUploadReportsProblemsThenLoadsTheFramework(t *testing.T) {
	c := newClient(t, newOptions(t))
	token := c.csrf("/frameworks")
	v := url.Values{"csrf": {token}}
	broken, _ := os.ReadFile("testdata/broken.yaml")
	r := c.upload("/frameworks", v, [3]string{"files", "broken.yaml", string(broken)})
	wantStatus(t, "broken", r, http.StatusUnprocessableEntity)
	wantBody(t, "broken", r, "2 errors in broken.yaml", "<code>broken.yaml:12</code>: skill entry", "<code>broken.yaml:13</code>: unknown key &#34;titel&#34;")
	if strings.Contains(r.body, "rolepack-import-") || strings.Contains(r.body, "upload-1") {
		t.Error("the report shows the server's private file names")
	}
	// Nothing was loaded; the private folder is gone.
	entries, _ := os.ReadDir(c.app.opts.TempDir)
	for _, e := range entries {
		if e.Name() != filepath.Base(c.app.batches) { // the server's folder for manifest runs
			t.Errorf("the import left %s in the temp folder", e.Name())
		}
	}

	good, _ := os.ReadFile("testdata/analyst.yaml")
	r = c.upload("/frameworks", v, [3]string{"files", "analyst.yaml", string(good)})
	wantStatus(t, "good", r, http.StatusOK)
	wantBody(t, "good", r, "Test analysis framework is ready to use", `href="/role?role=test-analysis%2fdata-analyst&amp;level=senior-analyst"`)
	wantBody(t, "roles", c.get("/?q=analyst"), "Data analyst", "Test analysis framework")
	p := c.get("/preview?role=test-analysis/data-analyst&level=senior-analyst&doc=jd")
	wantStatus(t, "imported role's JD", p, http.StatusOK)
	wantBody(t, "imported role's JD", p, "the standard for charts and tables")
	wantBody(t, "imported role's PDP", c.get("/preview?role=test-analysis/data-analyst&level=analyst&doc=pdp"), "Senior data analyst")

	// Another browser does not see it.
	other := newClient(t, newOptions(t))
	wantStatus(t, "other browser", other.get("/role?role=test-analysis/data-analyst&level=analyst"), http.StatusNotFound)

	// Loading it again replaces the first upload; forgetting it removes it.
	r = c.upload("/frameworks", v, [3]string{"files", "analyst.yaml", string(good)})
	wantStatus(t, "twice", r, http.StatusOK)
	wantBody(t, "twice", r, "Test analysis framework (test-analysis): 1 role</li></ul>")
	wantStatus(t, "forget", c.postForm("/frameworks/forget", v), http.StatusSeeOther)
	wantStatus(t, "after forgetting", c.get("/role?role=test-analysis/data-analyst&level=analyst"), http.StatusNotFound)

	for _, tc := range []struct {
		name, file, content string
		status              int
		want                string
	}{
		{"wrong type", "framework.docx", "PK\x03\x04", http.StatusUnsupportedMediaType, "upload framework documents"},
		{"binary", "framework.md", "\x00\x01\x02\x03binary", http.StatusUnsupportedMediaType, "is not a text file"},
		{"unrecognised", "notes.md", "# Shopping\n\n- eggs\n", http.StatusUnprocessableEntity, "<code>notes.md:1</code>: not a DDaT role-level summary"},
	} {
		r := c.upload("/frameworks", v, [3]string{"files", tc.file, tc.content})
		wantStatus(t, tc.name, r, tc.status)
		wantBody(t, tc.name, r, tc.want)
	}
	wantStatus(t, "no files", c.upload("/frameworks", v), http.StatusBadRequest)
}

func TestUploadOverTheLimitIsRefused(t *testing.T) {
	opts := newOptions(t)
	opts.MaxUpload = 1 << 10
	c := newClient(t, opts)
	token := c.csrf("/frameworks")
	r := c.upload("/frameworks", url.Values{"csrf": {token}}, [3]string{"files", "big.md", strings.Repeat("x", 4<<10)})
	wantStatus(t, "big framework", r, http.StatusRequestEntityTooLarge)
	// A plain form is bounded too.
	r = c.postForm("/role", url.Values{"csrf": {token}, "panel": {strings.Repeat("x", maxForm)}})
	wantStatus(t, "big form", r, http.StatusRequestEntityTooLarge)
}

func TestBlanksLinkToTheirFields(t *testing.T) {
	fs := fields(nil)
	for _, tc := range []struct{ label, field string }{
		{"Band or grade", "band"}, {"Vacancy reference", "reference"}, {"The closing date is", "closing"},
		{"Please quote reference", "reference"}, {"For an informal conversation about the role, contact", "contact"},
		{"Name", "person"}, {"Line manager", "manager"}, {"Responsible for", ""}, {"Organisation name", ""},
	} {
		if got := fieldFor(tc.label, fs); got != tc.field {
			t.Errorf("fieldFor(%q) = %q, want %q", tc.label, got, tc.field)
		}
	}
}

func TestDisplayNameIsNeverAPath(t *testing.T) {
	for in, want := range map[string]string{
		"../../etc/passwd": "passwd", `C:\Users\me\vacancies.csv`: "vacancies.csv", "": "upload", "a\x00b.csv": "ab.csv", "/": "upload",
	} {
		if got := displayName(in); got != want {
			t.Errorf("displayName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestExcelManifest: a workbook as a coordinator saves it from Excel, with
// a UK date and an extra column, makes its pack.
func TestExcelManifest(t *testing.T) {
	x := excelize.NewFile()
	for i, row := range [][]any{
		{"Reference", "Role", "Level", "Closing", "Notes"},
		{"XL-1", "data-engineer", "Senior", "14/12/2026", "advertise internally first"},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, newOptions(t))
	token := c.csrf("/batch")
	r := c.upload("/batch", url.Values{"csrf": {token}, "format": {"md"}}, [3]string{"manifest", "vacancies.xlsx", b.String()})
	wantStatus(t, "upload", r, http.StatusSeeOther)
	r = waitForRun(t, c, r.header.Get("Location"))
	if !strings.Contains(r.body, "1 vacancy: 1 pack ready") {
		t.Fatalf("run over:\n%s", r.body)
	}
}

// downloadLinks finds the download links of a role page.
var downloadLinks = regexp.MustCompile(`href="(/download\?[^"]+)"`)

// packFormats finds the formats a page's pack or batch form offers.
var packFormats = regexp.MustCompile(`name="format" value="([a-z0-9]+)"`)

// TestEveryOfferedDownloadWorks: every document × format the role pages
// offer downloads, no page offers a format its kind cannot be written in
// (the job description as XLSX answered 422), and every format the pack
// and batch forms offer builds.
func TestEveryOfferedDownloadWorks(t *testing.T) {
	c := newClient(t, newOptions(t))
	offered := 0
	for _, k := range render.Kinds {
		r := c.get("/role?role=data-engineer&level=senior&doc=" + k.ID)
		wantStatus(t, k.ID+" page", r, http.StatusOK)
		for _, m := range downloadLinks.FindAllStringSubmatch(r.body, -1) {
			link := strings.ReplaceAll(m[1], "&amp;", "&")
			d := c.get(link)
			if d.status != http.StatusOK || d.body == "" {
				t.Errorf("%s: %d %.200s", link, d.status, d.body)
			}
			offered++
		}
		if k.ID == "jd" && strings.Contains(r.body, "file=jd.xlsx") {
			t.Error("the job description is offered as XLSX")
		}
		if k.ID == "progression" && !strings.Contains(r.body, "file=progression.xlsx") {
			t.Error("the career map is not offered as XLSX")
		}
	}
	if offered < len(render.Kinds) {
		t.Fatalf("only %d downloads offered", offered)
	}
	wantStatus(t, "jd.xlsx", c.get("/download?role=data-engineer&level=senior&doc=jd&file=jd.xlsx"), http.StatusNotFound)

	r := c.get("/role?role=data-engineer&level=senior")
	q := url.Values{"role": {"data-engineer"}, "level": {"senior"}}
	for _, m := range packFormats.FindAllStringSubmatch(r.body, -1) {
		q.Add("format", m[1])
	}
	p := c.get("/pack?" + q.Encode())
	wantStatus(t, "pack in every offered format "+strings.Join(q["format"], ","), p, http.StatusOK)

	b := c.get("/batch")
	v := url.Values{"csrf": {c.csrf("/batch")}}
	for _, m := range packFormats.FindAllStringSubmatch(b.body, -1) {
		v.Add("format", m[1])
	}
	if strings.Contains(strings.Join(v["format"], ","), "xlsx") {
		t.Error("the batch form offers XLSX, which no role pack can be written in")
	}
	up := c.upload("/batch", v, [3]string{"manifest", "v.csv", "reference,role,level\nA-1,data-engineer,senior\n"})
	wantStatus(t, "batch in "+strings.Join(v["format"], ","), up, http.StatusSeeOther)
	done := waitForRun(t, c, up.header.Get("Location"))
	wantBody(t, "batch in every offered format", done, "1 vacancy: 1 pack ready")
}

func TestWelshLanguageCategoryIsSavedAndUsed(t *testing.T) {
	c := newClient(t, newOptions(t))
	r := c.get("/role?role=data-engineer&level=head")
	wantBody(t, "form", r, `<select id="f-welsh" name="welsh"`,
		`<option value="" selected>Not stated</option>`,
		`<option value="essential">Welsh language skills are essential</option>`,
		`<option value="learn">Welsh language skills need to be learnt when appointed to the post</option>`,
		`<option value="desirable">Welsh language skills are desirable</option>`,
		`<option value="not-necessary">Welsh language skills are not necessary</option>`)
	token := c.csrf("/role?role=data-engineer&level=head")
	form := url.Values{"csrf": {token}, "role": {"data-engineer"}, "level": {"head"}, "doc": {"jd"}, "welsh": {"very-desirable"}}
	r = c.postForm("/role", form)
	wantStatus(t, "a fifth category", r, http.StatusUnprocessableEntity)
	wantBody(t, "a fifth category", r, `<a href="#f-welsh">Select the Welsh language skills from the list</a>`)

	form.Set("welsh", "essential")
	form.Set("reference", "WL-1") // a vacancy is saved by its reference
	wantStatus(t, "essential", c.postForm("/role", form), http.StatusSeeOther)
	wantBody(t, "saved", c.get("/role?role=data-engineer&level=head"), `<option value="essential" selected>`)
	wantBody(t, "JD", c.get("/preview?role=data-engineer&level=head&doc=jd"), "Welsh language skills are essential")
	wantBody(t, "spec", c.get("/preview?role=data-engineer&level=head&doc=spec"), "Welsh language skills")
	wantBody(t, "advert", c.get("/preview?role=data-engineer&level=head&doc=advert"), "Welsh language skills are essential")
	r = c.get("/download?role=data-engineer&level=head&doc=jd&file=jd.md")
	wantBody(t, "jd.md", r, "Welsh language skills are essential")
	// The saved vacancy carries it into the manifest a pack run reads.
	r = c.get("/export/vacancies.csv")
	wantStatus(t, "vacancies.csv", r, http.StatusOK)
	if rows := strings.Split(strings.TrimSpace(r.body), "\n"); len(rows) < 2 || !strings.Contains(rows[0], ",welsh,") || !strings.Contains(rows[1], ",essential,") {
		t.Errorf("vacancies.csv does not give the Welsh language category:\n%s", r.body)
	}

	form.Set("welsh", "")
	wantStatus(t, "not stated", c.postForm("/role", form), http.StatusSeeOther)
	if p := c.get("/preview?role=data-engineer&level=head&doc=jd"); strings.Contains(p.body, "Welsh language skills") {
		t.Error("the JD still gives a Welsh language category after it was cleared")
	}
}

var revField = regexp.MustCompile(`name="rev" value="([^"]*)"`)

// TestDetailsSavedInTwoTabsAreNotLost: a details form opened before the
// details were saved from another tab (or window) does not put its older
// values back over them. Fields changed in one tab only are merged; a
// field changed in both is refused (409), what was typed kept in the
// form and the value saved elsewhere named; saving again then keeps what
// was typed, as the person has now seen what it replaces.
func TestDetailsSavedInTwoTabsAreNotLost(t *testing.T) {
	c := newClient(t, newOptions(t))
	path := "/role?role=data-engineer&level=senior"
	page := c.get(path).body
	token, rev := csrfField.FindStringSubmatch(page)[1], revField.FindStringSubmatch(page)
	if rev == nil {
		t.Fatal("the details form carries no revision of the details it shows")
	}
	form := func(v url.Values) url.Values {
		v.Set("csrf", token)
		v.Set("role", "data-engineer")
		v.Set("level", "senior")
		v.Set("doc", "jd")
		return v
	}
	// Tab A saves a band and a reference.
	wantStatus(t, "tab A", c.postForm("/role", form(url.Values{"rev": {rev[1]}, "band": {"Band 7"}, "reference": {"R-1"}})), http.StatusSeeOther)
	// Tab B, opened before, saves a location: A's band and reference stay.
	wantStatus(t, "tab B, opened before A saved", c.postForm("/role", form(url.Values{"rev": {rev[1]}, "location": {"York"}})), http.StatusSeeOther)
	wantBody(t, "both tabs' details", c.get("/preview?role=data-engineer&level=senior&doc=jd"), "Band 7", "R-1", "York")

	// Tab C, opened before both, changes the band A saved too.
	r := c.postForm("/role", form(url.Values{"rev": {rev[1]}, "band": {"Band 8a"}}))
	wantStatus(t, "tab C, the band changed in two tabs", r, http.StatusConflict)
	wantBody(t, "tab C", r, "<title>Error: ", `<a href="#f-band">`,
		"“Band or grade” was saved as “Band 7” in another tab or window after this page was opened: save again to replace it with what is typed here",
		`id="f-band" name="band" type="text" value="Band 8a"`)
	if strings.Contains(r.body, `<a href="#f-reference">`) || strings.Contains(r.body, `<a href="#f-location">`) {
		t.Error("fields changed in one tab only are listed as conflicts")
	}
	wantBody(t, "nothing saved over the band", c.get("/preview?role=data-engineer&level=senior&doc=jd"), "Band 7")
	// Saving again, from the page that showed the conflict, replaces it;
	// what that page shows of the other fields (A's, B's) is kept.
	again := revField.FindStringSubmatch(r.body)
	if again == nil || again[1] == rev[1] {
		t.Fatalf("the refused form's revision is %v, want the saved details' (not the old one)", again)
	}
	v := url.Values{"rev": {again[1]}, "band": {"Band 8a"}}
	for _, f := range []string{"reference", "location"} {
		m := regexp.MustCompile(`name="` + f + `" type="text" value="([^"]*)"`).FindStringSubmatch(r.body)
		if m == nil {
			t.Fatalf("no %s field on the refused page", f)
		}
		v.Set(f, m[1])
	}
	wantStatus(t, "tab C again", c.postForm("/role", form(v)), http.StatusSeeOther)
	jd := c.get("/preview?role=data-engineer&level=senior&doc=jd").body
	if !strings.Contains(jd, "Band 8a") || !strings.Contains(jd, "R-1") || !strings.Contains(jd, "York") {
		t.Error("saving again did not keep the typed band with the other tabs' details")
	}
	// The same details sent twice (a double click) are no conflict.
	page = c.get(path).body
	same := form(url.Values{"rev": {revField.FindStringSubmatch(page)[1]}, "band": {"Band 9"}})
	wantStatus(t, "first click", c.postForm("/role", same), http.StatusSeeOther)
	wantStatus(t, "second click", c.postForm("/role", same), http.StatusSeeOther)
}
