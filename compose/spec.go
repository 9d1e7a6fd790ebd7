package compose

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
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
func PersonSpec(sel *Selection, def RoleDef, cfg PersonSpecConfig, sc ScoringConfig) []Criterion {
	byGroup := map[string][]Criterion{}
	add := func(g string, cr Criterion) { byGroup[g] = append(byGroup[g], cr) }
	for _, it := range sel.Qualifications {
		add("qualifications", Criterion{Text: plainText(it.Title), Essential: it.Essential != nil && *it.Essential})
	}
	if len(def.Experience) > 0 {
		for _, e := range def.Experience {
			add("experience", Criterion{Text: upperFirst(strings.TrimSuffix(strings.TrimSpace(e), ".")), Essential: true})
		}
	} else {
		// A duty the level's text lacks is filled from a skill's
		// descriptor; a skill that is a criterion of its own is not asked
		// for twice.
		var skillText []map[string]bool
		for _, it := range append(append([]*Item(nil), sel.Essential...), sel.Desirable...) {
			if len(it.Descriptors) > 0 {
				skillText = append(skillText, wordSet(it.Descriptors[0]))
			}
		}
		n := 0
		for _, d := range sel.Duties {
			if n == defaultExperience {
				break
			}
			if sameWords(wordSet(d), skillText) {
				continue
			}
			add("experience", Criterion{Text: experienceOf(d), Essential: true})
			n++
		}
	}
	for _, e := range []struct {
		list      []*Item
		essential bool
	}{{sel.Essential, true}, {sel.Desirable, false}} {
		for _, it := range e.list {
			g := "skills"
			text := experienceOf(plainText(it.Title))
			if it.Kind == "knowledge" {
				g, text = "knowledge", knowledgeOf(plainText(it.Title))
			}
			cr := Criterion{Label: plainText(it.Title), Text: text, Essential: e.essential}
			if it.Essential != nil {
				cr.Essential = *it.Essential
			}
			if len(it.Descriptors) > 0 {
				cr.Detail = asSentence(plainText(it.Descriptors[0]))
			}
			add(g, cr)
		}
	}
	for g, list := range map[string][]*Item{"behaviours": sel.Behaviours, "leadership": sel.Leadership} {
		for _, it := range list {
			cr := Criterion{Label: plainText(it.Title), Text: plainText(it.Title), Essential: true}
			if len(it.Descriptors) > 0 {
				if v, ok := verbPhrase(it.Descriptors[0]); ok {
					v = plainText(v)
					if !speaksToHolder(it.Descriptors[0]) {
						v = ownVoice(v)
					}
					cr.Text = "Ability to " + v
				} else {
					cr.Detail = asSentence(plainText(it.Descriptors[0]))
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
	score(out, def.Questions, sc)
	return out
}

// score marks up to sc.Max criteria assessed at interview as scored, in
// priority order, drops "Interview" from the others, and sets each scored
// criterion's question and weight.
func score(crs []Criterion, bank map[string]string, sc ScoringConfig) {
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
			cr.Question = question(*cr, bank)
		}
	}
}

// question is the suggested interview question for a criterion: from the
// role's question bank (by label, text or id), else built from the
// criterion.
func question(cr Criterion, bank map[string]string) string {
	keys := make([]string, 0, len(bank))
	for k := range bank {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the same question whichever way the map runs
	for _, k := range keys {
		if strings.EqualFold(k, cr.ID) || strings.EqualFold(k, cr.Label) || strings.EqualFold(k, cr.Text) {
			return asSentence(bank[k])
		}
	}
	switch cr.Group {
	case "Behaviours", "Leadership":
		if p, ok := strings.CutPrefix(cr.Text, "Ability to "); ok {
			return "Tell us about a time when you had to " + p + ". What did you do, and what was the result?"
		}
		return fmt.Sprintf("Tell us about a time when you showed %s. What did you do, and what was the result?", lowerFirst(cr.Label))
	case "Skills", "Knowledge":
		if cr.Detail != "" {
			if v, ok := verbPhrase(cr.Detail); ok {
				return "How would you " + ownVoice(v) + " in this role?"
			}
		}
		if k, ok := strings.CutPrefix(lowerFirst(cr.Text), "knowledge of "); ok {
			return "How have you used your knowledge of " + k + " in your work? Give an example."
		}
		return "Tell us about your " + lowerFirst(cr.Text) + ". What did you do, and what was the result?"
	case "Experience":
		return "Tell us about your " + lowerFirst(cr.Text) + ". What was your part, and what changed?"
	}
	return "How do you meet this criterion: " + lowerFirst(cr.Text) + "?"
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
	if c.Label == "" || restates(c.Text, c.Label) {
		return ""
	}
	return c.Label
}

// restates reports whether text holds every word of label, a verb perhaps
// in its -ing form: the label reworded as a criterion.
func restates(text, label string) bool {
	words := wordSet(text)
	for w := range wordSet(label) {
		if !words[w] && !words[gerund(w)] {
			return false
		}
	}
	return true
}
