package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/output/markdown"
)

// Result keys the goals refer to.
const (
	keyPDF         = "rolepack-pdf"
	keyDOCX        = "rolepack-docx"
	keyFloorCore   = "floor-fpdf-core"         // stock fpdf: issue 19's naive fpdf
	keyFloorPatch  = "floor-fpdf-core-patched" // rolepack's patched fpdf
	keyFloorZip    = "floor-zip"
	keyPdfkitCore  = "pdfkit-core"
	keyDocxtempl   = "docxtemplater"
	keyGenerateCmd = "generate"
)

// workspace is the benchmark's folder and the document in its two forms.
type workspace struct {
	dir string
	doc *doc.Document // the rendered tree rolepack's writers take
	jd  *jdFile       // the same document as jd.json, for floors and peers
}

// result is one tool's figure, or why it has none.
type result struct {
	key      string
	tool     string
	ms       float64 // median ms per document; 0 when skipped
	cpuMS    float64 // CPU ms per document (user + system of the process over the timed documents, every thread), 0 when not known
	output   string  // what one document came to, e.g. "3 pages, 61 KB"
	skipped  string  // why there is no figure
	recorded string  // the figures are not this run's but recorded (where and when), because the tool was skipped
}

// prepare composes the JD and writes jd.json, the Liberation Sans files
// and the JD's Markdown (pandoc's input) into dir.
func prepare(ctx context.Context, dir string) (*workspace, error) {
	d, err := defaultJD(ctx)
	if err != nil {
		return nil, err
	}
	w := &workspace{dir: dir, doc: d, jd: toJD(d)}
	b, err := marshalJD(w.jd)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{"jd.json": b}
	for _, f := range sansTTF {
		files[fontFile(f.style)] = f.ttf
	}
	var md bytes.Buffer
	if err := (markdown.Writer{}).Write(&md, d); err != nil {
		return nil, fmt.Errorf("jd.md: %w", err)
	}
	files["jd.md"] = md.Bytes()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// sansTTF are the Liberation Sans faces rolepack's PDF writer embeds
// (github.com/go-fonts/liberation), by fpdf style string; prepare writes
// them beside jd.json for the fpdf floor and pdfkit-font.js.
var sansTTF = []struct {
	style string
	ttf   []byte
}{
	{"", liberationsansregular.TTF},
	{"B", liberationsansbold.TTF},
	{"I", liberationsansitalic.TTF},
	{"BI", liberationsansbolditalic.TTF},
}

// fontFile names the file of a Liberation Sans face in the workspace,
// which the fpdf floor and pdfkit-font.js read.
func fontFile(style string) string {
	return map[string]string{"": "LiberationSans-Regular.ttf", "B": "LiberationSans-Bold.ttf",
		"I": "LiberationSans-Italic.ttf", "BI": "LiberationSans-BoldItalic.ttf"}[style]
}

// inProcessTool is one tool measured inside this process.
type inProcessTool struct {
	key, tool, file string
	write           func(b *bytes.Buffer) error
}

// measureInProcess measures rolepack's writers and the zip floor.
func measureInProcess(ctx context.Context, w *workspace, o options) ([]result, error) {
	formats, err := output.NewFormatsOf(output.DefaultFormats).Lookup([]string{"pdf", "docx", "html"})
	if err != nil {
		return nil, err
	}
	writer := func(i int) func(*bytes.Buffer) error {
		return func(b *bytes.Buffer) error { return formats[i].Writer.Write(b, w.doc) }
	}
	tools := []inProcessTool{
		{keyPDF, "rolepack PDF writer (tagged, Liberation Sans; tree → bytes)", "rolepack.pdf", writer(0)},
		{keyDOCX, "rolepack DOCX writer (tree → bytes)", "rolepack.docx", writer(1)},
		{"rolepack-html", "rolepack HTML writer (tree → bytes)", "rolepack.html", writer(2)},
		{keyFloorZip, "Go floor: minimal DOCX with archive/zip", "floor-zip.docx",
			func(b *bytes.Buffer) error { return writeFloorDOCX(b, w.jd) }},
	}
	var out []result
	for _, t := range tools {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ms, cpu, sample, err := timeInProcess(t.write, o)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.tool, err)
		}
		path := filepath.Join(w.dir, t.file)
		if err := os.WriteFile(path, sample, 0o644); err != nil {
			return nil, err
		}
		out = append(out, result{key: t.key, tool: t.tool, ms: ms, cpuMS: cpu, output: describe(path)})
	}
	return out, nil
}

