package lint

import (
	"strings"

	"github.com/rolepack/rolepack/internal/english"
)

// The grammar rules (category grammar) find the broken sentences that
// building text from framework descriptors makes: a base verb after a
// preposition ("Experience of have strong communication skills"), a modal
// followed by another form ("can represents"), a coordination that mixes
// verb forms ("Lead the review and ensures …", "set standards and can
// select methods"), a duty that does not start with a verb ("Responsible
// for …", "Can explain …") and a list item with no text after its bold
// label ("**Service focus**"). Doubled words ("the the") are the
// repeated-word rule's.
//
// Each rule keys on a position whose shape is unambiguous: a word that can
// only be a base verb (internal/english knows the verbs; the homographs
// list names the verbs that are also nouns or adjectives, "of change", "in
// use", "data modelling"), or a homograph with a determiner or pronoun
// after it ("of review the code"). Broken sentences are errors; a duty
// that starts with an -ing form or a determiner is a warning.

// gramPrepositions are the prepositions after which a verb must be an -ing
// form ("to" is not one: "to lead" is right).
var gramPrepositions = set("of in on at by for with about from into through without including towards toward upon via")

// objectStarts are words that open a verb's object: after a homograph
// they show it is a verb ("of review the code", "and reports it").
var objectStarts = set("the a an your our their its his her my these those them us him it this")

// adverbs that may stand between a modal and its verb.
var modalAdverbs = set("also not always never only still then now often usually effectively further actively quickly")

// clauseWords end the reach of a clause's first verb: after them a new
// subject or clause may take another form ("Lead the team so that it
// delivers").
var clauseWords = set("that which who whom whose so when where because while if as whether until unless once how what why you they it we he she i")

// finiteWords are finite forms of "be", "have" and "do": after the
// clause's first verb they start a clause with its own subject ("ensuring
// all tools are fit for purpose and meet …").
var finiteWords = set("is are was were am has have had does did")

// nonVerbStarts are words that start a duty written as a noun phrase or
// an adjective ("Responsible for …", "Knowledge of …", "Able to …").
var nonVerbStarts = set("responsible accountable knowledge experience experienced ability able awareness aware expert expertise competent proficient proficiency familiar familiarity strong good excellent skilled skills understanding")

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// grammar runs the grammar rules on a span.
func (c *checker) grammar(s *span) {
	if s.t.Kind == Title {
		return
	}
	if s.t.Kind == Item || s.t.Kind == Duty {
		if s.t.Label {
			at := 0
			if len(s.words) > 0 {
				at = s.words[0].start
			}
			c.add(s, at, Grammar, Error, "give the point its text, or leave it out", "list item %q is a bold label with no text after it", strings.TrimSpace(strings.Trim(s.unmasked(0, len(s.rs)), " :")))
			return
		}
		if !hasLetterIn(s) {
			c.add(s, 0, Grammar, Error, "give the item its text, or leave it out", "list item with no text")
			return
		}
	}
	if s.t.Kind == Duty {
		c.dutyStart(s)
	}
	for _, se := range s.sentences {
		c.needArticle(s, se)
		c.prepositionBase(s, se)
		c.modalForm(s, se)
		c.mixedForms(s, se)
	}
}

func hasLetterIn(s *span) bool {
	for _, w := range s.words {
		if hasLetter(w.text) {
			return true
		}
	}
	return false
}

// lw is word i of the span in lower case, apostrophes normalised.
func (s *span) lw(i int) string {
	return strings.ToLower(normaliseApostrophe(s.words[i].text))
}

// joined reports whether words i and i+1 are separated by spaces only
// (no comma, bracket, colon or other mark).
func (s *span) joined(i int) bool {
	return i+1 < len(s.words) && strings.TrimSpace(s.between(i)) == ""
}

// capitalisedMid reports whether word i of sentence se is capitalised
// though it does not start the sentence: a name, not a verb.
func (s *span) capitalisedMid(i int, se sentence) bool {
	if i == se.words[0] {
		return false
	}
	w := s.words[i].text
	return w != strings.ToLower(w)
}

