package compose

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/rolepack/rolepack/compose/wording"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/internal/english"
)

// Selection is what the candidate-facing documents (JD, person
// specification, advert, scoring sheet) carry, chosen from the composed
// role by the role's select rules (docs/config.md, "Selection"). The full
// composition stays in .Role; the record document lists every decision.
type Selection struct {
	Purpose        []string `json:"purpose"`        // job purpose paragraphs, second person
	Duties         []string `json:"duties"`         // key responsibilities, one sentence each
	Essential      []*Item  `json:"essential"`      // essential skills and knowledge
	Desirable      []*Item  `json:"desirable"`      // desirable skills and knowledge
	Behaviours     []*Item  `json:"behaviours"`     // behaviours assessed
	Leadership     []*Item  `json:"leadership"`     // leadership expectations assessed
	Qualifications []*Item  `json:"qualifications"` // qualifications asked for
	Learning       []string `json:"learning"`       // training and development on offer, by title
	Bring          []Point  `json:"bring"`          // the essential skills in brief, for the advert
	NHS            bool     `json:"nhs"`            // NHS-specific entries were named in select
	// Requirements are lines of the level's text that state what the
	// person must know, have or be rather than what they will do
	// ("knowledge of …", "has experience of …", "be inquisitive"): the
	// person specification's criteria, not duties.
	Requirements []Requirement `json:"requirements,omitempty"`
	// Needs are the requirements that state knowledge, experience or
	// something to have, as the JD lists them after the skills
	// ("knowledge of statistical disclosure control").
	Needs      []string `json:"needs,omitempty"`
	usedAsDuty map[string]bool
	dutyIDs    []string          // the translation unit id of each duty (translate.go)
	knowing    [][2]string       // descriptors the key responsibilities left out as what a candidate knows, as actions, and their ids: for experience criteria
	reworded   map[string]string // a duty reworded from an understanding ("Apply your understanding of …"): the descriptor it came from as an action, for its criterion
	learnIDs   []string          // the translation unit id of each learning title
	dutyFrom   map[*Item]bool    // entries not otherwise selected whose descriptors are key responsibilities
	words      *phrases          // the descriptors as parsed, while the selection is made
	Decisions  []Decision        `json:"decisions"` // what was chosen, left out or filled in, and why
}

// Requirement is a line of the level's text that is a criterion of the
// person specification rather than a duty.
type Requirement struct {
	Text  string `json:"text"`  // as the framework has it
	Shape string `json:"shape"` // knowledge, experience, possession, quality, …
	From  string `json:"from,omitempty"`
}

// Point is one skill in brief: its title and, when it can be said in 20
// words or fewer, what it means at this level.
type Point struct {
	Title  string `json:"title"`
	Text   string `json:"text,omitempty"`   // in 20 words or fewer, for the advert
	Detail string `json:"detail,omitempty"` // in full, for the JD
}

// Decision is one line of the record: an entry (or a piece of text) that
// selection took, left out or filled in from a fallback, and why.
type Decision struct {
	Kind    string `json:"kind"`
	Title   string `json:"title"`
	Outcome string `json:"outcome"` // selected, left out, fallback
	Why     string `json:"why"`
	From    string `json:"from"` // framework and file:line of every origin
}

// Defaults of the selection rules.
const (
	defaultDuties      = 10
	minDuties          = 8 // fewer from the level's text: fill from the skills
	minWorkDuties      = 6 // fewer duties of work than this: add understandings put to work
	defaultSkills      = 4
	defaultDesirable   = 2
	defaultBehaviours  = 5
	maxBehaviours      = 6
	minBehaviours      = 4
	defaultLeadership  = 2
	maxQualifications  = 2
	maxLearning        = 6
	defaultExperience  = 2
	maxExperience      = 4 // experience criteria from the duties when the specification is short
	minCriteria        = 10
	maxCriteria        = 15
	defaultScoredLimit = 8
)

// nhsWords mark an entry written for the NHS ("NHS Constitution",
// "Patient impact", "clinical code sets"): the default rules leave such
// entries out; naming one in select takes it, and NHS wording with it.
var nhsWords = regexp.MustCompile(`(?i)\bNHS\b|\bpatients?\b|health and care|\bclinical\b`)

func nhsSpecific(it *Item) bool {
	text := it.Title + " " + strings.Join(it.Descriptors, " ")
	if isASCII(text) {
		// Most entries have none of the words: find that without the
		// regular expression (a selection asks about each entry many times).
		lower := strings.ToLower(text)
		if !strings.Contains(lower, "nhs") && !strings.Contains(lower, "patient") &&
			!strings.Contains(lower, "health and care") && !strings.Contains(lower, "clinical") {
			return false
		}
	}
	return nhsWords.MatchString(text)
}

