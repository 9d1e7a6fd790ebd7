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
	var c Collector
	for _, p := range ps {
		c.Add(p)
	}
	return c.Problems()
}

// Collector gathers problems as an importer finds them, as Condense would
// leave them: a problem already collected is dropped, and past RepeatLimit
// problems with one message in one file only a count and the first and
// last lines are kept, so that millions of identical warnings never take
// more memory than a dozen (issue 14: 4M empty bullets). The zero value is
// ready to use.
type Collector struct {
	kept    []Problem
	seen    map[Problem]bool
	repeats map[repeatKind]*repeatTally
}

type repeatKind struct {
	file, msg string
	sev       Severity
}

type repeatTally struct {
	kept           int // problems of the kind kept
	at             int // index in kept of the last of them
	n, first, last int // problems past the limit, and their first and last lines
}

// Add collects p.
func (c *Collector) Add(p Problem) {
	if c.seen[p] {
		return
	}
	if c.repeats == nil {
		c.seen, c.repeats = map[Problem]bool{}, map[repeatKind]*repeatTally{}
	}
	k := repeatKind{p.File, p.Message, p.Severity}
	t := c.repeats[k]
	if t == nil {
		t = &repeatTally{}
		c.repeats[k] = t
	}
	if t.kept < RepeatLimit {
		t.kept++
		c.seen[p] = true
		c.kept = append(c.kept, p)
		t.at = len(c.kept) - 1
		return
	}
	if t.n > 0 && p.Line == t.last && p.Line > 0 {
		return // the same problem again, reached by another path
	}
	if t.n == 0 {
		t.first = p.Line
	}
	t.n++
	t.last = p.Line
}

// AddAll collects each of ps.
func (c *Collector) AddAll(ps []Problem) {
	for _, p := range ps {
		c.Add(p)
	}
}

// Len is the number of problems collected, counted ones included.
func (c *Collector) Len() int {
	n := len(c.kept)
	for _, t := range c.repeats {
		n += t.n
	}
	return n
}

// Problems returns the problems kept, in the order they came, each kind
// past the limit followed by one line that counts the rest.
func (c *Collector) Problems() []Problem {
	after := map[int]Problem{}
	for k, t := range c.repeats {
		if t.n == 0 {
			continue
		}
		msg := fmt.Sprintf("… and %d more like this (%q)", t.n, k.msg)
		if t.first > 0 {
			msg = fmt.Sprintf("… and %d more like this, lines %d to %d (%q)", t.n, t.first, t.last, k.msg)
		}
		after[t.at] = Problem{File: k.file, Line: 0, Severity: k.sev, Message: msg}
	}
	res := make([]Problem, 0, len(c.kept)+len(after))
	for i, p := range c.kept {
		res = append(res, p)
		if s, ok := after[i]; ok {
			res = append(res, s)
		}
	}
	return res
}

// ParseProblems gathers what an importer of several files finds: every
// problem in input order, and the first error (a file that could not be
// read), after which the importer returns no framework. The zero value is
// ready to use.
type ParseProblems struct {
	List  []Problem
	first error
}

// Add records problems.
func (pp *ParseProblems) Add(ps ...Problem) { pp.List = append(pp.List, ps...) }

// Fail records an error: a *Problem joins the list, and the first error
// is kept for Err.
func (pp *ParseProblems) Fail(err error) {
	if p, ok := err.(*Problem); ok {
		pp.List = append(pp.List, *p)
	}
	if pp.first == nil {
		pp.first = err
	}
}

// Err is the first error recorded, or nil.
func (pp *ParseProblems) Err() error { return pp.first }
