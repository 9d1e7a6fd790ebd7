// Package english knows the English word forms rolepack needs to reword a
// framework's descriptors and to check the sentences it writes: which words
// can be verbs, and in which form (base, third person, past, -ing); how to
// make each form of a base verb (British spelling: "modelling",
// "travelled"); and the closed classes (modals, prepositions, determiners,
// pronouns) that a sentence's shape is read from.
//
// A word's class is a possibility, not a verdict: "plans" is a verb or a
// plural noun. Callers decide from the position (the first word of a duty,
// the word after "to", a modal or "and"). The lexicon is two embedded data
// files (verbs.txt, irregular.txt), read once into immutable maps.
package english

import (
	_ "embed"
	"strings"
	"sync"
)

//go:embed verbs.txt
var verbsFile string

//go:embed irregular.txt
var irregularFile string

// Form is the form of a verb.
type Form int

// The forms Verb tells apart.
const (
	NotVerb     Form = iota
	Base             // "lead", "analyse"
	ThirdPerson      // "leads", "analyses", "is", "has"
	Past             // "led", "analysed" (past tense or participle)
	Gerund           // "leading", "analysing"
)

// String names the form.
func (f Form) String() string {
	return [...]string{"not a verb", "base", "third person", "past", "-ing"}[f]
}

// formOf is a word's base verb and form.
type formOf struct {
	base string
	form Form
}

type lexicon struct {
	base      map[string]bool
	forms     map[string]formOf // irregular forms
	pastPart  map[string]string // base → past participle
	pastTense map[string]string // base → past tense
}

var lex = sync.OnceValue(func() *lexicon {
	l := &lexicon{base: map[string]bool{}, forms: map[string]formOf{}, pastPart: map[string]string{}, pastTense: map[string]string{}}
	for _, line := range strings.Split(verbsFile, "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			l.base[w] = true
		}
	}
	for _, line := range strings.Split(irregularFile, "\n") {
		f := strings.Fields(line)
		if strings.HasPrefix(line, "#") || len(f) != 3 {
			continue
		}
		l.base[f[0]] = true
		l.forms[f[1]] = formOf{f[0], Past}
		l.forms[f[2]] = formOf{f[0], Past}
		l.pastPart[f[0]] = f[2]
		l.pastTense[f[0]] = f[1]
	}
	for w, b := range map[string]string{"is": "be", "are": "be", "am": "be", "has": "have", "does": "do", "goes": "go"} {
		l.forms[w] = formOf{b, ThirdPerson}
	}
	l.forms["were"] = formOf{"be", Past}
	return l
})

// IsBase reports whether w (any case) is the base form of a known verb.
func IsBase(w string) bool { return lex().base[strings.ToLower(w)] }

// Verb says whether w (any case) can be a form of a known verb, and gives
// its base form: "leads" → ("lead", ThirdPerson), "modelling" → ("model",
// Gerund), "built" → ("build", Past). A word that is both a base form and
// another form ("read", "set") is reported as Base.
func Verb(w string) (string, Form) {
	w = strings.ToLower(strings.Trim(w, ",;:.()\"'’"))
	b, f := verb(w)
	if f == NotVerb && (strings.Contains(w, "iz") || strings.Contains(w, "yz")) {
		// US spelling of a verb the list has in British spelling:
		// "organize", "analyzed", "prioritizing" keep their spelling.
		uk := strings.NewReplacer("iz", "is", "yz", "ys").Replace(w)
		if b, f = verb(uk); f != NotVerb {
			b = usSpelling(b)
		}
	}
	return b, f
}

// usSpelling is British base b ("organise", "analyse") in US spelling.
func usSpelling(b string) string {
	switch {
	case strings.HasSuffix(b, "ise"):
		return b[:len(b)-3] + "ize"
	case strings.HasSuffix(b, "yse"):
		return b[:len(b)-3] + "yze"
	}
	return b
}

