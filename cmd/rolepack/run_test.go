package main

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/render"
	"github.com/rolepack/rolepack/web"
)

// brandedConfig writes a config with brand colours, a running header and
// an editorial ban over the default one, and returns its path.
func brandedConfig(t *testing.T, extra string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data) + `
brand:
  primary: "#c8102e"
  accent: "#00857c"
  header: "Example Trust: recruitment"
editorial:
  ban: [synergy]
` + extra
	p := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// serveApp starts the web app `rolepack serve` would start for the
// config and environment, on a test server.
func serveApp(t *testing.T, env map[string]string, args ...string) *httptest.Server {
	t.Helper()
	f, _, _ := testFactory(env)
	co := ConfigOptions{}
	for i := 0; i+1 < len(args); i += 2 {
		switch args[i] {
		case "--config":
			co.File = args[i+1]
		case "--templates":
			co.Sets = append(co.Sets, "templates="+args[i+1])
		}
	}
	l, err := f.loadAll(co, nil)
	if err != nil {
		t.Fatal(err)
	}
	run, err := f.newRun(l)
	if err != nil {
		t.Fatal(err)
	}
	app, err := web.New(web.Options{Run: run, TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(app)
	t.Cleanup(func() { srv.Close(); app.Close() })
	return srv
}

// download gets one document from the web app as a browser's download
// link does.
func download(t *testing.T, srv *httptest.Server, role, level, kind, file string) []byte {
	t.Helper()
	q := url.Values{"role": {role}, "level": {level}, "doc": {kind}, "file": {file}}
	resp, err := http.Get(srv.URL + "/download?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("download %s %s: %d: %s", kind, file, resp.StatusCode, b)
	}
	return b
}

// TestServeWritesWhatGenerateWrites: with a brand (colours, header) and an
// editorial ban set, every document the web app downloads is byte for
// byte the one rolepack generate writes from the same config and date.
func TestServeWritesWhatGenerateWrites(t *testing.T) {
	cfg := brandedConfig(t, "")
	out := t.TempDir()
	formats := []string{"pdf", "docx", "md", "html"}
	if _, stderr, err := run(t, fixedDate, "generate", "--config", cfg, "--role", "data-engineer", "--level", "senior",
		"--doc", "jd,advert", "--format", strings.Join(formats, ","), "--out", out); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	srv := serveApp(t, fixedDate, "--config", cfg)
	for _, kind := range []string{"jd", "advert"} {
		for _, f := range formats {
			name := kind + "." + f
			want, err := os.ReadFile(filepath.Join(out, name))
			if err != nil {
				t.Fatal(err)
			}
			got := download(t, srv, "data-engineer", "senior", kind, name)
			if !bytes.Equal(got, want) {
				t.Errorf("%s from serve (%d bytes) differs from generate's (%d bytes)", name, len(got), len(want))
			}
		}
	}
	html, _ := os.ReadFile(filepath.Join(out, "jd.html"))
	for _, want := range []string{"#c8102e", "Example Trust: recruitment"} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("jd.html lacks the brand's %q: the test compares unbranded documents", want)
		}
	}
}

// packFiles lists the extensions of the files a pack folder under out
// holds.
func packFiles(t *testing.T, out string) []string {
	t.Helper()
	zips, _ := filepath.Glob(filepath.Join(out, "*.zip"))
	seen := map[string]bool{}
	for _, z := range zips {
		zr, err := zip.OpenReader(z)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if ext := path.Ext(f.Name); ext != "" && !strings.HasPrefix(path.Base(f.Name), ".") {
				seen[ext] = true
			}
		}
		zr.Close()
	}
	var exts []string
	for e := range seen {
		exts = append(exts, e)
	}
	sort.Strings(exts)
	return exts
}

