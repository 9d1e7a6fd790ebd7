//go:build e2e

package main

import (
	"fmt"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// need returns the path of an external tool; without it the e2e suite
// cannot run (make e2e sets ROLEPACK_REQUIRE_TOOLS=1, and CI installs them).
func need(t *testing.T, tool string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err != nil {
		if os.Getenv("ROLEPACK_REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s is not installed (apt-get install poppler-utils libreoffice-writer-nogui)", tool)
		}
		t.Skipf("%s not installed", tool)
	}
	return p
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command(need(t, "pdftotext"), "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext %s: %v\n%s", path, err, out)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestE2EDefaultRunWithRealReaders builds the binary, runs it as a user
// would, converts every DOCX to PDF with LibreOffice and reads every PDF
// with pdftotext.
func TestE2EDefaultRunWithRealReaders(t *testing.T) {
	soffice := need(t, "soffice")
	dir := t.TempDir()
	bin := filepath.Join(dir, "rolepack")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	out := filepath.Join(dir, "dist")
	cmd := exec.Command(bin, "--out", out, "--doc", "jd,spec,advert,scoring,pdp", "--format", "pdf,docx,md,html")
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1794528000")
	cmd.Dir = "../.." // the repository's config.yaml
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("rolepack: %v\n%s", err, b)
	}
	conv := filepath.Join(dir, "converted")
	docs, _ := filepath.Glob(filepath.Join(out, "*.docx"))
	if len(docs) != 6 {
		t.Fatalf("%d DOCX files, want 6 (five documents and the record)", len(docs))
	}
	args := append([]string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "lo-profile"), "--convert-to", "pdf", "--outdir", conv}, docs...)
	if b, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice: %v\n%s", err, b)
	}
	// What each document must say, in the PDF we write and in LibreOffice's
	// rendering of the DOCX.
	want := map[string][]string{
		"jd": {"Head of data engineering", "Job description", "Inspire best practice for data products and services within your teams",
			"Programming and build:", "Delivering outcomes", "Person specification", "Example Health Data Service",
			"Document control: Version 1.0"},
		"spec":    {"Person specification", "Essential", "Desirable", "Experience of data modelling"},
		"advert":  {"Head of data engineering", "How to apply"},
		"scoring": {"Interview scoring sheet", "Outstanding", "Insufficient evidence", "Suggested question", "Question asked"},
		"record":  {"Composition record", "Left out", "NHS-specific", "NHS Constitution"},
		"pdp": {"Personal development plan", "Build containers and Helm charts",
			"Lead the development of containerisation policies and best practices",         // new at Senior
			"Strategic oversight of containerisation strategies and Helm chart management", // Senior (the default config's edits write it en-GB)
			"Objectives", "Sign-off"},
	}
	for kind, phrases := range want {
		for _, pdf := range []string{filepath.Join(out, kind+".pdf"), filepath.Join(conv, kind+".pdf")} {
			text := pdfText(t, pdf)
			for _, p := range phrases {
				if !strings.Contains(text, p) {
					t.Errorf("%s lacks %q", pdf, p)
				}
			}
		}
	}
}

// TestE2EPagination renders every kind for the default role at head and
// senior and for an NCF role used as it is, converts each DOCX with
// LibreOffice, and reads every page of both PDFs with pdftotext: no page
// may end with a heading or with a table's header row, and no page of a
// document longer than one page may hold fewer than four lines.
func TestE2EPagination(t *testing.T) {
	soffice := need(t, "soffice")
	need(t, "pdftotext")
	dir := t.TempDir()
	bin := filepath.Join(dir, "rolepack")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cases := [][]string{
		{"--level", "head", "--doc", "jd,spec,advert,scoring,pdp"},
		{"--level", "senior", "--doc", "jd,spec,advert,scoring,pdp"},
		{"--role", "ncf/head-of-data-ethics", "--level", "head-of-data-ethics", "--doc", "jd,spec,advert,scoring"},
	}
	for i, c := range cases {
		out := filepath.Join(dir, "dist", strconv.Itoa(i))
		args := append([]string{"--out", out, "--format", "pdf,docx,md"}, c...)
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1794528000")
		cmd.Dir = "../.."
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("rolepack %v: %v\n%s", args, err, b)
		}
		conv := filepath.Join(out, "converted")
		docs, _ := filepath.Glob(filepath.Join(out, "*.docx"))
		lo := append([]string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "lo-profile"), "--convert-to", "pdf", "--outdir", conv}, docs...)
		if b, err := exec.Command(soffice, lo...).CombinedOutput(); err != nil {
			t.Fatalf("LibreOffice: %v\n%s", err, b)
		}
		mds, _ := filepath.Glob(filepath.Join(out, "*.md"))
		for _, md := range mds {
			stem := strings.TrimSuffix(filepath.Base(md), ".md")
			src, err := os.ReadFile(md)
			if err != nil {
				t.Fatal(err)
			}
			headings, headers := structure(string(src))
			for _, pdf := range []string{filepath.Join(out, stem+".pdf"), filepath.Join(conv, stem+".pdf")} {
				for _, p := range pageProblems(t, pdf, headings, headers) {
					t.Errorf("%v %s: %s", c, pdf[len(dir):], p)
				}
			}
		}
	}
}

