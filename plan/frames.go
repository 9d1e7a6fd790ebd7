package plan

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/rolepack/rolepack/compose/wording"
	"github.com/rolepack/rolepack/internal/english"
)

// focus is what an entry's built-in actions and objective are worded
// from: the target descriptor that says the change best (the one with
// the most words new at the target), read by compose/wording, as a verb
// phrase for each place a sentence needs one.
type focus struct {
	e     *PlanEntry
	shape wording.Shape
	// do is what to do, a base verb phrase cut at a clause ("lead the
	// development of data catalogue policies"); they is the same after
	// "they" ("are an ally …"), and theirs with "your" as "their".
	do, they string
	you      string // the same after "you" ("are an ally …")
	did      string // the same in the past tense, after "they" ("spent time shadowing …")
	family   family // what kind of work the first verb asks for
	person   string // who already does it: "a senior data engineer", "a colleague at Head level"
	level    string // the target level's name ("Senior")
}

// family is the kind of work a descriptor's first verb asks for, which
// decides what shows an action on it is done.
type family int

const (
	famDo      family = iota // use, apply, work, take, …: a result to show
	famMake                  // develop, design, write, define, …: something made, a first version
	famLead                  // lead, manage, own, oversee, …: a piece of work run to the end
	famCheck                 // ensure, review, assess, identify, …: findings and agreed changes
	famTell                  // explain, present, advise, influence, …: an audience's feedback
	famPeople                // coach, mentor, support, help, …: the people helped say so
	famQuality               // be …: examples colleagues saw
	famQualify               // have a qualification, a certificate: to gain
	famKnow                  // knowledge, understanding, awareness: put to use
	famLearn                 // spend time, shadow, attend, study: already a way of learning
)

var families = map[string]family{}

func init() {
	for f, ws := range map[family]string{
		famMake:   "develop create design produce write define build establish plan specify draft document set shape model prototype propose formulate author construct",
		famLead:   "lead manage oversee own coordinate run direct control govern chair take-ownership deliver drive initiate organise",
		famCheck:  "ensure review assess audit test assure monitor evaluate diagnose investigate identify analyse check validate verify measure resolve troubleshoot",
		famTell:   "explain present speak share advise advocate influence represent engage communicate describe tailor listen negotiate persuade promote facilitate challenge champion articulate report",
		famLearn:  "spend shadow attend study observe learn",
		famKnow:   "understand know appreciate recognise comprehend see consider",
		famPeople: "coach mentor help support guide assist teach train develop-people empower enable motivate",
	} {
		for _, w := range strings.Fields(ws) {
			families[w] = f
		}
	}
}

// newFocus reads entry e's change for its actions at level, with person
// the colleague at the target who already does it.
func newFocus(e *PlanEntry, person, level string) *focus {
	f := &focus{e: e, person: person, level: level}
	if len(e.Target) == 0 {
		f.do = "work in " + strings.ToLower(e.Name) + " as " + level + " asks"
		f.they = f.do
		return f
	}
	ph := wording.Parse(strings.TrimSpace(e.Target[e.best]))
	f.shape = ph.Shape
	f.do, f.family = doPhrase(ph)
	// cut as the summary's brief is, then to an action's length: the
	// brief's later clause end keeps "…, choosing the right type at the
	// appropriate time" that a cut at the first comma would lose
	f.do = clause(clause(f.do, briefWords), focusWords)
	f.they = theyPhrase(f.do)
	f.you = youPhrase(f.do)
	if first, rest, ok := strings.Cut(f.they, " "); ok {
		f.did = english.PastTense(first) + " " + rest
	}
	return f
}

