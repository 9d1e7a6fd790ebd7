package profile

import (
	"strconv"
	"strings"
)

// levelWords are the spelled-out level numbers used in NCF titles.
var levelWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "seven": 7, "eight": 8, "nine": 9,
}

// parseLevel reads "Level 5" or "Level Five" and returns the number.
func parseLevel(s string) (int, bool) {
	f := strings.Fields(s)
	if len(f) != 2 || !strings.EqualFold(f[0], "level") {
		return 0, false
	}
	if n, ok := levelWords[strings.ToLower(f[1])]; ok {
		return n, true
	}
	n, err := strconv.Atoi(f[1])
	if err != nil || n < 0 || n > 99 || strings.HasPrefix(f[1], "+") || strings.HasPrefix(f[1], "-") {
		return 0, false
	}
	return n, true
}

// isDottedCode reports letters followed by a dotted number: B1.1, WP3.2,
// LM1.1, AEC6.1.
func isDottedCode(s string) bool {
	i := 0
	for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		i++
	}
	if i == 0 || i > 5 || i == len(s) {
		return false
	}
	dots, digits := 0, 0
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && digits > 0 && s[i-1] != '.' && i+1 < len(s):
			dots++
		default:
			return false
		}
	}
	return dots > 0
}

// isTag reports a 3–5 letter upper-case tag such as AIDE.
func isTag(s string) bool {
	if len(s) < 3 || len(s) > 5 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// decomposed is a profile row title split into its parts.
type decomposed struct {
	Title       string
	Code        string
	Level       string // as written, e.g. "Level Five"
	LevelNumber int
}

// trailingGroup splits "text (group)" into "text" and "group" when s ends
// with a balanced parenthesised group.
func trailingGroup(s string) (rest, group string, ok bool) {
	if !strings.HasSuffix(s, ")") {
		return "", "", false
	}
	depth := 0
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case ')':
			depth++
		case '(':
			depth--
			if depth == 0 {
				return strings.TrimRight(s[:i], " \t"), strings.TrimSpace(s[i+1 : len(s)-1]), true
			}
		}
	}
	return "", "", false
}

// decompose peels level and code groups off the end of a title, one at a
// time, stopping at the first group that is neither. A 3–5 letter upper-case
// tag counts as a code only next to a level group, so "Legislation (GDPR)"
// keeps its acronym while "Governance (Level 6) (AIDE)" yields code AIDE.
func decompose(title string) decomposed {
	type group struct {
		kind int // 1 level, 2 dotted code, 3 tag
		text string
		n    int
		rest string // the title left once this group is peeled
	}
	var groups []group
	s := strings.TrimSpace(title)
	haveLevel, haveCode := false, false
	for {
		rest, g, ok := trailingGroup(s)
		if !ok || rest == "" {
			break
		}
		if n, isLvl := parseLevel(g); isLvl && !haveLevel {
			haveLevel = true
			groups = append(groups, group{kind: 1, text: strings.Join(strings.Fields(g), " "), n: n, rest: rest})
		} else if isDottedCode(g) && !haveCode {
			haveCode = true
			groups = append(groups, group{kind: 2, text: g, rest: rest})
		} else if isTag(g) && !haveCode {
			haveCode = true
			groups = append(groups, group{kind: 3, text: g, rest: rest})
		} else {
			break
		}
		s = rest
	}
	// Accept groups from the end while each tag sits next to a level.
	d := decomposed{Title: strings.TrimSpace(title)}
	for i, g := range groups {
		if g.kind == 3 {
			nextToLevel := i > 0 && groups[i-1].kind == 1 || i+1 < len(groups) && groups[i+1].kind == 1
			if !nextToLevel {
				break
			}
		}
		switch g.kind {
		case 1:
			d.Level, d.LevelNumber = g.text, g.n
		default:
			d.Code = g.text
		}
		d.Title = g.rest
	}
	return d
}
