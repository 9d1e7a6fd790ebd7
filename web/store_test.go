package web

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/pack"
)

// restart stops c's server and starts another over the same options
// (the same data folder), keeping c's cookies.
func (c *client) restart(opts Options) {
	c.t.Helper()
	c.srv.Close()
	if err := c.app.Close(); err != nil {
		c.t.Fatal(err)
	}
	app, err := New(opts)
	if err != nil {
		c.t.Fatal(err)
	}
	old, _ := url.Parse(c.srv.URL)
	cookies := c.c.Jar.Cookies(old)
	c.app = app
	c.srv = newServer(c.t, app)
	u, _ := url.Parse(c.srv.URL)
	c.c.Jar.SetCookies(u, cookies)
}

// saveDetails saves the details form for a role and level.
func (c *client) saveDetails(role, lvl string, v url.Values) {
	c.t.Helper()
	token := c.csrf("/role?role=" + url.QueryEscape(role) + "&level=" + lvl)
	v.Set("csrf", token)
	v.Set("role", role)
	v.Set("level", lvl)
	v.Set("doc", "jd")
	r := c.postForm("/role", v)
	wantStatus(c.t, "save details", r, http.StatusSeeOther)
}

func TestWhatIsSavedSurvivesARestart(t *testing.T) {
	opts := newOptions(t)
	opts.Data = t.TempDir()
	c := newClient(t, opts)
	c.saveDetails("data-engineer", "senior", url.Values{"reference": {"DE-777"}, "band": {"Band 8a"}, "salary": {"£52,000"}})
	analyst, _ := os.ReadFile("testdata/analyst.yaml")
	r := c.upload("/frameworks", url.Values{"csrf": {c.csrf("/frameworks")}}, [3]string{"files", "analyst.yaml", string(analyst)})
	wantStatus(t, "upload", r, http.StatusOK)

	c.restart(opts)
	wantBody(t, "JD after a restart", c.get("/preview?role=data-engineer&level=senior&doc=jd"), "DE-777", "Band 8a")
	wantBody(t, "saved work", c.get("/saved"), "DE-777", "Test analysis framework (test-analysis)")
	wantStatus(t, "uploaded role after a restart", c.get("/role?role=test-analysis/data-analyst&level=analyst"), http.StatusOK)
	// Forms keep working with the kept token.
	c.saveDetails("data-engineer", "senior", url.Values{"reference": {"DE-778"}})
	r = c.get("/export/vacancies.csv")
	wantStatus(t, "vacancies.csv", r, http.StatusOK)
	wantBody(t, "vacancies.csv", r, "reference,role,level,", "\nDE-777,data-engineer,senior,,Band 8a,\"£52,000\"", "\nDE-778,data-engineer,senior,")

	// Another browser has nothing of it.
	other := newClient(t, opts)
	if b := other.get("/preview?role=data-engineer&level=senior&doc=jd").body; strings.Contains(b, "DE-77") {
		t.Error("another browser sees this browser's vacancy")
	}
}

func TestVisitorsMakeNoSession(t *testing.T) {
	opts := newOptions(t)
	c := newClient(t, opts)
	for _, p := range []string{"/", "/role?role=data-engineer&level=senior", "/batch", "/frameworks", "/saved"} {
		r := c.get(p)
		wantStatus(t, p, r, http.StatusOK)
		if strings.Contains(r.header.Get("Set-Cookie"), sessionCookie) {
			t.Errorf("GET %s starts a session", p)
		}
	}
	// Many cookieless requests (what any web page's <img> tags can send)
	// neither make sessions nor move a saved one out.
	c.saveDetails("data-engineer", "senior", url.Values{"reference": {"DE-1"}})
	for i := 0; i < 300; i++ {
		res, err := http.Get(c.srv.URL + "/")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
	}
	c.app.mu.Lock()
	n := len(c.app.sessions)
	c.app.mu.Unlock()
	if n != 1 {
		t.Errorf("%d sessions after 300 cookieless requests, want 1", n)
	}
	wantBody(t, "saved vacancy", c.get("/preview?role=data-engineer&level=senior&doc=jd"), "DE-1")
}