// verb is Verb for a lower-case word without punctuation.
func verb(w string) (string, Form) {
	l := lex()
	if w == "" {
		return "", NotVerb
	}
	if l.base[w] {
		return w, Base
	}
	if f, ok := l.forms[w]; ok {
		return f.base, f.form
	}
	try := func(form Form, cands ...string) (string, Form) {
		for _, c := range cands {
			if c != "" && l.base[c] && inflect(c, form) == w {
				return c, form
			}
		}
		return "", NotVerb
	}
	switch {
	case strings.HasSuffix(w, "ing") && len(w) > 4:
		s := w[:len(w)-3]
		cands := []string{s, s + "e"}
		if n := len(s); n > 2 && s[n-1] == s[n-2] {
			cands = append(cands, s[:n-1])
		}
		if strings.HasSuffix(s, "y") {
			cands = append(cands, s[:len(s)-1]+"ie")
		}
		return try(Gerund, cands...)
	case strings.HasSuffix(w, "ed") && len(w) > 3:
		s := w[:len(w)-2]
		cands := []string{s, s + "e", w[:len(w)-1]}
		if n := len(s); n > 2 && s[n-1] == s[n-2] {
			cands = append(cands, s[:n-1])
		}
		if strings.HasSuffix(s, "i") {
			cands = append(cands, s[:len(s)-1]+"y")
		}
		return try(Past, cands...)
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 2:
		cands := []string{w[:len(w)-1]}
		if strings.HasSuffix(w, "es") {
			cands = append(cands, w[:len(w)-2])
		}
		if strings.HasSuffix(w, "ies") {
			cands = append(cands, w[:len(w)-3]+"y")
		}
		return try(ThirdPerson, cands...)
	}
	return "", NotVerb
}

// inflect returns the form of base verb v; v need not be known.
func inflect(v string, f Form) string {
	switch f {
	case ThirdPerson:
		return Third(v)
	case Past:
		return PastOf(v)
	case Gerund:
		return Ing(v)
	}
	return v
}

// Ing returns the -ing form of base verb v, in British spelling:
// "inspire" → "inspiring", "set" → "setting", "model" → "modelling",
// "target" → "targeting", "be" → "being".
func Ing(v string) string {
	v = strings.ToLower(v)
	switch {
	case v == "be" || v == "see" || v == "foresee" || v == "oversee":
		return v + "ing"
	case strings.HasSuffix(v, "ie"):
		return v[:len(v)-2] + "ying"
	case strings.HasSuffix(v, "ee") || strings.HasSuffix(v, "ye") || strings.HasSuffix(v, "oe"):
		return v + "ing"
	case strings.HasSuffix(v, "e") && len(v) > 2:
		return v[:len(v)-1] + "ing"
	case doubles(v):
		return v + v[len(v)-1:] + "ing"
	}
	return v + "ing"
}

// PastOf returns the past participle of base verb v: "lead" → "led",
// "model" → "modelled", "apply" → "applied".
func PastOf(v string) string {
	v = strings.ToLower(v)
	if p, ok := lex().pastPart[v]; ok {
		return p
	}
	switch {
	case strings.HasSuffix(v, "e"):
		return v + "d"
	case strings.HasSuffix(v, "y") && len(v) > 2 && !isVowel(v[len(v)-2]):
		return v[:len(v)-1] + "ied"
	case doubles(v):
		return v + v[len(v)-1:] + "ed"
	}
	return v + "ed"
}

// PastTense returns the simple past of base verb v, for "you …" (so "be"
// gives "were"): "lead" → "led", "write" → "wrote", "explain" → "explained".
func PastTense(v string) string {
	v = strings.ToLower(v)
	if v == "be" {
		return "were"
	}
	if p, ok := lex().pastTense[v]; ok {
		return p
	}
	return PastOf(v)
}

