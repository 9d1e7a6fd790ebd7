package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
)

// machine is what the report says about the computer it ran on.
type machine struct {
	load [2]string // /proc/loadavg before and after the run
}

// cpuModel returns the first "model name" of /proc/cpuinfo, or "unknown".
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// loadAverage returns the 1, 5 and 15 minute load averages, or "unknown".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// goal is one of the targets the writers are held to, as a ratio of two
// figures of the run.
type goal struct {
	what     string
	num, den string  // result keys: ratio = num's ms / den's ms (den "" : num's ms itself)
	target   float64 // the bound
	atLeast  bool    // the ratio must be ≥ target (else ≤)
	unit     string  // "×" or " ms"
	info     string  // not a goal: shown for comparison, with this note
}

// goals are issue 30's side-by-side targets (issue 19's, raised) and the
// cold start of issue 19.
var goals = []goal{
	{what: "PDF vs pdfkit core Helvetica (times faster)", num: keyPdfkitCore, den: keyPDF, target: 25, atLeast: true, unit: "×"},
	{what: "PDF vs fpdf core-font floor (time ratio; stock fpdf, the naive fpdf)", num: keyPDF, den: keyFloorCore, target: 0.4, unit: "×"},
	{what: "PDF vs patched-fpdf core-font floor (time ratio)", num: keyPDF, den: keyFloorPatch, target: 0.4, unit: "×",
		info: "informational: the floor has rolepack's fpdf patches too"},
	{what: "DOCX vs docxtemplater (times faster)", num: keyDocxtempl, den: keyDOCX, target: 15, atLeast: true, unit: "×"},
	{what: "DOCX vs archive/zip floor (time ratio)", num: keyDOCX, den: keyFloorZip, target: 0.8, unit: "×"},
	{what: "cold start: `rolepack generate --doc jd --format pdf`", num: keyGenerateCmd, target: 100, unit: " ms"},
}

// report prints the machine, the tools' figures and the goals as Markdown.
func report(w io.Writer, results []result, o options, m machine) {
	byKey := map[string]result{}
	for _, r := range results {
		byKey[r.key] = r
	}
	fmt.Fprintf(w, "## Peer benchmark: the default JD, one session\n\n")
	fmt.Fprintf(w, "Machine: %d CPUs (nproc), %s; load average %s before, %s after.\n",
		runtime.NumCPU(), cpuModel(), m.load[0], m.load[1])
	fmt.Fprintf(w, "In-process tools: median of %d documents after %d warm-up, one goroutine, into memory; CPU: the process's user and system time over those documents (every thread: collector, compiler) per document; processes: median wall of %d runs.\n",
		o.n, o.warmup, o.runs)
	fmt.Fprintf(w, "The fpdf floors run as their own process (tools/peerbench/fpdffloor, timed inside it the same way), built against stock fpdf and against rolepack's patched copy (third_party/fpdf).\n\n")
	fmt.Fprintln(w, "| tool | ms/doc | cpu-ms/doc | one document |")
	fmt.Fprintln(w, "| --- | ---: | ---: | --- |")
	for _, r := range results {
		if r.skipped != "" {
			fmt.Fprintf(w, "| %s | skipped | | %s |\n", r.tool, escapeCell(r.skipped))
			continue
		}
		cpu := "—"
		if r.cpuMS > 0 {
			cpu = formatMS(r.cpuMS)
		}
		what := r.output
		if r.recorded != "" {
			what = "**" + escapeCell(r.recorded) + "**"
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", r.tool, formatMS(r.ms), cpu, what)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "The verdict is on CPU time when both tools have it (it moves less with the machine's load), else on wall time.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| goal (issue 30) | wall | CPU | target | |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | --- |")
	for _, g := range goals {
		fmt.Fprintln(w, goalRow(g, byKey))
	}
}

// goalRow is the report's row of one goal.
func goalRow(g goal, byKey map[string]result) string {
	num, den := byKey[g.num], byKey[g.den]
	bound := "≤ "
	if g.atLeast {
		bound = "≥ "
	}
	target := bound + trimFloat(g.target) + g.unit
	_, hasNum := byKey[g.num]
	_, hasDen := byKey[g.den]
	if !hasNum || (g.den != "" && !hasDen) {
		return fmt.Sprintf("| %s | — | — | %s | not measured in this run |", g.what, target)
	}
	if num.ms == 0 || (g.den != "" && den.ms == 0) {
		return fmt.Sprintf("| %s | — | — | %s | not measured (a tool was skipped) |", g.what, target)
	}
	ratio := func(a, b float64) float64 {
		if g.den == "" {
			return a
		}
		return a / b
	}
	show := func(v float64) string {
		if g.unit == " ms" {
			return formatMS(v) + " ms"
		}
		return fmt.Sprintf("%.2f%s", v, g.unit)
	}
	wall := ratio(num.ms, den.ms)
	v, cpu := wall, "—"
	if num.cpuMS > 0 && (g.den == "" || den.cpuMS > 0) {
		v = ratio(num.cpuMS, den.cpuMS)
		cpu = show(v)
	}
	met := v <= g.target
	if g.atLeast {
		met = v >= g.target
	}
	verdict := "not met"
	if met {
		verdict = "met"
	}
	if g.info != "" {
		verdict = g.info
	}
	if num.recorded != "" || den.recorded != "" {
		verdict += " (against a recorded figure)"
	}
	return fmt.Sprintf("| %s | %s | %s | %s | %s |", g.what, show(wall), cpu, target, verdict)
}

// formatMS prints milliseconds with three significant figures or so.
func formatMS(ms float64) string {
	switch {
	case ms >= 100:
		return fmt.Sprintf("%.0f", ms)
	case ms >= 10:
		return fmt.Sprintf("%.1f", ms)
	default:
		return fmt.Sprintf("%.2f", ms)
	}
}

// trimFloat prints a bound without trailing zeros (10, 0.6, 1.2).
func trimFloat(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// escapeCell makes text safe inside a Markdown table cell.
func escapeCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