func TestExportAndImportConfig(t *testing.T) {
	c := newClient(t, newOptions(t))
	c.saveDetails("data-engineer", "senior", url.Values{"reference": {"DE-9"}, "band": {"Band 7"}, "organisation": {"Example Trust"}})
	r := c.get("/export/config.yaml?role=data-engineer&level=senior")
	wantStatus(t, "config.yaml", r, http.StatusOK)
	wantBody(t, "config.yaml", r, "role: data-engineer", "level: senior", "reference: DE-9", "band: Band 7", "name: Example Trust")
	if !strings.Contains(r.header.Get("Content-Disposition"), "config.yaml") {
		t.Errorf("config.yaml is not an attachment: %q", r.header.Get("Content-Disposition"))
	}
	zip := c.get("/export/rolepack-export.zip")
	wantStatus(t, "export zip", zip, http.StatusOK)
	if got := strings.Join(zipNames(t, zip.body), " "); !strings.Contains(got, "config.yaml") || !strings.Contains(got, "vacancies.csv") {
		t.Errorf("export zip holds %s", got)
	}
	wantStatus(t, "unknown export", c.get("/export/secrets.txt"), http.StatusNotFound)

	// Another browser imports it and gets the same documents.
	other := newClient(t, newOptions(t))
	token := other.csrf("/saved")
	res := other.upload("/import", url.Values{"csrf": {token}}, [3]string{"config", "config.yaml", r.body})
	wantStatus(t, "import", res, http.StatusSeeOther)
	wantBody(t, "imported JD", other.get("/preview?role=data-engineer&level=senior&doc=jd"), "DE-9", "Band 7")
	a := c.get("/download?role=data-engineer&level=senior&doc=jd&file=jd.md")
	b := other.get("/download?role=data-engineer&level=senior&doc=jd&file=jd.md")
	if a.status != http.StatusOK || a.body != b.body {
		t.Errorf("the imported config gives another JD (%d, %d bytes; %d, %d bytes)", a.status, len(a.body), b.status, len(b.body))
	}

	// A bad file is shown with its line; nothing changes.
	res = other.upload("/import", url.Values{"csrf": {token}}, [3]string{"config", "mine.yaml", "vacancy:\n  band: [a\n"})
	wantStatus(t, "bad import", res, http.StatusUnprocessableEntity)
	wantBody(t, "bad import", res, "mine.yaml:", `href="#config"`)
	res = other.upload("/import", url.Values{"csrf": {token}}, [3]string{"config", "mine.yaml", "vacancy:\n  closing: 31/13/2026\n"})
	wantStatus(t, "bad date", res, http.StatusUnprocessableEntity)
	wantBody(t, "bad date", res, "Enter the closing date as a real date")
	wantStatus(t, "import without token", other.upload("/import", nil, [3]string{"config", "config.yaml", r.body}), http.StatusForbidden)
}

// crashChildEnv names the data folder of the crash test's child process.
const crashChildEnv = "ROLEPACK_WEB_CRASH_CHILD"

// TestStoreSurvivesKillDuringASave kills (SIGKILL) a process in the
// middle of its saves: the store opens clean and holds the last save that
// was reported done, or the one in flight, with its vacancy row in step.
func TestStoreSurvivesKillDuringASave(t *testing.T) {
	if dir := os.Getenv(crashChildEnv); dir != "" {
		crashChild(dir)
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestStoreSurvivesKillDuringASave$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	last := 0
	sc := bufio.NewScanner(out)
	deadline := time.Now().Add(20 * time.Second)
	for sc.Scan() {
		if n, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "saved ")); err == nil {
			last = n
		}
		if last >= 25 || time.Now().After(deadline) {
			break
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	// Saves reported before the kill but not read yet count too.
	for sc.Scan() {
		if n, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "saved ")); err == nil {
			last = n
		}
	}
	_ = cmd.Wait()
	if last == 0 {
		t.Fatal("the child saved nothing")
	}
	st, err := OpenStore(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.check(context.Background()); err != nil {
		t.Fatal(err)
	}
	sv, err := st.load(context.Background(), "crash-session")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := strconv.Atoi(sv.State.Details["reference"])
	if got != last && got != last+1 {
		t.Errorf("after the kill the store holds save %d; the last reported was %d", got, last)
	}
	if len(sv.Vacancies) != 1 || sv.Vacancies[0].Details["reference"] != sv.State.Details["reference"] {
		t.Errorf("the vacancy row is not in step with the state: %+v", sv.Vacancies)
	}
}

// crashChild saves ever larger values until it is killed, saying after
// each commit which one is done.
func crashChild(dir string) {
	st, err := OpenStore(context.Background(), dir)
	if err != nil {
		os.Exit(2)
	}
	big := strings.Repeat("Jane Smith\n", 20000)
	for i := 1; ; i++ {
		d := details{"reference": strconv.Itoa(i), "panel": big}
		if err := st.saveState(context.Background(), "crash-session", "token", state{Details: d}, &vacancy{Reference: "DE-1", Role: "r", Level: "l", Details: d}); err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("saved " + strconv.Itoa(i) + "\n")
	}
}

// newServer serves app on a test server closed when the test ends.
func newServer(t *testing.T, app *Server) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(app)
	t.Cleanup(func() { srv.Close(); app.Close() })
	return srv
}