// baseVerb reports whether word i is a base verb in its place: a verb
// that cannot be a noun or adjective, or a homograph followed by the
// start of an object.
func (c *checker) baseVerb(s *span, i int) bool {
	w := s.lw(i)
	if _, f := english.Verb(w); f != english.Base {
		return false
	}
	if !c.rules.homograph[w] {
		return true
	}
	return s.joined(i) && objectStarts[s.lw(i+1)]
}

// thirdPerson reports whether word i is a verb in the third person in its
// place ("ensures", or "reports" followed by an object), and gives its
// base.
func (c *checker) thirdPerson(s *span, i int) (string, bool) {
	base, f := english.Verb(s.lw(i))
	if f != english.ThirdPerson {
		return "", false
	}
	if c.rules.homograph[base] && !(s.joined(i) && objectStarts[s.lw(i+1)]) {
		return "", false // "dashboards and reports": a plural noun
	}
	return base, true
}

// thirdPersonWithObject reports whether word i, after "and" in a clause
// led by a base verb, is a homograph in the third person with a noun
// after it ("and reports progress"), not a plural noun ("dashboards and
// reports for the board", "plans and models used by teams"): the word
// after it must be a noun the homographs list knows ("progress", "work"),
// or the plural of one ("and reports issues to problem management", in a
// job purpose as in a duty).
func (c *checker) thirdPersonWithObject(s *span, i int) (string, bool) {
	base, f := english.Verb(s.lw(i))
	if f != english.ThirdPerson || !s.joined(i) {
		return "", false
	}
	next := s.lw(i + 1)
	if s.words[i+1].text != next {
		return "", false // a name: not an object
	}
	if !c.rules.homograph[next] {
		if nb, nf := english.Verb(next); nf != english.ThirdPerson || !c.rules.homograph[nb] {
			return "", false // "content and services inclusive": not an object
		}
	}
	return base, true
}

// prepositionBase finds a base verb after a preposition: "Experience of
// have strong communication skills", "your experience of spend time
// shadowing".
func (c *checker) prepositionBase(s *span, se sentence) {
	for k, i := range se.words {
		if k+1 >= len(se.words) || !gramPrepositions[s.lw(i)] || !s.joined(i) {
			continue
		}
		j := se.words[k+1]
		if s.capitalisedMid(j, se) || !c.baseVerb(s, j) {
			continue
		}
		prep, verb := s.words[i].text, s.words[j].text
		fix := prep + " " + keepCase(verb, english.Ing(s.lw(j)))
		msg := "base verb %q after %q: a verb after a preposition takes -ing"
		if strings.Contains(strings.ToLower(s.unmasked(s.words[se.words[0]].start, s.words[i].start)), "tell us about your experience") {
			msg = "question asks about your experience of base verb %q (after %q): write the -ing form, or ask for an example"
		}
		c.add(s, s.words[i].start, Grammar, Error, fix, msg, verb, prep)
		c.fix(prep+" "+verb, fix)
	}
}

// modalForm finds a modal (or "would you", "to") followed by another form
// than the base: "can represents", "would you led", "to ensures".
func (c *checker) modalForm(s *span, se sentence) {
	for k, i := range se.words {
		w := s.lw(i)
		toWord := w == "to"
		if !english.IsModal(w) && !toWord {
			continue
		}
		if !toWord && (s.capitalisedMid(i, se) || (k > 0 && english.IsDeterminer(s.lw(se.words[k-1])))) {
			continue // "in May", "the will to"
		}
		m := k + 1
		if !toWord && m < len(se.words) && english.IsPronoun(s.lw(se.words[m])) && s.joined(se.words[k]) {
			m++ // "would you …"
		}
		for m < len(se.words) && modalAdverbs[s.lw(se.words[m])] && s.joined(se.words[m-1]) {
			m++
		}
		if m >= len(se.words) || !s.joined(se.words[m-1]) {
			continue
		}
		j := se.words[m]
		if s.capitalisedMid(j, se) {
			continue
		}
		v := s.lw(j)
		base, f := english.Verb(v)
		switch {
		case f == english.ThirdPerson:
			if _, ok := c.thirdPerson(s, j); !ok {
				continue
			}
		case f == english.Past || f == english.Gerund:
			if toWord {
				continue // "committed to delivering", "access to used"
			}
			if c.rules.homograph[base] && !(s.joined(j) && objectStarts[s.lw(j+1)]) {
				continue
			}
		default:
			continue
		}
		lead := s.unmasked(s.words[i].start, s.words[j].start)
		fix := lead + keepCase(s.words[j].text, base)
		what := "a modal"
		if toWord {
			what = "\"to\""
		}
		c.add(s, s.words[j].start, Grammar, Error, fix, "%q after %q: %s takes the base form", s.words[j].text, strings.TrimSpace(lead), what)
		c.fix(lead+s.words[j].text, fix)
	}
}

