package pack

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/compose/wording"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/internal/english"
	"github.com/rolepack/rolepack/lint"
	"github.com/rolepack/rolepack/render"
)

// The wording checks the corpus sweep makes of every text of the JD, the
// person specification, the scoring sheet and the advert: faults of
// sentences built from framework descriptors that the grammar rules do
// not see, each named by what a reader would notice.
var (
	// "Experience of have …", "Experience in can …": a lead-in before a
	// verb it cannot take.
	experienceOfVerb = regexp.MustCompile(`(?i)\bexperience (?:of|in) (?:have|has|had|can|could|is|are|was|were|be|will|hold|holds|should|must)\b`)
	// "Experience of service management framework knowledge": knowledge
	// led in as experience.
	experienceOfKnowledge = regexp.MustCompile(`(?i)\bexperience of ((?:[\p{L}-]+ ){1,6})(?:knowledge|understanding|awareness)\b`)
	// A duty that keeps the framework's subject or frame: "Can explain …",
	// "Responsible for …" (not "Be responsible for …"), "Has …".
	dutyFrame = regexp.MustCompile(`^(?:Can|Could|Will|Responsible|Accountable|Has|Is|Are|Able|Understands|Knows|You|They|Ability|Knowledge|Experience)\b`)
	// "Responsible for responsible …", "be able to able to …".
	doubledFrame = regexp.MustCompile(`(?i)\b(?:responsible for (?:being )?responsible|able to (?:be )?able to|experience of (?:having )?experience)\b`)
	// " ." " ," ".." (not an ellipsis) ",." ".,".
	badStop = regexp.MustCompile(`\s[.,;:!?]|[^.]\.\.(?:[^.]|$)|^\.\.[^.]|[,;:]\.|\.[,;]`)
	// A sentence after a full stop that starts in lower case; "e.g. the"
	// and the like are not sentence ends.
	lowerAfterStop = regexp.MustCompile(`(?:^|[^.])\b([\p{L}]+)[.!?] +(\p{Ll})`)
	// "Tell us about a time when you explain …": a question's verb not in
	// the past tense.
	whenYou = regexp.MustCompile(`\bwhen you ([a-z]+)`)
	// "Ability to managing …": an infinitive lead-in before another form.
	abilityTo = regexp.MustCompile(`\bAbility to ([a-z]+)`)
	// "Experience of manage …": a gerund's lead-in before a base verb.
	experienceOfWord = regexp.MustCompile(`\b[Ee]xperience (?:of|in) ([a-z]+) (\S+)`)
)

// abbreviations end in a full stop inside a sentence.
var abbreviations = map[string]bool{"e.g": true, "i.e": true, "etc": true, "eg": true, "ie": true, "vs": true, "approx": true, "no": true, "incl": true}

