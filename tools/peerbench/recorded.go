package main

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"strings"
)

// recordedFigure is a tool's figure as docs/performance.md records it, for
// a run in which the tool could not run (no Node packages installed, no
// stock fpdf in the module cache), so that make bench still prints every
// ratio: marked as recorded, never as measured.
type recordedFigure struct {
	ms, cpuMS float64
	when      string // the table's "recorded" cell: date and machine
}

// readRecorded reads the recorded figures of docs/performance.md: the rows
// of its table whose first cell is a result key in backquotes,
//
//	| `pdfkit-core` | pdfkit, core Helvetica | 5.85 | 6.9 | 2026-12-03, 2-core VM |
//
// key, tool, median ms/doc, CPU ms/doc ("—" when not recorded), when. A
// missing file gives no figures.
func readRecorded(path string) map[string]recordedFigure {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	return parseRecorded(b)
}

// parseRecorded is readRecorded on the file's bytes.
func parseRecorded(b []byte) map[string]recordedFigure {
	out := map[string]recordedFigure{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(l, "| `") {
			continue
		}
		cells := strings.Split(strings.Trim(l, "|"), "|")
		if len(cells) < 5 {
			continue
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		key := strings.Trim(cells[0], "`")
		ms, err := strconv.ParseFloat(cells[2], 64)
		if err != nil || ms <= 0 || key == "" {
			continue
		}
		cpu, _ := strconv.ParseFloat(cells[3], 64) // "—": not recorded
		out[key] = recordedFigure{ms: ms, cpuMS: cpu, when: cells[4]}
	}
	return out
}

// useRecorded gives each skipped result whose tool has a recorded figure
// that figure, marked as recorded.
func useRecorded(results []result, rec map[string]recordedFigure) {
	for i := range results {
		r := &results[i]
		f, ok := rec[r.key]
		if r.skipped == "" || !ok {
			continue
		}
		r.ms, r.cpuMS = f.ms, f.cpuMS
		r.recorded = "recorded " + f.when + " (docs/performance.md); not run: " + r.skipped
		r.skipped = ""
	}
}
