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
	File     string
	Line     int // 1-based; 0 when the problem is about the whole file
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
	if p.Line > 0 {
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