// mixedForms finds a coordination whose verbs differ in form from the
// clause's first verb: "How would you set standards and can select
// methods", "collaborate with user researchers and can represent users",
// "Lead the review and ensures …", "Experience of building X and ensures
// Y".
func (c *checker) mixedForms(s *span, se sentence) {
	head, form := c.headVerb(s, se)
	if head < 0 {
		return
	}
	// The forms a coordinated verb may take: the clause's first verb's,
	// and those of the verb phrases inside it ("show an awareness of
	// prototyping and explain …", "working with X to plan and deliver").
	// After a modal ("You will have X and can show Y") a second modal is
	// right; after "would you set X" or an imperative it is not.
	allowed := map[english.Form]bool{form: true}
	lead := se.words[head] // the verb whose form a fix follows
	declarative := head > 0 && english.IsModal(s.lw(se.words[head-1]))
	for k := head + 1; k+1 < len(se.words); k++ {
		i := se.words[k]
		w := s.lw(i)
		if clauseWords[w] || finiteWords[w] || english.IsModal(w) || (k > head+1 && strings.ContainsAny(s.between(se.words[k-1]), ";:()")) {
			return // a new clause: it may take its own form
		}
		if _, ok := c.thirdPerson(s, i); ok && !english.IsConjunction(s.lw(se.words[k-1])) {
			// "ensure data meets standards and is interoperable": a verb
			// of the clause's own subject, which the next may share.
			allowed[english.ThirdPerson] = true
		}
		if !s.joined(i) {
			continue
		}
		_, nf := english.Verb(s.lw(se.words[k+1]))
		switch {
		case w == "to" && nf == english.Base:
			allowed[english.Base], declarative = true, true
			continue
		case gramPrepositions[w] && nf == english.Gerund:
			allowed[english.Gerund], form, lead = true, english.Gerund, se.words[k+1]
			continue
		}
		if !english.IsConjunction(w) || w == "but" {
			continue
		}
		n := k + 1
		for n+1 < len(se.words) && (s.lw(se.words[n]) == "also" || s.lw(se.words[n]) == "then") && s.joined(se.words[n]) {
			n++
		}
		j := se.words[n]
		if s.capitalisedMid(j, se) {
			continue
		}
		v := s.lw(j)
		if english.IsModal(v) {
			if declarative || n+1 >= len(se.words) || !s.joined(j) {
				return
			}
			// "and can represent": drop the modal (or make the verb -ing).
			next := s.words[se.words[n+1]].text
			base, f := english.Verb(next)
			if f != english.Base {
				return
			}
			to := w + " " + next
			if !allowed[english.Base] {
				to = w + " " + english.Ing(base)
			}
			c.add(s, s.words[j].start, Grammar, Error, to, "%q after %q mixes forms with %q: write %q", s.words[j].text+" "+next, w, s.words[lead].text, to)
			c.fix(w+s.between(i)+s.words[j].text+s.between(j)+next, to)
			return
		}
		base, ok := c.thirdPerson(s, j)
		if !ok {
			base, ok = c.thirdPersonWithObject(s, j)
		}
		if ok && allowed[english.ThirdPerson] {
			continue
		}
		if !ok && !allowed[english.Base] && !c.rules.homograph[v] {
			if _, f := english.Verb(v); f == english.Base {
				base, ok = v, true // "of building X and ensure Y"
			}
		}
		if !ok {
			continue
		}
		to := base
		if form == english.Gerund {
			to = english.Ing(base)
		}
		to = keepCase(s.words[j].text, to)
		c.add(s, s.words[j].start, Grammar, Error, w+" "+to, "%q after %q mixes forms with %q: write %q", s.words[j].text, w, s.words[lead].text, to)
		c.fix(s.words[j].text, to)
	}
}

