// Package yamlpos reads the position out of the YAML library's errors
// (go.yaml.in/yaml/v3), so that every strict decoder reports a bad file
// the same way: "file:line: message", on one line.
package yamlpos

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// prefix matches the position prefix of the YAML library's messages:
// "yaml: line 3: ", "yaml: ", or (inside a type error) "line 3: ".
var prefix = regexp.MustCompile(`^(?:yaml: )?(?:line (\d+): )?`)

// Split returns the line an error of the YAML library names (0 when it
// names none) and its message without the library's prefixes, folded onto
// one line. A type error (a value of the wrong kind) gives its first
// problem.
func Split(err error) (line int, msg string) {
	msg = err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimSpace(strings.TrimPrefix(msg, "yaml: unmarshal errors:\n"))
	if m := prefix.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	}
	return line, OneLine(msg)
}

// Error is a YAML library error as "file:line: message", or "file:
// message" when it names no line.
func Error(file string, err error) error {
	line, msg := Split(err)
	if line > 0 {
		return fmt.Errorf("%s:%d: %s", file, line, msg)
	}
	return fmt.Errorf("%s: %s", file, msg)
}

// Join is the dotted path of key below parent ("vacancy" and "salaryMin"
// give "vacancy.salaryMin"), key alone at the top.
func Join(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

// OneLine folds white space, so a multi-line message reads as one line.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
