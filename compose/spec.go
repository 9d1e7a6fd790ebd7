package compose

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/rolepack/rolepack/compose/wording"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/internal/english"
)

var codeFamily = regexp.MustCompile(`^([A-Za-z]+\d+)\.`)

// PersonSpec derives the person-specification criteria from a selection:
// qualifications, experience (the role's experience lines, else the first
// two key responsibilities), essential and desirable skills and knowledge,
// behaviours and leadership expectations, one criterion each, worded
// "Experience of …", "Ability to …" or "Knowledge of …". Up to
// scoring.max (default 8) criteria assessed at interview are scored, in
// the order behaviours, leadership, essential skills, experience; each
// scored criterion gets a suggested question. Criterion ids are the group
// letter and a 1-based index, stable for the same inputs.
func PersonSpec(sel *Selection, def config.RoleDef, cfg config.PersonSpecConfig, sc config.ScoringConfig) []Criterion {
	byGroup := map[string][]Criterion{}
	var said []map[string]bool // the words of every criterion so far, so that none repeats another
	add := func(g string, cr Criterion) {
		ws := wordSet(cr.Text + " " + cr.Detail)
		if sameWords(ws, said) {
			return
		}
		said = append(said, ws)
		byGroup[g] = append(byGroup[g], cr)
	}
	for _, it := range sel.Qualifications {
		add("qualifications", Criterion{Text: plainText(it.Title), Essential: it.Essential != nil && *it.Essential})
	}
	// Skills first, so that an experience line that says what a skill
	// says is the one left out.
	var skills, quals []Criterion
	for _, e := range []struct {
		list      []*Item
		essential bool
	}{{sel.Essential, true}, {sel.Desirable, false}} {
		for _, it := range e.list {
			g := "skills"
			title := sel.entryTitle(it)
			name := displayName(title)
			text := topicOf(title)
			switch {
			case namesKnowledge(name):
				// "Service management framework knowledge", "Technical
				// understanding": knowledge already, not experience of it.
				g, text = "knowledge", name
			case it.Kind == "knowledge":
				g, text = "knowledge", knowledgeOf(title)
			}
			cr := Criterion{Label: name, Text: text, Essential: e.essential, group: g, from: itemID(it)}
			if it.Essential != nil {
				cr.Essential = *it.Essential
			}
			// A descriptor that names a qualification ("show you have a
			// Level 3 … qualification") is a qualification criterion,
			// checked at application; the skill keeps its other
			// descriptors, if any.
			creds, rest := credentials(it.Descriptors, sel.words)
			for i, d := range creds {
				from := itemID(it) + ".qualification"
				if i > 0 {
					from += fmt.Sprint(i + 1)
				}
				quals = append(quals, Criterion{Text: sel.words.parse(d).Criterion(), Essential: cr.Essential, source: d, from: from})
			}
			if len(creds) > 0 && len(rest) == 0 {
				continue
			}
			cr.Detail, cr.source = skillDetail(it, rest, sel.words)
			skills = append(skills, cr)
		}
	}
	for _, cr := range quals {
		add("qualifications", cr)
	}
	for _, cr := range skills {
		said = append(said, wordSet(cr.Text+" "+cr.Detail))
	}
	if len(def.Experience) > 0 {
		for _, e := range def.Experience {
			add("experience", Criterion{Text: wording.UpperFirst(strings.TrimSuffix(strings.TrimSpace(e), ".")), Essential: true, source: e})
		}
	} else {
		// The level's own requirements ("has experience of …",
		// "knowledge of …"), then experience of its first duties that
		// no skill states.
		for _, r := range sel.Requirements {
			p := sel.words.parse(r.Text)
			g := "experience"
			switch p.Shape {
			case wording.Knowledge:
				g = "knowledge"
			case wording.Possession, wording.Quality:
				g = "skills"
				if p.Credential() {
					g = "qualifications"
				}
			}
			add(g, Criterion{Text: p.Criterion(), Essential: true, source: r.Text})
		}
		// Two by default; more (up to maxExperience) when the other
		// groups leave the specification short of minCriteria.
		others := len(skills) + len(sel.Requirements) + len(sel.Behaviours) + len(sel.Leadership) + len(sel.Qualifications)
		want := min(maxExperience, max(defaultExperience, minCriteria-others))
		// The duties first, then what the key responsibilities left out
		// as what a candidate knows ("explain the role of user-centred
		// design"): experience of it is still a criterion.
		var from [][2]string
		for i, d := range sel.Duties {
			id := ""
			if i < len(sel.dutyIDs) {
				id = sel.dutyIDs[i]
			}
			if src, ok := sel.reworded[d]; ok {
				d = src // "Apply your understanding of X" asks for experience of explaining X, as the framework says
			}
			from = append(from, [2]string{d, id})
		}
		for _, k := range sel.knowing {
			from = append(from, [2]string{k[0], k[1] + ".duty"})
		}
		n := 0
		for _, f := range from {
			if n == want {
				break
			}
			before := len(byGroup["experience"])
			id := ""
			if f[1] != "" {
				id = strings.TrimSuffix(f[1], ".duty") + ".experience"
			}
			add("experience", Criterion{Text: experienceOf(f[0]), Essential: true, source: f[0], from: id})
			if len(byGroup["experience"]) > before {
				n++
			}
		}
	}
	for _, cr := range skills {
		g := cr.group
		byGroup[g] = append(byGroup[g], cr)
	}
	for g, list := range map[string][]*Item{"behaviours": sel.Behaviours, "leadership": sel.Leadership} {
		for _, it := range list {
			name := displayName(sel.entryTitle(it))
			cr := Criterion{Label: name, Text: name, Essential: true, from: itemID(it)}
			if d := sel.words.best(it); d != "" {
				p := sel.words.parse(d)
				if v, ok := p.Ability(); ok {
					if !speaksToHolder(d) {
						v = ownVoice(v)
					}
					cr.Text, cr.source = v, d
				} else {
					cr.Detail = wording.Sentence(plainText(d))
				}
			}
			add(g, cr)
		}
	}
	for _, o := range cfg.Other {
		add("other", Criterion{Text: o, Essential: true})
	}

	defaults := map[string][]string{
		"qualifications": {"Application"}, "experience": {"Application", "Interview"},
		"knowledge": {"Application"}, "skills": {"Application", "Interview"},
		"behaviours": {"Interview"}, "leadership": {"Application", "Interview"}, "other": {"Application"},
	}
	var out []Criterion
	for _, g := range specGroups {
		assess := defaults[g.key]
		if a, ok := cfg.Assessment[g.key]; ok {
			assess = a
		}
		for i, cr := range byGroup[g.key] {
			cr.ID = fmt.Sprintf("%s%d", g.letter, i+1)
			cr.Group = g.name
			cr.Assessment = append([]string(nil), assess...)
			if !cr.Essential && g.key == "skills" {
				cr.Assessment = []string{"Application"}
			}
			out = append(out, cr)
		}
	}
	score(out, def.Questions, sc, sel.words)
	return out
}

