package framework

import (
	"fmt"
	"strings"
)

// Severity says whether a problem stops a framework from being used.
type Severity int

// Problem severities.
const (
	SeverityError Severity = iota
	SeverityWarning
)

// Problem is one thing wrong with an input file, at a line where known. It is
// an error value; its text is one line: "file:line: message" (warnings say
// "warning:" before the message).
type Problem struct {
	File string
	Line int // 1-based; 0 when the problem is about the whole file
	// Cell, when set, names the place in a spreadsheet instead of the line:
	// "7:3" (CSV line 7, column 3) or "Sheet1!B7" (an XLSX cell). Line
	// still holds the row, for ordering.
	Cell     string
	Severity Severity
	Message  string
}

// Errorf returns an error-severity problem at file:line.
func Errorf(file string, line int, format string, args ...any) *Problem {
	return &Problem{File: file, Line: line, Severity: SeverityError, Message: fmt.Sprintf(format, args...)}
}

// Warnf returns a warning at file:line.
func Warnf(file string, line int, format string, args ...any) Problem {
	return Problem{File: file, Line: line, Severity: SeverityWarning, Message: fmt.Sprintf(format, args...)}
}

// Error formats the problem as one line.
func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Cell != "" {
		b.WriteString(":" + p.Cell)
	} else if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Severity == SeverityWarning {
		b.WriteString("warning: ")
	}
	b.WriteString(strings.ReplaceAll(p.Message, "\n", " "))
	return b.String()
}

// Position renders a file and line as "file:line" for provenance fields.
func Position(file string, line int) string {
	if line <= 0 {
		return file
	}
	return fmt.Sprintf("%s:%d", file, line)
}

// RepeatLimit is how many problems with one message in one file Condense
// keeps before it sums up the rest in one line.
const RepeatLimit = 10

// Condense drops problems that repeat one already in ps (same file, line,
// severity and message: the same warning reached by two paths), and keeps
// at most RepeatLimit problems with one message in one file, adding one
// line that counts the rest ("… and 3999990 more like this, lines 11 to
// 4000000"), so that a file with millions of empty bullets gives a dozen
// lines, not millions. The order of ps is kept; the summary follows the
// last kept problem of its kind.
func Condense(ps []Problem) []Problem {
	type kind struct {
		file, msg string
		sev       Severity
	}
	type tally struct {
		n, first, last int // problems past the limit, and their first and last lines
		at             int // index in out of the last kept problem
	}
	seen := make(map[Problem]bool, len(ps))
	counts := map[kind]*tally{}
	kept := map[kind]int{}
	out := make([]Problem, 0, min(len(ps), 1024))
	for _, p := range ps {
		if seen[p] {
			continue
		}
		seen[p] = true
		k := kind{p.File, p.Message, p.Severity}
		if kept[k] < RepeatLimit {
			kept[k]++
			out = append(out, p)
			if t := counts[k]; t != nil {
				t.at = len(out) - 1
			} else {
				counts[k] = &tally{at: len(out) - 1}
			}
			continue
		}
		t := counts[k]
		if t.n == 0 {
			t.first = p.Line
		}
		t.n++
		t.last = p.Line
	}
	if len(out) == len(ps) {
		return out
	}
	// Insert each summary after the last kept problem of its kind.
	after := map[int]Problem{}
	for k, t := range counts {
		if t.n == 0 {
			continue
		}
		msg := fmt.Sprintf("… and %d more like this (%q)", t.n, k.msg)
		if t.first > 0 {
			msg = fmt.Sprintf("… and %d more like this, lines %d to %d (%q)", t.n, t.first, t.last, k.msg)
		}
		after[t.at] = Problem{File: k.file, Line: 0, Severity: k.sev, Message: msg}
	}
	res := make([]Problem, 0, len(out)+len(after))
	for i, p := range out {
		res = append(res, p)
		if s, ok := after[i]; ok {
			res = append(res, s)
		}
	}
	return res
}
