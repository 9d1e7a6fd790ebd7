package english

import "testing"

func TestVerb(t *testing.T) {
	for _, c := range []struct {
		w    string
		base string
		form Form
	}{
		{"leads", "lead", ThirdPerson}, {"carries", "carry", ThirdPerson}, {"analyses", "analyse", ThirdPerson},
		{"manages", "manage", ThirdPerson}, {"is", "be", ThirdPerson}, {"has", "have", ThirdPerson},
		{"modelling", "model", Gerund}, {"setting", "set", Gerund}, {"shadowing", "shadow", Gerund},
		{"managing", "manage", Gerund}, {"built", "build", Past}, {"applied", "apply", Past},
		{"planned", "plan", Past}, {"explain", "explain", Base}, {"Reports", "report", ThirdPerson},
		{"data", "", NotVerb}, {"strong", "", NotVerb}, {"analytics", "", NotVerb}, {"process", "process", Base},
	} {
		b, f := Verb(c.w)
		if b != c.base || f != c.form {
			t.Errorf("Verb(%q) = %q, %v; want %q, %v", c.w, b, f, c.base, c.form)
		}
	}
}

func TestForms(t *testing.T) {
	for _, c := range []struct{ v, ing, third, past string }{
		{"inspire", "inspiring", "inspires", "inspired"}, {"set", "setting", "sets", "set"},
		{"model", "modelling", "models", "modelled"}, {"target", "targeting", "targets", "targeted"},
		{"be", "being", "is", "been"}, {"carry", "carrying", "carries", "carried"},
		{"lead", "leading", "leads", "led"}, {"commit", "committing", "commits", "committed"},
		{"develop", "developing", "develops", "developed"}, {"plan", "planning", "plans", "planned"},
		{"see", "seeing", "sees", "seen"}, {"focus", "focusing", "focuses", "focused"},
		{"audit", "auditing", "audits", "audited"}, {"map", "mapping", "maps", "mapped"},
		{"scope", "scoping", "scopes", "scoped"}, {"have", "having", "has", "had"},
		{"input", "inputting", "inputs", "inputted"}, {"output", "outputting", "outputs", "outputted"},
	} {
		if got := Ing(c.v); got != c.ing {
			t.Errorf("Ing(%q) = %q, want %q", c.v, got, c.ing)
		}
		if got := Third(c.v); got != c.third {
			t.Errorf("Third(%q) = %q, want %q", c.v, got, c.third)
		}
		if got := PastOf(c.v); got != c.past {
			t.Errorf("PastOf(%q) = %q, want %q", c.v, got, c.past)
		}
	}
}

// A verb the list has in British spelling is a verb in US spelling too,
// and keeps the spelling it was written in.
func TestUSSpelling(t *testing.T) {
	for _, c := range []struct {
		w, base string
		form    Form
	}{
		{"organize", "organize", Base}, {"organized", "organize", Past}, {"prioritizing", "prioritize", Gerund},
		{"analyzes", "analyze", ThirdPerson}, {"organise", "organise", Base}, {"prioritization", "", NotVerb}, {"recognized", "recognize", Past},
	} {
		if b, f := Verb(c.w); b != c.base || f != c.form {
			t.Errorf("Verb(%q) = %q, %v; want %q, %v", c.w, b, f, c.base, c.form)
		}
	}
}