// doPhrase is a parsed descriptor as a base verb phrase, whatever its
// shape, and the family of its first verb: "lead the development of …",
// "use your knowledge of statistical disclosure control", "manage small
// analytical projects" (from "has experience of managing …"), "take
// responsibility for …", "be inquisitive", "demonstrate strategic
// oversight of …".
func doPhrase(ph wording.Phrase) (string, family) {
	switch ph.Shape {
	case wording.Action:
		v, _ := ph.VerbPhrase()
		return v, familyOf(v)
	case wording.Possession:
		for _, c := range ph.Clauses {
			first, rest, _ := strings.Cut(c.Rest, " ")
			if b, form := english.Verb(first); form == english.Past && rest != "" {
				// present perfect: "you have created a team of leaders"
				v := b + " " + rest
				return v, familyOf(v)
			}
		}
		var objs []string
		for _, c := range ph.Clauses {
			if c.Verb == "have" && c.Rest != "" {
				objs = append(objs, c.Rest)
			}
		}
		if len(objs) > 0 {
			all := strings.Join(objs, " and ")
			if qualification.MatchString(all) {
				return "gain " + all, famQualify
			}
			for i, o := range objs {
				objs[i] = yourOf(o)
			}
			return "use " + strings.Join(objs, " and "), famKnow
		}
	case wording.Knowledge:
		head := ph.Head
		if head == "" {
			head = "knowledge"
		}
		return "use your " + head + " " + ph.Prep + " " + ph.Object, famKnow
	case wording.Experience:
		first, rest, _ := strings.Cut(ph.Object, " ")
		if b, form := english.Verb(first); form == english.Gerund {
			v := strings.TrimSpace(b + " " + rest)
			return v, familyOf(v)
		}
		return "work on " + ph.Object, famDo
	case wording.Responsibility:
		return "take responsibility for " + ph.Object, famLead
	case wording.Quality:
		if len(ph.Clauses) > 0 {
			return "be " + ph.Clauses[0].Rest, famQuality
		}
	case wording.Topic:
		if qualification.MatchString(ph.Object) {
			return "gain " + withArticle(wording.LowerFirst(ph.Object)), famQualify
		}
		if ph.Object != "" {
			return "demonstrate " + wording.LowerFirst(ph.Object), famDo
		}
	}
	v := wording.LowerFirst(strings.TrimRight(imperative(ph.Source), ".;"))
	return v, familyOf(v)
}

// qualification matches a noun phrase that names a qualification.
var qualification = regexp.MustCompile(`(?i)\b(qualification|certificate|certification|degree|diploma|accreditation|chartered|licence|membership of)\b`)

// familyOf is the family of a verb phrase's first verb; "lead the
// development of …" makes something.
func familyOf(v string) family {
	first, rest, _ := strings.Cut(v, " ")
	if first == "lead" && (strings.HasPrefix(rest, "the development") || strings.HasPrefix(rest, "the design") || strings.HasPrefix(rest, "the definition")) {
		return famMake
	}
	if first == "take" && strings.HasPrefix(rest, "ownership") {
		return famLead
	}
	if first == "be" {
		return famQuality
	}
	if f, ok := families[first]; ok {
		return f
	}
	return famDo
}

// theyPhrase puts a base verb phrase after "they": "be" becomes "are",
// "your" becomes "their".
func theyPhrase(v string) string {
	w := strings.Fields(v)
	for i, x := range w {
		switch {
		case x == "be" && (i == 0 || w[i-1] == "and" || w[i-1] == "or" || strings.HasSuffix(w[i-1], ",")):
			w[i] = "are"
		case x == "your":
			w[i] = "their"
		case x == "yourself":
			w[i] = "themselves"
		}
	}
	return strings.Join(w, " ")
}

// youPhrase puts a base verb phrase after "you": "be" becomes "are".
func youPhrase(v string) string {
	w := strings.Fields(v)
	for i, x := range w {
		if x == "be" && (i == 0 || w[i-1] == "and" || w[i-1] == "or" || strings.HasSuffix(w[i-1], ",")) {
			w[i] = "are"
		}
	}
	return strings.Join(w, " ")
}

// yourOf puts "your" before a noun phrase without a determiner.
func yourOf(np string) string {
	first, _, _ := strings.Cut(strings.ToLower(np), " ")
	if english.IsDeterminer(first) || english.IsPronoun(first) {
		return np
	}
	return "your " + np
}