// TestPackHonoursTheConfiguredFormats: rolepack pack writes the formats
// the config names, ROLEPACK_FORMAT over it, --format over both.
func TestPackHonoursTheConfiguredFormats(t *testing.T) {
	cfg := brandedConfig(t, "")
	data, _ := os.ReadFile(cfg)
	formatsLine := regexp.MustCompile(`(?m)^formats:.*$`)
	if !formatsLine.Match(data) {
		t.Fatal("config.yaml has no formats line")
	}
	if err := os.WriteFile(cfg, formatsLine.ReplaceAll(data, []byte("formats: [md]")), 0o644); err != nil {
		t.Fatal(err)
	}
	none := filepath.Join(t.TempDir(), "none.yaml")
	if err := os.WriteFile(none, formatsLine.ReplaceAll(data, nil), 0o644); err != nil {
		t.Fatal(err)
	}
	m := writeManifest(t, "vacancies.csv", "reference,role,level\nREF-1,data-engineer,senior\n")
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want []string
	}{
		{"formats: [md] in the config", nil, nil, []string{".jsonld", ".md"}},
		{"ROLEPACK_FORMAT", map[string]string{"ROLEPACK_FORMAT": "html"}, nil, []string{".html", ".jsonld"}},
		{"--format over ROLEPACK_FORMAT", map[string]string{"ROLEPACK_FORMAT": "html"}, []string{"--format", "md,html"}, []string{".html", ".jsonld", ".md"}},
		{"no formats anywhere", nil, []string{"--config", none}, []string{".docx", ".jsonld", ".pdf"}},
	} {
		out := t.TempDir()
		env := map[string]string{"SOURCE_DATE_EPOCH": "1794528000"}
		for k, v := range tc.env {
			env[k] = v
		}
		var o, e bytes.Buffer
		cmd := NewCmdRoot(NewFactory(&IO{In: strings.NewReader(""), Out: &o, Err: &e}, func(k string) string { return env[k] }, time.Now))
		cmd.SetArgs(append([]string{"pack", m, "--config", cfg, "--out", out, "--quiet"}, tc.args...))
		if err := cmd.ExecuteContext(context.Background()); err != nil {
			t.Fatalf("%s: %v\n%s", tc.name, err, e.String())
		}
		if got := packFiles(t, out); strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%s: the pack holds %v, want %v", tc.name, got, tc.want)
		}
	}
	// A format no pack kind can be written in is refused before any pack.
	out := t.TempDir()
	_, err := packCLI(t, context.Background(), false, m, "--config", cfg, "--out", out, "--format", "xlsx")
	if err == nil || !strings.Contains(err.Error(), "cannot be written as xlsx") || strings.Contains(err.Error(), "\n") {
		t.Errorf("--format xlsx: err = %v", err)
	}
	if entries, _ := os.ReadDir(out); len(entries) > 0 {
		t.Errorf("--format xlsx wrote %d entries", len(entries))
	}
}

// txtWriter is a throwaway format's writer: the document's title and
// headings as plain text.
type txtWriter struct{}

func (txtWriter) Write(w io.Writer, d *doc.Document) error {
	_, err := fmt.Fprintf(w, "TXT %s\n", d.Meta.Title)
	return err
}

// TestAThrowawayKindAndFormatNeedOneEntryEach: a kind added as one entry
// of render.Kinds (with its template) and a format added as one entry of
// output.DefaultFormats (with its writer) work through generate, pack and
// serve, with no other change.
func TestAThrowawayKindAndFormatNeedOneEntryEach(t *testing.T) {
	kinds, formats := render.Kinds, output.DefaultFormats
	t.Cleanup(func() { render.Kinds, output.DefaultFormats = kinds, formats })
	render.Kinds = append(append([]render.Kind(nil), kinds...),
		render.Kind{ID: "memo", Title: "Hiring memo", Template: "memo.md.tmpl", RolePack: true})
	output.DefaultFormats = append(append([]output.Format(nil), formats...),
		output.Format{Name: "txt", Ext: ".txt", MediaType: "text/plain; charset=utf-8", Shape: output.ShapeDocument,
			New: func() (output.Writer, error) { return txtWriter{}, nil }})
	tmpl := t.TempDir()
	memo := "{{- template \"meta\" (dict \"ctx\" . \"title\" (printf \"Hiring memo: %s\" .Title)) -}}\n# Hiring memo: {{ md .Title }}\n\nA memo.\n"
	if err := os.WriteFile(filepath.Join(tmpl, "memo.md.tmpl"), []byte(memo), 0o644); err != nil {
		t.Fatal(err)
	}

	// generate
	out := t.TempDir()
	if _, stderr, err := run(t, fixedDate, "generate", "--templates", tmpl, "--role", "data-engineer", "--level", "senior",
		"--doc", "memo,jd", "--format", "txt,md", "--out", out); err != nil {
		t.Fatalf("generate: %v\n%s", err, stderr)
	}
	for _, name := range []string{"memo.txt", "memo.md", "jd.txt"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("generate: %v", err)
		}
	}
	txt, _ := os.ReadFile(filepath.Join(out, "memo.txt"))
	if !strings.HasPrefix(string(txt), "TXT Hiring memo: ") {
		t.Errorf("memo.txt = %q", txt)
	}

	// pack
	m := writeManifest(t, "vacancies.csv", "reference,role,level\nREF-1,data-engineer,senior\n")
	packs := t.TempDir()
	if stderr, err := packCLI(t, context.Background(), false, m, "--templates", tmpl, "--out", packs, "--format", "txt"); err != nil {
		t.Fatalf("pack: %v\n%s", err, stderr)
	}
	if _, err := packZipFile(t, packs, "REF-1-data-engineer-senior", "memo.txt"); err != nil {
		t.Errorf("pack: %v", err)
	}

	// serve
	srv := serveApp(t, fixedDate, "--templates", tmpl)
	if got := download(t, srv, "data-engineer", "senior", "memo", "memo.txt"); !bytes.Equal(got, txt) {
		t.Errorf("serve: memo.txt = %q, want %q", got, txt)
	}
	resp, err := http.Get(srv.URL + "/role?role=data-engineer&level=senior&doc=memo")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !bytes.Contains(page, []byte("file=memo.txt")) {
		t.Errorf("serve: the memo's page (%d) offers no TXT download", resp.StatusCode)
	}
}