// headVerb finds the first verb of a sentence whose form its coordinated
// verbs must share, and that form: a base verb that starts the sentence
// (an imperative: a duty), the base verb after a modal ("would you set",
// "can explain"), or an -ing form after a preposition ("Experience of
// building"). It returns the position in se.words, or -1.
func (c *checker) headVerb(s *span, se sentence) (int, english.Form) {
	ws := se.words
	if len(ws) == 0 {
		return -1, english.NotVerb
	}
	from := 0
	for k := range ws[:len(ws)-1] {
		if strings.Contains(s.between(ws[k]), ":") {
			from = k + 1 // "Data modelling: explain …": the text after a label
		}
	}
	if _, f := english.Verb(s.lw(ws[from])); f == english.Base && (s.t.Kind == Duty || from > 0 || c.baseVerb(s, ws[from]) || s.words[ws[from]].text != s.lw(ws[from])) {
		return from, english.Base
	}
	for k := from; k < len(ws); k++ {
		i := ws[k]
		w := s.lw(i)
		if clauseWords[w] && w != "you" && k != from {
			return -1, english.NotVerb // "How would you …" starts a question; later, a new clause
		}
		if k+1 >= len(ws) || !s.joined(i) {
			continue
		}
		switch {
		case english.IsModal(w) && !s.capitalisedMid(i, se):
			m := k + 1
			if english.IsPronoun(s.lw(ws[m])) && m+1 < len(ws) && s.joined(ws[m]) {
				m++
			}
			if _, f := english.Verb(s.lw(ws[m])); f == english.Base {
				return m, english.Base
			}
			return -1, english.NotVerb
		case gramPrepositions[w]:
			if _, f := english.Verb(s.lw(ws[k+1])); f == english.Gerund {
				return k + 1, english.Gerund
			}
		}
	}
	return -1, english.NotVerb
}

// dutyStart finds a duty that does not start with a verb: "Can explain
// …", "Responsible for …", "Knowledge of …", "Understands …".
func (c *checker) dutyStart(s *span) {
	if len(s.words) == 0 {
		return
	}
	first := s.words[0]
	w := s.lw(0)
	if w == "you" {
		return // "You will …": a sentence of its own
	}
	base, f := english.Verb(w)
	sev, why := Error, ""
	switch {
	case english.IsModal(w):
		why = "a modal"
	case nonVerbStarts[w]:
		why = "not a verb"
	case f == english.ThirdPerson:
		why = "a verb in the third person"
	case f == english.Past && w != base:
		why = "a verb in the past"
	case f == english.Gerund:
		sev, why = Warning, "an -ing form"
	case english.IsDeterminer(w) || english.IsPronoun(w):
		sev, why = Warning, "not a verb"
	default:
		return
	}
	sugg := "start with the verb of the duty, as an instruction (\"Lead …\", \"Explain …\")"
	if base != "" && (f == english.ThirdPerson || f == english.Past || f == english.Gerund) {
		sugg = "start with " + keepCase(first.text, base)
	}
	c.add(s, first.start, Grammar, sev, sugg, "duty starts with %q, %s: a duty starts with a verb", first.text, why)
}

// needArticle finds an understanding, an awareness or the ability without
// its article after "need" or "to have": "You will also need
// understanding of …", "It would help to have ability to …".
func (c *checker) needArticle(s *span, se sentence) {
	for k, i := range se.words {
		if k+2 >= len(se.words) || !s.joined(i) || !s.joined(se.words[k+1]) {
			continue
		}
		switch w := s.lw(i); {
		case w == "need" || w == "needs":
		case w == "have" && k > 0 && s.lw(se.words[k-1]) == "to":
		default:
			continue
		}
		noun, next := s.lw(se.words[k+1]), s.lw(se.words[k+2])
		art := ""
		switch {
		case (noun == "understanding" || noun == "awareness" || noun == "appreciation") && next == "of":
			art = "an"
		case noun == "ability" && next == "to":
			art = "the"
		default:
			continue
		}
		verb, n := s.words[i].text, s.words[se.words[k+1]].text
		fix := verb + " " + art + " " + n
		c.add(s, s.words[i].start, Grammar, Error, fix, "%q after %q lacks its article: %q", n, verb, art+" "+n)
		c.fix(verb+" "+n, fix)
	}
}
