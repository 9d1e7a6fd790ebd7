package web

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHostAllowlistComesFirst(t *testing.T) {
	opts := newOptions(t)
	opts.Hosts = []string{"hr-laptop.local"}
	c := newClient(t, opts)
	for host, want := range map[string]int{
		"evil.example": http.StatusMisdirectedRequest, "evil.example:80": http.StatusMisdirectedRequest,
		"127.0.0.1.evil.example": http.StatusMisdirectedRequest,
		"localhost":              http.StatusOK, "LOCALHOST:8080": http.StatusOK, "127.0.0.1:8080": http.StatusOK, "[::1]:8080": http.StatusOK,
		"hr-laptop.local:8080": http.StatusOK, "hr-laptop.local.": http.StatusOK,
	} {
		for _, path := range []string{"/", "/static/app.css", "/role?role=data-engineer&level=senior"} {
			req, _ := http.NewRequest(http.MethodGet, c.srv.URL+path, nil)
			req.Host = host
			r := c.do(req)
			if r.status != want {
				t.Errorf("Host %q %s: %d, want %d", host, path, r.status, want)
			}
			if want != http.StatusOK && strings.Contains(r.body, "csrf") {
				t.Errorf("Host %q gets a CSRF token", host)
			}
		}
	}
	// A rebinding page's POST is refused before its form is read.
	token := c.csrf("/role?role=data-engineer&level=senior")
	req, _ := http.NewRequest(http.MethodPost, c.srv.URL+"/role", strings.NewReader(url.Values{"csrf": {token}, "role": {"data-engineer"}, "level": {"senior"}, "band": {"Band 9"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Host, req.Header["Origin"] = "evil.example", []string{"http://evil.example"}
	wantStatus(t, "rebound POST", c.do(req), http.StatusMisdirectedRequest)
	if strings.Contains(c.get("/preview?role=data-engineer&level=senior&doc=jd").body, "Band 9") {
		t.Error("a rebound POST saved its value")
	}
}

func TestCredentialIsNeededWhenSet(t *testing.T) {
	opts := newOptions(t)
	opts.Credential = "correct horse battery staple"
	c := newClient(t, opts)
	r := c.get("/")
	wantStatus(t, "no password", r, http.StatusUnauthorized)
	if !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Basic ") || strings.Contains(r.body, "csrf") {
		t.Errorf("no password: %q %q", r.header.Get("WWW-Authenticate"), r.body)
	}
	for name, set := range map[string]func(*http.Request){
		"wrong":  func(q *http.Request) { q.SetBasicAuth("hr", "wrong") },
		"empty":  func(q *http.Request) { q.SetBasicAuth("hr", "") },
		"basic":  func(q *http.Request) { q.SetBasicAuth("anyone", opts.Credential) },
		"bearer": func(q *http.Request) { q.Header.Set("Authorization", "Bearer "+opts.Credential) },
	} {
		req, _ := http.NewRequest(http.MethodGet, c.srv.URL+"/static/app.css", nil)
		set(req)
		want := http.StatusUnauthorized
		if name == "basic" || name == "bearer" {
			want = http.StatusOK
		}
		wantStatus(t, name, c.do(req), want)
	}
}

func TestBatchesGoToFilesWithARowCap(t *testing.T) {
	opts := newOptions(t)
	opts.Data = t.TempDir()
	c := newClient(t, opts)
	data, _ := os.ReadFile("testdata/vacancies.csv")
	token := c.csrf("/batch")
	r := c.upload("/batch", url.Values{"csrf": {token}, "format": {"md"}}, [3]string{"manifest", "vacancies.csv", string(data)})
	wantStatus(t, "upload", r, http.StatusSeeOther)
	loc := r.header.Get("Location")
	waitForRun(t, c, loc)
	id := strings.TrimPrefix(loc, "/batch/")
	zipFile := filepath.Join(opts.Data, "batches", id, "role-packs.zip")
	onDisk, err := os.ReadFile(zipFile)
	if err != nil {
		t.Fatalf("the run's zip is not a file under the data folder: %v", err)
	}
	z := c.get(loc + "/role-packs.zip")
	if z.body != string(onDisk) || z.header.Get("Content-Length") == "" {
		t.Errorf("the download (%d bytes) is not the file (%d bytes), streamed", len(z.body), len(onDisk))
	}
	// A restart removes the runs' files.
	c.restart(opts)
	if _, err := os.Stat(filepath.Join(opts.Data, "batches", id)); !os.IsNotExist(err) {
		t.Errorf("a run's folder outlives the server: %v", err)
	}

	var b strings.Builder
	b.WriteString("reference,role,level\n")
	for i := 0; i <= maxRows; i++ {
		b.WriteString("R,data-engineer,senior\n")
	}
	r = c.upload("/batch", url.Values{"csrf": {token}, "format": {"md"}}, [3]string{"manifest", "many.csv", b.String()})
	wantStatus(t, "too many rows", r, http.StatusRequestEntityTooLarge)
	wantBody(t, "too many rows", r, "many.csv has 501 vacancies: upload at most 500 at a time")
}
