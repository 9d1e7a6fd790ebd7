package render_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rolepack/rolepack/render"
)

// engineWith is an engine whose jd.md.tmpl is src.
func engineWith(t *testing.T, src string) (*render.Engine, error) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "jd.md.tmpl"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return render.NewEngine(dir)
}

// TestTemplateBudget holds issue 14's reproductions: each template used
// to run for minutes or take gigabytes; each now fails at once, naming
// the limit.
func TestTemplateBudget(t *testing.T) {
	ctx := defaultContext(t, nil)
	for _, tc := range []struct{ src, want string }{
		{`{{ len (until 1000000000) }}`, "until asks for 1000000000 items; the limit is 100000"},
		{`{{ repeat 1000000000 "x" }}`, "repeat asks for 1000000000 items"},
		{`{{ len (untilStep 0 2000000000 1) }}`, "untilStep asks for 2000000000 items"},
		{`{{ seq 1 500000000 }}`, "seq asks for"},
		{`{{ indent 1000000000 "a" }}`, "indent asks for"},
		{`{{ range until 100000 }}{{ range until 100000 }}{{ end }}{{ end }}`, "made more than 1000000 items in all"},
		{`{{ range until 10000 }}` + strings.Repeat("x", 1000) + `{{ end }}`, "the template wrote more than 8 MiB"},
	} {
		e, err := engineWith(t, tc.src)
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.Execute(context.Background(), "jd.md.tmpl", ctx)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "jd.md.tmpl") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %v, want one line with %q", tc.src, err, tc.want)
		}
	}
}

// TestTemplateCancel: cancelling the context (Ctrl-C) stops a template
// that computes without writing, at once.
func TestTemplateCancel(t *testing.T) {
	e, err := engineWith(t, `{{ define "r" }}{{ if lt . 40 }}{{ template "r" (add1 .) }}{{ template "r" (add1 .) }}{{ end }}{{ end }}{{ template "r" 0 }}`)
	if err != nil {
		t.Fatal(err)
	}
	c, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	// 2^40 calls never finish on their own: only the cancel ends them.
	_, err = e.Execute(c, "jd.md.tmpl", defaultContext(t, nil))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// TestNonRepeatableFuncsRemoved: functions that make two runs differ are
// not in the map (issue 14: shuffle, bcrypt, encryptAES, htpasswd).
func TestNonRepeatableFuncsRemoved(t *testing.T) {
	for _, fn := range []string{"shuffle", "bcrypt", "encryptAES", "htpasswd", "genPrivateKey", "uuidv4", "randAlpha", "randInt", "now", "toDate"} {
		_, err := engineWith(t, "{{ "+fn+" }}")
		if err == nil || !strings.Contains(err.Error(), `function "`+fn+`" not defined`) {
			t.Errorf("%s: %v, want not defined", fn, err)
		}
	}
}

// TestOverrideLinkOutsideRefused: a template that is a link to
// /etc/passwd was read; now it is an error naming it. A FIFO is refused
// without hanging.
func TestOverrideLinkOutsideRefused(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "jd.md.tmpl")); err != nil {
		t.Fatal(err)
	}
	_, err := render.NewEngine(dir)
	if err == nil || !strings.Contains(err.Error(), "jd.md.tmpl: a link that leads out of the templates folder") {
		t.Errorf("link: %v", err)
	}
	dir = t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "jd.md.tmpl"), 0o600); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() { _, err := render.NewEngine(dir); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("FIFO: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("FIFO template: NewEngine hangs")
	}
}