// wordingFaults lists what reads wrong in text, a piece of document kind
// (jd, spec, scoring, advert) of the given lint kind.
func wordingFaults(doc string, kind lint.Kind, text string) []string {
	var out []string
	add := func(what string) { out = append(out, what) }
	if experienceOfVerb.MatchString(text) {
		add("experience of a verb")
	}
	if m := experienceOfKnowledge.FindStringSubmatch(text); m != nil && !hasGerund(m[1]) {
		add("knowledge led in as experience")
	}
	if kind == lint.Duty && dutyFrame.MatchString(text) {
		add("duty keeps its frame")
	}
	if doubledFrame.MatchString(text) {
		add("frame doubled")
	}
	if w := doubledWord(text); w != "" {
		add("doubled word " + w)
	}
	if badStop.MatchString(text) {
		add("stray stop or space before punctuation")
	}
	if r, _ := utf8.DecodeRuneInString(text); unicode.IsLower(r) {
		add("starts in lower case")
	}
	for _, m := range lowerAfterStop.FindAllStringSubmatch(text, -1) {
		if !abbreviations[strings.ToLower(m[1])] && len(m[1]) > 1 {
			add("sentence starts in lower case")
			break
		}
	}
	if !balanced(text) {
		add("unbalanced parentheses")
	}
	if t := strings.TrimSpace(strings.Trim(text, "-–•*")); t == "" || strings.HasPrefix(text, "-") || strings.HasPrefix(text, "–") || strings.HasPrefix(text, "•") {
		add("empty or doubled bullet")
	}
	for _, m := range whenYou.FindAllStringSubmatch(text, -1) {
		if b, f := english.Verb(m[1]); (f == english.Base || f == english.ThirdPerson || f == english.Gerund) && english.PastTense(b) != m[1] {
			add("question not in the past tense: when you " + m[1])
		}
	}
	for _, m := range experienceOfWord.FindAllStringSubmatch(text, -1) {
		if b, f := english.Verb(m[1]); (f == english.Base || f == english.ThirdPerson) && !wording.NounToo(b) && english.IsDeterminer(m[2]) {
			add("experience of " + m[1] + " " + m[2])
		}
	}
	for _, m := range abilityTo.FindAllStringSubmatch(text, -1) {
		if _, f := english.Verb(m[1]); f == english.Gerund || f == english.ThirdPerson || f == english.Past {
			add("ability to " + m[1])
		}
	}
	return out
}

// hasGerund reports whether one of the words of s is a verb's -ing form.
func hasGerund(s string) bool {
	for _, w := range strings.Fields(s) {
		if _, f := english.Verb(w); f == english.Gerund {
			return true
		}
	}
	return false
}

// doubledWord is a word written twice in a row ("the the"), or "".
func doubledWord(s string) string {
	ws := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) })
	for i := 1; i < len(ws); i++ {
		a, b := ws[i-1], ws[i]
		if strings.ContainsAny(a, ",.;:()") || len(b) < 2 {
			continue
		}
		if strings.EqualFold(a, strings.TrimRight(b, ",.;:)")) && unicode.IsLetter([]rune(a)[0]) {
			return a
		}
	}
	return ""
}