// isASCII reports whether s is all ASCII, where (?i) folds case as
// strings.ToLower does.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// originText names where an entry came from: framework and file:line of
// each origin.
func originText(it *Item) string {
	var parts []string
	for _, o := range it.Origins {
		p := o.Framework
		if o.From != "" {
			p += " " + o.From
		}
		parts = appendNew(parts, p)
	}
	return strings.Join(parts, "; ")
}

// sourceKey says which source an entry came from first (framework and
// role or catalogue).
func sourceKey(it *Item) string {
	if len(it.Origins) == 0 {
		return ""
	}
	o := it.Origins[0]
	return o.Framework + "/" + o.Role + o.Catalogue
}

// selectionFor returns the role's select rules at a rung.
func selectionFor(def config.RoleDef, rung string) config.SelectDef {
	if s, ok := def.SelectAt[rung]; ok {
		return s
	}
	return def.Select
}

// Select chooses the candidate-facing content of composed role c under
// rules sel. Every entry of c is either selected or left out with a
// reason in the returned Decisions.
func Select(c *Composed, sel config.SelectDef, purpose string) *Selection {
	x := &selector{c: c, s: &Selection{words: newPhrases()}, taken: map[*Item]bool{}}
	x.behaviours(sel)
	x.essential(sel)
	x.desirable(sel)
	x.qualifications()
	x.learning()
	s := x.s
	s.bring()
	s.Purpose = s.purpose(c, purpose)
	lim := sel.Responsibilities
	if lim <= 0 {
		lim = defaultDuties
	}
	s.Duties = s.duties(c, lim)
	x.leftOut()
	return s
}

// selector is Select's work: the role, the selection being made, and the
// entries taken so far (every decision is recorded in the selection).
type selector struct {
	c     *Composed
	s     *Selection
	taken map[*Item]bool
}

// take marks list selected, for why, and returns it.
func (x *selector) take(list []*Item, why string) []*Item {
	for _, it := range list {
		x.taken[it] = true
		x.s.Decisions = append(x.s.Decisions, Decision{Kind: it.Kind, Title: it.Title, Outcome: "selected", Why: why, From: originText(it)})
	}
	return list
}

// pick finds the entries of kinds that names names (by title or code),
// recording a name the role does not have at this level as left out; ok
// is false when names is empty or none is found (the default rule
// applies).
func (x *selector) pick(kinds []string, names []string, what string) (out []*Item, ok bool) {
	for _, n := range names {
		if it := x.named(kinds, n); it != nil {
			out = append(out, it)
			x.taken[it] = true // not named twice; take() records it
			if nhsSpecific(it) {
				x.s.NHS = true
			}
			continue
		}
		x.s.Decisions = append(x.s.Decisions, Decision{Kind: kinds[0], Title: n, Outcome: "left out", Why: fmt.Sprintf("named in %s but not in the role at this level", what)})
	}
	for _, it := range out {
		x.taken[it] = false // take() records them
	}
	return out, len(out) > 0
}

// named is the first entry of kinds not yet taken that is known as n (its
// title, or its code), or nil.
func (x *selector) named(kinds []string, n string) *Item {
	for _, it := range x.c.Items {
		if !contains(kinds, it.Kind) || x.taken[it] {
			continue
		}
		if it.knownAs(n) || (it.Code != "" && strings.EqualFold(it.Code, n)) {
			return it
		}
	}
	return nil
}

// behaviours selects the behaviours (named, else one per code family:
// B1, B2, …) and the leadership expectations (named, else the first two).
func (x *selector) behaviours(sel config.SelectDef) {
	c, s := x.c, x.s
	if got, ok := x.pick([]string{"behaviour"}, sel.Behaviours, "select.behaviours"); ok {
		s.Behaviours = x.take(got, "named in select.behaviours")
	} else {
		s.Behaviours = x.take(byFamily(c.Kind("behaviour"), defaultBehaviours, s.words), "default rule: the first behaviour of each code family, 4 to 6, none NHS-specific")
	}
	if got, ok := x.pick([]string{"leadership"}, sel.Leadership, "select.leadership"); ok {
		s.Leadership = x.take(got, "named in select.leadership")
	} else {
		s.Leadership = x.take(firstN(c.Kind("leadership"), defaultLeadership, x.taken), "default rule: the first two leadership expectations, none NHS-specific")
	}
}

