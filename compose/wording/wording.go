// Package wording turns one framework descriptor, in whatever shape its
// authors wrote it, into each form rolepack's documents need: a duty (an
// imperative for "you will …" lists), a person-specification criterion
// ("Experience of …ing", "Knowledge of …", "Ability to …"), an evidence
// question for the interview ("Tell us about a time when you …", "Give an
// example of …") and a development objective.
//
// Parse reads the descriptor's shape: a verb phrase in any form (base
// "explain …", third person "explains …", after a modal or "able to":
// "can explain …", "is able to …", "you will …", coordinated verbs of mixed
// forms "take … and reports …"), a possession ("have strong communication
// skills"), knowledge ("knowledge of …", "working knowledge of …", "an
// awareness of …", "understands …"), experience ("has experience of …"),
// a responsibility ("responsible for …"), a personal quality ("be
// inquisitive") or a topic (a noun phrase such as a skill's title). A
// descriptor of no shape it knows keeps its own words in a safe frame
// (Shape Unknown), so that no broken sentence is written.
//
// Word forms come from internal/english (verbs, their forms and the closed
// word classes): the shape of a sentence is read from the position of its
// words, not from a list of whole sentences.
package wording

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rolepack/rolepack/internal/english"
)

// Shape is what kind of statement a descriptor makes.
type Shape int

// The shapes Parse tells apart.
const (
	Unknown        Shape = iota // no shape recognised: the words are kept as they are
	Action                      // a verb phrase: "explain complex findings", "take … and report …"
	Possession                  // "have strong communication skills" (with no action)
	Knowledge                   // "knowledge of X", "an awareness of X", "understands X"
	Experience                  // "has experience of X"
	Responsibility              // "responsible for X", "accountable for X"
	Quality                     // a personal quality: "be inquisitive"
	Topic                       // a noun phrase: "data catalogue", "Agile and Lean practices"
)

var shapeNames = [...]string{"unknown", "action", "possession", "knowledge", "experience", "responsibility", "quality", "topic"}

// String names the shape.
func (s Shape) String() string { return shapeNames[s] }

// Clause is one verb of a coordination and the words that follow it up to
// the next coordinated verb: "take ownership of the plan" and "report
// progress" in "take ownership of the plan and reports progress".
type Clause struct {
	Pre  string // adverbs before the verb, as written: "actively", "also"
	Verb string // base form, lower case
	Rest string // the words after the verb, as written
}

// Phrase is a parsed descriptor.
type Phrase struct {
	Shape   Shape
	Clauses []Clause // Action, Possession, Quality: each coordinated verb (Possession and Quality: "have" and "be")
	Seps    []string // the separators between clauses (" and ", ", ", ", and ", " or ")
	Head    string   // Knowledge: "knowledge", "working knowledge", "awareness", "understanding"; Responsibility: "responsible", "accountable"
	Prep    string   // Knowledge and Experience: "of", "in" or "with", as the descriptor has it
	Object  string   // Knowledge, Experience, Responsibility, Topic: what it is of or for
	Source  string   // the descriptor as given, trimmed
	Lead    string   // an opening phrase the duty keeps: "In emergencies,"
}

// subjects are openings that put the descriptor's verb after a subject,
// a modal or "able to"; the longest that matches is removed. "you are"
// becomes "be", "you have" becomes "have".
var subjects = []struct{ prefix, replace string }{
	{"you will be expected to ", ""}, {"you will be able to ", ""}, {"you should be able to ", ""},
	{"you must be able to ", ""}, {"you are expected to ", ""}, {"you are able to ", ""},
	{"you are capable of ", "~"}, {"you will need to ", ""}, {"you need to ", ""},
	{"you will have the opportunity to ", ""}, {"have the opportunity to ", ""}, {"has the opportunity to ", ""},
	{"you will have ", "have "}, {"you will be ", "be "}, {"you are ", "be "}, {"you have ", "have "},
	{"show you have ", "have "}, {"show that you have ", "have "}, {"demonstrate you have ", "have "}, {"demonstrate that you have ", "have "},
	{"you must ", ""}, {"you can ", ""}, {"you could ", ""}, {"you will ", ""}, {"you should ", ""}, {"you may ", ""},
	{"they will ", ""}, {"they can ", ""}, {"they are able to ", ""}, {"they are ", "be "}, {"they have ", "have "},
	{"is able to ", ""}, {"are able to ", ""}, {"be able to ", ""}, {"being able to ", ""}, {"able to ", ""},
	{"is capable of ", "~"}, {"capable of ", "~"},
	{"can also ", ""}, {"can ", ""}, {"could ", ""}, {"will ", ""}, {"should ", ""}, {"must ", ""}, {"may ", ""},
	{"is expected to ", ""}, {"expected to ", ""}, {"is required to ", ""}, {"are required to ", ""}, {"required to ", ""},
	{"is allowed to ", ""}, {"are allowed to ", ""}, {"to ", ""},
	{"ability to ", ""}, {"the ability to ", ""}, {"an ability to ", ""}, {"demonstrable ability to ", ""},
	{"you ", ""},
}

var (
	experienceRe  = regexp.MustCompile(`(?i)^(?:have |has |having |with |bring |brings )?(?:(?:proven|extensive|significant|demonstrable|demonstrated|some|previous|broad|wide|considerable|practical|recent|relevant|good|strong|solid|substantial)(?: and (?:proven|extensive|significant|demonstrable|practical|relevant|recent))? )*(?:experience|experienced) (of|in|with|at) (.+)$`)
	knowledgeRe   = regexp.MustCompile(`(?i)^(?:have |has |having |demonstrate |demonstrates |show |shows |bring |brings |with )?(?:(an?|the) )?((?:(?:good|strong|sound|working|in-depth|in depth|detailed|thorough|basic|broad|deep|expert|practical|excellent|up-to-date|up to date|comprehensive|solid|general|clear|full|specialist|technical|some|high-level|an) )*)(knowledge|understanding|awareness|appreciation|grasp|familiarity|proficiency|expertise|competence)(?: (?:and|or) (?:an? )?(?:understanding|experience|knowledge|awareness))? (of|about|in|with) (.+)$`)
	leadRe        = regexp.MustCompile(`(?i)^((?:in|where|when|if|as|for|on|during|at) [^,]{2,40},) (.+)$`)
	responsibleRe = regexp.MustCompile(`(?i)^(?:be |is |are |being )?(responsible|accountable) for (.+)$`)
	awareRe       = regexp.MustCompile(`(?i)^(?:be |is |are |being )?aware of (.+)$`)
)

// Parse reads descriptor s. Level tags and codes are the caller's to
// remove first.
func Parse(s string) Phrase {
	src := undouble(strings.Join(strings.Fields(strings.TrimSpace(s)), " "))
	src = listColon.ReplaceAllString(src, "$1 ")
	if end := nextSentence(src); end >= 0 {
		// Several sentences: the first gives the shape; each later one that
		// states an action joins it as a coordinated clause ("Familiarity
		// with X. Can set permissions …" → "… and experience of setting
		// permissions …"). Other sentences are kept in Source only.
		p := parseOne(src[:end+1])
		switch p.Shape {
		case Action, Possession, Knowledge, Experience, Responsibility:
			for _, x := range splitSentences(src[end+1:]) {
				q := parseOne(x)
				if q.Shape != Action {
					continue
				}
				if len(p.Seps) == 0 && len(p.Clauses) == 0 {
					q.Seps[0] = ""
				} else {
					q.Seps[0] = " and "
				}
				p.Clauses = append(p.Clauses, q.Clauses...)
				p.Seps = append(p.Seps, q.Seps...)
			}
			if p.Shape == Possession && len(p.actions0()) > 0 {
				p.Shape = Action
			}
		}
		p.Source = src
		return p
	}
	return parseOne(src)
}

// listColon is a colon after "including", "such as" or a preposition,
// which introduce the list that follows them with no colon: "the team's
// work, including: planning, …" reads "including planning, …",
// "Responsible for: planning, …" "Responsible for planning, …".
var listColon = regexp.MustCompile(`(?i)\b(including|such as|for|of|in|with|on):\s`)

// sentenceEnd is the end of a sentence followed by another: ". You …"
// (see nextSentence for the abbreviations that end none).
var sentenceEnd = regexp.MustCompile(`[.!?]\s+[A-Z]`)

// nextSentence is the index of the stop that ends t's first sentence
// when another sentence follows it, or -1. A stop that ends an
// abbreviation ("e.g. JAWS", "i.e. Senior managers") ends no sentence.
func nextSentence(t string) int {
	off := 0
	for {
		loc := sentenceEnd.FindStringIndex(t[off:])
		if loc == nil {
			return -1
		}
		i := off + loc[0]
		if !Abbreviation(t[:i+1]) || etc(t[:i+1]) {
			return i // "… changes to WCAG etc. Reviews …" ends there
		}
		off = i + 1
	}
}

