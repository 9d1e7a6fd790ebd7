package pack

import (
	"fmt"
	"path/filepath"
	"strings"
)

// maxNamePart caps each part of a pack name, so that names stay well within
// file-system limits.
const maxNamePart = 60

// SafeName turns s into a file-name part: ASCII letters, digits, '.', '_'
// and '-' are kept, every run of anything else becomes one '-', runs of dots
// become one dot, and leading or trailing dots and hyphens are dropped, so
// the result is never "", ".", ".." nor a hidden file. An empty result
// becomes "x".
func SafeName(s string) string {
	var b strings.Builder
	sep := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'
		if !ok {
			sep = true
			continue
		}
		if sep {
			b.WriteByte('-')
			sep = false
		}
		if c == '.' && strings.HasSuffix(b.String(), ".") {
			continue
		}
		b.WriteByte(c)
	}
	out := b.String()
	out = strings.Trim(out, ".-")
	if len(out) > maxNamePart {
		out = strings.TrimRight(out[:maxNamePart], ".-")
	}
	if out == "" {
		return "x"
	}
	return out
}

// PackName is the folder (and zip) name of a pack:
// <reference>-<role>-<level>, each part made safe.
func PackName(reference, role, level string) string {
	return SafeName(reference) + "-" + SafeName(role) + "-" + SafeName(level)
}

// inside joins name onto dir and checks that the result stays inside dir.
func inside(dir, name string) (string, error) {
	p := filepath.Join(dir, name)
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", fmt.Errorf("pack name %q would be outside the output folder %s", name, dir)
	}
	return p, nil
}