// skillKinds are the kinds select.essential and select.desirable name.
var skillKinds = []string{"skill", "knowledge", "project-skill"}

// firstSource is the source of the role's first skill: its own framework.
func (x *selector) firstSource() string {
	if skills := x.c.Kind("skill"); len(skills) > 0 {
		return sourceKey(skills[0])
	}
	return ""
}

// essential selects the essential skills: named, else the first
// select.skills (default 4) of the role's own framework.
func (x *selector) essential(sel config.SelectDef) {
	if got, ok := x.pick(skillKinds, sel.Essential, "select.essential"); ok {
		x.s.Essential = x.take(got, "named in select.essential")
		return
	}
	n := sel.Skills
	if n <= 0 {
		n = defaultSkills
	}
	first := x.firstSource()
	var own []*Item
	for _, it := range x.c.Kind("skill") {
		if sourceKey(it) == first {
			own = append(own, it)
		}
	}
	x.s.Essential = x.take(firstN(own, n, x.taken), fmt.Sprintf("default rule: the first %d skills of the role's own framework (select.skills)", n))
}

// desirable selects the desirable skills: named, else the first of the
// role's other sources' skills, or else its knowledge areas (familiar
// with first), or else its own framework's next skills.
func (x *selector) desirable(sel config.SelectDef) {
	if got, ok := x.pick(skillKinds, sel.Desirable, "select.desirable"); ok {
		x.s.Desirable = x.take(got, "named in select.desirable")
		return
	}
	first := x.firstSource()
	var other, know, rest []*Item
	for _, it := range x.c.Items {
		switch {
		case it.Kind == "skill" && sourceKey(it) != first:
			other = append(other, it)
		case it.Kind == "knowledge" && strings.EqualFold(it.Depth, "familiar with"):
			know = append([]*Item{it}, know...)
		case it.Kind == "knowledge":
			know = append(know, it)
		case it.Kind == "skill":
			rest = append(rest, it)
		}
	}
	for _, cand := range []struct {
		list []*Item
		why  string
	}{
		{other, "default rule: skills from the role's other sources are desirable"},
		{know, "default rule: knowledge areas are desirable when no other source gives skills"},
		{rest, "default rule: the next skills of the role's own framework are desirable"},
	} {
		if got := firstN(cand.list, defaultDesirable, x.taken); len(got) > 0 {
			x.s.Desirable = x.take(got, cand.why)
			return
		}
	}
}

// qualifications selects at most two qualifications: the organisation's
// own (essential) first, then the framework's.
func (x *selector) qualifications() {
	var quals []*Item
	for _, it := range x.c.Kind("qualification") {
		if it.Essential != nil && *it.Essential {
			quals = append(quals, it)
		}
	}
	for _, it := range x.c.Kind("qualification") {
		if it.Essential == nil || !*it.Essential {
			quals = append(quals, it)
		}
	}
	x.s.Qualifications = x.take(firstN(quals, maxQualifications, x.taken), "qualifications: the organisation's first, then the framework's (at most two)")
}

// learning names the JD's learning and development activities: the
// role's training and development entries, none NHS-specific.
func (x *selector) learning() {
	s := x.s
	for _, k := range []string{"training", "development"} {
		for _, it := range x.c.Kind(k) {
			if len(s.Learning) < maxLearning && !nhsSpecific(it) {
				s.Learning = append(s.Learning, sentenceCase(plainText(it.Title)))
				s.learnIDs = append(s.learnIDs, nameID(it))
				x.taken[it] = true
				s.Decisions = append(s.Decisions, Decision{Kind: it.Kind, Title: it.Title, Outcome: "selected", Why: "named in the JD's learning and development paragraph", From: originText(it)})
			}
		}
	}
}

// leftOut records every entry not taken: selected after all when its
// descriptors became key responsibilities, else left out and why.
func (x *selector) leftOut() {
	c, s := x.c, x.s
	levelText, usedText := usedTexts(c, x.taken)
	for _, it := range c.Items {
		if x.taken[it] {
			continue
		}
		if s.dutyFrom[it] {
			s.Decisions = append(s.Decisions, Decision{Kind: it.Kind, Title: it.Title, Outcome: "selected",
				Why: "used for key responsibilities: its descriptors at this level, not listed as a skill", From: originText(it)})
			continue
		}
		s.Decisions = append(s.Decisions, Decision{Kind: it.Kind, Title: it.Title, Outcome: "left out", Why: leftOutWhy(it, levelText, usedText), From: originText(it)})
	}
}

