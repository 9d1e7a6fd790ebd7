package render_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/render"
)

// FuzzTemplateSource runs arbitrary template text, as a user's override of
// jd.md.tmpl, with the budgets on: it must end, within seconds, in a text
// or a one-line error, never a panic, a crash or a hang.
func FuzzTemplateSource(f *testing.F) {
	base := defaultContext(f, nil)
	for _, s := range []string{
		"{{ $s := \"xxxxxxxx\" }}{{ range 40 }}{{ $s = printf \"%s%s\" $s $s }}{{ end }}",
		"{{ range 2000000000 }}{{ end }}",
		`{{ $l := list 1 }}{{ range 40 }}{{ $l = concat $l $l }}{{ end }}`,
		`{{ $d := dict }}{{ $_ := set $d "k" $d }}{{ $d }}`,
		`{{ define "r" }}{{ template "r" . }}{{ template "r" . }}{{ end }}{{ template "r" 0 }}`,
		`{{ printf "%*d" 1000000 1 }}{{ regexReplaceAll "" "abc" "$0$0" }}`,
		`{{ range $i, $e := .Items }}{{ $e.Title | md }}{{ end }}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "jd.md.tmpl"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		e, err := render.NewEngine(dir)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("parse error of more than one line: %q", err)
			}
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		start := time.Now()
		_, err = e.Execute(ctx, "jd.md.tmpl", base)
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("took %s", d)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("error of more than one line: %q", err)
		}
	})
}