// score marks up to sc.Max criteria assessed at interview as scored, in
// priority order, drops "Interview" from the others, and sets each scored
// criterion's question and weight.
func score(crs []Criterion, bank map[string]string, sc config.ScoringConfig, w *phrases) {
	limit := sc.Max
	if limit <= 0 {
		limit = defaultScoredLimit
	}
	n := 0
	for _, g := range []string{"Behaviours", "Leadership", "Skills", "Experience", "Knowledge", "Other", "Qualifications"} {
		for i := range crs {
			cr := &crs[i]
			if cr.Group != g || !cr.AtInterview() {
				continue
			}
			if n < limit {
				cr.Scored = true
				n++
				continue
			}
			var keep []string
			for _, a := range cr.Assessment {
				if !strings.EqualFold(a, "interview") {
					keep = append(keep, a)
				}
			}
			if len(keep) == 0 {
				keep = []string{"Application"}
			}
			cr.Assessment = keep
		}
	}
	for i := range crs {
		cr := &crs[i]
		cr.Weight = 1
		if w, ok := sc.Weights[cr.ID]; ok && w > 0 {
			cr.Weight = w
		} else if w, ok := sc.Weights[strings.ToLower(cr.Group)]; ok && w > 0 {
			cr.Weight = w
		}
		if cr.Scored {
			cr.Question = question(*cr, bank, w)
		}
	}
}