// leftOutWhy says why an entry the documents do not carry was left out.
func leftOutWhy(it *Item, levelText map[string]bool, usedText map[string]string) string {
	switch {
	case nhsSpecific(it) && (it.Kind == "behaviour" || it.Kind == "leadership" || it.Kind == "skill"):
		return "NHS-specific: taken only when named in select"
	case it.Kind == "work-activity":
		return "used as key responsibilities (descriptors), not listed on its own"
	case it.Kind == "training" || it.Kind == "development":
		return fmt.Sprintf("the JD names at most %d learning and development activities", maxLearning)
	}
	if where := sharedText(it, levelText, usedText); where != "" {
		return "not selected; the same words are " + where + ", and the documents take them from there"
	}
	return "not selected: the documents carry the selection only (see select in docs/config.md)"
}

// sharedText says where else an entry's words stand in what the documents
// carry: the level's own text, or a selected entry that has the same
// descriptor (frameworks repeat descriptors across skills); "" when
// nowhere. level and used are the normalised texts of the level and of
// the selected entries' descriptors (see usedTexts).
func sharedText(it *Item, level map[string]bool, used map[string]string) string {
	for _, d := range it.Descriptors {
		k := normText(d)
		if level[k] {
			return "the level's own responsibility"
		}
		if t, ok := used[k]; ok && t != it.Title {
			return fmt.Sprintf("a descriptor of %q, which is selected", t)
		}
	}
	return ""
}

// usedTexts are the normalised texts of the level's own lines and of the
// taken entries' descriptors (text → the entry's title).
func usedTexts(c *Composed, taken map[*Item]bool) (map[string]bool, map[string]string) {
	level := map[string]bool{}
	for _, r := range c.Responsibilities {
		level[normText(r)] = true
	}
	for _, r := range c.Duties {
		level[normText(r)] = true
	}
	used := map[string]string{}
	for _, o := range c.Items {
		if !taken[o] {
			continue
		}
		for _, d := range o.Descriptors {
			if k := normText(d); used[k] == "" {
				used[k] = o.Title
			}
		}
	}
	return level, used
}

// normText is a text's comparison form: lower case, words only.
func normText(t string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(t), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " ")
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// firstN returns up to n entries of list that are not NHS-specific and not
// taken yet.
func firstN(list []*Item, n int, taken map[*Item]bool) []*Item {
	var out []*Item
	for _, it := range list {
		if len(out) == n {
			break
		}
		if !taken[it] && !nhsSpecific(it) {
			out = append(out, it)
		}
	}
	return out
}

// byFamily takes the first entry of each code family (B1.1–B1.7 → B1),
// none NHS-specific, up to want; with fewer than minBehaviours families it
// goes round again. Entries without codes are taken in order.
func byFamily(items []*Item, want int, w *phrases) []*Item {
	var fams []string
	members := map[string][]*Item{}
	for _, it := range items {
		if nhsSpecific(it) {
			continue
		}
		f := it.Title
		if m := codeFamily.FindStringSubmatch(it.Code); m != nil {
			f = m[1]
		}
		if _, ok := members[f]; !ok {
			fams = append(fams, f)
		}
		members[f] = append(members[f], it)
	}
	// Within a family, a behaviour whose text can be asked about ("You
	// work with …") comes before one that states an outcome or a hope
	// ("You are capable of having articles published …").
	for _, f := range fams {
		m := members[f]
		sort.SliceStable(m, func(i, j int) bool { return w.assessable(m[i]) && !w.assessable(m[j]) })
	}
	var out []*Item
	for round := 0; len(out) < want; round++ {
		added := false
		for _, f := range fams {
			if len(out) == want || (round > 0 && len(out) >= minBehaviours) {
				break
			}
			if round < len(members[f]) {
				out = append(out, members[f][round])
				added = true
			}
		}
		if !added || len(out) >= minBehaviours && round == 0 && len(fams) >= minBehaviours {
			break
		}
	}
	if len(out) > maxBehaviours {
		out = out[:maxBehaviours]
	}
	return out
}

// assessable reports whether an entry's text states something a
// candidate can give evidence of: an action, knowledge, experience.
func (w *phrases) assessable(it *Item) bool {
	if len(it.Descriptors) == 0 {
		return false
	}
	switch w.parse(w.best(it)).Shape {
	case wording.Unknown, wording.Topic:
		return false
	}
	return true
}

