package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestShowJSONLadder(t *testing.T) {
	out, _, err := run(t, fixedDate, "show", "data-engineer", "--level", "senior", "--json", "--ladder")
	if err != nil {
		t.Fatal(err)
	}
	var ctx struct {
		Ladder struct {
			Rungs []struct {
				ID      string
				Current bool
			}
			Sections []struct{ Kind string }
		}
	}
	if err := json.Unmarshal([]byte(out), &ctx); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range ctx.Ladder.Rungs {
		id := r.ID
		if r.Current {
			id += "*"
		}
		ids = append(ids, id)
	}
	if strings.Join(ids, ",") != "entry,mid,senior*,head" || len(ctx.Ladder.Sections) == 0 {
		t.Errorf("ladder rungs %v, %d sections", ids, len(ctx.Ladder.Sections))
	}
	if out, _, _ := run(t, fixedDate, "show", "data-engineer", "--json"); strings.Contains(out, `"ladder"`) {
		t.Error("show --json without --ladder prints the ladder")
	}
}

func TestPackWithProgression(t *testing.T) {
	m := writeManifest(t, "v.csv", "reference,role,level\nR-1,data-engineer,mid\n")
	out := filepath.Join(t.TempDir(), "packs")
	if _, err := packCLI(t, context.Background(), false, m, "--out", out, "--format", "md", "--progression", "--quiet"); err != nil {
		t.Fatal(err)
	}
	b, err := packZipFile(t, out, "R-1-data-engineer-mid", "progression.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "Mid (this level)") {
		t.Errorf("the pack's career map does not mark the vacancy's level:\n%.600s", b)
	}
	// Without --progression the same pack is built from other inputs: it
	// is rebuilt, and its zip no longer holds the career map.
	if _, err := packCLI(t, context.Background(), false, m, "--out", out, "--format", "md", "--quiet"); err != nil {
		t.Errorf("dropping --progression: %v", err)
	}
	z, _ := os.ReadFile(filepath.Join(out, "R-1-data-engineer-mid.zip"))
	if bytes.Contains(z, []byte("progression.md")) {
		t.Error("the rebuilt zip still holds the career map")
	}
}