// Third returns the third person singular of base verb v: "lead" →
// "leads", "carry" → "carries", "manage" → "manages", "be" → "is".
func Third(v string) string {
	v = strings.ToLower(v)
	switch v {
	case "be":
		return "is"
	case "have":
		return "has"
	case "do", "go":
		return v + "es"
	}
	switch {
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "x") || strings.HasSuffix(v, "z") ||
		strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "sh"):
		return v + "es"
	case strings.HasSuffix(v, "y") && len(v) > 2 && !isVowel(v[len(v)-2]):
		return v[:len(v)-1] + "ies"
	}
	return v + "s"
}

// doubledFinal are verbs of more than one syllable whose final consonant
// doubles before -ing and -ed: a stressed last syllable, or British -l.
var doubledFinal = map[string]bool{
	"commit": true, "submit": true, "admit": true, "omit": true, "permit": true, "transmit": true,
	"refer": true, "prefer": true, "occur": true, "transfer": true, "regret": true, "equip": true,
	"compel": true, "propel": true, "patrol": true, "enrol": true, "fulfil": true, "distil": true,
	"instil": true, "control": true, "model": true, "travel": true, "label": true, "cancel": true,
	"signal": true, "channel": true, "level": true, "total": true, "fuel": true, "counsel": true,
	"input": true, "output": true, "begin": true,
	"upskill": false, "program": true, "kidnap": true, "format": true, "handicap": true, "outstrip": true,
}

// doubles reports whether v's final consonant doubles before a suffix.
func doubles(v string) bool {
	if d, ok := doubledFinal[v]; ok {
		return d
	}
	n := len(v)
	if n < 3 || syllables(v) != 1 {
		return false
	}
	last, mid, before := v[n-1], v[n-2], v[n-3]
	return !isVowel(last) && !strings.ContainsRune("wxy", rune(last)) && isVowel(mid) && !isVowel(before)
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

// syllables counts groups of vowels, a rough syllable count.
func syllables(w string) int {
	n, in := 0, false
	for i := 0; i < len(w); i++ {
		v := isVowel(w[i]) || (w[i] == 'y' && i > 0)
		if v && !in {
			n++
		}
		in = v
	}
	if n > 1 && strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "le") {
		n--
	}
	return n
}

// closed word classes.
var (
	modals       = set("can could will would shall should may might must")
	prepositions = set("of in on at by for with about against between into through during before after above below to from up down over under across within without towards toward around among amongst via per including beyond alongside upon throughout")
	determiners  = set("a an the this that these those each every all some any no your our their its his her my both either neither another other such")
	pronouns     = set("i you he she it we they me him us them myself yourself themselves ourselves others")
	conjunctions = set("and or but nor")
)

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// IsModal reports whether w is a modal verb ("can", "should", "will").
func IsModal(w string) bool { return modals[strings.ToLower(w)] }

// IsPreposition reports whether w is a preposition ("of", "with", "to").
func IsPreposition(w string) bool { return prepositions[strings.ToLower(w)] }

// IsDeterminer reports whether w is a determiner ("the", "a", "your").
func IsDeterminer(w string) bool { return determiners[strings.ToLower(w)] }

// IsPronoun reports whether w is a personal pronoun ("you", "they").
func IsPronoun(w string) bool { return pronouns[strings.ToLower(w)] }

// IsConjunction reports whether w is a coordinating conjunction ("and", "or").
func IsConjunction(w string) bool { return conjunctions[strings.ToLower(w)] }

// properNouns keep their capital in sentence case: methods, languages,
// products and bodies that frameworks name.
var properNouns = set(`Agile Lean Scrum Kanban SAFe Bayesian Python Java JavaScript TypeScript Excel Azure Google
		Microsoft Amazon Linux Windows Tableau Git Helm Kubernetes Docker Terraform Spark Hadoop Kafka Airflow Snowflake
		Databricks Welsh English Cymraeg Parliament Whitehall Treasury Crown Caldicott Prince2 PRINCE2 ITIL TOGAF
		Copilot Jupyter Postgres PostgreSQL Oracle Salesforce ServiceNow Jira Confluence`)

// IsProperNoun reports whether w is a name that keeps its capital in
// sentence case ("Agile", "Python", "Welsh").
func IsProperNoun(w string) bool { return properNouns[w] }