// purpose is the job purpose: the role config's purpose, else the level's
// summary, else (fallback) the role's own description, each in the second
// person.
func (s *Selection) purpose(c *Composed, configured string) []string {
	if configured != "" {
		return []string{wording.Sentence(configured)}
	}
	if len(c.Summary) > 0 {
		return []string{voice(c.Summary[0], false)}
	}
	if len(c.RoleText) > 0 {
		s.Decisions = append(s.Decisions, Decision{Kind: "text", Title: "Job purpose", Outcome: "fallback",
			Why: "the level gives no summary: the job purpose is the role's own description", From: c.RoleTextFrom})
		return []string{voice(c.RoleText[0], true)}
	}
	if len(c.Description) > 0 {
		return []string{voice(c.Description[0], true)}
	}
	return nil
}

// voice puts a summary in the second person: "As head of …, you will …",
// or for a summary of bare verbs ("Sets direction for …") "You will set
// direction for …" (first sentence only).
func voice(p string, keepArticle bool) string {
	ss := sentences(p)
	if len(ss) == 0 {
		return ""
	}
	v, ok := youWill(ss[0], keepArticle)
	lead, rest, led := participleLead(ss[0])
	if !ok && led {
		// "Working in a team of …, a senior infrastructure engineer
		// builds, administers …" → "Working in a team of …, you will
		// build, administer …"; "…, a senior engineer is responsible
		// for …" → "…, you will be responsible for …".
		if w, vok := subjectVerbPhrase(rest); vok {
			v, ok = lead+" you will "+ownVoice(w), true
		}
	}
	if ok {
		out := []string{wording.Sentence(v)}
		for _, x := range ss[1:] {
			out = append(out, wording.Sentence(theyToYou(x)))
		}
		return strings.Join(out, " ")
	}
	if v, ok := verbPhrase(ss[0]); ok && !led {
		// (A sentence led by a participle whose subject's verb has no
		// second-person form is kept as it is, not read as an action:
		// "You will deal with …, a senior engineer is …".)
		return wording.Sentence("You will " + v)
	}
	return wording.Sentence(p)
}

// subjectVerbPhrase is the verb phrase of a role holder's verb and what
// follows it ("builds, administers …" → "build, administer …"; "is
// responsible for …" → "be responsible for …"), for "you will".
func subjectVerbPhrase(rest string) (string, bool) {
	p := wording.Parse(rest)
	switch p.Shape {
	case wording.Action, wording.Responsibility:
		return p.VerbPhrase()
	}
	return "", false
}

// participleLead splits a sentence that opens with a participle phrase
// before its subject ("Working in a team of specialists, a senior
// engineer builds …") into the phrase with its comma and the words from
// the subject's verb on ("builds …"); found is false for any other
// sentence.
func participleLead(s string) (lead, rest string, found bool) {
	words := strings.Fields(s)
	if len(words) < 5 {
		return "", "", false
	}
	if _, f := english.Verb(words[0]); f != english.Gerund {
		return "", "", false
	}
	for i := 1; i+2 < len(words); i++ {
		if !strings.HasSuffix(words[i], ",") {
			continue
		}
		switch strings.ToLower(words[i+1]) {
		case "a", "an", "the":
		default:
			continue
		}
		for j := i + 2; j < len(words) && j <= i+7; j++ {
			if _, f := english.Verb(strings.Trim(words[j], ",")); f == english.ThirdPerson {
				return strings.Join(words[:i+1], " "), strings.Join(words[j:], " "), true
			}
		}
		return "", "", false
	}
	return "", "", false
}

// duties are the key responsibilities: the level's responsibilities and
// the role's duties, work activities, the rest of a summary written as
// bare verbs, then (fallback) the essential skills' descriptors, up to lim.
func (s *Selection) duties(c *Composed, lim int) []string {
	dl := &dutyList{s: s, lim: lim, seen: map[string]bool{}}
	s.dutyIDs = nil
	s.levelDuties(c, dl)
	if len(dl.out) >= lim || len(dl.out) >= minDuties {
		return dl.out
	}
	before := len(dl.out)
	s.fallbackDuties(c, dl)
	if len(dl.out) > before {
		s.Decisions = append(s.Decisions, Decision{Kind: "text", Title: "Key responsibilities", Outcome: "fallback",
			Why: fmt.Sprintf("the level gives %d responsibilities: %d more from the skills' descriptors at this level", before, len(dl.out)-before)})
	}
	return dl.out
}

// dutyList is the key responsibilities as duties builds them: each a
// sentence, none twice, at most lim.
type dutyList struct {
	s    *Selection
	lim  int
	out  []string
	seen map[string]bool // lower-cased
}

