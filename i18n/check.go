package i18n

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// placeholderRE finds printf verbs (with an explicit argument index or
// not) and %% (which is none); flags, width and precision are not part of
// a placeholder's identity (English "%.0[2]s" prints nothing of the
// argument a Welsh "%[2]s" prints).
var placeholderRE = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(?:\.\d+)?(\[\d+\])?([a-zA-Z%])`)

// Placeholders is the sorted set of a message's printf placeholders, as
// one string ("%[1]s %d"); %% is not one.
func Placeholders(s string) string {
	seen := map[string]bool{}
	for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
		if m[3] != "%" {
			seen["%"+m[1]+m[2]+m[3]] = true
		}
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// Problem is a finding about a catalogue against the English one.
type Problem struct {
	Key     string
	Line    int
	Message string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%d: %s: %s", p.Line, p.Key, p.Message)
	}
	return p.Key + ": " + p.Message
}

// MaxGrowth is how much longer than the English a translated message may
// be before Check reports it (a heading or label that no longer fits its
// column): three times, and 40 characters more.
const MaxGrowth = 3

// Check compares a translated catalogue with the English one: every
// English key is there and no other, each message has the English
// message's placeholders (in every plural form), plural messages stay
// plural, and none is far longer than the English. It checks no
// spelling: the English editorial rules apply to English text only.
func Check(msgs map[string]Message) []Problem {
	en := Embedded("en")
	var out []Problem
	for _, k := range sortedKeys(en) {
		e := en[k]
		m, ok := msgs[k]
		if !ok {
			out = append(out, Problem{Key: k, Message: "missing: the English catalogue has it"})
			continue
		}
		eTexts := e.texts()
		want := Placeholders(eTexts[len(eTexts)-1])
		longest := 0
		for _, t := range eTexts {
			longest = max(longest, len([]rune(t)))
		}
		if (e.Forms == nil) != (m.Forms == nil) {
			out = append(out, Problem{Key: k, Line: m.Line, Message: "the English message is " + shape(e) + ", this one " + shape(m)})
		}
		for _, t := range m.texts() {
			if p := placeholderProblem(Placeholders(t), want, m.Forms != nil); p != "" {
				out = append(out, Problem{Key: k, Line: m.Line, Message: fmt.Sprintf("%s: %q", p, t)})
			}
			if n := len([]rune(t)); longest > 0 && n > MaxGrowth*longest+40 {
				out = append(out, Problem{Key: k, Line: m.Line, Message: fmt.Sprintf("%d characters, the English %d: too long for where it goes", n, longest)})
			}
			if strings.TrimSpace(t) == "" && longest > 0 {
				out = append(out, Problem{Key: k, Line: m.Line, Message: "empty"})
			}
		}
	}
	for _, k := range sortedKeys(msgs) {
		if _, ok := en[k]; !ok {
			out = append(out, Problem{Key: k, Line: msgs[k].Line, Message: "not in the English catalogue: no template asks for it" + nearest(k, en)})
		}
	}
	return out
}

func shape(m Message) string {
	if m.Forms != nil {
		return "plural"
	}
	return "text"
}

// placeholderProblem says what is wrong with a translation's
// placeholders got against the English want, or "". A translation may
// leave out an indexed placeholder (%[2]s: English framework text that
// would fall inside a Welsh sentence), and a plural form its count
// ("dim meini prawf"); it may add none.
func placeholderProblem(got, want string, plural bool) string {
	if got == want {
		return ""
	}
	have := map[string]bool{}
	for _, p := range strings.Fields(want) {
		have[p] = true
	}
	for _, p := range strings.Fields(got) {
		if !have[p] {
			return fmt.Sprintf("placeholder %s is not in the English (%s)", p, orNone(want))
		}
	}
	for _, p := range strings.Fields(want) {
		if strings.Contains(" "+got+" ", " "+p+" ") {
			continue
		}
		if !strings.HasPrefix(p, "%[") && !(plural && p == "%d") {
			return fmt.Sprintf("leaves out %s of the English (%s): only an indexed placeholder (%%[1]s) may be left out", p, want)
		}
	}
	return ""
}
