package pack

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxNamePart caps each part of a pack name, so that names stay well within
// file-system limits.
const maxNamePart = 60

// SafeName turns s into a file-name part: ASCII letters, digits, '.', '_'
// and '-' are kept, every run of anything else becomes one '-', runs of dots
// become one dot, and leading or trailing dots and hyphens are dropped, so
// the result is never "", ".", ".." nor a hidden file. Text that is not
// ASCII is transliterated first (Ä → A, ＲＥＦ１ → REF1, é → e) and the name
// gets a short hash of s ("A-3f1c2a9b"), so that distinct references
// never share a name (ÄÖÜ, 😀 and ＲＥＦ１ used to all become "x"). An
// empty result becomes "x".
func SafeName(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	src := s
	if !ascii {
		// Compatibility decomposition, then without the combining marks.
		var t strings.Builder
		for _, r := range norm.NFKD.String(s) {
			if !unicode.Is(unicode.Mn, r) {
				t.WriteRune(r)
			}
		}
		src = t.String()
	}
	var b strings.Builder
	sep := false
	for i := 0; i < len(src); i++ {
		c := src[i]
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
	limit := maxNamePart
	if !ascii {
		limit -= 9 // room for the hash
	}
	if len(out) > limit {
		out = strings.TrimRight(out[:limit], ".-")
	}
	if !ascii {
		sum := sha256.Sum256([]byte(s))
		h := hex.EncodeToString(sum[:4])
		if out == "" {
			return "x-" + h
		}
		return out + "-" + h
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