// outcomes are, for each family, what shows a piece of work on it is
// done: the evidence of an action on the job, checkable by the line
// manager. Two actions of one family in a plan take turns.
var outcomes = map[family][]string{
	famDo:      {"The result, shown to your line manager", "What worked and what did not, talked through with your line manager"},
	famMake:    {"The first version, with your line manager's comments", "The draft, reviewed by someone who will use it"},
	famLead:    {"A page on what you learned, written at the end", "A log of the decisions you made, reviewed with your line manager"},
	famCheck:   {"Your findings, and those your line manager agrees to act on", "A list of the gaps you found, each with an owner and a date"},
	famTell:    {"Feedback from two people who took part", "The questions you were asked, and how you would answer them next time"},
	famPeople:  {"What the people you supported say helped them", "A check back with the people you supported a month later"},
	famQuality: {"Two examples a colleague saw", "A note of the times it made a difference"},
	famQualify: {"The first step booked, agreed with your line manager", "The course or assessment dates, noted in this plan"},
	famKnow:    {"Where you used it, shown to your line manager", "A note of where it changed what you did"},
	famLearn:   {"What you learned, and what you will do differently, talked through with your line manager", "A page of notes on what you saw, shared with your team"},
}

// frame is one way of wording an action of a kind, from its focus.
type frame struct {
	kind ActionKind
	// fits reports whether the frame reads well for the focus; nil is
	// every focus.
	fits func(f *focus) bool
	text func(f *focus) string
}

func notQuality(f *focus) bool { return f.family != famQuality }

// frames are the built-in actions' wordings, by kind: each plan uses
// each at most once while another fits, so that no two entries' actions
// read alike with only their words swapped.
var frames = []frame{
	// On the job.
	{OnTheJob, func(f *focus) bool { return f.e.Change == ChangeNew && workable(f) }, func(f *focus) string {
		return fmt.Sprintf("Take on a first piece of work in which you %s", f.you)
	}},
	{OnTheJob, func(f *focus) bool { return f.e.Change == ChangeDifferent && workable(f) }, func(f *focus) string {
		return fmt.Sprintf("Try the new way on a real piece of work: %s", f.do)
	}},
	{OnTheJob, workable, func(f *focus) string {
		if strings.HasPrefix(f.do, "use ") {
			return fmt.Sprintf("Take the team's next piece of work as a chance to %s", f.do)
		}
		return fmt.Sprintf("Use the team's next piece of work to %s", f.do)
	}},
	{OnTheJob, workable, func(f *focus) string {
		return fmt.Sprintf("Ask for a piece of work in which you %s", f.you)
	}},
	{OnTheJob, observable, func(f *focus) string {
		return fmt.Sprintf("Choose a live problem in your area and %s", f.do)
	}},
	{OnTheJob, observable, func(f *focus) string {
		return fmt.Sprintf("Volunteer for a current project in which you can %s", f.do)
	}},
	{OnTheJob, workable, func(f *focus) string {
		return fmt.Sprintf("Pick a task from your work where you can %s", f.do)
	}},
	{OnTheJob, doing, func(f *focus) string {
		return fmt.Sprintf("Agree with your line manager a piece of work in which you will %s", f.do)
	}},
	{OnTheJob, observable, func(f *focus) string {
		return fmt.Sprintf("Take over part of a colleague's work in which you will %s", f.do)
	}},
	{OnTheJob, doing, func(f *focus) string {
		return fmt.Sprintf("Set aside time this quarter for real work in which you %s", f.you)
	}},
	{OnTheJob, observable, func(f *focus) string {
		return fmt.Sprintf("Offer your help to another team that needs someone to %s", f.do)
	}},
	{OnTheJob, doing, func(f *focus) string {
		return fmt.Sprintf("Plan with your line manager where you will %s", f.do)
	}},
	{OnTheJob, qualifying, func(f *focus) string {
		return fmt.Sprintf("Agree with your line manager how you will %s: the course or assessment, the date and the time you need", f.do)
	}},
	{OnTheJob, learning, func(f *focus) string {
		return fmt.Sprintf("Agree with your line manager when, and with whom, you will %s", f.do)
	}},
	{OnTheJob, learning, func(f *focus) string {
		return fmt.Sprintf("Book time this quarter to %s", f.do) + f.then("bring what you learned to your next one-to-one")
	}},
	// Learning from others.
	{FromOthers, observable, func(f *focus) string {
		return fmt.Sprintf("Shadow %s while they %s", f.person, f.they) + f.then("do part of it yourself")
	}},
	{FromOthers, workable, func(f *focus) string {
		return fmt.Sprintf("Ask %s how they %s", f.person, f.they) + f.then("try it and ask for feedback")
	}},
	{FromOthers, observable, func(f *focus) string {
		return fmt.Sprintf("Pair with %s on work where they %s", f.person, f.they) + f.then("lead the second half yourself")
	}},
	{FromOthers, observable, func(f *focus) string {
		return fmt.Sprintf("Ask %s to watch you %s", f.person, f.do) + f.then("ask what to keep and what to change")
	}},
	{FromOthers, workable, func(f *focus) string {
		return fmt.Sprintf("Ask %s to mentor you in three meetings on how to %s", f.person, f.do)
	}},
	{FromOthers, workable, func(f *focus) string {
		return fmt.Sprintf("Join a community of practice where people %s", f.they) + f.then("bring back one idea to try")
	}},
	{FromOthers, qualifying, func(f *focus) string {
		return fmt.Sprintf("Ask %s how they prepared to %s", f.person, f.do) + f.then("ask what they would do again")
	}},
	{FromOthers, learning, func(f *focus) string {
		return fmt.Sprintf("Ask %s what helped them most when they %s", f.person, f.did)
	}},
	// Courses and reading.
	{CourseStudy, workable, func(f *focus) string {
		return fmt.Sprintf("Find a course or e-learning on how to %s", f.do) + f.then("note three things to try")
	}},
	{CourseStudy, workable, func(f *focus) string {
		return fmt.Sprintf("Read the profession's guidance on how to %s", f.do) + f.then("note what applies to your work")
	}},
	{CourseStudy, workable, func(f *focus) string {
		return fmt.Sprintf("Find a case study or talk on how others %s", f.they) + f.then("explain it to your team")
	}},
	{CourseStudy, workable, func(f *focus) string {
		return fmt.Sprintf("Take a short course on how to %s", f.do) + f.then("use one thing from it within a month")
	}},
	{CourseStudy, workable, func(f *focus) string {
		return fmt.Sprintf("Read an article or book chapter on how to %s", f.do) + f.then("discuss it with your line manager")
	}},
	{CourseStudy, qualifying, func(f *focus) string {
		return fmt.Sprintf("Find the course, study route or assessment through which you can %s", f.do) + f.then("book it")
	}},
	{CourseStudy, learning, func(f *focus) string {
		return fmt.Sprintf("Before you %s, find guidance or a short course on what you will see", f.do) + f.then("note your questions")
	}},
}