// structure returns the headings and the table header rows of a Markdown
// document, each with its white space collapsed.
func structure(md string) (headings, headers map[string]bool) {
	headings, headers = map[string]bool{}, map[string]bool{}
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "#"):
			headings[flat(strings.TrimLeft(l, "# "))] = true
		case strings.HasPrefix(l, "|") && i+1 < len(lines) && strings.HasPrefix(lines[i+1], "| ---"):
			var cells []string
			for _, c := range strings.Split(strings.Trim(l, "|"), "|") {
				if s := strings.TrimSpace(strings.ReplaceAll(c, "**", "")); s != "" {
					cells = append(cells, s)
				}
			}
			// A table whose rows are all blank (a log or a sign-off to fill
			// in) shows no text after its header: text extraction cannot
			// tell whether its rows are on the page, so it is not checked.
			blank := i+2 < len(lines) && strings.HasPrefix(lines[i+2], "|")
			for j := i + 2; j < len(lines) && strings.HasPrefix(lines[j], "|"); j++ {
				if strings.Trim(lines[j], "| ") != "" {
					blank = false
				}
			}
			if len(cells) > 0 && !blank {
				headers[flat(strings.Join(cells, " "))] = true
			}
		}
	}
	return headings, headers
}

func flat(s string) string {
	s = strings.NewReplacer(`\`, "", "*", "").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// pageProblems reads each page of pdf and lists the rules it breaks. The
// running header (pages after the first) and the footer line are not
// body text.
func pageProblems(t *testing.T, pdf string, headings, headers map[string]bool) []string {
	t.Helper()
	info, err := exec.Command("pdfinfo", pdf).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", pdf, err)
	}
	pages := 0
	for _, l := range strings.Split(string(info), "\n") {
		if f := strings.Fields(l); len(f) == 2 && f[0] == "Pages:" {
			pages, _ = strconv.Atoi(f[1])
		}
	}
	var out []string
	for p := 1; p <= pages; p++ {
		body, filled := pageBody(t, pdf, p)
		if pages > 1 && max(len(body), filled) < 4 && !hasImage(t, pdf, p) {
			out = append(out, fmt.Sprintf("page %d of %d holds %d lines: %q", p, pages, len(body), body))
		}
		if p == pages || len(body) == 0 {
			continue
		}
		last := body[len(body)-1]
		if headings[last] {
			out = append(out, fmt.Sprintf("page %d ends with the heading %q", p, last))
		}
		if headers[last] {
			out = append(out, fmt.Sprintf("page %d ends with a table's header row %q", p, last))
		}
	}
	return out
}

// hasImage reports whether page p of pdf shows a picture (a chart drawn
// as an image fills the page as text would), as pdfimages lists them.
func hasImage(t *testing.T, pdf string, p int) bool {
	t.Helper()
	b, err := exec.Command("pdfimages", "-list", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), pdf).Output()
	if err != nil {
		t.Fatalf("pdfimages -list %s page %d: %v", pdf, p, err)
	}
	// Two header lines, then one line per image.
	return len(strings.Split(strings.TrimSpace(string(b)), "\n")) > 2
}

var (
	bboxPage = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	bboxWord = regexp.MustCompile(`<word xMin="[0-9.]+" yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)">([^<]*)</word>`)
)

// pageBody returns the lines of body text of page p (between the running
// header and the footer, 17 mm from the top and bottom edges) and how many
// lines of table text the body's extent is tall, so that a page of rows
// left blank to write in counts as full.
func pageBody(t *testing.T, pdf string, p int) (lines []string, filled int) {
	t.Helper()
	b, err := exec.Command("pdftotext", "-bbox", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox %s page %d: %v", pdf, p, err)
	}
	m := bboxPage.FindSubmatch(b)
	if m == nil {
		t.Fatalf("pdftotext -bbox %s page %d: no page size", pdf, p)
	}
	height, _ := strconv.ParseFloat(string(m[2]), 64)
	const edge = 17 * 72 / 25.4
	type word struct {
		y0, y1 float64
		text   string
	}
	var words []word
	for _, w := range bboxWord.FindAllSubmatch(b, -1) {
		y0, _ := strconv.ParseFloat(string(w[1]), 64)
		y1, _ := strconv.ParseFloat(string(w[2]), 64)
		if y0 > edge && y1 < height-edge {
			words = append(words, word{y0, y1, html.UnescapeString(string(w[3]))})
		}
	}
	if len(words) == 0 {
		return nil, 0
	}
	sort.SliceStable(words, func(i, j int) bool { return math.Round(words[i].y0/3) < math.Round(words[j].y0/3) })
	top, bottom := words[0].y0, words[0].y1
	var cur []string
	lastY := words[0].y0
	for _, w := range words {
		top, bottom = min(top, w.y0), max(bottom, w.y1)
		if w.y0-lastY > 3 || lastY-w.y0 > 3 {
			lines = append(lines, flat(strings.Join(cur, " ")))
			cur = nil
		}
		cur = append(cur, w.text)
		lastY = w.y0
	}
	lines = append(lines, flat(strings.Join(cur, " ")))
	return lines, int((bottom - top) / 13.1)
}
