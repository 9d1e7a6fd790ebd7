package compose

import (
	"regexp"
	"strings"
	"unicode"
)

// This file turns framework wording into the plain, second-person wording
// candidate-facing documents use: "A head of data engineering leads …"
// becomes "As head of data engineering, you will lead …", "You are able to
// debate …" becomes "Ability to debate …", and criteria read "Experience
// of …", "Ability to …" or "Knowledge of …". Each rule is conservative:
// text it cannot rephrase is used as it is.

// verbs are base forms that start duties and descriptors in the
// frameworks, used to recognise an imperative or a third-person verb.
var verbs = map[string]bool{}

func init() {
	for _, v := range strings.Fields(`accept access achieve act adapt address adhere adjust administer adopt advise advocate
		align allocate analyse anticipate apply appraise approve architect articulate assess assist assure attend audit
		automate balance be bring build capture carry challenge champion change check clarify coach collaborate collate
		collect combine communicate compile complete comply conduct configure consider construct consult contribute
		control convey coordinate co-ordinate create curate debate decide deal define do delegate deliver demonstrate deploy
		describe design determine develop devise direct discuss document drive educate embed empower enable encourage engage
		enhance ensure establish estimate evaluate explain explore facilitate find follow forecast foster gather generate
		give govern guide handle help identify impart implement improve influence initiate inspire integrate interpret
		introduce investigate keep lead learn liaise maintain make manage map measure mediate mentor model moderate monitor
		motivate negotiate nurture operate optimise organise oversee own participate perform plan prepare present prioritise
		produce promote propose protect provide publish recognise recommend record reduce refine represent report research
		resolve respond review run scope secure see seek select set shape share solve speak specify sponsor steer
		support take teach test track train transform translate understand undertake use validate verify work write`) {
		verbs[v] = true
	}
}

// baseVerb returns the base form of a third-person verb ("leads" → "lead",
// "carries" → "carry", "is" → "be"), and whether w is one.
func baseVerb(w string) (string, bool) {
	lw := strings.ToLower(w)
	switch lw {
	case "is":
		return "be", true
	case "has":
		return "have", true
	case "does":
		return "do", true
	}
	var cands []string
	switch {
	case strings.HasSuffix(lw, "ies"):
		cands = []string{lw[:len(lw)-3] + "y"}
	case strings.HasSuffix(lw, "es"):
		cands = []string{lw[:len(lw)-1], lw[:len(lw)-2]}
	case strings.HasSuffix(lw, "s") && !strings.HasSuffix(lw, "ss"):
		cands = []string{lw[:len(lw)-1]}
	}
	for _, c := range cands {
		if verbs[c] {
			return c, true
		}
	}
	return "", false
}

// gerund returns the -ing form of a base verb ("inspire" → "inspiring",
// "set" → "setting", "model" → "modelling").
func gerund(v string) string {
	switch v {
	case "be", "see":
		return v + "ing"
	case "set", "plan", "run", "map", "scope", "model", "control", "commit", "get", "put", "stop":
		if v == "scope" {
			return "scoping"
		}
		return v + v[len(v)-1:] + "ing"
	}
	switch {
	case strings.HasSuffix(v, "ie"):
		return v[:len(v)-2] + "ying"
	case strings.HasSuffix(v, "ee"):
		return v + "ing"
	case strings.HasSuffix(v, "e"):
		return v[:len(v)-1] + "ing"
	}
	return v + "ing"
}

var secondPerson = []struct{ prefix, replace string }{
	{"you are capable of ", "-"}, {"you are seen as ", "-"},
	{"you should be able to ", ""}, {"you are able to ", ""}, {"you will be able to ", ""},
	{"you can ", ""}, {"you will ", ""}, {"you are ", "be "}, {"you ", ""},
	{"be able to ", ""}, {"able to ", ""}, {"can ", ""},
}

