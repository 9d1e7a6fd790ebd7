package compose

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/rolepack/rolepack/compose/wording"
	"github.com/rolepack/rolepack/framework/textprep"
	"github.com/rolepack/rolepack/internal/english"
	"github.com/rolepack/rolepack/lint"
)

// This file turns framework wording into the plain, second-person wording
// candidate-facing documents use: "A head of data engineering leads …"
// becomes "As head of data engineering, you will lead …", "You are able to
// debate …" becomes "Ability to debate …", and criteria read "Experience
// of …", "Ability to …" or "Knowledge of …". Each rule is conservative:
// text it cannot rephrase is used as it is.

// verbPhrase returns descriptor s as a phrase that starts with a base verb
// ("You are able to debate complex subjects." → "debate complex subjects";
// "Defines governance processes." → "define governance processes"), and
// whether it could (see package wording).
func verbPhrase(s string) (string, bool) {
	p := wording.Parse(s)
	if p.Shape != wording.Action {
		return "", false
	}
	return p.VerbPhrase()
}

func joinWords(a, b string) string {
	if b == "" {
		return a
	}
	return a + " " + b
}

// youWill rewrites a third-person summary sentence about a role holder
// ("A head of data engineering leads teams to deliver services for their
// department") in the second person ("As head of data engineering, you
// will lead teams to deliver services for your department"). keepArticle
// keeps "a"/"an" (for the role in general: "As a data engineer, …"). It
// reports false when the sentence has another shape. When the frame
// would make the sentence longer than lint.MaxSentenceWords, it is left
// out: "You will lead teams …".
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
		if _, f := english.Verb(strings.Trim(words[i], ",")); f != english.ThirdPerson {
			continue
		}
		subject := strings.Join(words[1:i], " ")
		if keepArticle && art != "the" {
			subject = art + " " + subject
		}
		v, ok := wording.Parse(strings.Join(words[i:], " ")).VerbPhrase()
		if !ok {
			return "", false
		}
		out := "As " + subject + ", you will " + ownVoice(v)
		if len(strings.Fields(out)) > lint.MaxSentenceWords {
			// The job title heads the document: the frame is not worth
			// a sentence too long to read (GOV.UK's 25 words).
			out = "You will " + ownVoice(v)
		}
		return out, true
	}
	return "", false
}

// ownVoice turns "their"/"they" about the role holder into "your"/"you".
func ownVoice(s string) string {
	s = theirWord.ReplaceAllString(s, "your")
	return themselvesWord.ReplaceAllString(s, "yourself")
}

var (
	theirWord      = regexp.MustCompile(`\btheir\b`)
	themselvesWord = regexp.MustCompile(`\bthemselves\b`)
)

