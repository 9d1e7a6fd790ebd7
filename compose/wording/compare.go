package wording

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/rolepack/rolepack/textdiff"
)

// Span is a run of a descriptor's words (runs are separated by one space),
// marked New when the current level's
// descriptors do not have them: what a PDP shows in bold (PDF, DOCX,
// Markdown) or as inserted text (HTML).
type Span struct {
	Text string `json:"text"`
	New  bool   `json:"new,omitempty"`
}

// minorWords are words that carry no expectation of their own: a run of
// new words made only of these is not marked, and up to two of them between
// two new runs join the runs.
var minorWords = map[string]bool{
	"a": true, "an": true, "and": true, "the": true, "of": true, "to": true, "in": true, "on": true,
	"for": true, "with": true, "or": true, "as": true, "by": true, "at": true, "is": true, "are": true,
	"be": true, "can": true, "your": true, "you": true, "their": true, "its": true, "that": true,
	"this": true, "such": true, "from": true, "into": true, "within": true, "across": false,
}

// WordKey is a word's comparison form: lower case, letters and digits only,
// a plural "s" dropped.
func WordKey(w string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(w) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	k := b.String()
	if len(k) > 3 && strings.HasSuffix(k, "s") && !strings.HasSuffix(k, "ss") {
		k = k[:len(k)-1]
	}
	return k
}

// MarkNew compares one target descriptor with the current level's
// descriptors word by word (longest common subsequence, textdiff) and returns it as
// spans, the words the current level does not have marked New.
func MarkNew(target string, current []string) []Span {
	tw := strings.Fields(target)
	if len(tw) == 0 {
		return nil
	}
	if len(current) == 0 {
		return []Span{{Text: target, New: true}}
	}
	for _, c := range current {
		if strings.TrimSpace(c) == strings.TrimSpace(target) {
			return []Span{{Text: target}}
		}
	}
	cw := strings.Fields(strings.Join(current, " "))
	tk := make([]string, len(tw))
	for i, w := range tw {
		tk[i] = WordKey(w)
	}
	ck := make([]string, len(cw))
	for i, w := range cw {
		ck[i] = WordKey(w)
	}
	common := textdiff.Common(ck, tk) // linear memory, however long the texts
	isNew := make([]bool, len(tw))
	for i := range isNew {
		isNew[i] = !common[i]
	}
	// A kept run of at most two minor words between new runs joins them; a
	// new run of minor words only is not new.
	for a := 0; a < len(tw); {
		b := a
		for b < len(tw) && isNew[b] == isNew[a] {
			b++
		}
		minorOnly := true
		for k := a; k < b; k++ {
			if !minorWords[tk[k]] && tk[k] != "" {
				minorOnly = false
			}
		}
		switch {
		case isNew[a] && minorOnly:
			for k := a; k < b; k++ {
				isNew[k] = false
			}
		case !isNew[a] && a > 0 && b < len(tw) && b-a <= 2 && minorOnly:
			for k := a; k < b; k++ {
				isNew[k] = true
			}
		}
		a = b
	}
	var spans []Span
	for k, w := range tw {
		if n := len(spans); n > 0 && spans[n-1].New == isNew[k] {
			spans[n-1].Text += " " + w
			continue
		}
		spans = append(spans, Span{Text: w, New: isNew[k]})
	}
	return spans
}

// NewShare is the share of a target's words (minor words left out) that
// the current level's descriptors do not have.
func NewShare(target, current []string) float64 {
	have := map[string]bool{}
	for _, w := range strings.Fields(strings.Join(current, " ")) {
		have[WordKey(w)] = true
	}
	total, fresh := 0, 0
	for _, w := range strings.Fields(strings.Join(target, " ")) {
		k := WordKey(w)
		if k == "" || minorWords[k] {
			continue
		}
		total++
		if !have[k] {
			fresh++
		}
	}
	if total == 0 {
		return 0
	}
	return float64(fresh) / float64(total)
}

// scopeWords are words that widen a role's reach: a target that adds them
// asks for more of the same (stronger); one that changes its words without
// them asks for something different (e.g. another tool).
var scopeWords = map[string]bool{
	"lead": true, "leading": true, "leader": true, "oversee": true, "oversight": true, "strategic": true,
	"strategy": true, "policy": true, "policie": true, "standard": true, "compliance": true, "ensure": true,
	"other": true, "others": true, "team": true, "organisation": true, "organization": true,
	"organisational": true, "wider": true, "across": true, "coach": true, "mentor": true, "guide": true,
	"guidance": true, "advise": true, "expert": true, "champion": true, "influence": true, "influencing": true,
	"direction": true, "manage": true, "managing": true, "complex": true, "design": true, "critique": true,
	"challenge": true, "develop": true, "improve": true, "initiative": true, "comprehensive": true,
	"specify": true, "culture": true, "alone": true, "independently": true, "review": true, "own": true, "govern": true, "governance": true, "responsibility": true, "help": true,
}

// AddsScope reports whether the target's new words include a word that
// widens the role's reach.
func AddsScope(target, current []string) bool {
	have := map[string]bool{}
	for _, w := range strings.Fields(strings.Join(current, " ")) {
		have[WordKey(w)] = true
	}
	for _, w := range strings.Fields(strings.Join(target, " ")) {
		k := WordKey(w)
		if !have[k] && scopeWords[k] {
			return true
		}
	}
	return false
}

// Minor reports whether a word's key (WordKey) is a word that carries no
// expectation of its own ("a", "the", "with" …).
func Minor(key string) bool { return minorWords[key] }

// WidensScope reports whether a word's key (WordKey) is a word that widens
// a role's reach ("lead", "strategy", "others" …).
func WidensScope(key string) bool { return scopeWords[key] }

// Thousands writes n with thousands separators (30,000).
func Thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + Thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
