package rolepack

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/rolepack/rolepack"

// floors are the pipeline's layers, lowest first, as docs/architecture.md
// draws them: a package may import packages of its own floor or below,
// never above. A package's floor is that of the longest prefix listed.
var floors = []struct {
	name     string
	prefixes []string
}{
	{"ground", []string{".", "internal", "textdiff", "doc", "templates", "i18n", "pdfcheck"}},
	{"framework", []string{"framework"}},
	{"config", []string{"config"}},
	{"lint", []string{"lint"}},
	{"compose", []string{"compose"}},
	{"plans", []string{"plan", "careermap"}},
	{"render", []string{"render"}},
	{"output", []string{"output"}},
	{"schema", []string{"schema"}},
	{"pack", []string{"pack", "translate"}},
	{"web", []string{"web"}},
	{"cmd", []string{"cmd"}},
	{"tools", []string{"tools"}},
}

// floorOf returns the floor index of a package directory ("" for the
// module root), and whether one is listed.
func floorOf(dir string) (int, bool) {
	best, bestLen := -1, -1
	for i, f := range floors {
		for _, p := range f.prefixes {
			if p == "." && dir == "." && bestLen < 0 {
				best, bestLen = i, 0
			}
			if p != "." && (dir == p || strings.HasPrefix(dir, p+"/")) && len(p) > bestLen {
				best, bestLen = i, len(p)
			}
		}
	}
	return best, best >= 0
}

// TestNoPackageImportsAFloorAbove reads the imports of every package's
// non-test files and fails for any that imports a package on a higher
// floor (the arrows of docs/architecture.md's drawing all point down), or
// a writer (output/*) that imports more than the document tree and ground
// utilities.
func TestNoPackageImportsAFloorAbove(t *testing.T) {
	imports := map[string]map[string]bool{} // package dir → module dirs it imports
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case "third_party", "testdata", "node_modules", ".git":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if p != module && !strings.HasPrefix(p, module+"/") {
				continue
			}
			to := strings.TrimPrefix(strings.TrimPrefix(p, module), "/")
			if to == "" {
				to = "."
			}
			if imports[dir] == nil {
				imports[dir] = map[string]bool{}
			}
			imports[dir][to] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for d := range imports {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	if len(dirs) < 20 {
		t.Fatalf("read the imports of %d packages only", len(dirs))
	}
	for _, from := range dirs {
		ff, ok := floorOf(from)
		if !ok {
			t.Errorf("%s is on no floor: add it to floors (and to docs/architecture.md)", from)
			continue
		}
		for to := range imports[from] {
			ft, ok := floorOf(to)
			if !ok {
				t.Errorf("%s imports %s, which is on no floor", from, to)
				continue
			}
			if ft > ff {
				t.Errorf("%s (%s) imports %s (%s), a floor above it", from, floors[ff].name, to, floors[ft].name)
			}
			if strings.HasPrefix(from, "output/") && floors[ft].name != "ground" {
				t.Errorf("writer %s imports %s: writers read the document tree only", from, to)
			}
		}
	}
}
