package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// The fpdf floors are the command of ./fpdffloor, a module of its own:
// built with its go.mod it uses stock fpdf (issue 19's "naive fpdf"), with
// go.patched.mod rolepack's patched copy in third_party/fpdf. Inside this
// module fpdf is always the patched copy (the root go.mod replaces it), so
// the floors cannot run in this process.

// fpdfBuild is one build of the floor command.
type fpdfBuild struct {
	name    string // "stock" or "patched", the binary's suffix
	modfile string // "" : the module's go.mod
}

// fpdfBuilds are the two fpdfs the floor is built against.
var fpdfBuilds = []fpdfBuild{{"stock", ""}, {"patched", "go.patched.mod"}}

// fpdfFloor is one floor run: which build, which font setup.
type fpdfFloor struct {
	key, tool, build, setup, file string
}

// floorDir is the floor module's folder under the repository root.
func floorDir(root string) string {
	return filepath.Join(root, "tools", "peerbench", "fpdffloor")
}

// buildFloor builds the floor command of build b into dir and returns the
// binary's path. env is the go command's environment (nil: this process's).
func buildFloor(ctx context.Context, root, dir string, b fpdfBuild, env []string) (string, error) {
	bin := filepath.Join(dir, "fpdffloor-"+b.name)
	args := []string{"build"}
	if b.modfile != "" {
		args = append(args, "-modfile="+b.modfile)
	}
	args = append(args, "-o", bin, ".")
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir, cmd.Env = floorDir(root), env
	if out, err := cmd.CombinedOutput(); err != nil {
		msg := strings.Join(strings.Fields(strings.ReplaceAll(string(out), "\n", "; ")), " ")
		return "", fmt.Errorf("go %s (in %s): %v: %s", strings.Join(args, " "), cmd.Dir, err, msg)
	}
	return bin, nil
}

// stockFpdfVersion returns the fpdf version the floor module's go.mod
// requires, e.g. "v0.12.0", or "" when it cannot be read.
func stockFpdfVersion(root string) string {
	b, err := os.ReadFile(filepath.Join(floorDir(root), "go.mod"))
	if err != nil {
		return ""
	}
	for l := range strings.Lines(string(b)) {
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(l), "require"))
		if len(f) >= 2 && f[0] == "codeberg.org/go-pdf/fpdf" {
			return f[1]
		}
	}
	return ""
}

// measureFpdfFloors builds the floor against stock and patched fpdf and
// runs it: stock with core Helvetica and with Liberation Sans per
// document, patched with core Helvetica. A build that fails (stock fpdf
// not in the module cache and no network, say) skips its rows.
func measureFpdfFloors(ctx context.Context, root string, w *workspace, o options) []result {
	stock := "stock fpdf " + stockFpdfVersion(root)
	floors := []fpdfFloor{
		{keyFloorCore, "Go floor: " + stock + ", core Helvetica, nothing embedded", "stock", "core", "floor-core.pdf"},
		{"floor-fpdf-ttf", "Go floor: " + stock + ", Liberation Sans TTF loaded per document", "stock", "liberation", "floor-ttf.pdf"},
		{keyFloorPatch, "Go floor: patched fpdf (third_party/fpdf), core Helvetica, nothing embedded", "patched", "core", "floor-core-patched.pdf"},
	}
	bins, failed := map[string]string{}, map[string]string{}
	for _, b := range fpdfBuilds {
		bin, err := buildFloor(ctx, root, w.dir, b, nil)
		if err != nil {
			failed[b.name] = err.Error()
			continue
		}
		bins[b.name] = bin
	}
	var out []result
	for _, f := range floors {
		if o.quick && !goalKey(f.key) {
			continue
		}
		r := result{key: f.key, tool: f.tool, skipped: failed[f.build]}
		if r.skipped == "" {
			r.ms, r.cpuMS, r.skipped = runFloor(ctx, bins[f.build], f, w, o)
			if r.skipped == "" {
				r.output = describe(filepath.Join(w.dir, f.file))
			}
		}
		out = append(out, r)
	}
	return out
}

// runFloor runs one floor binary on jd.json and returns its median ms/doc
// and CPU ms/doc, or why it has none.
func runFloor(ctx context.Context, bin string, f fpdfFloor, w *workspace, o options) (ms, cpuMS float64, skipped string) {
	cmd := exec.CommandContext(ctx, bin, "-jd", filepath.Join(w.dir, "jd.json"),
		"-n", strconv.Itoa(o.n), "-warmup", strconv.Itoa(o.warmup), "-font-dir", w.dir,
		"-setup", f.setup, "-out", filepath.Join(w.dir, f.file))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	name := filepath.Base(bin) + " -setup " + f.setup
	if err != nil {
		return 0, 0, fmt.Sprintf("%s failed: %v: %s", name, err, firstLine(stderr.String()))
	}
	return parsePeerLine(name, stdout)
}
