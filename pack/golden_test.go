package pack

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rolepack/rolepack/plan"
	"github.com/rolepack/rolepack/render"
)

var update = flag.Bool("update", false, "rewrite the golden Markdown in testdata/golden from the current templates")

// TestGoldenMarkdown renders every document kind of the default role (the
// repository's config.yaml, at its level) as Markdown and compares it with
// testdata/golden, so a change to a template or to composition shows as a
// reviewable diff. Regenerate with `go test ./pack -run Golden -update`
// (or `make golden`) and read the diff before committing it.
func TestGoldenMarkdown(t *testing.T) {
	e := newEnv(t)
	rc, err := plan.NewContext(context.Background(), e.cfg, e.lib, e.cfg.Role, e.cfg.Level, e.date)
	if err != nil {
		t.Fatal(err)
	}
	md, err := e.r.Formats.Lookup([]string{"md"})
	if err != nil {
		t.Fatal(err)
	}
	files, err := e.r.Files(context.Background(), Request{Context: rc, Kinds: render.Kinds, Formats: md, Date: e.date})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("testdata", "golden")
	if *update {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		path := filepath.Join(dir, f.Name)
		if *update {
			if err := os.WriteFile(path, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: no golden file (run go test ./pack -run Golden -update): %v", f.Name, err)
			continue
		}
		if !bytes.Equal(want, f.Data) {
			t.Errorf("%s differs from %s: a template or composition changed; if that is intended, run go test ./pack -run Golden -update and review the diff", f.Name, path)
		}
	}
}