// add adds duty d, from the unit id: false when the list is full, d is
// empty, or it has d already.
func (dl *dutyList) add(d, id string) bool {
	if len(dl.out) >= dl.lim {
		return false
	}
	d = wording.Sentence(d)
	k := strings.ToLower(d)
	if d == "" || dl.seen[k] {
		return false
	}
	dl.seen[k] = true
	dl.out = append(dl.out, d)
	dl.s.dutyIDs = append(dl.s.dutyIDs, id+".duty")
	return true
}

// levelDuties adds the duties the level's and role's own text states:
// its responsibilities and duties, its work activities, and the rest of
// a summary that starts with a verb phrase.
func (s *Selection) levelDuties(c *Composed, dl *dutyList) {
	base := c.textID
	if base == "" {
		base = unitID("role", c.ID, c.Rung.ID)
	}
	for i, r := range c.Responsibilities {
		s.levelLine(dl, r, c.RoleTextFrom, base+".responsibility-"+strconv.Itoa(i+1))
	}
	for i, r := range c.Duties {
		s.levelLine(dl, r, c.RoleTextFrom, base+".role-duty-"+strconv.Itoa(i+1))
	}
	for _, it := range c.Kind("work-activity") {
		for i, d := range it.Descriptors {
			for j, x := range sentences(d) {
				if v, ok := s.words.parse(x).Duty(); ok {
					dl.add(v, fmt.Sprintf("%s.d%d-%d", itemID(it), i+1, j+1))
				}
			}
		}
	}
	if len(c.Summary) > 0 {
		if ss := sentences(c.Summary[0]); len(ss) > 1 {
			if _, ok := verbPhrase(ss[0]); ok {
				for j, x := range ss[1:] {
					if v, ok := s.words.parse(x).Duty(); ok {
						dl.add(v, fmt.Sprintf("%s.summary-1-%d", base, j+2))
					}
				}
			}
		}
	}
}

// levelLine adds a line r of the level's own text: a duty when it states
// one, else a requirement of the person specification.
func (s *Selection) levelLine(dl *dutyList, r, from, id string) {
	p := s.words.parse(r)
	if d, ok := p.Duty(); ok {
		dl.add(d, id)
		return
	}
	if p.Shape == wording.Unknown || strings.TrimSpace(r) == "" {
		s.Decisions = append(s.Decisions, Decision{Kind: "text", Title: r, Outcome: "left out",
			Why: "a line of the level's text that states no duty and no criterion rolepack can word: see the framework text", From: from})
		return
	}
	for _, q := range s.Requirements {
		if q.Text == r {
			return
		}
	}
	s.Requirements = append(s.Requirements, Requirement{Text: r, Shape: p.Shape.String(), From: from})
	if p.Shape != wording.Quality {
		s.Needs = append(s.Needs, wording.LowerFirst(p.Criterion()))
	}
	s.Decisions = append(s.Decisions, Decision{Kind: "text", Title: r, Outcome: "selected",
		Why: fmt.Sprintf("a line of the level's text that states %s, not a duty: a criterion of the person specification", shapeStated(p.Shape.String())), From: from})
}

// fallback is what fallbackDuties knows as it takes duties from the
// skills' descriptors.
type fallback struct {
	dl          *dutyList
	pool        []*Item
	in          map[*Item]bool // selected, essential or desirable
	essential   map[*Item]bool
	opening     map[string]bool // first three words of each fallback duty
	knowingSeen map[string]bool
}

// fallbackDuties fills a level that states few duties from the selected
// skills' descriptors only: the desirable ones first (the essential ones
// are described in the skills section), then the essential ones' second
// and later descriptors, so that nothing left out of the selection
// becomes a duty; then the role's other skills at this level, which the
// record then lists as used for key responsibilities, not as left out.
func (s *Selection) fallbackDuties(c *Composed, dl *dutyList) {
	fb := fallback{dl: dl, in: map[*Item]bool{}, essential: map[*Item]bool{}, opening: map[string]bool{}, knowingSeen: map[string]bool{}}
	fb.pool = append(fb.pool, s.Desirable...)
	fb.pool = append(fb.pool, s.Essential...)
	for _, it := range fb.pool {
		fb.in[it] = true
	}
	for _, it := range c.Kind("skill") {
		if !fb.in[it] && !nhsSpecific(it) {
			fb.pool = append(fb.pool, it)
		}
	}
	for _, it := range s.Essential {
		fb.essential[it] = true
	}
	s.dutyFrom = map[*Item]bool{}
	s.usedAsDuty = map[string]bool{}
	s.reworded = map[string]string{}
	s.knowing = nil
	// Passes 0 and 1 take what a job holder does (wording.JobDuty); pass
	// 2, only when that leaves the level few duties, what it asks a
	// candidate to understand, as understanding put to work
	// (wording.UnderstandingDuty).
	for pass := 0; pass < 3; pass++ {
		if pass == 2 && len(dl.out) >= minWorkDuties {
			break
		}
		for _, round := range []int{0, 1, 2} {
			for _, it := range fb.pool {
				s.fallbackDuty(&fb, it, round, pass)
			}
		}
		if len(dl.out) >= minDuties {
			break
		}
	}
}