// abbreviations end in a full stop that ends no sentence; "etc." ends one
// only when a capital follows (see nextSentence), as "e.g." and "i.e."
// never do.
// Words that are also English words ("no.", "st.", "fig.") are not among
// them: "learn when to say no. Prioritise …" is two sentences.
var abbreviations = map[string]bool{"etc.": true, "e.g.": true, "i.e.": true, "eg.": true, "ie.": true, "cf.": true, "viz.": true,
	"incl.": true, "approx.": true, "vs.": true, "n.b.": true, "dr.": true, "mr.": true, "mrs.": true, "ms.": true}

// Abbreviation reports whether s ends in an abbreviation's full stop
// ("… (e.g.", "… i.e."), which ends no sentence.
func Abbreviation(s string) bool {
	i := strings.LastIndexAny(s, " \t(\"'‘“")
	return abbreviations[strings.ToLower(s[i+1:])]
}

// etc reports whether s ends in "etc.", which ends a sentence when a
// capital follows.
func etc(s string) bool {
	return strings.HasSuffix(strings.ToLower(s), " etc.") || strings.EqualFold(s, "etc.")
}

// Sentences splits text into its sentences at each full stop, question or
// exclamation mark followed by a space, except the stop of an
// abbreviation ("e.g. JAWS and NVDA" is one sentence), each trimmed.
func Sentences(t string) []string {
	var out []string
	start := 0
	for i := 0; i < len(t); i++ {
		if endsSentence(t[start:i+1], t[i+1:]) {
			if s := strings.TrimSpace(t[start : i+1]); s != "" {
				out = append(out, s)
			}
			start = i + 1
		}
	}
	if s := strings.TrimSpace(t[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// endsSentence reports whether s, a sentence so far, ends one before
// next: a full stop, question or exclamation mark and a space, but not the
// stop of an abbreviation ("e.g. JAWS"), save "etc." before a capital.
func endsSentence(s, next string) bool {
	if s == "" || next == "" || !strings.ContainsRune(" \t\n", rune(next[0])) {
		return false
	}
	switch s[len(s)-1] {
	case '!', '?':
		return true
	case '.':
		return !Abbreviation(s) || etc(s) && capitalNext(next)
	}
	return false
}

// capitalNext reports whether the first letter of t is a capital.
func capitalNext(t string) bool {
	for _, r := range t {
		if !unicode.IsSpace(r) {
			return unicode.IsUpper(r)
		}
	}
	return false
}

// splitSentences splits text at sentence ends.
func splitSentences(t string) []string {
	var out []string
	for {
		t = strings.TrimSpace(t)
		i := nextSentence(t)
		if i < 0 {
			if t != "" {
				out = append(out, t)
			}
			return out
		}
		out = append(out, t[:i+1])
		t = t[i+1:]
	}
}

// actions0 lists the clauses that are not "have …".
func (p Phrase) actions0() []Clause {
	var out []Clause
	for _, c := range p.Clauses {
		if c.Verb != "have" {
			out = append(out, c)
		}
	}
	return out
}

// parseOne reads one sentence.
func parseOne(src string) Phrase {
	p := Phrase{Source: src}
	t := strings.TrimRight(src, ".;:!")
	if k := strings.TrimRight(src, ";:! "); Abbreviation(k) {
		t = k // "… content designers, etc." keeps its stop
	}
	t = strings.TrimLeft(t, "-–•* ")
	if t == "" {
		return p
	}
	t, gerundOpening := stripSubject(t)
	if m := leadRe.FindStringSubmatch(t); m != nil {
		p.Lead, t = m[1], m[2]
	}
	pre, t := leadingAdverbs(t)
	if p.nounShape(t) {
		p.tail()
		return p
	}
	words := strings.Fields(t)
	if len(words) == 0 {
		return p // only adverbs or an opening phrase: "potentially", "In emergencies,"
	}
	if len(words) > 2 && compounds[strings.ToLower(words[0]+" "+strings.Trim(words[1], ","))] {
		// "quality assure outputs", "line manage analysts": the first word
		// stays in front of the verb in every form.
		pre = append(pre, strings.ToLower(words[0]))
		words = words[1:]
	}
	first := strings.Trim(words[0], ",")
	base, form := english.Verb(first)
	if gerundOpening && (form != english.Gerund || base == "have" || base == "be") {
		return p // "capable of having articles published": no plain reading
	}
	nounFirst := form == english.NotVerb || form == english.Gerund && len(words) > 1 && words[1] == "of"
	if nounFirst && passiveOutcome(words) {
		// "Incidents are logged and resolved within agreed timescales",
		// "Coaching of junior specialists is provided": an outcome the
		// job holder ensures.
		p.Shape = Action
		p.Clauses, p.Seps = []Clause{{Pre: strings.Join(pre, " "), Verb: "ensure", Rest: LowerFirst(t)}}, []string{""}
		return p
	}
	verbal := false
	if v, ok := nominalVerb(words); ok && !gerundOpening {
		// "Delivery of training for designers", "Coaching of junior
		// specialists", "Ownership of the plan": the action the noun
		// names, done to what follows "of".
		words = append([]string{v}, words[2:]...)
		base, form, verbal = v, english.Base, true
	}
	if form == english.Gerund && len(words) == 1 && !gerundOpening {
		// "Testing": a name for the work, not an action with an object
		form = english.NotVerb
	}
	if form == english.NotVerb || form == english.Past {
		if looksLikeTopic(words) {
			p.Shape, p.Object = Topic, LowerFirst(t)
			if attributeTopic(words) {
				// "Excellent communication skills", "Willingness to learn
				// new tools": what a person has, not work to have done
				p.Shape, p.Object = Possession, ""
				p.Clauses, p.Seps = []Clause{{Verb: "have", Rest: LowerFirst(t)}}, []string{""}
			}
		}
		return p
	}
	if form == english.Base && !verbal && isNounFirst(words) {
		p.Shape, p.Object = Topic, LowerFirst(t)
		return p
	}
	p.Clauses, p.Seps = clauses(base, form, words)
	p.Clauses[0].Pre = strings.Join(pre, " ")
	for i, c := range p.Clauses {
		if c.Verb == "hold" && names(credentialWord, c.Rest) {
			// "hold a Level 3 … certification" is what the holder has
			p.Clauses[i].Verb = "have"
		}
	}
	p.verbShape(base)
	if p.Shape == Action && p.Clauses[0].Verb == "know" && strings.HasPrefix(strings.ToLower(p.Clauses[0].Rest), "how to ") {
		// "know how to use SQL" states the action it knows.
		inner := Parse(p.Clauses[0].Rest[len("how to "):] + sepJoin(p.Clauses[1:], p.Seps[1:], true))
		if inner.Shape == Action {
			return inner
		}
	}
	return p
}

// nominalVerb is the verb named by the noun of action a descriptor opens
// with before "of" ("Delivery of training" → "deliver", "Coaching of
// junior specialists" → "coach", "Management of relationships" →
// "manage", "Ownership of the plan" → "own"), and whether it opens so:
// the noun is a gerund, or a verb the lexicon has with one of the endings
// of nominalEndings, not a noun that is as often a verb ("Measurement
// of" stays a topic, as "measure" would be one).
func nominalVerb(words []string) (string, bool) {
	if len(words) < 3 || words[1] != "of" {
		return "", false
	}
	w := strings.ToLower(words[0])
	if b, f := english.Verb(w); f == english.Gerund {
		return b, true
	}
	if notNominal[w] {
		return "", false
	}
	if v, ok := irregularNominal[w]; ok {
		return v, true
	}
	for _, e := range nominalEndings {
		stem, ok := strings.CutSuffix(w, e.suffix)
		if !ok || len(stem) < 2 {
			continue
		}
		if v := stem + e.add; english.IsBase(v) && !nounVerb[v] {
			return v, true
		}
	}
	return "", false
}

// nominalEndings are the endings that make a noun of action from a verb,
// and what the verb has in their place, tried in order ("organisation" →
// "organise", "implementation" → "implement", "creation" → "create",
// "collection" → "collect", "sponsorship" → "sponsor", "ownership" →
// "own").
var nominalEndings = []struct{ suffix, add string }{
	{"ment", ""}, {"ery", "er"}, {"ship", ""}, {"ership", ""}, {"ysis", "yse"},
	{"ation", ""}, {"ation", "e"}, {"ion", "e"}, {"ion", ""},
}

// irregularNominal are nouns of action whose verb no ending of
// nominalEndings gives.
var irregularNominal = map[string]string{"provision": "provide", "production": "produce", "reduction": "reduce",
	"introduction": "introduce", "resolution": "resolve", "maintenance": "maintain", "definition": "define",
	"description": "describe", "acquisition": "acquire", "decision": "decide", "extension": "extend",
	"expansion": "expand", "inclusion": "include", "submission": "submit", "assurance": "assure"}

// notNominal end as a noun of action does but name no action of the verb
// the ending would give ("information" is not informing, "mission" not
// missing).
var notNominal = map[string]bool{"information": true, "relation": true, "option": true, "action": true, "mission": true,
	"profession": true, "situation": true, "impression": true, "equipment": true, "portion": true, "session": true}

// attributeTopic reports whether noun phrase words names what a person
// has or is like rather than a field of work: its head is a quality or
// skills ("excellent communication skills", "a proven track record of
// …", "willingness to learn …"), or it opens with a word that grades one
// ("strong stakeholder management").
func attributeTopic(words []string) bool {
	if gradeWords[strings.ToLower(words[0])] && len(words) > 1 {
		return true
	}
	for _, w := range words {
		lw := strings.ToLower(strings.Trim(w, ",;:.()"))
		if english.IsPreposition(lw) || lw == "to" {
			break // the head comes before "of", "to", "in"
		}
		if attributeNouns[lw] {
			return true
		}
	}
	return false
}

// gradeWords grade a quality a person brings: "strong stakeholder
// management" is a quality of the candidate, not a field of work.
var gradeWords = map[string]bool{"excellent": true, "strong": true, "good": true, "proven": true, "effective": true,
	"outstanding": true, "exceptional": true, "demonstrable": true, "demonstrated": true, "sound": true}

// attributeNouns head a noun phrase of what a person has or is like.
var attributeNouns = map[string]bool{"skills": true, "skill": true, "abilities": true, "willingness": true,
	"commitment": true, "enthusiasm": true, "passion": true, "aptitude": true, "record": true, "flair": true}

// stripSubject removes the subjects and modals a descriptor opens with
// ("You will be able to", "Can", "Is expected to"), as the subjects table
// says, and reports whether one of them leaves a gerund to read
// ("capable of").
func stripSubject(t string) (string, bool) {
	gerundOpening := false
	// Each removal shortens the text, so the loop ends.
	for matched := true; matched; {
		matched = false
		lower := strings.ToLower(t)
		for _, sub := range subjects {
			if strings.HasPrefix(lower, sub.prefix) && len(t) > len(sub.prefix) {
				rest := t[len(sub.prefix):]
				if sub.replace == "~" {
					gerundOpening = true
					t = rest
				} else {
					t = sub.replace + rest
				}
				matched = true
				break
			}
		}
	}
	return t, gerundOpening
}

// leadingAdverbs takes the adverbs t opens with: those the documents keep
// (lowered at their first letter), and the rest of t. Hedges
// ("potentially") are left out.
func leadingAdverbs(t string) ([]string, string) {
	var pre []string
	for {
		first, rest, ok := strings.Cut(t, " ")
		if !ok || !isAdverb(first) {
			return pre, t
		}
		if !hedges[strings.ToLower(first)] {
			pre = append(pre, LowerFirst(first))
		}
		t = rest
	}
}

// nounShape reads t as experience, knowledge, responsibility or
// awareness of something ("Experience of …", "A good understanding of
// …", "Responsible for …", "Aware of …"), setting p's shape, head,
// preposition and object; false when t is none of them.
func (p *Phrase) nounShape(t string) bool {
	if m := experienceRe.FindStringSubmatch(t); m != nil {
		p.Shape, p.Prep, p.Object = Experience, strings.ToLower(m[1]), m[2]
		if p.Prep == "at" {
			p.Prep = "of"
		}
		return true
	}
	if m := knowledgeRe.FindStringSubmatch(t); m != nil {
		head := strings.ToLower(strings.TrimSpace(m[2] + m[3]))
		head = strings.TrimPrefix(head, "an ")
		p.Shape, p.Head, p.Prep, p.Object = Knowledge, head, "of", m[5]
		switch head {
		case "familiarity":
			p.Prep = "with"
		case "proficiency", "expertise", "competence":
			p.Prep = "in"
		}
		return true
	}
	if m := responsibleRe.FindStringSubmatch(t); m != nil {
		p.Shape, p.Head, p.Object = Responsibility, strings.ToLower(m[1]), m[2]
		return true
	}
	if m := awareRe.FindStringSubmatch(t); m != nil {
		p.Shape, p.Head, p.Prep, p.Object = Knowledge, "awareness", "of", m[1]
		if obj, ok := cutPrefixFold(p.Object, "but not responsible for "); ok {
			// "be aware of but not responsible for security": awareness
			// of it is the criterion
			p.Object = obj
		}
		return true
	}
	return false
}

// verbShape sets the shape of a phrase read as clauses whose first verb
// is base: knowledge ("understand X"), a quality ("be curious"), a
// possession ("have a driving licence"), or an action.
func (p *Phrase) verbShape(base string) {
	switch {
	case len(p.Clauses) == 1 && (base == "understand" || base == "know") && !strings.HasPrefix(strings.ToLower(p.Clauses[0].Rest), "how "):
		p.Shape, p.Head, p.Prep, p.Object = Knowledge, map[string]string{"understand": "understanding", "know": "knowledge"}[base], "of", p.Clauses[0].Rest
		p.Clauses, p.Seps = nil, nil
		if p.Object == "" {
			p.Shape = Unknown
		}
	case len(p.Clauses) == 1 && base == "be" && isQuality(p.Clauses[0].Rest):
		p.Shape = Quality
	case allHave(p.Clauses):
		p.Shape = Possession
		if len(p.possessions()) == 0 {
			p.Shape, p.Clauses, p.Seps = Unknown, nil, nil // "have" alone says nothing
		}
	case len(p.Clauses) == 1 && base == "be" && p.Clauses[0].Rest == "":
		p.Shape, p.Clauses, p.Seps = Unknown, nil, nil
	default:
		p.Shape = Action
	}
}

// passiveOutcome reports whether words state an outcome in the passive: a
// noun phrase of up to five words, "is" or "are", perhaps an adverb, and a
// past participle ("Incidents are logged …", "All changes are properly
// tested …").
func passiveOutcome(words []string) bool {
	for k := 1; k < len(words)-1 && k <= 5; k++ {
		w := strings.ToLower(words[k])
		if w != "are" && w != "is" {
			if b, f := english.Verb(strings.Trim(w, ",")); f != english.NotVerb && !nounVerb[b] {
				return false // a verb before "are": not a noun phrase
			}
			continue
		}
		next := words[k+1]
		if isAdverb(next) && k+2 < len(words) {
			next = words[k+2]
		}
		_, f := english.Verb(strings.Trim(next, ",;"))
		return f == english.Past
	}
	return false
}

// cutPrefixFold is strings.CutPrefix ignoring case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) > len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// undouble removes a word written twice in a row ("apply apply modern
// development standards", a slip in a published framework).
func undouble(s string) string {
	words := strings.Fields(s)
	out := words[:0]
	for i, w := range words {
		if i > 0 && strings.EqualFold(w, words[i-1]) && len(w) > 1 && w[0] != '(' {
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// sepJoin joins clauses (with a leading separator when lead) as written.
func sepJoin(cs []Clause, seps []string, lead bool) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 || lead {
			b.WriteString(seps[i])
		}
		b.WriteString(joinWords(c.Verb, c.Rest))
	}
	return b.String()
}

// clauses splits words, which start with a verb of base form first, into
// coordinated clauses.
func clauses(first string, form english.Form, words []string) ([]Clause, []string) {
	c := clauseSplitter{form: form, words: words, out: []Clause{{Verb: first}}, seps: []string{""}}
	for i := 1; i < len(words); i++ {
		i = c.read(i)
	}
	c.flush()
	return c.out, c.seps
}

// clauseSplitter is what clauses knows as it reads a descriptor's words
// one at a time: the clauses so far, the separator before each, and the
// words of the clause being read.
type clauseSplitter struct {
	form       english.Form // the first verb's form
	words      []string
	out        []Clause
	seps       []string
	rest       []string     // the words of the last clause so far
	inRelative bool         // the clause's words so far end in a relative clause ("activities that improve …")
	relForm    english.Form // the form of that clause's verb
}

// flush ends the clause being read.
func (c *clauseSplitter) flush() {
	c.out[len(c.out)-1].Rest = strings.Join(c.rest, " ")
	c.rest = nil
	c.inRelative = false
}

// read takes words[i], either as the next word of the clause being read
// or, after a separator ("and", a comma), as the start of a new clause
// with the verb it finds there; it returns the index of the last word it
// took.
func (c *clauseSplitter) read(i int) int {
	w := c.words[i]
	sep, j := separatorAt(c.words, i, c.rest)
	c.noteRelative(w)
	if sep == "" || j >= len(c.words) {
		c.rest = append(c.rest, w)
		return i
	}
	// Skip a modal chain or adverb: "and can represent", "and is able to",
	// "and also builds".
	if c.parenOpen() {
		// "(see the Service Standard, points 5 and 12)": a bracket's words
		// are the clause's, never a verb of the coordination.
		c.rest = append(c.rest, w)
		return i
	}
	if strings.TrimSpace(sep) != "," && strings.EqualFold(c.words[j], "to") && j+1 < len(c.words) && english.IsBase(c.words[j+1]) && !c.infinitive() {
		// "organise research …, and to analyse the findings": the "to"
		// of the frame the first verb lost ("Expected to …") goes too;
		// after a comma alone "to" is a purpose ("troubleshoot where
		// required, to support the business") and stays.
		j++
	}
	k, modal, pre := skipModal(c.words, j)
	if k >= len(c.words) || !c.opensClause(sep, k, modal) {
		c.rest = append(c.rest, w)
		return i
	}
	cand := c.words[k]
	if n := len(c.rest); n > 0 && (strings.HasPrefix(sep, ",") || strings.HasPrefix(sep, ";")) {
		// the comma is the separator's, not the clause's
		c.rest[n-1] = strings.TrimSuffix(strings.TrimSuffix(c.rest[n-1], ","), ";")
	}
	c.flush()
	b, _ := english.Verb(cand)
	c.out = append(c.out, Clause{Pre: strings.Join(pre, " "), Verb: b})
	c.seps = append(c.seps, sep)
	if strings.HasSuffix(cand, ",") {
		c.rest = append(c.rest, ",") // "deal with, or escalate, issues"
	}
	return k
}

// parenOpen reports whether the clause being read has a bracket open.
func (c *clauseSplitter) parenOpen() bool {
	depth := 0
	for _, w := range c.rest {
		depth += strings.Count(w, "(") - strings.Count(w, ")")
	}
	return depth > 0
}

// endsInInfinitive reports whether the clause being read ends in an
// infinitive that the verb after "and" or "or" continues: "to" and base
// verbs ("to inspect", "to investigate, resolve"), or a list of them and
// its object ("to diagnose, evaluate and resolve complex problems or,
// when appropriate, escalate …"). An interjection between commas ("when
// appropriate") is passed over.
func (c *clauseSplitter) endsInInfinitive() bool {
	ws := withoutInterjections(c.rest)
	t := -1
	for i := len(ws) - 2; i >= 0; i-- {
		if strings.EqualFold(ws[i], "to") && english.IsBase(strings.TrimSuffix(ws[i+1], ",")) {
			t = i
			break
		}
	}
	if t < 0 {
		return false
	}
	verbs, i := verbList(ws, t+1)
	if i == len(ws) {
		return true // "to inspect and": nothing but verbs
	}
	if verbs < 2 {
		return false // "use data to inform decisions and share findings": the first verb's
	}
	for j := i; j < len(ws)-1; j++ {
		if _, f := english.Verb(strings.TrimSuffix(ws[j], ",")); strings.HasSuffix(ws[j], ",") || f == english.ThirdPerson || f == english.Past {
			return false
		}
	}
	return true
}

// verbList counts the base verbs of the list of verbs (joined by commas,
// "and" and "or") that ws has from i, and the index of the word after
// it.
func verbList(ws []string, i int) (int, int) {
	verbs := 0
	for ; i < len(ws); i++ {
		w := strings.TrimSuffix(ws[i], ",")
		switch {
		case w == "and" || w == "or":
		case english.IsBase(w) && (verbs == 0 || strings.HasSuffix(ws[i-1], ",") || ws[i-1] == "and" || ws[i-1] == "or"):
			verbs++
		default:
			return verbs, i
		}
	}
	return verbs, i
}

// withoutInterjections is words without the interjections set off by
// commas that open with "when", "where", "if" or "as" ("or, when
// appropriate, escalate" reads "or escalate").
func withoutInterjections(words []string) []string {
	var out []string
	for i := 0; i < len(words); i++ {
		if i > 0 && strings.HasSuffix(words[i-1], ",") && interjection[strings.ToLower(words[i])] {
			j := i
			for j < len(words) && j-i < 4 && !strings.HasSuffix(words[j], ",") {
				j++
			}
			if j < len(words) && j-i < 4 {
				out[len(out)-1] = strings.TrimSuffix(out[len(out)-1], ",")
				i = j
				continue
			}
		}
		out = append(out, words[i])
	}
	return out
}

// interjection open the short clauses set off by commas that a list of
// verbs runs on past: "when appropriate", "where required".
var interjection = map[string]bool{"when": true, "where": true, "if": true, "as": true}

// infinitive reports whether the clause being read has an infinitive
// ("work with suppliers to agree contracts"), which a later "and to …"
// continues.
func (c *clauseSplitter) infinitive() bool {
	for i := 0; i+1 < len(c.rest); i++ {
		if strings.EqualFold(c.rest[i], "to") && english.IsBase(c.rest[i+1]) {
			return true
		}
	}
	return false
}

// separatorAt is the separator that words[i] is or follows, as a new
// clause would be joined ("and", ", and", ", ", "; "), and the index of
// the word after it; "" when there is none. rest is the clause's words
// before words[i].
func separatorAt(words []string, i int, rest []string) (sep string, next int) {
	lw := strings.ToLower(words[i])
	switch {
	case lw == "and" || lw == "or":
		sep = " " + lw + " "
		if last := rest0(rest); strings.HasSuffix(last, ",") {
			sep = "," + sep
		} else if strings.HasSuffix(last, ";") {
			sep = ";" + sep
		}
		return sep, i + 1
	case i > 0 && strings.HasSuffix(words[i-1], ","):
		return ", ", i
	case i > 0 && strings.HasSuffix(words[i-1], ";"):
		// "organise the work; agree priorities …; and be accountable …"
		return "; ", i
	}
	return "", i
}

// noteRelative notes whether w, after a relative pronoun ("that", "who"),
// is the verb of a relative clause, and its form.
func (c *clauseSplitter) noteRelative(w string) {
	if c.inRelative || !relativePronoun[strings.ToLower(strings.TrimRight(rest0(c.rest), ","))] {
		return
	}
	if b, f := english.Verb(w); english.IsModal(w) {
		c.inRelative, c.relForm = true, english.Base
	} else if b != "" && (f == english.Base || f == english.ThirdPerson) && !nounVerb[b] {
		c.inRelative, c.relForm = true, f
	}
}

// skipModal skips, from words[j], a modal chain ("can", "is able to")
// and adverbs ("also", "regularly"): the index of the word after them,
// whether a verb must follow, and the adverbs as written.
func skipModal(words []string, j int) (k int, modal bool, pre []string) {
	for k = j; k < len(words); k++ {
		lk := strings.ToLower(words[k])
		switch {
		case lk == "can" || lk == "will" || lk == "should" || lk == "must" || lk == "may" || lk == "could":
			modal = true
		case (lk == "is" || lk == "are" || lk == "be") && k+2 < len(words) && strings.EqualFold(words[k+1], "able") && strings.EqualFold(words[k+2], "to"):
			modal = true
			k += 2
		case lk == "also" || lk == "then" || isAdverb(lk):
			pre = append(pre, words[k])
			modal = modal || isAdverb(lk) // "and regularly share …": a verb follows
		default:
			return k, modal, pre
		}
	}
	return k, modal, pre
}

// opensClause reports whether words[k], after separator sep (and a modal
// chain when modal), is the verb of a new clause rather than a word of
// the clause being read.
func (c *clauseSplitter) opensClause(sep string, k int, modal bool) bool {
	cand := c.words[k]
	if b, _ := english.Verb(cand); strings.HasSuffix(cand, ",") && !modal && (nounVerb[b] || b == "") {
		return false
	}
	if !modal && c.endsInInfinitive() {
		// "coach the organisation to inspect and adapt processes", "… to
		// investigate, resolve and anticipate problems": the verb after
		// "and" belongs to the infinitive.
		return false
	}
	b, f := english.Verb(cand)
	next := ""
	if k+1 < len(c.words) {
		next = strings.ToLower(strings.TrimRight(c.words[k+1], ",;:"))
	}
	if f == english.NotVerb || f == english.Past || c.staysInClause(sep, b, f, next, modal) {
		return false
	}
	nb, nf := english.Verb(next)
	switch {
	case modal:
		return f == english.Base || f == english.ThirdPerson
	case f == english.ThirdPerson && nounVerb[b]:
		// "… and reports progress" is a verb; "dashboards and reports
		// for managers" a plural noun: a verb when an object follows;
		// but "products and services are …" and "… and reports issues
		// to …": a plural noun that is also a verb's form is the
		// object.
		return next != "" && next != "as" && !english.IsPreposition(next) && !english.IsConjunction(next) && !relative[next] &&
			!(nf == english.ThirdPerson && !nounVerb[nb]) && nf != english.Past
	case f == english.ThirdPerson:
		// "… and ensures": third-person forms that are not nouns; but one
		// that ends the sentence after an object is a plural noun of it
		// ("use emerging technologies and approaches").
		return next != "" || len(c.rest) == 0
	case f == english.Base:
		return c.baseOpens(sep, b, next, modal)
	case f == english.Gerund:
		return c.form == english.Gerund
	}
	return false
}

// staysInClause reports whether a verb's form b (of form f) after
// separator sep, next the word after it, belongs to the clause being read
// although it could start one: a relative clause's verbs, a passive, a
// plural noun that is the subject of what follows, or one of a list.
func (c *clauseSplitter) staysInClause(sep, b string, f english.Form, next string, modal bool) bool {
	nb, nf := english.Verb(next)
	switch {
	case c.inRelative && sep != ", and " && sep != ", or " && (modal || f == c.relForm && (f == english.Base && c.form == english.Base || c.out[len(c.out)-1].Verb == "be")):
		// "activities that improve X, increase Y and increase Z",
		// "a practitioner who can define and assure best practice":
		// "is an expert who influences and mentors others": the verbs
		// of a relative clause stay in it. ("Can specify an
		// architecture that addresses X, and understands Y": a comma
		// before "and", or a third-person form, is the first verb's
		// coordination, which every form reads right.)
		return true
	case !modal && b == "be" && strings.HasPrefix(sep, ","):
		// "ensure strategic demands, such as spending reviews, are
		// supported": a passive after a bracketing comma.
		return true
	case !modal && f == english.ThirdPerson && (subjectNext[next] || nounVerb[b] && nf == english.Base && nb != "" && !nounVerb[nb] && !english.IsPreposition(next)):
		// "needs and challenges are understood", "products and
		// services meet user needs": a plural noun, the subject of
		// the verb after it.
		return true
	case !modal && f == english.ThirdPerson && sep == ", " && english.IsConjunction(next) && len(c.rest) > 0 && c.rest[0] != ",":
		// "explore the perspectives, challenges and ambitions of
		// teams": a plural noun of a list ("leads, coaches and
		// develops teams" is a list of verbs: no object between).
		return true
	}
	return false
}

// baseOpens reports whether a word of base form b after separator sep
// (next is the word after it) is the verb of a new clause.
func (c *clauseSplitter) baseOpens(sep, b, next string, modal bool) bool {
	if c.form == english.ThirdPerson {
		return false // "applies regression and survey methods": a base word after a third-person verb is a noun
	}
	if next == "of" {
		// "the administration and support of infrastructure": a verb
		// takes its object without "of"; a noun of a list does not
		return false
	}
	if next == "" && c.inParticiple() {
		// "collaborate with stakeholders, providing direction and
		// challenge": a word ending the descriptor after a participle's
		// object is another object of it
		return false
	}
	// "produce, maintain and update models": right after another verb, a
	// word that can be a verb is one. "… and work with them to build
	// relationships": a verb before "with" too.
	isVerb := !nounVerb[b] || english.IsDeterminer(next) || english.IsPronoun(next) || len(c.rest) == 0 || next == "with" && strings.Contains(sep, "and")
	if sep == ", " && !modal {
		// "lead, coach and develop teams" is a list of verbs; "with
		// dignity, respect and fairness" a list of nouns: a verb only
		// right after another verb, or before an object.
		isVerb = isVerb && (len(c.rest) == 0 || adverbsOnly(c.rest) && !nounVerb[b] || !nounVerb[b] && (english.IsDeterminer(next) || english.IsPronoun(next)))
	}
	return isVerb
}

// adverbsOnly reports whether words are adverbs alone ("independently,"):
// a verb after them and a comma follows a verb ("work independently,
// share information and assist others").
func adverbsOnly(words []string) bool {
	for _, w := range words {
		if !isAdverb(strings.TrimRight(w, ",")) {
			return false
		}
	}
	return len(words) > 0
}

// inParticiple reports whether the clause being read ends in a
// participle phrase after a comma (", providing direction"): an -ing
// form after a comma, and no comma after its object.
func (c *clauseSplitter) inParticiple() bool {
	for i := len(c.rest) - 1; i > 0; i-- {
		if strings.HasSuffix(c.rest[i], ",") {
			return false
		}
		if _, f := english.Verb(c.rest[i]); f == english.Gerund && strings.HasSuffix(c.rest[i-1], ",") {
			return i < len(c.rest)-1
		}
	}
	return false
}

// rest0 is the last word of rest, or "".
func rest0(rest []string) string {
	if len(rest) == 0 {
		return ""
	}
	return rest[len(rest)-1]
}

// relativePronoun open a relative clause whose verbs, coordinated, stay in
// it: "activities that improve X and increase Y".
var relativePronoun = map[string]bool{"that": true, "which": true, "who": true}

// subjectNext are words after which a plural noun that is also a verb's
// third-person form is the subject: "challenges are", "services can".
var subjectNext = map[string]bool{"are": true, "is": true, "were": true, "was": true, "have": true, "has": true,
	"can": true, "will": true, "should": true, "must": true, "may": true, "could": true, "would": true}

// whWords open an indirect question: "explain why …", "know when …".
var whWords = map[string]bool{"why": true, "when": true, "how": true, "what": true, "where": true, "whether": true, "which": true}

// relative are words that open a clause about the noun before them.
var relative = map[string]bool{"that": true, "which": true, "who": true, "whose": true, "where": true, "when": true, "are": true, "is": true}

// compounds are two-word verbs written apart.
var compounds = map[string]bool{"quality assure": true, "line manage": true, "horizon scan": true, "peer review": true,
	"sense check": true, "fact check": true, "stress test": true, "user test": true, "spot check": true, "cross check": true}

// isAdverb reports whether w is an adverb of manner or frequency that can
// stand before a verb: "actively", "effectively", "regularly".
func isAdverb(w string) bool {
	lw := strings.ToLower(w)
	if hedges[lw] {
		return true
	}
	if len(lw) < 5 || !strings.HasSuffix(lw, "ly") || notAdverbs[lw] {
		return false
	}
	_, f := english.Verb(lw)
	return f == english.NotVerb
}

// hedges are adverbs the documents leave out: a duty is stated, not
// "potentially" stated.
var hedges = map[string]bool{"potentially": true, "possibly": true, "only": true, "often": true, "sometimes": true, "usually": true}

// notAdverbs end in -ly but are not adverbs.
var notAdverbs = map[string]bool{"early": true, "family": true, "daily": true, "weekly": true, "monthly": true, "quarterly": true, "yearly": true, "friendly": true, "costly": true, "likely": true, "timely": true, "orderly": true, "italy": true, "assembly": true, "anomaly": true, "supply": true, "apply": true, "rely": true, "reply": true, "multiply": true, "comply": true}

// tail splits an action off the end of a knowledge, experience or
// responsibility: "knowledge of X and can advise others" gives the object
// "X" and the clause "advise others".
func (p *Phrase) tail() {
	words := strings.Fields(p.Object)
	for i := 1; i+1 < len(words); i++ {
		if lw := strings.ToLower(words[i]); lw != "and" {
			continue
		}
		k := i + 1
		modal := false
		for k < len(words) && (english.IsModal(words[k]) || strings.EqualFold(words[k], "also")) {
			modal = true
			k++
		}
		if k >= len(words) {
			return
		}
		b, f := english.Verb(words[k])
		next := ""
		if k+1 < len(words) {
			next = strings.ToLower(words[k+1])
		}
		baseVerb := f == english.Base && !nounVerb[b] && (english.IsDeterminer(next) || english.IsPronoun(next) || whWords[next] || next == "to" || onlyVerbs[b])
		// "… remote access technologies and approaches": a third-person
		// form with nothing after it is a plural noun.
		thirdVerb := f == english.ThirdPerson && !nounVerb[b] && next != ""
		if (modal && (f == english.Base || f == english.ThirdPerson)) || thirdVerb || baseVerb {
			obj := strings.TrimSuffix(strings.Join(words[:i], " "), ",")
			cs, seps := clauses(b, english.Base, words[k:])
			p.Object = obj
			p.Clauses, p.Seps = cs, seps
			return
		}
	}
}

// onlyVerbs are base verbs that after "and" are never a noun of the list
// before them: "understanding of the whole system and take responsibility
// for …".
var onlyVerbs = map[string]bool{"take": true, "make": true, "give": true, "keep": true, "ensure": true, "provide": true,
	"apply": true, "identify": true, "explain": true, "communicate": true, "share": true, "advise": true, "help": true}

// nounVerb are base verbs that are as often nouns ("survey methods", "the
// plan", "test data"): after "and" they are read as verbs only when a
// determiner or pronoun follows ("and plan the work"). Words that are
// mostly verbs in frameworks ("share", "support", "lead", "review") are
// not among them.
var nounVerb = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`access action audit benefit bid blend blog book budget campaign care catalogue cause change channel chart
		check code comment contact contract control cost count cover craft curate design detail document draft effect
		end engineer estimate evidence exchange experience experiment export factor feed field figure file filter
		finance fit fix flag focus form frame fund ground group head host impact import index input interview issue
		judge label lecture license lift limit link list log look map market master match measure model name need
		network note notice offer order output package pair partner pass pilot place plan play point police position
		post practice price process profile program programme progress project prompt prototype provision purchase
		query question quote rank rate read record release report request research resource return reward risk
		role-model roll rotate route run sample scale schedule scope score screen script search segment sense sequence
		service shadow shift ship sign sketch sort source spot staff stand start state store stress-test structure
		study supply surface survey tag target test trade train transfer transition travel treat trial trust tune turn
		update upgrade use value vet visualise walk want weigh work workshop`) {
		nounVerb[w] = true
	}
}

// NounToo reports whether base verb v is as often a noun ("service",
// "plan", "test"): a title that starts with one is a noun phrase ("Service
// focus", "Test management").
func NounToo(v string) bool { return nounVerb[strings.ToLower(v)] }

// isNounFirst reports whether words, starting with a base verb that is as
// often a noun, read as a noun phrase: a title ("Change management",
// "Process mapping", "User research") or a topic ("test data").
func isNounFirst(words []string) bool {
	b, _ := english.Verb(words[0])
	if !nounVerb[b] {
		return false
	}
	if len(words) == 1 {
		return true
	}
	next := strings.ToLower(strings.Trim(words[1], ","))
	if next == "of" {
		return true // "Provision of expert advice": a verb takes its object without "of"
	}
	if english.IsDeterminer(next) || english.IsPronoun(next) || english.IsPreposition(next) || next == "and" || next == "how" || next == "what" {
		return false
	}
	// A title: "Change management", "Process mapping", "User Research".
	if len(words) > 3 {
		return false
	}
	if _, f := english.Verb(next); f == english.Gerund || next == "management" || next == "analysis" {
		return true
	}
	return isTitleCase(words)
}

// isTitleCase reports whether every word of three letters or more starts
// with a capital: a heading, not a sentence.
func isTitleCase(words []string) bool {
	for _, w := range words {
		if len(w) >= 3 && !unicode.IsUpper([]rune(w)[0]) {
			return false
		}
	}
	return true
}

// looksLikeTopic reports whether words are a noun phrase short enough to
// follow "Experience of": no finite verb after the first word.
func looksLikeTopic(words []string) bool {
	if len(words) > 12 {
		return false
	}
	for _, w := range words[1:] {
		lw := strings.ToLower(strings.Trim(w, ",;"))
		if english.IsModal(lw) || lw == "is" || lw == "are" || lw == "was" || lw == "were" || english.IsPronoun(lw) && lw != "others" {
			return false
		}
	}
	return true
}

// isQuality reports whether the words after "be" describe the person
// ("inquisitive", "comfortable with ambiguity") rather than a role ("the
// escalation point", "an advocate for …").
func isQuality(rest string) bool {
	first, _, _ := strings.Cut(strings.ToLower(rest), " ")
	if first == "" || english.IsDeterminer(first) || english.IsPreposition(first) || first == "part" || first == "responsible" || first == "accountable" {
		return false
	}
	if _, f := english.Verb(first); f == english.Past || f == english.Gerund {
		return false // "be involved in …", "be leading …": an action
	}
	return true
}

func allHave(cs []Clause) bool {
	for _, c := range cs {
		if c.Verb != "have" {
			return false
		}
	}
	return true
}

// haveActs reports whether the "have …" clauses are things the person
// does, not has: a later clause refers back to them ("has regular
// one-to-ones with analysts and agrees their development goals").
func (p Phrase) haveActs() bool {
	had := false
	for _, c := range p.Clauses {
		if c.Verb == "have" {
			if attribute.MatchString(c.Rest) {
				return false // "have excellent problem solving skills to … route them": what a person has
			}
			had = true
			continue
		}
		if had && referBack.MatchString(c.Rest) {
			return true
		}
	}
	return false
}

// attribute is a noun for something a person has, not does.
var attribute = regexp.MustCompile(`(?i)\b(?:skills?|knowledge|understanding|experience|abilit(?:y|ies)|awareness|expertise|passion|interest|qualifications?|certificat(?:e|ion)s?|degrees?|licen[cs]es?|background)\b`)

// referBack is a pronoun that needs what an earlier clause names.
var referBack = regexp.MustCompile(`(?i)\b(?:their|them|they|these|those)\b`)

// actions are the clauses that say what the person does: every clause
// but "have …" (a possession), unless haveActs.
func (p Phrase) actions() ([]Clause, []string) {
	var cs []Clause
	var seps []string
	acts := p.haveActs()
	for i, c := range p.Clauses {
		if c.Verb == "have" && !acts {
			continue
		}
		sep := p.Seps[i]
		if len(cs) == 0 {
			sep = ""
		}
		cs = append(cs, c)
		seps = append(seps, sep)
	}
	if n := len(seps); n > 1 && !strings.Contains(seps[n-1], "and") && !strings.Contains(seps[n-1], "or") {
		seps[n-1] = " and "
	}
	return cs, seps
}

// possessions are the objects of the "have …" clauses (none when they
// are actions: see haveActs).
func (p Phrase) possessions() []string {
	var out []string
	if p.haveActs() {
		return nil
	}
	for _, c := range p.Clauses {
		if c.Verb == "have" && c.Rest != "" {
			out = append(out, c.Rest)
		}
	}
	return out
}

// render joins clauses with each verb in the form f gives.
func render(cs []Clause, seps []string, f func(string) string) string {
	var b strings.Builder
	for i, c := range cs {
		b.WriteString(seps[i])
		b.WriteString(joinWords(joinWords(c.Pre, f(c.Verb)), c.Rest))
	}
	return b.String()
}

// VerbPhrase is the descriptor as a phrase that starts with a base verb,
// lower case ("explain complex findings to non-specialist audiences"), for
// "you will …", "Ability to …" and "How would you …"; false when the
// descriptor states no action.
func (p Phrase) VerbPhrase() (string, bool) {
	switch p.Shape {
	case Action:
		cs, seps := p.actions()
		return LowerFirst(render(cs, seps, identity)), true
	case Responsibility:
		return "be " + p.Head + " for " + p.Object, true
	}
	return "", false
}

// Duty is the descriptor as a key responsibility, an imperative sentence
// ("Explain complex findings to non-specialist audiences."), and whether
// it is one: knowledge, experience, personal qualities and topics are not
// duties (they belong in the person specification).
func (p Phrase) Duty() (string, bool) {
	v, ok := p.VerbPhrase()
	if !ok {
		return "", false
	}
	if p.Lead != "" {
		v = p.Lead + " " + v
	}
	return Sentence(v), true
}

// JobDuty is the descriptor as a key responsibility a job holder carries
// out, and whether it states one: a skill descriptor that says what a
// person knows or can show ("understand the concepts and principles of
// data modelling", "explain the importance of …", "recognise when to ask
// for guidance", "demonstrate experience in …") says what a candidate
// brings, not what the job asks them to do, and is no duty. A
// coordination keeps its clauses of work ("Understand and apply business
// architectural principles …" gives "Apply business architectural
// principles …").
func (p Phrase) JobDuty() (string, bool) {
	if p.Shape != Action {
		return p.Duty()
	}
	var cs []Clause
	var seps []string
	tail := false // the clause before was left out with its object: a bare verb after it ends that object ("… such as backup and restore")
	acts := p.haveActs()
	for i, c := range p.Clauses {
		if c.Verb == "have" && !acts || demonstrates(c) || tail && c.Rest == "" {
			tail = tail || c.Rest != ""
			continue
		}
		tail = false
		sep := p.Seps[i]
		if len(cs) == 0 {
			sep = ""
		}
		cs = append(cs, c)
		seps = append(seps, sep)
	}
	if len(cs) == 0 || cs[len(cs)-1].Rest == "" {
		return "", false // nothing of work left, or its object went with a clause left out
	}
	if len(cs) < len(p.Clauses) {
		for _, c := range cs {
			if nounVerb[c.Verb] {
				// "explain the importance of making content and services
				// inclusive": a noun read as a verb is no duty alone.
				return "", false
			}
		}
		if n := len(seps); n > 1 && !strings.Contains(seps[n-1], "and") && !strings.Contains(seps[n-1], "or") {
			seps[n-1] = " and "
		}
		cs[0].Pre = ""
	}
	v := LowerFirst(render(cs, seps, identity))
	if p.Lead != "" {
		v = p.Lead + " " + v
	}
	return Sentence(v), true
}

// UnderstandingDuty is a descriptor that says what a person understands or
// can explain ("explain the role of user-centred design in an
// organisation") as a duty of putting that understanding to work ("Apply
// your understanding of the role of user-centred design in an
// organisation."), for a level whose own text and skills give few duties;
// false for any other shape, and for what a person can show or recognise
// ("see the bigger picture …"), which no rewording makes a duty.
func (p Phrase) UnderstandingDuty() (string, bool) {
	if p.Shape != Action || len(p.Clauses) == 0 {
		return "", false
	}
	for _, c := range p.Clauses {
		if !demonstrates(c) || !understandingVerbs[c.Verb] {
			return "", false
		}
	}
	last := p.Clauses[len(p.Clauses)-1]
	if last.Rest == "" {
		return "", false
	}
	return Sentence("apply your understanding of " + last.Rest), true
}

// understandingVerbs state an understanding that a duty can put to work.
var understandingVerbs = map[string]bool{"understand": true, "know": true, "explain": true, "describe": true, "outline": true}

// knowingVerbs state what a person knows or can show, not work they do.
var knowingVerbs = map[string]bool{
	"understand": true, "know": true, "recognise": true, "recognize": true, "appreciate": true,
	"see": true, "show": true, "demonstrate": true, "comprehend": true, "grasp": true,
}

// tellingVerbs show knowledge when what they tell is a concept ("explain
// the importance of …", "describe how …") and do work when it is the
// job's ("explain complex findings to non-specialist audiences").
var tellingVerbs = map[string]bool{"explain": true, "describe": true, "outline": true, "list": true}

// conceptWords open or head an object that is a concept to be known: "the
// principles of …", "what prototyping is", "different access needs".
var conceptWords = map[string]bool{
	"what": true, "how": true, "why": true, "when": true, "who": true, "which": true, "whether": true,
	"importance": true, "purpose": true, "role": true, "principles": true, "principle": true, "basics": true,
	"basic": true, "concepts": true, "concept": true, "difference": true, "differences": true, "benefits": true,
	"value": true, "stages": true, "different": true, "typical": true, "some": true, "challenges": true,
	"common": true, "strategic": true, "process": true, "types": true,
}

// demonstrates reports whether clause c states what a person knows or can
// show rather than work they do.
func demonstrates(c Clause) bool {
	if knowingVerbs[c.Verb] {
		return true
	}
	if c.Verb == "be" {
		first, _, _ := strings.Cut(strings.ToLower(c.Rest), " ")
		switch first {
		case "aware", "able", "familiar", "proficient", "knowledgeable", "confident", "comfortable":
			return true
		}
		return false
	}
	if !tellingVerbs[c.Verb] {
		return false
	}
	words := strings.Fields(strings.ToLower(c.Rest))
	for i, w := range words {
		if i == 3 {
			break
		}
		if conceptWords[strings.Trim(w, ",;:")] {
			return true
		}
	}
	return false
}

// andExperience is " and experience of …ing" for the action clauses that
// follow a knowledge, experience or responsibility ("… and can advise
// others"), else "".
// A "have …" clause is what it has ("awareness of X and have a basic
// knowledge of Y" gives "… and a basic knowledge of Y").
func (p Phrase) andExperience() string {
	if len(p.Clauses) == 0 {
		return ""
	}
	var out string
	for _, o := range p.possessions() {
		out += " and " + o
	}
	if cs, seps := p.actions(); len(cs) > 0 {
		out += " and experience of " + render(cs, seps, english.Ing)
	}
	return out
}

// Criterion is the descriptor as a person-specification criterion, one
// sentence without a full stop: "Experience of explaining …", "Working
// knowledge of SQL and R", "Strong communication skills and experience of
// engaging senior stakeholders", "Experience of being responsible for …".
// A descriptor of unknown shape is given as it is, capitalised.
func (p Phrase) Criterion() string {
	switch p.Shape {
	case Action, Possession:
		var parts []string
		for _, o := range p.possessions() {
			parts = append(parts, o)
		}
		cs, seps := p.actions()
		if len(cs) > 0 {
			parts = append(parts, "experience of "+render(cs, seps, english.Ing))
		}
		return UpperFirst(strings.Join(parts, " and "))
	case Knowledge:
		return UpperFirst(p.Head+" "+p.Prep+" "+p.Object) + p.andExperience()
	case Experience:
		return "Experience " + p.Prep + " " + ingFirst(p.Object) + p.andExperience()
	case Responsibility:
		return "Experience of being " + p.Head + " for " + p.Object + p.andExperience()
	case Quality:
		return "Evidence of being " + p.Clauses[0].Rest
	case Topic:
		return "Experience of " + p.Object
	}
	return UpperFirst(p.Source)
}

// Ability is the criterion in the "Ability to …" form that behaviours
// and leadership expectations take, and whether the shape has one.
func (p Phrase) Ability() (string, bool) {
	if p.Shape == Quality {
		return "Ability to be " + p.Clauses[0].Rest, true
	}
	v, ok := p.VerbPhrase()
	if !ok {
		return "", false
	}
	return "Ability to " + v, true
}

// Question is an interview question that asks for evidence of the
// descriptor, two sentences: "Tell us about a time when you explained …
// What did you do, and what was the result?"
func (p Phrase) Question() string {
	const result = " What did you do, and what was the result?"
	switch p.Shape {
	case Action, Possession:
		if cs, seps := p.actions(); len(cs) > 0 {
			past := make([]Clause, len(cs))
			for i, c := range cs {
				c.Rest = presentBe.ReplaceAllStringFunc(c.Rest, func(w string) string { return map[string]string{"are": "were", "is": "was", "can": "could"}[w] })
				if c.Verb == "ensure" {
					c.Rest = backshift(c.Rest)
				}
				c.Rest = backshiftTime(c.Rest)
				past[i] = c
			}
			// "a time when you ensured strategic demands were supported"
			return "Tell us about a time when you " + stop(render(past, seps, english.PastTense)) + result
		}
		if p.Credential() {
			// Checked against the certificate at application; asked at
			// interview only where a panel chooses to.
			return "Which " + withoutArticle(strings.Join(p.possessions(), " and ")) + " do you hold, and how have you used what it covers in your work?"
		}
		return "Give an example that shows " + stop(yourOf(strings.Join(p.possessions(), " and "))) + result
	case Knowledge:
		return "Give an example of how you have used your " + p.Head + " " + p.Prep + " " + p.Object + " in your work." + result
	case Experience:
		return stop("Tell us about your experience "+p.Prep+" "+ingFirst(p.Object)) + " What was your part, and what changed?"
	case Responsibility:
		return stop("Tell us about a time when you were "+p.Head+" for "+p.Object) + result
	case Quality:
		return "Tell us about a time when being " + p.Clauses[0].Rest + " made a difference to your work." + result
	case Topic:
		return stop("Give an example of your work in "+p.Object) + result
	}
	return stop("Give an example from your work that shows this: "+LowerFirst(strings.TrimRight(p.Source, "."))) + result
}

// stop ends sentence s with a full stop, unless it ends with the stop of
// an abbreviation ("… content designers, etc.").
func stop(s string) string {
	if strings.HasSuffix(s, ".") {
		return s
	}
	return s + "."
}

// Objective is the descriptor as a development objective, an imperative
// sentence: "Explain complex findings …", "Develop a working knowledge of
// SQL and R", "Gain experience of …".
func (p Phrase) Objective() string {
	switch p.Shape {
	case Action:
		v, _ := p.VerbPhrase()
		return Sentence(v)
	case Possession:
		if p.Credential() {
			return Sentence("gain " + strings.Join(p.possessions(), " and "))
		}
		return Sentence("develop " + strings.Join(p.possessions(), " and "))
	case Knowledge:
		return Sentence("develop " + article(p.Head) + p.Head + " " + p.Prep + " " + p.Object)
	case Experience:
		return Sentence("gain experience " + p.Prep + " " + ingFirst(p.Object))
	case Responsibility:
		return Sentence("take responsibility for " + p.Object)
	case Quality:
		return Sentence("be " + p.Clauses[0].Rest + " in your work, and show it")
	case Topic:
		return Sentence("develop your skills in " + p.Object)
	}
	return Sentence(p.Source)
}

// Statement is the descriptor as the JD's skills list shows it after a
// skill's name: a base verb phrase ("select appropriate methods …"), or a
// noun phrase ("working knowledge of SQL and R").
func (p Phrase) Statement() string {
	if p.Shape == Action {
		return LowerFirst(render(p.Clauses, p.Seps, identity))
	}
	if v, ok := p.VerbPhrase(); ok {
		return v
	}
	switch p.Shape {
	case Possession:
		return strings.Join(p.possessions(), " and ")
	case Topic:
		return p.Object
	case Knowledge, Experience, Responsibility, Quality:
		return LowerFirst(p.Criterion())
	}
	return LowerFirst(p.Source)
}

// backshift puts in the past the verb of the clause an "ensure" governs,
// as a question in the past needs ("a time when you ensured test
// coverage aligned with business risk", "… that teams took a user-centred
// approach"): the first verb in the present after a noun, before a comma,
// "to" or a form of "be" (presentBe's). A verb that is as often a noun
// ("a design meets": "design") is read as the noun.
func backshift(rest string) string {
	words := strings.Fields(rest)
	for i := 1; i < len(words) && i < 10; i++ {
		prev, w := strings.ToLower(words[i-1]), words[i]
		if strings.HasSuffix(prev, ",") || prev == "to" || english.IsModal(prev) {
			return rest
		}
		b, f := english.Verb(strings.TrimRight(w, ",;:"))
		if b == "be" || f == english.Past {
			if f == english.Past && i > 0 && !isNounWord(prev) {
				continue // "all service and supported functions": an adjective
			}
			return rest
		}
		if b == "" || !isNounWord(prev) {
			continue
		}
		pron := subjectPronoun[prev]
		if nounVerb[b] && !pron && !(f == english.ThirdPerson && !strings.HasSuffix(prev, "s") && (i+1 == len(words) || !isBe(words[i+1]))) {
			// "a design meets": the noun; "the team works to standards":
			// after a singular noun, the verb; "when you need help"
			continue
		}
		if f == english.ThirdPerson || f == english.Base && (strings.HasSuffix(prev, "s") || pron && prev != "it") {
			words[i] = english.PastTense(b) + w[len(strings.TrimRight(w, ",;:")):]
			return strings.Join(words, " ")
		}
	}
	return rest
}

// backshiftTime puts in the past the verb after "before", "after",
// "until", "once" or "when" in a question in the past ("… before a service went live", "…
// until a new owner had been found or the problem had been mitigated").
func backshiftTime(rest string) string {
	words := strings.Fields(rest)
	for k, w := range words {
		if !timeWords[strings.ToLower(w)] || k+2 > len(words) {
			continue
		}
		tail := strings.Join(words[k+1:], " ")
		past := backshift("~ " + tail)[2:]
		if past == tail {
			continue
		}
		if strings.Contains(past, "had been") {
			past = hasBeen.ReplaceAllString(past, "had been") // "… or the problem had been mitigated"
		}
		return strings.Join(append(words[:k+1:k+1], past), " ")
	}
	return rest
}

// timeWords open a clause of time whose verb a question in the past puts
// in the past.
var timeWords = map[string]bool{"before": true, "after": true, "until": true, "once": true, "when": true}

// hasBeen is a present perfect passive a clause of time puts in the past.
var hasBeen = regexp.MustCompile(`\bhas been\b`)

// subjectPronoun are the pronouns a verb backshift reads can follow.
var subjectPronoun = map[string]bool{"it": true, "they": true, "you": true, "we": true}

// isBe reports whether w is a form of "be".
func isBe(w string) bool {
	b, _ := english.Verb(strings.TrimRight(w, ",;:"))
	return b == "be"
}

// isNounWord reports whether w can end a noun phrase: not a verb (or a
// verb as often a noun), a determiner, a preposition or "that".
func isNounWord(w string) bool {
	w = strings.ToLower(w)
	if w == "that" || english.IsDeterminer(w) || english.IsPreposition(w) || english.IsConjunction(w) || english.IsPronoun(w) && !subjectPronoun[w] {
		return false
	}
	b, f := english.Verb(w)
	return f == english.NotVerb || nounVerb[b]
}

// presentBe is "are", "is" or "can" in a clause a question puts in the
// past ("so they can be understood" → "so they could be understood").
var presentBe = regexp.MustCompile(`\b(?:are|is|can)\b`)

// credentialWord is a noun naming something a person holds and can show
// a certificate for: a qualification, a degree, a licence, a registration.
var credentialWord = regexp.MustCompile(`(?i)\b(?:qualifications?|certificates?|certifications?|accreditations?|degrees?|diplomas?|licen[cs]es?|chartered status|professional registration|registered)\b( of)?`)

// names reports whether re (credentialWord) finds in s a credential that
// is not "of" something ("a qualification", not "the degree of").
func names(re *regexp.Regexp, s string) bool {
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		if m[1] == "" {
			return true
		}
	}
	return false
}

// Credential reports whether the descriptor states only a qualification
// the holder has ("show you have a Level 3 service management framework
// qualification", "have a degree in a numerate subject"): something an
// application shows and a certificate proves, not an example an interview
// can ask for. "A high degree of autonomy" is not one.
func (p Phrase) Credential() bool {
	if p.Shape != Possession || len(p.actions0()) > 0 {
		return false
	}
	ps := p.possessions()
	for _, o := range ps {
		if !names(credentialWord, o) {
			return false
		}
	}
	return len(ps) > 0
}

// withoutArticle is np without a leading "a", "an" or "the".
func withoutArticle(np string) string {
	first, rest, ok := strings.Cut(np, " ")
	switch strings.ToLower(first) {
	case "a", "an", "the":
		if ok {
			return rest
		}
	}
	return np
}

// article is "a " or "an " before a knowledge head that takes one
// ("a working knowledge", "an understanding"), else "your " ("your
// knowledge").
func article(head string) string {
	switch {
	case head == "knowledge":
		return "your "
	case strings.HasPrefix(head, "understanding") || strings.HasPrefix(head, "awareness") || strings.HasPrefix(head, "appreciation") ||
		strings.HasPrefix(head, "in-depth") || strings.HasPrefix(head, "expert") || strings.HasPrefix(head, "up-to-date") || strings.HasPrefix(head, "excellent"):
		return "an "
	}
	return "a "
}

// yourOf puts "your" before a noun phrase without a determiner.
func yourOf(np string) string {
	first, _, _ := strings.Cut(strings.ToLower(np), " ")
	if english.IsDeterminer(first) {
		return np
	}
	return "your " + np
}

// ingFirst puts a leading base verb in the -ing form ("manage projects" →
// "managing projects"); a noun phrase or an -ing phrase is returned as it is.
func ingFirst(s string) string {
	first, _, _ := strings.Cut(s, " ")
	if b, f := english.Verb(first); f == english.Base && !nounVerb[b] {
		cs, seps := clauses(b, f, strings.Fields(s))
		return render(cs, seps, english.Ing)
	}
	return s
}

func identity(s string) string { return s }

func joinWords(a, b string) string {
	if b == "" {
		return a
	}
	if a == "" {
		return b
	}
	if strings.HasPrefix(b, ",") {
		return a + b
	}
	return a + " " + b
}

// Sentence capitalises s and ends it with a full stop.
func Sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	s = UpperFirst(s)
	if !strings.ContainsAny(s[len(s)-1:], ".!?") {
		s += "."
	}
	return s
}

// LowerFirst lowercases the first letter unless the first word is an
// acronym, a name with capitals inside ("NHS", "OMOP", "GitHub"), a
// proper noun ("Agile") or "I".
func LowerFirst(s string) string {
	first, _, _ := strings.Cut(s, " ")
	if english.IsProperNoun(strings.Trim(first, ",;:()")) {
		return s
	}
	up := 0
	for _, r := range first {
		if unicode.IsUpper(r) {
			up++
		}
	}
	if up > 1 || len(first) == 1 && first != "A" {
		return s // an acronym, "I", or a one-letter name such as R
	}
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// LowerWords is a name put in lower case to stand inside a sentence
// ("part of our … profession"): each word's first letter lowered, except
// in an acronym ("IT operations", "Quality assurance testing (QAT)" keep
// "IT" and "QAT"), a one-letter name such as R, and a proper noun
// ("Welsh"). "Data Engineering" → "data engineering".
func LowerWords(s string) string {
	words := strings.Split(s, " ")
	for i, w := range words {
		if w != "" {
			words[i] = LowerFirst(w)
		}
	}
	return strings.Join(words, " ")
}

// UpperFirst capitalises the first letter.
func UpperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// Plural is one when n is 1, else many: "1 string has", "3 strings have".
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
