//go:build e2e

package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestE2ECareerMapPrints converts the default career map's workbook and
// DOCX to PDF with LibreOffice: the workbook prints in a few pages per
// sheet (row heights hold the text, columns fit the page's width), the
// DOCX within the pages the PDF takes and two a rung group, and neither is
// blank.
func TestE2ECareerMapPrints(t *testing.T) {
	soffice := need(t, "soffice")
	pdfinfo := need(t, "pdfinfo")
	pdftotext := need(t, "pdftotext")
	for _, m := range careerMaps {
		t.Run(m.name, func(t *testing.T) {
			out := generateMap(t, m)
			pages := func(path string) int {
				t.Helper()
				b, err := exec.Command(pdfinfo, path).CombinedOutput()
				if err != nil {
					t.Fatalf("pdfinfo %s: %v\n%s", path, err, b)
				}
				m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(b)
				if m == nil {
					t.Fatalf("pdfinfo %s: no page count", path)
				}
				n, _ := strconv.Atoi(string(m[1]))
				return n
			}
			conv := t.TempDir()
			convert := func(name string) int {
				t.Helper()
				dir := filepath.Join(conv, strings.TrimPrefix(filepath.Ext(name), "."))
				cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(conv, "profile"),
					"--convert-to", "pdf", "--outdir", dir, filepath.Join(out, name))
				if b, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("soffice %s: %v\n%s", name, err, b)
				}
				return pages(filepath.Join(dir, strings.TrimSuffix(name, filepath.Ext(name))+".pdf"))
			}
			pdf, err := os.ReadFile(filepath.Join(out, "progression.pdf"))
			if err != nil {
				t.Fatal(err)
			}
			md, err := os.ReadFile(filepath.Join(out, "progression.md"))
			if err != nil {
				t.Fatal(err)
			}
			// The DOCX as LibreOffice prints it keeps the map's limit too:
			// at most two A4 pages a rung group.
			groups := mapGroups(string(md))
			if n, limit := convert("progression.docx"), min(pdfPages(pdf)+1, 2*groups); n == 0 || n > limit {
				t.Errorf("the DOCX prints on %d pages, want at most %d (the PDF on %d, %d rung groups)", n, limit, pdfPages(pdf), groups)
			}
			// The first table starts on page 1, below the title and the
			// introduction, in the PDF and in the DOCX as printed: its
			// first row's entry is there (a tall row breaks across pages).
			first := regexp.MustCompile(`(?m)^\| \*\*([^*]+)\*\* \|`).FindSubmatch(md)
			if first == nil {
				t.Fatal("no table row in the Markdown")
			}
			word := strings.Fields(string(first[1]))[0]
			for _, f := range []string{filepath.Join(out, "progression.pdf"), filepath.Join(conv, "docx", "progression.pdf")} {
				b, err := exec.Command(pdftotext, "-f", "1", "-l", "1", f, "-").CombinedOutput()
				if err != nil {
					t.Fatalf("pdftotext %s: %v\n%s", f, err, b)
				}
				if !strings.Contains(string(b), word) {
					t.Errorf("%s: page 1 does not show the first row (%q): the first table starts on a later page\n%.300s", f, first[1], b)
				}
			}
			wb, err := os.ReadFile(filepath.Join(out, "progression.xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			sheets := len(regexp.MustCompile(`<sheet name=`).FindAll(xlsxPart(t, wb, "xl/workbook.xml"), -1))
			if n := convert("progression.xlsx"); n < sheets || n > 3*sheets {
				t.Errorf("the workbook of %d sheets prints on %d pages, want %d to %d", sheets, n, sheets, 3*sheets)
			}
		})
	}
}

// xlsxPart is one part of a workbook.
func xlsxPart(t *testing.T, b []byte, name string) []byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name != name {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		data, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	t.Fatalf("no %s in the workbook", name)
	return nil
}

// wordBreaks is run in the page: every word of a table cell (runs of
// letters and digits between spaces, hyphens and slashes) that the
// browser set on more than one line.
const wordBreaks = `(() => {
  const broken = [];
  for (const cell of document.querySelectorAll('td, th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const re = /[^\s\-\/–—]+/g;
      let m;
      while ((m = re.exec(n.data)) !== null) {
        const r = document.createRange();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        const tops = new Set();
        for (const rect of r.getClientRects()) {
          if (rect.width > 0) tops.add(Math.round(rect.top));
        }
        if (tops.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
})()`

// TestE2ECareerMapWordsWhole opens each career map's HTML in Chromium at
// 1200 and 320 CSS pixels wide: no word of a table is broken inside
// itself (a table too wide for the screen scrolls in its region).
func TestE2ECareerMapWordsWhole(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		need(t, "chromium")
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()))
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	// The first run starts the browser, which lives as long as the
	// context of that run: the tab's own.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	for _, m := range careerMaps {
		out := generateMap(t, m)
		for _, width := range []int64{1200, 320} {
			run, stop := context.WithTimeout(ctx, 30*time.Second)
			err := chromedp.Do(run,
				chromedp.EmulateViewport(width, 900),
				chromedp.Navigate("file://"+filepath.Join(out, "progression.html")))
			var broken []string
			if err == nil {
				broken, err = chromedp.Run(run, chromedp.Evaluate[[]string](wordBreaks))
			}
			stop()
			if err != nil {
				t.Fatalf("%s at %d px: %v", m.name, width, err)
			}
			if len(broken) > 0 {
				t.Errorf("%s at %d px: %d words broken inside, e.g. %q", m.name, width, len(broken), strings.Join(broken[:min(len(broken), 5)], ", "))
			}
		}
	}
}
