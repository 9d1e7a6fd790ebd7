package main

import (
	"strings"
	"testing"
)

// TestRecordedFigures: the recorded figures of docs/performance.md are read
// from its table, a skipped tool takes its figure marked as recorded, and
// the goals are judged on CPU time when both tools have it, saying when a
// figure was recorded rather than measured.
func TestRecordedFigures(t *testing.T) {
	md := []byte("Some text.\n\n| key | tool | ms/doc | cpu-ms/doc | recorded |\n| --- | --- | ---: | ---: | --- |\n" +
		"| `pdfkit-core` | pdfkit, core Helvetica | 12.5 | 10.0 | 2026-12-03, 2-core VM |\n" +
		"| `docxtemplater` | docxtemplater | 20 | — | 2026-12-03, 2-core VM |\n" +
		"| `broken` | no number | fast | | x |\n")
	rec := parseRecorded(md)
	if len(rec) != 2 || rec["pdfkit-core"].ms != 12.5 || rec["pdfkit-core"].cpuMS != 10 || rec["docxtemplater"].cpuMS != 0 {
		t.Fatalf("parsed %+v", rec)
	}
	results := []result{
		{key: keyPDF, ms: 0.3, cpuMS: 0.5},
		{key: keyPdfkitCore, skipped: "no node_modules"},
		{key: keyDocxtempl, skipped: "no node_modules"},
		{key: keyDOCX, ms: 0.05, cpuMS: 0.06},
		{key: keyFloorZip, ms: 0.2},
	}
	useRecorded(results, rec)
	if r := results[1]; r.skipped != "" || r.ms != 12.5 || !strings.Contains(r.recorded, "recorded 2026-12-03") || !strings.Contains(r.recorded, "no node_modules") {
		t.Fatalf("pdfkit after useRecorded: %+v", r)
	}
	byKey := map[string]result{}
	for _, r := range results {
		byKey[r.key] = r
	}
	// CPU: 10 / 0.5 = 20×, below 25× although the wall ratio is 41.67×.
	row := goalRow(goals[0], byKey)
	if !strings.Contains(row, "41.67×") || !strings.Contains(row, "20.00×") || !strings.Contains(row, "not met (against a recorded figure)") {
		t.Errorf("PDF vs pdfkit row: %s", row)
	}
	// No recorded CPU for docxtemplater: the verdict is on wall time.
	row = goalRow(goals[3], byKey)
	if !strings.Contains(row, "400.00×") || !strings.Contains(row, "| — |") || !strings.Contains(row, "| met (against a recorded figure) |") {
		t.Errorf("DOCX vs docxtemplater row: %s", row)
	}
	// The zip floor has no CPU figure here: wall time, 0.25×.
	if row := goalRow(goals[4], byKey); !strings.Contains(row, "0.25×") || !strings.HasSuffix(row, "| met |") {
		t.Errorf("DOCX vs floor row: %s", row)
	}
}