// TestExportedVacanciesKeepThePanel: the panel, one name a line in the
// form, reaches vacancies.csv as the names a pack run reads ("Jane
// Smith; Raj Patel"), so `rolepack pack` writes one scoring sheet for
// each of them, as the app does; and the saved-work page names the
// command as it is.
func TestExportedVacanciesKeepThePanel(t *testing.T) {
	c := newClient(t, newOptions(t))
	c.saveDetails("data-engineer", "senior", url.Values{"reference": {"DE-5"}, "panel": {"Jane Smith\r\n  Raj Patel \r\n\r\nAmira Khan"}})
	r := c.get("/export/vacancies.csv")
	wantStatus(t, "vacancies.csv", r, http.StatusOK)
	rows, err := pack.ReadManifest("vacancies.csv", []byte(r.body))
	if err != nil {
		t.Fatalf("vacancies.csv does not read as a manifest: %v\n%s", err, r.body)
	}
	if len(rows) != 1 {
		t.Fatalf("%d rows in vacancies.csv, want 1:\n%s", len(rows), r.body)
	}
	want := "Jane Smith; Raj Patel; Amira Khan"
	if got, _ := rows[0].Value("panel"); got != want {
		t.Errorf("vacancies.csv gives the panel %q, want %q", got, want)
	}
	if strings.ContainsRune(r.body, 0) {
		t.Error("vacancies.csv holds a NUL byte")
	}
	saved := c.get("/saved")
	wantBody(t, "saved work", saved, "<code>rolepack pack vacancies.csv --config config.yaml</code>")
	if strings.Contains(saved.body, "--manifest") {
		t.Error("the saved-work page names rolepack pack --manifest, a flag pack does not have")
	}
}

// TestOpenASavedVacancy: "Open REF-1" on the saved-work page makes REF-1
// the vacancy the role pages show and the documents use (it linked to
// the role page, which showed whichever vacancy was saved last: REF-2's
// reference and band under REF-1's name). The organisation's details stay
// as they are; details typed with no reference, which no saved vacancy
// keeps, are not replaced.
func TestOpenASavedVacancy(t *testing.T) {
	c := newClient(t, newOptions(t))
	c.saveDetails("data-engineer", "senior", url.Values{"reference": {"REF-1"}, "band": {"Band 7"}})
	c.saveDetails("data-engineer", "head", url.Values{"reference": {"REF-2"}, "band": {"Band 8a"}, "organisation": {"Example Trust"}})
	saved := c.get("/saved")
	wantBody(t, "saved work", saved, `<form method="post" action="/saved/open"`, `name="reference" value="REF-1"`, ">Open REF-1</button>")
	token := csrfField.FindStringSubmatch(saved.body)[1]
	r := c.postForm("/saved/open", url.Values{"csrf": {token}, "reference": {"REF-1"}})
	wantStatus(t, "open REF-1", r, http.StatusSeeOther)
	if loc := r.header.Get("Location"); !strings.HasPrefix(loc, "/role?") || !strings.Contains(loc, "level=senior") || !strings.Contains(loc, "role=data-engineer") {
		t.Errorf("opening REF-1 leads to %s, not its role and level", loc)
	}
	page := c.get(r.header.Get("Location"))
	wantBody(t, "REF-1's page", page, "Vacancy REF-1 is open", `name="reference" type="text" value="REF-1"`, `name="band" type="text" value="Band 7"`,
		`name="organisation" type="text" value="Example Trust"`)
	wantBody(t, "REF-1's JD", c.get("/preview?role=data-engineer&level=senior&doc=jd"), "REF-1", "Band 7", "Example Trust")
	wantStatus(t, "no such vacancy", c.postForm("/saved/open", url.Values{"csrf": {token}, "reference": {"REF-9"}}), http.StatusNotFound)

	// Vacancy details with no reference are kept, and the page says why.
	c.saveDetails("data-engineer", "senior", url.Values{"band": {"Band 9"}})
	r = c.postForm("/saved/open", url.Values{"csrf": {token}, "reference": {"REF-2"}})
	wantStatus(t, "open over details with no reference", r, http.StatusConflict)
	wantBody(t, "open over details with no reference", r, "have no reference", `href="/saved"`)
	wantBody(t, "kept", c.get("/preview?role=data-engineer&level=senior&doc=jd"), "Band 9")
}

func TestOpenStoreOnAFileSaysSo(t *testing.T) {
	f := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(f, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := OpenStore(context.Background(), f)
	if err == nil || !strings.Contains(err.Error(), "is a file; give --data a folder") || strings.Contains(err.Error(), "mkdir") {
		t.Fatalf("OpenStore(a file) = %v, want a one-line error that it is a file", err)
	}
	if b, _ := os.ReadFile(f); string(b) != "mine" {
		t.Fatal("the file given as the data folder changed")
	}
}