// verbPhrase returns descriptor s as a phrase that starts with a base verb
// ("You are able to debate complex subjects." → "debate complex subjects";
// "Defines governance processes." → "define governance processes"), and
// whether it could.
func verbPhrase(s string) (string, bool) {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ".;:"))
	if s == "" {
		return "", false
	}
	lower := strings.ToLower(s)
	for _, p := range secondPerson {
		if strings.HasPrefix(lower, p.prefix) {
			if p.replace == "-" {
				return "", false // no plain "ability to" reading
			}
			rest := p.replace + s[len(p.prefix):]
			first, _, _ := strings.Cut(rest, " ")
			first = strings.ToLower(first)
			if p.replace == "" && !verbs[first] && first != "have" && first != "only" && first != "easily" && first != "often" {
				return "", false
			}
			if first == "have" && p.replace == "" {
				// "You have created …" has no base-verb reading.
				return "", false
			}
			return lowerFirst(rest), true
		}
	}
	first, rest, _ := strings.Cut(s, " ")
	lf := strings.ToLower(first)
	if verbs[lf] {
		return joinWords(lf, rest), true
	}
	if b, ok := baseVerb(first); ok && b != "be" && b != "have" {
		return joinWords(b, andBaseVerbs(" "+rest)), true
	}
	return "", false
}

func joinWords(a, b string) string {
	if b == "" {
		return a
	}
	return a + " " + b
}

// andVerb matches a coordinated third-person verb ("…, and integrates").
var andVerb = regexp.MustCompile(`(,? and |, )([a-z]+s)\b`)

// youWill rewrites a third-person summary sentence about a role holder
// ("A head of data engineering leads teams to deliver services for their
// department") in the second person ("As head of data engineering, you
// will lead teams to deliver services for your department"). keepArticle
// keeps "a"/"an" (for the role in general: "As a data engineer, …"). It
// reports false when the sentence has another shape.
func youWill(s string, keepArticle bool) (string, bool) {
	s = strings.TrimSpace(s)
	words := strings.Fields(s)
	if len(words) < 3 {
		return "", false
	}
	art := strings.ToLower(words[0])
	if art != "a" && art != "an" && art != "the" {
		return "", false
	}
	for i := 2; i < len(words) && i < 8; i++ {
		b, ok := baseVerb(strings.Trim(words[i], ","))
		if !ok {
			continue
		}
		subject := strings.Join(words[1:i], " ")
		if keepArticle && art != "the" {
			subject = art + " " + subject
		}
		rest := ownVoice(andBaseVerbs(" " + strings.Join(words[i+1:], " ")))
		return "As " + subject + ", you will " + joinWords(b, rest), true
	}
	return "", false
}

// andBaseVerbs puts coordinated third-person verbs in the base form:
// "develops and implements" → "develop and implement".
func andBaseVerbs(s string) string {
	return strings.TrimSpace(andVerb.ReplaceAllStringFunc(s, func(m string) string {
		sub := andVerb.FindStringSubmatch(m)
		if v, ok := baseVerb(sub[2]); ok {
			return sub[1] + v
		}
		return m
	}))
}

// ownVoice turns "their"/"they" about the role holder into "your"/"you".
func ownVoice(s string) string {
	s = regexp.MustCompile(`\btheir\b`).ReplaceAllString(s, "your")
	return regexp.MustCompile(`\bthemselves\b`).ReplaceAllString(s, "yourself")
}

// lowerFirst lowercases the first letter unless the first word is an
// acronym or a name written in capitals ("NHS", "OMOP", "Helm").
func lowerFirst(s string) string {
	first, _, _ := strings.Cut(s, " ")
	if len(first) > 1 {
		up := 0
		for _, r := range first {
			if unicode.IsUpper(r) {
				up++
			}
		}
		if up > 1 {
			return s
		}
	}
	for i, r := range s {
		return string(unicode.ToLower(r)) + s[i+len(string(r)):]
	}
	return s
}

// upperFirst capitalises the first letter.
func upperFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// asSentence capitalises s and ends it with a full stop.
func asSentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	s = upperFirst(s)
	if !strings.ContainsAny(s[len(s)-1:], ".!?") {
		s += "."
	}
	return s
}

