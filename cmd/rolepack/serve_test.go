package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rolepack/rolepack/web"
)

// lockedBuffer is a buffer safe for the server's goroutine and the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestServeFlags(t *testing.T) {
	f := NewFactory(&IO{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard}, func(string) string { return "" }, time.Now)
	var got *ServeOptions
	cmd := NewCmdServe(f, func(_ context.Context, o *ServeOptions) error { got = o; return nil })
	cmd.SetArgs(nil)
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Addr != "127.0.0.1:8080" {
		t.Errorf("default --addr %q, want 127.0.0.1:8080", got.Addr)
	}
	cmd = NewCmdServe(f, func(_ context.Context, o *ServeOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--addr", "127.0.0.1:9000", "--date", "2026-01-05"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Addr != "127.0.0.1:9000" || got.Date != "2026-01-05" {
		t.Errorf("parsed %+v", got)
	}
}

var runningAt = regexp.MustCompile(`open (http://[^ ]+/) in your browser`)

// serve runs rolepack serve at addr (listening on a free loopback port
// whatever addr says) until the test stops it, and returns its address
// and stderr.
func serve(t *testing.T, addr string) (string, *lockedBuffer, func() error) {
	return serveEnv(t, addr, nil)
}

// serveEnv is serve with environment variables over fixedDate's.
func serveEnv(t *testing.T, addr string, env map[string]string) (string, *lockedBuffer, func() error) {
	t.Helper()
	errb := &lockedBuffer{}
	getenv := func(k string) string {
		if v, ok := env[k]; ok {
			return v
		}
		return fixedDate[k]
	}
	f := NewFactory(&IO{In: strings.NewReader(""), Out: io.Discard, Err: errb}, getenv, time.Now)
	opts := &ServeOptions{Factory: f, Addr: addr, Data: t.TempDir(), Listen: func(string, string) (net.Listener, error) {
		return net.Listen("tcp", "127.0.0.1:0")
	}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runServe(ctx, opts) }()
	stop := func() error { cancel(); return <-done }
	deadline := time.Now().Add(10 * time.Second)
	for {
		if m := runningAt.FindStringSubmatch(errb.String()); m != nil {
			return m[1], errb, stop
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve did not start: %s", errb.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestServeRunsOnLoopbackAndStops(t *testing.T) {
	url, errb, stop := serve(t, "127.0.0.1:8080")
	res, err := http.Get(url + "role?role=data-engineer&level=senior")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "<h1>Data engineer, Senior</h1>") {
		t.Errorf("role page: %d\n%.300s", res.StatusCode, body)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(errb.String(), "warning") {
		t.Errorf("a loopback address warns: %s", errb.String())
	}
	if !strings.Contains(errb.String(), "rolepack stopped.") {
		t.Errorf("no stop message: %s", errb.String())
	}
}

func TestServeWarnsOnAnotherAddress(t *testing.T) {
	env := map[string]string{"ROLEPACK_SERVE_TOKEN": "correct horse battery staple", "XDG_CONFIG_HOME": t.TempDir()}
	u, errb, stop := serveEnv(t, "0.0.0.0:8080", env)
	// Every request needs the password.
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized || !strings.HasPrefix(res.Header.Get("WWW-Authenticate"), "Basic") {
		t.Errorf("without the password: %d %q", res.StatusCode, res.Header.Get("WWW-Authenticate"))
	}
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	req.SetBasicAuth("hr", env["ROLEPACK_SERVE_TOKEN"])
	if res, err = http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("with the password: %d", res.StatusCode)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errb.String(), "warning: --addr 0.0.0.0:8080 can be reached from other computers: everyone who has the password can use rolepack") {
		t.Errorf("no warning: %s", errb.String())
	}
	for addr, want := range map[string]bool{"127.0.0.1:80": true, "localhost:1": true, "[::1]:8080": true, "0.0.0.0:80": false, ":8080": false, "192.168.1.2:80": false} {
		if loopback(addr) != want {
			t.Errorf("loopback(%q) = %v", addr, !want)
		}
	}
}

func TestServeRefusesABadAddress(t *testing.T) {
	_, stderr, err := run(t, nil, "serve", "--addr", "8080")
	if err == nil || err.Error() != "--addr 8080: write host:port, e.g. 127.0.0.1:8080" {
		t.Errorf("err = %v (stderr %q)", err, stderr)
	}
}

// serveData starts the web app `rolepack serve --data data` would start
// with the default config, on a test server; stop closes it.
func serveData(t *testing.T, data string) (srv *httptest.Server, stop func()) {
	t.Helper()
	f, _, _ := testFactory(fixedDate)
	l, err := f.loadAll(ConfigOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	run, err := f.newRun(l)
	if err != nil {
		t.Fatal(err)
	}
	app, err := web.New(web.Options{Run: run, TempDir: t.TempDir(), Data: data})
	if err != nil {
		t.Fatal(err)
	}
	srv = httptest.NewServer(app)
	return srv, func() { srv.Close(); app.Close() }
}

var csrfValue = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)

// get reads a page with the browser's cookies.
func get(t *testing.T, c *http.Client, u string) (int, []byte) {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b
}

// TestServeKeepsWorkAndExportsWhatGenerateBuilds: details saved in the
// web app are there after a restart over the same --data folder, and the
// exported config.yaml makes rolepack generate write the very bytes the
// web app downloads.
func TestServeKeepsWorkAndExportsWhatGenerateBuilds(t *testing.T) {
	data := t.TempDir()
	srv, stop := serveData(t, data)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	_, page := get(t, c, srv.URL+"/role?role=data-engineer&level=senior")
	m := csrfValue.FindSubmatch(page)
	if m == nil {
		t.Fatal("no CSRF token on the role page")
	}
	form := url.Values{"csrf": {string(m[1])}, "role": {"data-engineer"}, "level": {"senior"}, "doc": {"jd"},
		"reference": {"DE-777"}, "band": {"Band 8a"}, "salary": {"£52,000 a year"}, "closing": {"2026-12-31"},
		"organisation": {"Example Trust"}, "panel": {"Jane Smith\nRaj Patel"}}
	res, err := c.PostForm(srv.URL+"/role", form)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the details: %d", res.StatusCode)
	}
	// What the documents say: the organisation's text and a wording edit.
	for _, post := range []struct {
		path string
		form url.Values
	}{
		{"/organisation", url.Values{"about": {"Example Trust runs three hospitals in Leeds."}, "offer": {"A pension\nFree parking"}, "apply": {"Apply online."}}},
		{"/role/edit/wording", url.Values{"role": {"data-engineer"}, "level": {"senior"}, "replace": {"Power BI"}, "with": {"Microsoft Power BI"}}},
	} {
		post.form.Set("csrf", string(m[1]))
		res, err := c.PostForm(srv.URL+post.path, post.form)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("POST %s: %d", post.path, res.StatusCode)
		}
	}
	stop()

	srv, stop = serveData(t, data)
	defer stop()
	if _, b := get(t, c, srv.URL+"/preview?role=data-engineer&level=senior&doc=jd"); !bytes.Contains(b, []byte("DE-777")) {
		t.Fatal("the saved vacancy is gone after a restart")
	}
	status, cfg := get(t, c, srv.URL+"/export/config.yaml?role=data-engineer&level=senior")
	if status != http.StatusOK {
		t.Fatalf("export: %d: %s", status, cfg)
	}
	file := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(file, cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	formats := []string{"pdf", "docx", "md", "html"}
	if _, stderr, err := run(t, fixedDate, "generate", "--config", file, "--doc", "jd,advert,scoring", "--format", strings.Join(formats, ","), "--out", out); err != nil {
		t.Fatalf("generate from the export: %v\n%s", err, stderr)
	}
	for _, name := range []string{"jd.pdf", "jd.docx", "jd.md", "jd.html", "advert.md", "advert.docx", "scoring-jane-smith.md"} {
		want, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		kind := strings.SplitN(strings.TrimSuffix(name, filepath.Ext(name)), "-", 2)[0]
		q := url.Values{"role": {"data-engineer"}, "level": {"senior"}, "doc": {kind}, "file": {name}}
		status, got := get(t, c, srv.URL+"/download?"+q.Encode())
		if status != http.StatusOK || !bytes.Equal(got, want) {
			t.Errorf("%s: the web app's (%d, %d bytes) differs from generate's from the export (%d bytes)", name, status, len(got), len(want))
			if os.Getenv("ROLEPACK_DEBUG_EXPORT") != "" {
				os.WriteFile("/tmp/got-"+name, got, 0o644)
				os.WriteFile("/tmp/want-"+name, want, 0o644)
				os.WriteFile("/tmp/export.yaml", cfg, 0o644)
			}
		}
	}
	md, _ := os.ReadFile(filepath.Join(out, "jd.md"))
	ad, _ := os.ReadFile(filepath.Join(out, "advert.md"))
	if !bytes.Contains(md, []byte("DE-777")) || !bytes.Contains(md, []byte("Microsoft Power BI")) || !bytes.Contains(ad, []byte("three hospitals")) {
		t.Error("the export lost the vacancy or the edits: the test compares documents without them")
	}
	status, csv := get(t, c, srv.URL+"/export/vacancies.csv")
	if status != http.StatusOK || !bytes.Contains(csv, []byte("DE-777,data-engineer,senior,")) {
		t.Errorf("vacancies.csv: %d\n%s", status, csv)
	}
}