// sentences splits a paragraph into sentences at ". " boundaries, but
// not after an abbreviation ("(i.e. websites, apps …)"), each without
// its full stop (an abbreviation keeps its own: "… content designers,
// etc.").
func sentences(p string) []string {
	var out []string
	for _, s := range wording.Sentences(strings.ReplaceAll(p, "\n", " ")) {
		if !wording.Abbreviation(s) {
			s = strings.TrimSuffix(s, ".")
		}
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// experienceOf is the criterion for a duty or a descriptor, in the form
// its shape takes (see wording.Phrase.Criterion): "Experience of
// inspiring best practice …", "Knowledge of …", "Experience of being
// responsible for …".
func experienceOf(s string) string {
	return wording.Parse(plainText(s)).Criterion()
}

// topicOf is the criterion for a skill named by its title: "Experience of
// data modelling", or for a title that is a verb phrase "Experience of
// building containers and Helm charts".
func topicOf(title string) string {
	t := displayName(title)
	if t == "" {
		return ""
	}
	first, _, _ := strings.Cut(t, " ")
	if b, f := english.Verb(first); f == english.Base && !wording.NounToo(b) {
		if p := wording.Parse(t); p.Shape == wording.Action {
			return p.Criterion() // "Build containers and Helm charts"
		}
	}
	return "Experience of " + wording.LowerFirst(t)
}

// knowledgeOf is the criterion for knowledge of a subject.
func knowledgeOf(title string) string {
	t := displayName(title)
	if p := wording.Parse(t); p.Shape == wording.Knowledge {
		return p.Criterion()
	}
	if c := topicOf(title); !strings.HasPrefix(c, "Experience of "+wording.LowerFirst(t)) {
		return c // a verb phrase: "Experience of building …"
	}
	return "Knowledge of " + wording.LowerFirst(t)
}

// displayName is an entry's name as every document of a pack prints it:
// level tags and codes removed, in sentence case ("Agile and Lean
// practices" → "Agile and lean practices"; acronyms such as "NHS", "OMOP"
// and names with inner capitals kept), the first letter capitalised.
func displayName(title string) string {
	return wording.UpperFirst(sentenceCase(plainText(title)))
}

// disciplineTag is a trailing qualifier naming the discipline whose
// version of a shared skill an entry is: "Communication (security
// architect)", "Programming and build (data engineering)", "Facilitation
// (Data Ethics)". Words only: a code, a number or an acronym ("(IT
// operations)", "(GDPR)") is not one.
var disciplineTag = regexp.MustCompile(`\s+\(([A-Z]?[a-z][a-z'-]*(?:\s+[A-Z]?[a-z][a-z'-]*)*)\)$`)

// untagged is title without its discipline tag, and whether it had one.
func untagged(title string) (string, bool) {
	t := strings.TrimSpace(title)
	if loc := disciplineTag.FindStringIndex(t); loc != nil && loc[0] > 0 {
		return t[:loc[0]], true
	}
	return title, false
}

// entryTitle is the title the documents give an entry: its framework
// title without a discipline tag ("Communication (security architect)" is
// "Communication"), which in one role's documents only says again what
// the role is, unless another entry they name would then share its name
// (the tag then tells the two apart).
func (s *Selection) entryTitle(it *Item) string {
	bare, ok := untagged(plainText(it.Title))
	if !ok {
		return it.Title
	}
	key := strings.ToLower(bare)
	for _, list := range [][]*Item{s.Essential, s.Desirable, s.Behaviours, s.Leadership} {
		for _, o := range list {
			if o == it {
				continue
			}
			if ob, _ := untagged(plainText(o.Title)); strings.ToLower(ob) == key {
				return it.Title
			}
		}
	}
	return bare
}

// levelWords are framework level tags that candidate-facing text leaves
// out: "(Senior)", "(Level 5)", and "Level Five" ending a title. A level
// inside the text is its meaning, not a tag ("show you have a Level 3
// service management framework qualification") and stays.
var levelWords = regexp.MustCompile(`(?i)\s*\((?:level\s+\w+|senior|mid|entry|junior|expert|practitioner|working|awareness)\)|\s*\blevel\s+(?:\d+|one|two|three|four|five|six|seven)\s*$`)

// codeInBrackets is a framework code in brackets: " (DE3.1)".
var codeInBrackets = regexp.MustCompile(`\s*\((?:[A-Z]{1,4}\d+(?:\.\d+)*)\)`)

// plainText removes level tags and framework codes in brackets from s,
// and list markers it starts with ("-understand …" in a framework written
// by hand: see textprep.Unbullet).
func plainText(s string) string {
	s = textprep.Unbullet(s)
	s = codeInBrackets.ReplaceAllString(s, "")
	s = levelWords.ReplaceAllString(s, "")
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
		core := strings.Trim(w, "()[],.;:‘’'\"")
		switch {
		case up > 1, english.IsProperNoun(core):
		case len(core) == 1 && up == 1 && core != "A":
			// a one-letter name: "R", "C"
		default:
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
	// "They also receive training on the tasks they support so they can
	// work on their own": every "they" is the role holders', as "their"
	// is (ownVoice), so the reader's.
	rest = theyWord.ReplaceAllString(rest, "you")
	verb, tail, _ := strings.Cut(rest, " ")
	switch strings.ToLower(verb) {
	case "are":
		verb = "be"
	case "will", "can", "may", "must", "should":
		return ownVoice("You " + rest)
	}
	return ownVoice("You will " + joinWords(verb, tail))
}

var theyWord = regexp.MustCompile(`\bthey\b`)