// timeInProcess makes o.warmup documents, then o.n timed ones, and returns
// the median milliseconds per document, the CPU milliseconds per document
// (the process's user and system time over the timed documents, the
// collector's included) and the last document's bytes.
func timeInProcess(write func(*bytes.Buffer) error, o options) (ms, cpuMS float64, last []byte, err error) {
	var b bytes.Buffer
	for range o.warmup {
		b.Reset()
		if err := write(&b); err != nil {
			return 0, 0, nil, err
		}
	}
	runtime.GC() // the previous tool's garbage is not this one's to collect
	samples := make([]float64, o.n)
	cpuStart := processCPU()
	for i := range samples {
		b.Reset()
		start := time.Now()
		if err := write(&b); err != nil {
			return 0, 0, nil, err
		}
		samples[i] = float64(time.Since(start).Nanoseconds()) / 1e6
	}
	cpuMS = float64((processCPU() - cpuStart).Nanoseconds()) / 1e6 / float64(o.n)
	return median(samples), cpuMS, bytes.Clone(b.Bytes()), nil
}

// processCPU is the user and system time this process has used so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// median returns the middle value (the mean of the two middle ones for an
// even count).
func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// describe says what an output file came to: pages (for a PDF) and size.
func describe(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return ""
	}
	size := fmt.Sprintf("%.0f KB", float64(fi.Size())/1024)
	if filepath.Ext(path) != ".pdf" {
		return size
	}
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	data, err := os.ReadFile(path)
	if err != nil {
		return size
	}
	n, err := api.PageCount(bytes.NewReader(data), conf)
	if err != nil {
		return size + ", unreadable: " + err.Error()
	}
	return fmt.Sprintf("%d pages, %s", n, size)
}

// nodePeer is one Node script of tools/peerbench/node.
type nodePeer struct {
	key, tool, script, file string
}

// nodePeers runs each Node peer on jd.json.
func nodePeers(ctx context.Context, root string, w *workspace, o options) []result {
	peers := []nodePeer{
		{keyPdfkitCore, "pdfkit, core Helvetica", "pdfkit-core.js", "pdfkit-core.pdf"},
		{"pdfkit-font", "pdfkit, Liberation Sans embedded", "pdfkit-font.js", "pdfkit-font.pdf"},
		{keyDocxtempl, "docxtemplater (template with loops over the blocks)", "docxtemplater.js", "docxtemplater.docx"},
	}
	nodeDir := filepath.Join(root, "tools", "peerbench", "node")
	skip := ""
	if _, err := exec.LookPath("node"); err != nil {
		skip = "node is not on PATH"
	} else if _, err := os.Stat(filepath.Join(nodeDir, "node_modules")); err != nil {
		skip = "no node_modules: run `npm ci --prefix tools/peerbench/node --ignore-scripts` (or make bench-peers)"
	}
	var out []result
	for _, p := range peers {
		if o.quick && !goalKey(p.key) {
			continue
		}
		r := result{key: p.key, tool: p.tool, skipped: skip}
		if skip == "" {
			r.ms, r.cpuMS, r.skipped = runNodePeer(ctx, nodeDir, p, w, o)
			if r.skipped == "" {
				r.output = describe(filepath.Join(w.dir, p.file))
			}
		}
		out = append(out, r)
	}
	return out
}

// goalKey reports whether a goal compares the result of key.
func goalKey(key string) bool {
	for _, g := range goals {
		if g.num == key || g.den == key {
			return true
		}
	}
	return false
}

// peerLine is the one line of JSON a Node peer or the fpdf floor prints.
type peerLine struct {
	MS    float64 `json:"ms"`
	CPUMS float64 `json:"cpu_ms"` // CPU per document, every thread of the process; 0 from an older script
	N     int     `json:"n"`
}

// runNodePeer runs one peer script and returns its median ms/doc and CPU
// ms/doc, or why it has none.
func runNodePeer(ctx context.Context, nodeDir string, p nodePeer, w *workspace, o options) (ms, cpuMS float64, skipped string) {
	cmd := exec.CommandContext(ctx, "node", filepath.Join(nodeDir, p.script),
		filepath.Join(w.dir, "jd.json"), strconv.Itoa(o.n), strconv.Itoa(o.warmup), filepath.Join(w.dir, p.file))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		return 0, 0, fmt.Sprintf("%s failed: %v: %s", p.script, err, firstLine(stderr.String()))
	}
	return parsePeerLine(p.script, stdout)
}