// then joins tail to a frame that ends with the focus: after a comma,
// or, when the focus has commas or coordinated verbs of its own, after a
// semicolon, so that the reader can tell where the focus ends ("check
// their assumptions; then explain …").
func (f *focus) then(tail string) string {
	if strings.ContainsAny(f.do, ",;") {
		return "; then " + tail
	}
	w := strings.Fields(f.do)
	for i := 1; i+1 < len(w); i++ {
		if (w[i] == "and" || w[i] == "or") && english.IsBase(w[i+1]) && !wording.NounToo(w[i+1]) {
			return "; then " + tail // coordinated verbs: "apply … and check …"
		}
	}
	return ", then " + tail
}

// workable reports whether the focus is something to practise at work:
// not a qualification to gain or a way of learning.
func workable(f *focus) bool { return f.family != famQualify && f.family != famLearn }

// doing reports whether the focus is an action to take on a piece of
// work: not a personal quality, a qualification or a way of learning.
func doing(f *focus) bool { return workable(f) && f.family != famQuality }

// observable reports whether the focus is work another person can
// watch or share: not knowledge or understanding, which is talked
// through instead.
func observable(f *focus) bool { return doing(f) && f.family != famKnow }

// learning reports whether the focus is itself a way of learning
// ("spend time shadowing data engineers to learn how data is produced").
func learning(f *focus) bool { return f.family == famLearn }

// qualifying reports whether the focus is a qualification to gain.
func qualifying(f *focus) bool { return f.family == famQualify }

// frameKey is text with the words of entry e (its name and its
// descriptors at both levels, by stem) left out, lower case: the
// sentence frame two entries' actions must not share.
func frameKey(text string, e *PlanEntry) string {
	own := map[string]bool{}
	for _, s := range append(append([]string{e.Name}, e.Target...), e.Current...) {
		for _, w := range strings.Fields(s) {
			own[stem(w)] = true
		}
	}
	var kept []string
	for _, w := range strings.Fields(text) {
		if k := stem(w); k != "" && !own[k] {
			kept = append(kept, k)
		}
	}
	return strings.Join(kept, " ")
}