// fallbackDuty takes skill it's descriptor of index round as a duty, in
// the pass of fallbackDuties given, when it states one.
func (s *Selection) fallbackDuty(fb *fallback, it *Item, round, pass int) {
	dl := fb.dl
	if round >= len(it.Descriptors) || len(dl.out) >= dl.lim || pass == 2 && len(dl.out) >= minWorkDuties || (fb.essential[it] && len(it.Descriptors) < 2) {
		return
	}
	d := it.Descriptors[round]
	if s.usedAsDuty[d] || fb.essential[it] && d == s.words.best(it) {
		return // the skills section states it
	}
	// Only what a job holder does: a descriptor of what a candidate
	// knows or can show is no duty (wording.JobDuty).
	p := s.words.parse(d)
	v, ok := p.JobDuty()
	was, wasDuty := p.Duty() // what the descriptor says as an action, for its criterion
	if wasDuty && !ok && fb.in[it] && !fb.knowingSeen[d] {
		fb.knowingSeen[d] = true
		s.knowing = append(s.knowing, [2]string{was, fmt.Sprintf("%s.d%d", itemID(it), round+1)})
	}
	if pass == 2 {
		if ok {
			return // taken in the passes before, or the same opening
		}
		v, ok = p.UnderstandingDuty()
	}
	if !ok {
		return
	}
	w := strings.Fields(strings.ToLower(v))
	o := strings.Join(w[:min(3, len(w))], " ")
	if (pass >= 1 || !fb.opening[o]) && dl.add(v, fmt.Sprintf("%s.d%d", itemID(it), round+1)) {
		fb.opening[o] = true
		s.usedAsDuty[d] = true
		if pass == 2 {
			s.reworded[wording.Sentence(v)] = was
		}
		if !fb.in[it] {
			s.dutyFrom[it] = true
		}
	}
}

// shapeStated names what a line of that shape states, for the record:
// "knowledge", "a personal quality", "a responsibility".
func shapeStated(shape string) string {
	switch shape {
	case "knowledge":
		return "knowledge"
	case "experience":
		return "experience"
	case "possession":
		return "something to have"
	case "quality":
		return "a personal quality"
	case "topic":
		return "a topic"
	}
	return "a " + shape
}

// phrases remembers each descriptor as parsed and each entry's best
// descriptor while one selection and its person specification are made
// (a selection asks about the same text many times). It belongs to one
// Selection and is used by one goroutine, in Prepare.
type phrases struct {
	parsed map[string]wording.Phrase
	bests  map[*Item]string
}

func newPhrases() *phrases {
	return &phrases{parsed: map[string]wording.Phrase{}, bests: map[*Item]string{}}
}

// parse is wording.Parse of the text with level tags and codes removed.
func (w *phrases) parse(text string) wording.Phrase {
	if w == nil {
		return wording.Parse(plainText(text))
	}
	p, ok := w.parsed[text]
	if !ok {
		p = wording.Parse(plainText(text))
		w.parsed[text] = p
	}
	return p
}

// best is the descriptor that best states an entry's level: of those
// rolepack can word, the one that says most about reach (leading, setting
// standards, working across the organisation), else the first.
func (w *phrases) best(it *Item) string {
	if d, ok := w.bests[it]; ok {
		return d
	}
	best := w.bestOf(it.Descriptors)
	w.bests[it] = best
	return best
}

// bestOf is the descriptor of descs that best states a level (see best).
func (w *phrases) bestOf(descs []string) string {
	best, score := "", -1
	for _, d := range descs {
		p := w.parse(d)
		sc := 0
		if p.Shape != wording.Unknown && p.Shape != wording.Topic {
			sc = 10
		}
		for _, f := range strings.Fields(d) {
			if wording.WidensScope(wording.WordKey(f)) {
				sc++
			}
		}
		if sc > score {
			best, score = d, sc
		}
	}
	return best
}