// balanced reports whether every bracket of s is closed, in order.
func balanced(s string) bool {
	depth := 0
	for _, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

// The wording checks find what they are for, and pass sentences that
// read right.
func TestWordingFaults(t *testing.T) {
	for _, c := range []struct {
		kind lint.Kind
		text string
		want string // "" for none
	}{
		{lint.Prose, "Experience of have strong skills", "experience of a verb"},
		{lint.Prose, "Experience of service management framework knowledge", "knowledge led in as experience"},
		{lint.Prose, "Experience of building your knowledge", ""},
		{lint.Duty, "Can explain complex findings.", "duty keeps its frame"},
		{lint.Duty, "Responsible for the plan.", "duty keeps its frame"},
		{lint.Duty, "Be responsible for the plan.", ""},
		{lint.Prose, "Be responsible for responsible handling.", "frame doubled"},
		{lint.Prose, "Review the the plan.", "doubled word the"},
		{lint.Prose, "Review the plan .", "stray stop or space before punctuation"},
		{lint.Prose, "Review the plan..", "stray stop or space before punctuation"},
		{lint.Prose, "Review the plan…", ""},
		{lint.Prose, "review the plan.", "starts in lower case"},
		{lint.Prose, "Review the plan. then report.", "sentence starts in lower case"},
		{lint.Prose, "Use tools, e.g. spreadsheets.", ""},
		{lint.Prose, "Review the plan (and report.", "unbalanced parentheses"},
		{lint.Item, "-understand the plan", "empty or doubled bullet"},
		{lint.Item, "- Understand the plan", "empty or doubled bullet"},
		{lint.Prose, "Tell us about a time when you explain a plan.", "question not in the past tense: when you explain"},
		{lint.Prose, "Tell us about a time when you set a plan.", ""},
		{lint.Prose, "Ability to managing teams", "ability to managing"},
		{lint.Prose, "Experience of manage the team", "experience of manage the"},
		{lint.Prose, "Experience of change management", ""},
	} {
		got := wordingFaults("jd", c.kind, c.text)
		switch {
		case c.want == "" && len(got) > 0:
			t.Errorf("%q: %v, want none", c.text, got)
		case c.want != "" && !contains(got, c.want):
			t.Errorf("%q: %v, want %q", c.text, got, c.want)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestCorpusSweepWelsh composes every role-level of the corpus and the
// awkward pages in Welsh (language cy: the documents' own words in
// Welsh, the framework's in English until translated) and makes the
// wording checks that hold in any language (stray stops, lower-case
// starts, brackets, bullet marks) of the JD, person specification,
// scoring sheet and advert: none may fail; and no run tagged English
// inside their Welsh text (render.MarkLanguage) holds a Welsh word.
// Without the corpus the test is skipped.
func TestCorpusSweepWelsh(t *testing.T) {
	if testing.Short() {
		t.Skip("the corpus sweep runs in the full suite (make test), not under -short (the race run)")
	}
	fw, lib, cfg0, engine := sweepSetup(t)
	cfg := *cfg0
	cfg.Language = "cy"
	kinds, err := render.LookupKinds(sweepKinds)
	if err != nil {
		t.Fatal(err)
	}
	m := compose.NewComposer(&cfg, lib)
	date := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	welshDoc, n, runs := false, 0, 0
	welsh := welshOnly()
	for _, f := range []*framework.Framework{fw, sweepAwkward(t)} {
		for _, r := range f.Roles {
			for _, l := range r.Levels {
				if l.Retired {
					continue
				}
				p, err := m.Prepare(f.ID+"/"+r.ID, l.ID)
				if err != nil {
					t.Fatal(err)
				}
				rc, err := p.Context(&cfg, lib, date)
				if err != nil {
					t.Fatal(err)
				}
				for _, k := range kinds {
					kc, err := k.Prepare(context.Background(), rc)
					if err != nil {
						t.Fatal(err)
					}
					d, err := engine.Document(context.Background(), k, k.Documents(kc)[0].Context)
					if err != nil {
						t.Fatal(err)
					}
					for _, tx := range lint.DocumentTexts(d) {
						if tx.Kind == lint.Title {
							welshDoc = welshDoc || tx.Text.Text == "Manylion y swydd"
							continue
						}
						for _, fault := range wordingFaults(k.ID, tx.Kind, tx.Text.Text) {
							if anyLanguage[strings.SplitN(fault, ":", 2)[0]] {
								n++
								if n <= 40 {
									t.Errorf("%s/%s at %s: %s: %s: %s: %s", f.ID, r.ID, l.ID, k.ID, tx.Place, fault, tx.Text.Text)
								}
							}
						}
					}
					// The English runs tagged inside Welsh text hold no
					// Welsh word (TestWelshRunsTaggedEnglish).
					render.MarkLanguage(d, k.Documents(kc)[0].Context)
					bad, tagged := welshTagged(d, welsh)
					runs += tagged
					for _, b := range bad {
						n++
						if n <= 40 {
							t.Errorf("%s/%s at %s: %s: a Welsh word tagged English: %s", f.ID, r.ID, l.ID, k.ID, b)
						}
					}
				}
			}
		}
	}
	if runs == 0 {
		t.Error("no run tagged English in any Welsh document")
	}
	if !welshDoc {
		t.Error("no JD heading \"Manylion y swydd\": the documents are not in Welsh")
	}
	if n > 40 {
		t.Errorf("… %d wording faults in all", n)
	}
}

// anyLanguage are the wording faults that are faults in Welsh as in
// English.
var anyLanguage = map[string]bool{
	"stray stop or space before punctuation": true, "starts in lower case": true,
	"sentence starts in lower case": true, "unbalanced parentheses": true, "empty or doubled bullet": true,
}