// targetPerson is who at the target level already does what the plan
// asks: "a lead data scientist", "a senior data engineer", or "a
// colleague at Head level".
func targetPerson(title, label string) string {
	t, l := strings.TrimSpace(title), strings.TrimSpace(label)
	switch {
	case t == "" || l == "":
	case strings.Contains(strings.ToLower(l), strings.ToLower(t)):
		return withArticle(wording.LowerFirst(l))
	case personLevels[strings.ToLower(l)]:
		return withArticle(strings.ToLower(l) + " " + wording.LowerFirst(t))
	}
	if l == "" {
		l = t
	}
	return "a colleague at " + l + " level"
}

// personLevels are level names that go before a role's title ("senior
// data engineer").
var personLevels = map[string]bool{"senior": true, "lead": true, "principal": true, "junior": true, "associate": true,
	"trainee": true, "chief": true, "apprentice": true, "graduate": true, "assistant": true, "deputy": true}

// withArticle puts "a" or "an" before a noun phrase.
func withArticle(np string) string {
	if np != "" && strings.ContainsRune("aeiouAEIOU", rune(np[0])) && !strings.HasPrefix(strings.ToLower(np), "us") && !strings.HasPrefix(strings.ToLower(np), "uni") {
		return "an " + np
	}
	return "a " + np
}

// measures are, for each family, what shows an objective is met; two
// objectives of one family in a plan take turns.
var measures = map[family][]string{
	famDo: {"Two pieces of real work that show it, which your line manager agrees meet the %s expectation",
		"Your line manager has seen you do it at work at least twice"},
	famMake: {"What you made, in use on real work, with comments from your line manager and its users",
		"A first version in use by the team, and its users' comments"},
	famLead: {"One piece of work you led from start to finish, and a page on what you learned",
		"A finished piece of work you ran, and your line manager's view of how you ran it"},
	famCheck: {"One review of real work, and the changes it found agreed with your line manager",
		"Your findings on one real piece of work, written up and acted on"},
	famTell: {"Feedback from two audiences you did it for",
		"Feedback from the people you spoke to, and what you changed after it"},
	famPeople: {"The people you support say it helped them",
		"Someone you supported shows what they now do differently"},
	famQuality: {"Two examples colleagues noticed",
		"An example each from your line manager and one colleague"},
	famKnow: {"Two pieces of real work where you used it, seen by your line manager",
		"A short session in which you explain it to your team, and their questions"},
	famLearn: {"The time spent, and what you now do differently because of it",
		"Notes of what you learned, and one change you made to your work"},
	famQualify: {"The qualification gained, or the assessment booked with a date",
		"The course or assessment booked, with time set aside for it"},
}

// measure is the n-th measure of the focus's family.
func (f *focus) measure(n int) string {
	ms := measures[f.family]
	m := ms[n%len(ms)]
	if strings.Contains(m, "%s") {
		m = fmt.Sprintf(m, f.level)
	}
	return m
}

// objectiveText drafts an objective from an entry's change: what is new
// at the target as a development objective in compose/wording's
// objective form ("Lead the development of …", "Develop a working
// knowledge of SQL and R", "Gain experience of …"), specific to the
// entry; the measure beside it (objectiveEvidence) makes it measurable
// and the date time-bound.
func objectiveText(e *PlanEntry, f *focus) string {
	if len(e.Target) == 0 {
		return "Work in " + e.Name + " as the target level asks."
	}
	d := strings.TrimSpace(e.Target[e.best])
	ph := wording.Parse(d)
	var s string
	switch ph.Shape {
	case wording.Action, wording.Knowledge, wording.Experience, wording.Responsibility, wording.Quality:
		s = ph.Objective()
	case wording.Possession:
		if f.family == famQualify {
			s = wording.Sentence(f.do)
		} else if f.family == famKnow {
			s = ph.Objective()
		} else {
			s = wording.Sentence(f.do) // present perfect: "you have created …"
		}
	default:
		s = wording.Sentence(strings.TrimRight(imperative(d), ".;"))
		if f.family == famQualify {
			s = wording.Sentence(f.do)
		}
	}
	return strings.TrimRight(s, ".;") + "."
}
