package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// short renders a finding as "line:col category severity message (suggestion)"
// for comparison.
func short(f Finding) string {
	s := f.String()
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, f.File+":"), f.File))
}

func TestRulesFindEachProblemAtItsPlace(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"spelling.md", []string{
			`3:14: spelling: US spelling "organization" (organisation)`,
			`3:35: spelling: US spelling "color" (colour)`,
			`4:1: spelling: misspelt "Profiency" (Proficiency)`,
			`4:34: spelling: misspelt "ssacrifice" (sacrifice)`,
			`5:3: spelling: unknown word "pipeines" (pipelines)`,
			`6:10: spelling: US spelling "training program" (training programme)`,
		}},
		{"inclusive.md", []string{
			`1:11: inclusive: exclusionary "rockstar": jargon that says nothing about the job (name the skill you need)`,
			`1:27: inclusive: exclusionary "young": excludes by age (describe the work, not the person)`,
			`1:39: inclusive: exclusionary "digital native": excludes by age (say which digital skills the job needs)`,
			`2:10: inclusive: warning: masculine-coded word "lead" (lead*: 2 uses in this document: lead, leading)`,
			// "support" (feminine) is not listed: the text leans
			// masculine, so the masculine words are the ones to change.
			`inclusive: warning: gender-coded wording: 2 masculine-coded and 1 feminine-coded words; the text reads masculine-coded (Gaucher, Friesen and Kay, 2011)`,
		}},
		{"sentence-length.md", []string{
			`2:1: sentence-length: warning: sentence of 27 words, over 25 (split it)`,
		}},
		{"repeated-word.md", []string{
			`1:11: repeated-word: "that" twice (that)`,
			`2:7: repeated-word: "is" twice (is)`,
		}},
		{"punctuation.md", []string{
			`1:26: punctuation: doubled full stop ".." (effectiveness.)`,
			`2:19: punctuation: space before "." (system.)`,
			`4:5: punctuation: space before "," (Data,)`,
		}},
		{"capitalisation.md", []string{
			`1:4: capitalisation: warning: Title Case "Data Orientated Infrastructure": names are written in sentence case (Data orientated infrastructure)`,
			`3:4: capitalisation: warning: Title Case "Column Storage Databases": names are written in sentence case (Column storage databases)`,
			`5:4: capitalisation: warning: Title Case "SQL Query Tuning": names are written in sentence case (SQL query tuning)`,
		}},
		{"template.md", []string{
			`1:36: template: warning: "experience" again 6 words after "Experience": a doubled phrase? `,
		}},
		{"clean.md", nil},
	}
	rules, err := NewRules(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range Check(tt.file, data, rules) {
				got = append(got, short(f))
			}
			for i := range tt.want {
				tt.want[i] = strings.TrimSpace(tt.want[i])
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// Findings with a known fix carry it as a replacement of the text as
// written, which rolepack lint --suggest-edits turns into config edits.
func TestFindingsCarryTheirFix(t *testing.T) {
	got := Check("x.md", []byte("Our organization system . Profiency in effectiveness..\n\n## Column Storage Databases\n"), nil)
	want := map[string][2]string{
		`US spelling "organization"`:     {"organization", "organisation"},
		`space before "."`:               {"system .", "system."},
		`misspelt "Profiency"`:           {"Profiency", "Proficiency"},
		`doubled full stop ".."`:         {"effectiveness..", "effectiveness."},
		`Title Case "Column Storage Dat`: {"Column Storage Databases", "Column storage databases"},
	}
	for _, f := range got {
		for msg, fix := range want {
			if strings.Contains(f.Message, msg) {
				if f.From != fix[0] || f.To != fix[1] {
					t.Errorf("%s: fix %q → %q, want %q → %q", msg, f.From, f.To, fix[0], fix[1])
				}
				delete(want, msg)
			}
		}
	}
	for msg := range want {
		t.Errorf("no finding %s", msg)
	}
}

func TestSentenceCaseKeepsNamesAndAcronyms(t *testing.T) {
	r, err := NewRules([]string{"Snowflake"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"Data Orientated Infrastructure":         "Data orientated infrastructure",
		"Gaining Knowledge of Broader IT Issues": "Gaining knowledge of broader IT issues",
		"Python And Snowflake Pipelines":         "Python and Snowflake pipelines",
		"Advice (Data Ethics) For Boards":        "Advice (Data Ethics) for boards",
		"Data engineering":                       "Data engineering",
	} {
		if got := r.SentenceCase(in); got != want {
			t.Errorf("SentenceCase(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLowerCaseIdsAreNotSpeltWordByWord(t *testing.T) {
	for _, f := range Check("x.md", []byte("From uk-gdad-pcf-roles and sde-skills.\n"), nil) {
		if f.Category == Spelling {
			t.Errorf("id reported: %s", f)
		}
	}
}

func TestALabelAndItsValueAreNotADoubledPhrase(t *testing.T) {
	for _, f := range Check("x.md", []byte("- **Hours:** 37.5 hours a week\n- **Application**: your application form\n"), nil) {
		if f.Category == Template {
			t.Errorf("label reported: %s", f)
		}
	}
	if fs := Check("x.md", []byte("Experience that shows you can have experience in data.\n"), nil); len(fs) == 0 || fs[0].Category != Template {
		t.Errorf("the doubled phrase is no longer found: %v", fs)
	}
}

// "analytics" and "analyst" name a subject and a job: only "analytical",
// a trait, is masculine-coded (issue 27).
func TestAnalyticsIsNotATrait(t *testing.T) {
	for text, want := range map[string]bool{
		"Lead the analytics team and support analysts.": false,
		"You are analytical and curious.":               true,
	} {
		fs := Check("a.md", []byte(text+"\n"), nil)
		got := false
		for _, f := range fs {
			if strings.Contains(f.Message, `"analy`) {
				got = true
			}
		}
		if got != want {
			t.Errorf("%q: analy* flagged %v, want %v (%v)", text, got, want, fs)
		}
	}
}

// Gender-coded words are findings only in a text that leans one way, and
// only those of the gender it leans to, with the balance; a text that
// reads neutral has no finding (Gaucher, Friesen and Kay (2011) measured
// the whole text).
func TestGenderCodedWordsFollowTheBalance(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"You will lead and support the team.\n", nil}, // reads neutral: nothing to change
		{"You will support, understand and lead the team.\n", []string{
			`1:10: inclusive: warning: feminine-coded word "support" (support*: 1 use in this document: support)`,
			`1:19: inclusive: warning: feminine-coded word "understand" (understand*: 1 use in this document: understand)`,
			`inclusive: warning: gender-coded wording: 1 masculine-coded and 2 feminine-coded words; the text reads feminine-coded (Gaucher, Friesen and Kay, 2011)`,
		}},
		{"You will lead the team.\n", []string{
			`1:10: inclusive: warning: masculine-coded word "lead" (lead*: 1 use in this document: lead)`,
			`inclusive: warning: gender-coded wording: 1 masculine-coded and 0 feminine-coded words; the text reads strongly masculine-coded (Gaucher, Friesen and Kay, 2011)`,
		}},
		{"You will build data pipelines.\n", nil},
	} {
		var got []string
		for _, f := range Check("x.md", []byte(tc.text), nil) {
			got = append(got, short(f))
		}
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%q:\n%s\nwant:\n%s", tc.text, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
	}
}