// question is the suggested interview question for a criterion: from the
// role's question bank (by label, text or id), else built from the
// criterion.
func question(cr Criterion, bank map[string]string, w *phrases) string {
	keys := make([]string, 0, len(bank))
	for k := range bank {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the same question whichever way the map runs
	for _, k := range keys {
		if strings.EqualFold(k, cr.ID) || strings.EqualFold(k, cr.Label) || strings.EqualFold(k, cr.Text) {
			return wording.Sentence(bank[k])
		}
	}
	if cr.source != "" {
		if p := w.parse(cr.source); p.Shape != wording.Unknown {
			if cr.Group == "Knowledge" && p.Shape == wording.Topic {
				return "Give an example of how you have used your knowledge of " + wording.LowerFirst(cr.Label) + " in your work. What did you do, and what was the result?"
			}
			return p.Question()
		}
	}
	switch cr.Group {
	case "Knowledge":
		if k, ok := strings.CutPrefix(cr.Text, "Knowledge of "); ok {
			return "Give an example of how you have used your knowledge of " + k + " in your work. What did you do, and what was the result?"
		}
	case "Behaviours", "Leadership", "Skills":
		label := cr.Label
		if label == "" {
			label = cr.Text
		}
		if p := wording.Parse(label); p.Shape == wording.Action {
			return p.Question()
		}
		return "Give an example of your work that shows your " + wording.LowerFirst(label) + ". What did you do, and what was the result?"
	}
	return wording.Parse(cr.Text).Question()
}

// skillDetail is what a skill criterion says the skill means at this
// level, and the descriptor its question asks about: every descriptor
// when together they are short (40 words or fewer), else the one that
// best states the level.
func skillDetail(it *Item, descs []string, w *phrases) (string, string) {
	best := w.best(it)
	if len(descs) < len(it.Descriptors) {
		best = w.bestOf(descs)
	}
	if best == "" {
		return "", ""
	}
	words := 0
	var all []string
	for _, d := range descs {
		st := w.parse(d).Statement()
		if len(descs) > 1 && !strings.Contains(st, " ") {
			// "Testing", "Communication": a one-word descriptor beside
			// others is a heading, not a sentence of what the skill means.
			continue
		}
		words += len(strings.Fields(d))
		all = append(all, wording.Sentence(st))
	}
	if len(all) > 1 && words <= 40 {
		return strings.Join(all, " "), best
	}
	return wording.Sentence(w.parse(best).Statement()), best
}

// credentials splits descriptors into those that name only a qualification
// the holder has (wording.Phrase.Credential) and the rest.
func credentials(descs []string, w *phrases) (creds, rest []string) {
	for _, d := range descs {
		if w.parse(d).Credential() {
			creds = append(creds, d)
		} else {
			rest = append(rest, d)
		}
	}
	return creds, rest
}

// namesKnowledge reports whether a skill's name is itself a kind of
// knowledge ("Service management framework knowledge", "Technical
// understanding", "Domain awareness"): its criterion is the name, in the
// knowledge group, not "Experience of … knowledge".
func namesKnowledge(name string) bool {
	ws := strings.Fields(strings.ToLower(name))
	if len(ws) < 2 {
		return false
	}
	switch ws[len(ws)-1] {
	case "knowledge", "understanding", "awareness", "expertise":
		return true
	}
	return false
}

// speaksToHolder reports whether framework text already speaks to the role
// holder ("You take pride in … their skills"): there "their" is about
// other people and stays as it is.
func speaksToHolder(s string) bool {
	first, _, _ := strings.Cut(strings.TrimSpace(s), " ")
	return strings.EqualFold(first, "you")
}

// wordSet is the set of a text's words of three letters or more, lower
// case, for telling whether two texts say the same thing.
func wordSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) >= 3 {
			set[w] = true
		}
	}
	return set
}

// sameWords reports whether most of a's words (four in five) are in one
// of the sets of others: the same text, reworded only at its start.
func sameWords(a map[string]bool, others []map[string]bool) bool {
	if len(a) == 0 {
		return false
	}
	for _, o := range others {
		shared := 0
		for w := range a {
			if o[w] {
				shared++
			}
		}
		if shared*5 >= len(a)*4 {
			return true
		}
	}
	return false
}

// Heading is the criterion's short name as the criteria tables print it, in
// bold above the criterion: empty when the criterion's sentence already says
// it ("Experience of building containers and Helm charts" under "Build
// containers and Helm charts"), so that no criterion names itself twice and
// every skill criterion reads in one form.
func (c Criterion) Heading() string {
	if c.Label == "" || c.headless || restates(c.Text, c.Label) {
		return ""
	}
	return c.Label
}

// restates reports whether text holds every word of label, a verb perhaps
// in its -ing form: the label reworded as a criterion.
func restates(text, label string) bool {
	words := wordSet(text)
	for w := range wordSet(label) {
		if !words[w] && !words[english.Ing(w)] {
			return false
		}
	}
	return true
}