// fit keeps the person specification between minCriteria and maxCriteria
// criteria: count says how many a selection gives; fit trims (one
// leadership expectation, then skills down to three, then behaviours down
// to four) or grows (more of the role's skills as essential, up to eight)
// and records each change.
func (s *Selection) fit(c *Composed, count func() int, named bool) {
	defer s.bring()
	for count() > maxCriteria {
		var drop *Item
		switch {
		case len(s.Leadership) > 1:
			drop, s.Leadership = s.Leadership[len(s.Leadership)-1], s.Leadership[:len(s.Leadership)-1]
		case len(s.Essential) > 3:
			drop, s.Essential = s.Essential[len(s.Essential)-1], s.Essential[:len(s.Essential)-1]
		case len(s.Behaviours) > minBehaviours:
			drop, s.Behaviours = s.Behaviours[len(s.Behaviours)-1], s.Behaviours[:len(s.Behaviours)-1]
		case len(s.Desirable) > 2:
			drop, s.Desirable = s.Desirable[len(s.Desirable)-1], s.Desirable[:len(s.Desirable)-1]
		default:
			return
		}
		s.unselect(drop, fmt.Sprintf("the person specification keeps to %d criteria", maxCriteria))
	}
	if named {
		return // the role's select names its skills: the specification keeps to them
	}
	for count() < minCriteria && len(s.Essential)+len(s.Desirable) < 10 {
		in := map[*Item]bool{}
		for _, l := range [][]*Item{s.Essential, s.Desirable} {
			for _, it := range l {
				in[it] = true
			}
		}
		var next *Item
		for _, it := range append(c.Kind("skill"), c.Kind("knowledge")...) {
			if !in[it] && !nhsSpecific(it) && len(it.Descriptors) > 0 {
				next = it
				break
			}
		}
		if next == nil {
			return
		}
		s.Desirable = append(s.Desirable, next)
		for i := range s.Decisions {
			if d := &s.Decisions[i]; d.Kind == next.Kind && d.Title == next.Title {
				d.Outcome, d.Why = "selected", fmt.Sprintf("default rule: a desirable skill of the role, so that the person specification has at least %d criteria", minCriteria)
			}
		}
	}
}

// bring sets the advert's brief of the essential skills.
// Each skill says what it means with its first descriptor that is not
// already a key responsibility, so that nothing is said twice.
func (s *Selection) bring() {
	s.Bring = nil
	for _, it := range s.Essential {
		p := Point{Title: displayName(s.entryTitle(it))}
		d := s.words.best(it)
		// A qualification is stated under the qualifications (see
		// PersonSpec): a skill that says only that is not repeated here.
		creds, rest := credentials(it.Descriptors, s.words)
		if len(creds) > 0 {
			if len(rest) == 0 {
				continue
			}
			d = s.words.bestOf(rest)
		}
		if s.usedAsDuty[d] {
			for _, x := range rest {
				if !s.usedAsDuty[x] {
					d = x
					break
				}
			}
		}
		if d != "" {
			st := s.words.parse(d).Statement()
			p.Detail = wording.Sentence(st)
			p.Text = brief(st, 20)
		}
		// The advert's brief: this descriptor in 20 words or fewer, else
		// another that fits, else the shortest: never a name alone.
		shortest := p.Detail
		for _, x := range rest {
			if p.Text != "" {
				break
			}
			st := s.words.parse(x).Statement()
			p.Text = brief(st, 20)
			if shortest == "" || len(st) < len(shortest) {
				shortest = wording.Sentence(st)
			}
		}
		if p.Text == "" {
			p.Text = shortest
		}
		s.Bring = append(s.Bring, p)
	}
}

// unselect records that an entry was taken out of the selection.
func (s *Selection) unselect(it *Item, why string) {
	for i := range s.Decisions {
		if d := &s.Decisions[i]; d.Kind == it.Kind && d.Title == it.Title && d.Outcome == "selected" {
			d.Outcome, d.Why = "left out", why
		}
	}
}

// brief shortens a descriptor to at most max words, cutting at a clause
// boundary (a comma outside brackets: "(in fields such as data
// architecture, …)" is not cut) that keeps at least six words; "" when it
// cannot.
func brief(d string, max int) string {
	d = strings.TrimRight(strings.TrimSpace(d), ".")
	w := strings.Fields(d)
	if len(w) <= max {
		return wording.Sentence(d)
	}
	depth := make([]int, len(w)) // brackets open after word i
	open := 0
	for i, x := range w {
		open += strings.Count(x, "(") - strings.Count(x, ")")
		depth[i] = open
	}
	for i := max - 1; i >= 6; i-- {
		if strings.HasSuffix(w[i-1], ",") && depth[i-1] == 0 {
			return wording.Sentence(strings.TrimSuffix(strings.Join(w[:i], " "), ","))
		}
	}
	return ""
}