// sentences splits a paragraph into sentences at ". " boundaries.
func sentences(p string) []string {
	var out []string
	for _, s := range regexp.MustCompile(`\.\s+`).Split(strings.TrimSpace(p), -1) {
		if s = strings.TrimSpace(strings.TrimSuffix(s, ".")); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// experienceOf is the criterion for experience of a duty or skill:
// "Experience of inspiring best practice …" from a verb phrase, or
// "Experience of data modelling" from a title.
func experienceOf(s string) string {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), "."))
	if m := haveExperience.FindStringSubmatch(s); m != nil {
		return "Experience " + m[1] + " " + m[2]
	}
	if p, ok := verbPhrase(s); ok {
		v, rest, _ := strings.Cut(p, " ")
		return "Experience of " + joinWords(gerund(v), andGerund(rest))
	}
	t := sentenceCase(strings.TrimSpace(s))
	first, rest, _ := strings.Cut(t, " ")
	if verbs[first] {
		t = joinWords(gerund(first), rest)
	}
	return "Experience of " + t
}

// knowledgeOf is the criterion for knowledge of a subject.
func knowledgeOf(title string) string {
	t := sentenceCase(strings.TrimSpace(title))
	first, rest, _ := strings.Cut(t, " ")
	if verbs[first] {
		return "Experience of " + joinWords(gerund(first), rest)
	}
	return "Knowledge of " + t
}

// haveExperience matches a duty or descriptor that already speaks of
// experience ("Have experience in identifying …"), so that the criterion
// does not say it twice.
var haveExperience = regexp.MustCompile(`(?i)^(?:you )?(?:have|has|with|bring) (?:proven |extensive |significant )?experience (of|in) (.+)$`)

// andBase matches a coordinated base verb ("… and ensure …").
var andBase = regexp.MustCompile(`\b(and|or) ([a-z]+)\b`)

// andGerund puts coordinated base verbs in the -ing form, to follow a
// gerund: "lead projects and ensure compliance" → "… and ensuring …".
func andGerund(s string) string {
	return andBase.ReplaceAllStringFunc(s, func(m string) string {
		sub := andBase.FindStringSubmatch(m)
		if verbs[sub[2]] && sub[2] != "model" && sub[2] != "test" && sub[2] != "plan" && sub[2] != "map" {
			return sub[1] + " " + gerund(sub[2])
		}
		return m
	})
}

// levelWords are framework level tags that candidate-facing text leaves
// out: "(Senior)", "Level Five", "(Level 5)".
var levelWords = regexp.MustCompile(`(?i)\s*\((?:level\s+\w+|senior|mid|entry|junior|expert|practitioner|working|awareness)\)|\blevel\s+(?:\d+|one|two|three|four|five|six|seven)\b`)

// codeInBrackets is a framework code in brackets: " (DE3.1)".
var codeInBrackets = regexp.MustCompile(`\s*\((?:[A-Z]{1,4}\d+(?:\.\d+)*)\)`)

// plainText removes level tags and framework codes in brackets from s.
func plainText(s string) string {
	s = levelWords.ReplaceAllString(s, "")
	s = codeInBrackets.ReplaceAllString(s, "")
	return strings.Join(strings.Fields(s), " ")
}

// sentenceCase turns a Title Case title ("Latest Cyber Security Threats
// for Senior Execs") into lower-case words, keeping acronyms ("IT", "NHS"):
// "latest cyber security threats for senior execs".
func sentenceCase(t string) string {
	words := strings.Fields(t)
	for i, w := range words {
		up := 0
		for _, r := range w {
			if unicode.IsUpper(r) {
				up++
			}
		}
		if up <= 1 {
			words[i] = strings.ToLower(w)
		}
	}
	return strings.Join(words, " ")
}

// theyToYou rewrites a sentence about role holders in the plural ("They
// have responsibility for …") in the second person ("You will have
// responsibility for …"); other sentences are returned as they are.
func theyToYou(s string) string {
	first, rest, ok := strings.Cut(s, " ")
	if !ok || !strings.EqualFold(first, "they") {
		return s
	}
	verb, tail, _ := strings.Cut(rest, " ")
	switch strings.ToLower(verb) {
	case "are":
		verb = "be"
	case "will", "can", "may", "must", "should":
		return ownVoice("You " + rest)
	}
	return ownVoice("You will " + joinWords(verb, tail))
}