// TestServeRefusesAnotherAddressWithoutAPassword: bound where other
// computers reach it, serve does not start without a password of at least
// 16 characters from ROLEPACK_SERVE_TOKEN or a private token file; the
// command line cannot give one.
func TestServeRefusesAnotherAddressWithoutAPassword(t *testing.T) {
	cfgHome := t.TempDir()
	base := map[string]string{"XDG_CONFIG_HOME": cfgHome}
	for name, tc := range map[string]struct {
		env  map[string]string
		want string
	}{
		"none":  {base, "--addr 0.0.0.0:8080 can be reached from other computers, so rolepack needs a password for them: set ROLEPACK_SERVE_TOKEN"},
		"short": {map[string]string{"XDG_CONFIG_HOME": cfgHome, "ROLEPACK_SERVE_TOKEN": "secret"}, "ROLEPACK_SERVE_TOKEN: the password has 6 characters; use at least 16"},
	} {
		f := NewFactory(&IO{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard}, func(k string) string {
			if v, ok := tc.env[k]; ok {
				return v
			}
			return fixedDate[k]
		}, time.Now)
		listened := false
		opts := &ServeOptions{Factory: f, Addr: "0.0.0.0:8080", Data: t.TempDir(), Listen: func(string, string) (net.Listener, error) {
			listened = true
			return net.Listen("tcp", "127.0.0.1:0")
		}}
		err := runServe(context.Background(), opts)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", name, err, tc.want)
		}
		if listened {
			t.Errorf("%s: serve listened without a password", name)
		}
	}
	// A token file others can read is refused; a private one is used.
	p := filepath.Join(cfgHome, "rolepack", "serve-token")
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("a long enough password\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := serveCredential(func(k string) string { return base[k] }); err == nil || !strings.Contains(err.Error(), "others can read it") {
		t.Errorf("a readable token file: %v", err)
	}
	if err := os.Chmod(p, 0o600); err != nil {
		t.Fatal(err)
	}
	if tok, err := serveCredential(func(k string) string { return base[k] }); err != nil || tok != "a long enough password" {
		t.Errorf("token file: %q, %v", tok, err)
	}
	// No flag takes a password.
	cmd := NewCmdServe(NewFactory(&IO{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard}, func(string) string { return "" }, time.Now), nil)
	for _, name := range []string{"token", "password", "credential"} {
		if cmd.Flags().Lookup(name) != nil {
			t.Errorf("serve has a --%s flag: a password on the command line is seen by every user of the computer", name)
		}
	}
}