// parsePeerLine finds the line of JSON a peer or the fpdf floor printed
// and returns its median ms/doc and CPU ms/doc, or why there is none.
func parsePeerLine(name string, stdout []byte) (ms, cpuMS float64, skipped string) {
	var line peerLine
	sc := bufio.NewScanner(bytes.NewReader(stdout))
	for sc.Scan() {
		if t := strings.TrimSpace(sc.Text()); strings.HasPrefix(t, "{") {
			if err := json.Unmarshal([]byte(t), &line); err != nil {
				return 0, 0, fmt.Sprintf("%s printed %q: %v", name, t, err)
			}
		}
	}
	if line.MS <= 0 {
		return 0, 0, fmt.Sprintf("%s printed no figure", name)
	}
	return line.MS, line.CPUMS, ""
}

// measureProcesses times `rolepack generate --doc jd --format pdf` and,
// when pandoc is on PATH, pandoc turning jd.md into DOCX, each as whole
// processes.
func measureProcesses(ctx context.Context, root string, w *workspace, o options) ([]result, error) {
	bin := filepath.Join(w.dir, "rolepack")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/rolepack")
	build.Dir = root
	if b, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build ./cmd/rolepack: %v: %s", err, firstLine(string(b)))
	}
	// An empty working folder and config home: generate reads the embedded
	// default config, as the in-process JD does.
	work := filepath.Join(w.dir, "run")
	if err := os.MkdirAll(filepath.Join(work, "xdg"), 0o755); err != nil {
		return nil, err
	}
	env := []string{"XDG_CONFIG_HOME=" + filepath.Join(work, "xdg")}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "ROLEPACK_") && !strings.HasPrefix(kv, "XDG_CONFIG_HOME=") && !strings.HasPrefix(kv, "SOURCE_DATE_EPOCH=") {
			env = append(env, kv)
		}
	}
	gen := func(i int) *exec.Cmd {
		c := exec.CommandContext(ctx, bin, "generate", "--doc", "jd", "--format", "pdf",
			"--date", benchDate.Format(time.DateOnly), "--out", filepath.Join(work, "gen", strconv.Itoa(i)))
		c.Dir, c.Env = work, env
		return c
	}
	ms, err := timeProcess(gen, o.runs)
	if err != nil {
		return nil, fmt.Errorf("rolepack generate: %w", err)
	}
	out := []result{{key: keyGenerateCmd, tool: "`rolepack generate --doc jd --format pdf`, one process (writes jd.pdf and record.pdf)", ms: ms,
		output: describe(filepath.Join(work, "gen", "0", "jd.pdf"))}}

	pandoc := result{key: "pandoc", tool: "pandoc → DOCX from the JD's Markdown, one process"}
	if _, err := exec.LookPath("pandoc"); err != nil {
		pandoc.skipped = "pandoc is not on PATH"
	} else {
		if err := os.MkdirAll(filepath.Join(work, "pandoc"), 0o755); err != nil {
			return nil, err
		}
		pd := func(i int) *exec.Cmd {
			c := exec.CommandContext(ctx, "pandoc", "-f", "markdown", "-t", "docx",
				"-o", filepath.Join(work, "pandoc", strconv.Itoa(i)+".docx"), filepath.Join(w.dir, "jd.md"))
			c.Dir = work
			return c
		}
		if pandoc.ms, err = timeProcess(pd, o.runs); err != nil {
			pandoc.skipped = err.Error()
		} else {
			pandoc.output = describe(filepath.Join(work, "pandoc", "0.docx"))
		}
	}
	return append(out, pandoc), nil
}

// timeProcess runs the command cmd(i) builds for one untimed run (the
// binary into the page cache) and then runs times more, and returns the
// median wall milliseconds of the timed runs.
func timeProcess(cmd func(i int) *exec.Cmd, runs int) (float64, error) {
	samples := make([]float64, runs)
	for i := -1; i < runs; i++ {
		c := cmd(i + 1)
		var stderr bytes.Buffer
		c.Stdout, c.Stderr = nil, &stderr
		start := time.Now()
		if err := c.Run(); err != nil {
			return 0, fmt.Errorf("%v: %s", err, firstLine(stderr.String()))
		}
		if i >= 0 {
			samples[i] = float64(time.Since(start).Nanoseconds()) / 1e6
		}
	}
	return median(samples), nil
}

// firstLine returns the first non-empty line of s.
func firstLine(s string) string {
	for l := range strings.Lines(s) {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

// bytesHasModule reports whether a go.mod is rolepack's.
func bytesHasModule(gomod []byte) bool {
	for l := range strings.Lines(string(gomod)) {
		if strings.TrimSpace(l) == "module github.com/rolepack/rolepack" {
			return true
		}
	}
	return false
}
