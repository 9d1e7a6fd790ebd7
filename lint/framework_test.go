package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/framework/importer"
	"github.com/rolepack/rolepack/framework/textprep"
)

// The seed documents embedded as defaults carry known typos; linting them
// as frameworks finds each at its line and column in the seed file.
func TestSeedTyposAreFound(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"fedip-head-of-data-ethics.txt", []string{
			`25:582: punctuation: doubled full stop ".." (effectiveness.)`,
			`93:172: spelling: misspelt "ssacrifice" (sacrifice)`,
			`108:188: punctuation: space before "." (system.)`,
		}},
		{"matrix-data-management-engineering.md", []string{
			`145:4: capitalisation: warning: Title Case "Data Orientated Infrastructure": names are written in sentence case (Data orientated infrastructure)`,
			`161:5: spelling: misspelt "Profiency" (Proficiency)`,
			`227:32: spelling: US spelling "categorize" (categorise)`,
			`253:9: spelling: US spelling "analyze" (analyse)`,
			`263:77: spelling: US spelling "organization" (organisation)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("..", "framework", "defaults", "sources", tt.file)
			f, _, err := importer.Import([]string{path}, importer.Options{})
			if err != nil {
				t.Fatal(err)
			}
			doc, err := textprep.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			lines := make([]string, len(doc.Lines))
			for i, l := range doc.Lines {
				lines[i] = l.Text
			}
			got := map[string]bool{}
			for _, fd := range CheckTexts(path, SourceTexts(f, lines), nil) {
				got[short(fd)] = true
			}
			for _, w := range tt.want {
				if !got[w] {
					t.Errorf("missing %s", w)
				}
			}
		})
	}
}

func TestYAMLTextsAreAtTheirLineAndColumn(t *testing.T) {
	yaml := "id: x\nname: Organization Wide Framework\nroles:\n  - id: r\n    title: Data engineer\n    levels:\n      - id: l\n        title: Senior\n        entries:\n          - kind: skill\n            title: Data Orientated Infrastructure\n            descriptors:\n              - Can analyze data\n              - \"Quoted that that text\"\n"
	texts, err := YAMLTexts("f.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range CheckTexts("f.yaml", texts, nil) {
		if f.Line > 0 {
			got = append(got, short(f))
		}
	}
	want := []string{
		`11:20: capitalisation: warning: Title Case "Data Orientated Infrastructure": names are written in sentence case (Data orientated infrastructure)`,
		`13:21: spelling: US spelling "analyze" (analyse)`,
		`13:21: inclusive: warning: masculine-coded word "analyze" (analy*: 1 use in this document: analyze)`,
		`14:30: repeated-word: "that" twice (that)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestOrganisationWords(t *testing.T) {
	rules, err := NewRules([]string{"pipeines", "lead"}, []string{"utilise => use", "synerg*"})
	if err != nil {
		t.Fatal(err)
	}
	got := Check("x.md", []byte("We utilise synergies in pipeines you lead.\n"), rules)
	var s []string
	for _, f := range got {
		s = append(s, short(f))
	}
	want := []string{
		`1:4: banned: "utilise" is a word the organisation does not use (write use)`,
		`1:12: banned: "synergies" is a word the organisation does not use`,
	}
	if strings.Join(s, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(s, "\n"), strings.Join(want, "\n"))
	}
}

// Every embedded list loads; a rendered Markdown document is one call.
func TestEmbeddedDataLoads(t *testing.T) {
	if _, err := NewRules(nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join("data", "british-english.COPYRIGHT")); err != nil {
		t.Fatal("the dictionary's licence notice must ship with it")
	}
}
