package profile

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/textprep"
)

const seed = "../defaults/sources/fedip-head-of-data-ethics.txt"

func read(t testing.TB, paths ...string) []*textprep.Doc {
	t.Helper()
	var docs []*textprep.Doc
	for _, p := range paths {
		d, err := textprep.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

func parseOK(t *testing.T, opt Options, paths ...string) (*framework.Framework, []framework.Problem) {
	t.Helper()
	fw, probs, err := Parse(read(t, paths...), opt)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return fw, probs
}

// bySection groups entries by their group, in order.
func bySection(es []framework.Entry) map[string][]framework.Entry {
	m := map[string][]framework.Entry{}
	for _, e := range es {
		m[e.Group] = append(m[e.Group], e)
	}
	return m
}

func TestSeed(t *testing.T) {
	docs := read(t, seed)
	if !Detect(docs[0]) {
		t.Fatal("seed not detected")
	}
	fw, probs, err := Parse(docs, Options{Title: "Head of Data Ethics"})
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 0 {
		t.Errorf("problems = %v", probs)
	}
	if fw.ID != "ncf" || fw.Format != "profile" || fw.Source.URL != "https://job-profiles.fedip.org/" || !reflect.DeepEqual(fw.Source.Files, []string{seed}) {
		t.Errorf("framework header = %+v", fw)
	}
	r := fw.Roles[0]
	if r.ID != "head-of-data-ethics" || r.Title != "Head of Data Ethics" || r.Body != "AphA" || r.From != seed+":1" ||
		!reflect.DeepEqual(r.References, []string{"National Competency Framework for Data Professionals in Health and Care"}) {
		t.Errorf("role = %+v", r)
	}
	if len(r.Levels) != 1 {
		t.Fatalf("levels = %d", len(r.Levels))
	}
	l := r.Levels[0]
	if l.ID != r.ID || l.Title != r.Title {
		t.Errorf("level id/title = %q %q", l.ID, l.Title)
	}
	wantSummary := "Sets direction for ethics in data initiatives. Defines governance processes to ensure compliance with ethical standards. Engages with industry bodies and experts to develop and drive industry recommended practices. Develops and implements strategic ethical frameworks. Leads high-level reviews and decision-making processes. Allocates resources to support the organisation’s commitment to ethical practices. Ensures the organisation has resources and skills for ethical assurance."
	if !reflect.DeepEqual(l.Summary, []string{wantSummary}) || len([]rune(l.Summary[0])) != 480 {
		t.Errorf("summary = %q", l.Summary)
	}
	type sec struct {
		name   string
		kind   framework.Kind
		rows   int
		levels map[int]int
		codes  int
	}
	want := []sec{
		{"Work Activity Components", framework.KindWorkActivity, 2, map[int]int{6: 2}, 2},
		{"Technical Skills", framework.KindKnowledge, 4, nil, 0},
		{"Other Skills", framework.KindKnowledge, 2, nil, 0},
		{"Training", framework.KindTraining, 3, nil, 0},
		{"Professional Development Activity (PDA)", framework.KindDevelopment, 8, nil, 0},
		{"Qualification Components", framework.KindQualification, 1, nil, 0},
		{"Behaviours", framework.KindBehaviour, 26, map[int]int{5: 24, 4: 2}, 26},
		{"Leadership", framework.KindLeadership, 26, map[int]int{5: 24, 4: 1, 3: 1}, 1},
		{"Data Skills", framework.KindSkill, 43, map[int]int{5: 37, 3: 6}, 0},
		{"Project Skills", framework.KindProjectSkill, 17, map[int]int{5: 9, 4: 2, 3: 3, 2: 3}, 10},
	}
	if len(l.Entries) != 132 {
		t.Errorf("entries = %d, want 132", len(l.Entries))
	}
	got := bySection(l.Entries)
	var order []string
	for _, e := range l.Entries {
		if len(order) == 0 || order[len(order)-1] != e.Group {
			order = append(order, e.Group)
		}
	}
	var wantOrder []string
	withLevel, withCode := 0, 0
	for _, w := range want {
		wantOrder = append(wantOrder, w.name)
		es := got[w.name]
		levels := map[int]int{}
		codes := 0
		for _, e := range es {
			if e.Kind != w.kind {
				t.Errorf("%s: %q kind %s, want %s", w.name, e.Title, e.Kind, w.kind)
			}
			if e.LevelNumber > 0 {
				levels[e.LevelNumber]++
				withLevel++
			}
			if e.Code != "" {
				codes++
				withCode++
			}
		}
		if w.levels == nil {
			w.levels = map[int]int{}
		}
		if len(es) != w.rows || !reflect.DeepEqual(levels, w.levels) || codes != w.codes {
			t.Errorf("%s: %d rows, levels %v, %d codes; want %d, %v, %d", w.name, len(es), levels, codes, w.rows, w.levels, w.codes)
		}
	}
	if !reflect.DeepEqual(order, wantOrder) {
		t.Errorf("section order = %q", order)
	}
	if withLevel != 114 || withCode != 39 {
		t.Errorf("rows with a level %d, with a code %d; want 114, 39", withLevel, withCode)
	}
	// Samples of exact values.
	first := got["Work Activity Components"][0]
	if first.Title != "Governance" || first.Code != "AIDE" || first.Level != "Level 6" || first.LevelNumber != 6 || first.From != seed+":6" ||
		!reflect.DeepEqual(first.Descriptors, []string{"Defines governance processes to ensure compliance with ethical standards."}) {
		t.Errorf("first WAC = %+v", first)
	}
	tech := got["Technical Skills"]
	if tech[0].Title != "Big Data" || tech[0].Depth != "Proficient in" || tech[3].Depth != "Familiar with" {
		t.Errorf("technical skills = %+v", tech)
	}
	pda := got["Professional Development Activity (PDA)"]
	if pda[0].Attributes["PDA Group"] != "Developing Professional Skills" || len(pda[0].Descriptors) != 1 {
		t.Errorf("PDA = %+v", pda[0])
	}
	q := got["Qualification Components"][0]
	if q.Title != "FEDIP Leading Practitioner" || q.Attributes["Awarding Bodies"] != "The Federation for Informatics Professionals" {
		t.Errorf("qualification = %+v", q)
	}
	b := got["Behaviours"]
	if b[0].Title != "Delivering outcomes" || b[0].Code != "B1.1" || b[0].LevelNumber != 5 || b[11].Title != "Open environment" || b[11].Code != "B2.5" || b[11].Level != "Level Four" || b[11].LevelNumber != 4 {
		t.Errorf("behaviours = %+v / %+v", b[0], b[11])
	}
	ds := got["Data Skills"]
	qualifiers := 0
	for _, e := range ds {
		if strings.HasSuffix(e.Title, "(Data Ethics)") || strings.HasSuffix(e.Title, "(Data)") {
			qualifiers++
		}
	}
	if qualifiers != 9 {
		t.Errorf("titles keeping (Data Ethics)/(Data): %d, want 9", qualifiers)
	}
	if e := ds[12]; e.Title != "Research" || e.Level != "Level Five" {
		t.Errorf("Research(Level Five) = %+v", e)
	}
	if e := ds[39]; e.Title != "Information Governance (Data)" || e.LevelNumber != 3 {
		t.Errorf("Information Governance = %+v", e)
	}
	if e := ds[38]; !strings.Contains(e.Descriptors[0], "k?mean") {
		t.Errorf("irreparable ? not kept: %q", e.Descriptors)
	}
	ps := got["Project Skills"]
	if ps[0].Title != "Business cases" || ps[0].Code != "WP1.1" || ps[0].Kind != framework.KindProjectSkill {
		t.Errorf("project skills = %+v", ps[0])
	}
}

func TestSeedTitleFromFileName(t *testing.T) {
	fw, probs := parseOK(t, Options{}, seed)
	if fw.Roles[0].Title != "Fedip head of data ethics" {
		t.Errorf("title = %q", fw.Roles[0].Title)
	}
	if len(probs) != 1 || probs[0].Severity != framework.SeverityWarning || !strings.Contains(probs[0].Message, "from the file name") {
		t.Errorf("problems = %v", probs)
	}
}

func TestDecompose(t *testing.T) {
	tests := []struct {
		in   string
		want decomposed
	}{
		{"Delivering outcomes (B1.1) (Level 5)", decomposed{"Delivering outcomes", "B1.1", "Level 5", 5}},
		{"Open environment (B2.5) (Level Four)", decomposed{"Open environment", "B2.5", "Level Four", 4}},
		{"Governance (Level 6) (AIDE)", decomposed{"Governance", "AIDE", "Level 6", 6}},
		{"Empathy and understanding (Level Five) (LM1.1)", decomposed{"Empathy and understanding", "LM1.1", "Level Five", 5}},
		{"Programming (AEC6.1) (Level Four)", decomposed{"Programming", "AEC6.1", "Level Four", 4}},
		{"Information Governance (Data)(Level Three)", decomposed{"Information Governance (Data)", "", "Level Three", 3}},
		{"Stakeholder management (Data Ethics) (Level Five)", decomposed{"Stakeholder management (Data Ethics)", "", "Level Five", 5}},
		{"Business cases (WP1.1)(Level Five)", decomposed{"Business cases", "WP1.1", "Level Five", 5}},
		{"Research(Level Five)", decomposed{"Research", "", "Level Five", 5}},
		{"Legislation (GDPR)", decomposed{"Legislation (GDPR)", "", "", 0}},
		{"Legislation (GDPR) (Level 3)", decomposed{"Legislation", "GDPR", "Level 3", 3}},
		{"Level 4 Data Analyst apprenticeship", decomposed{"Level 4 Data Analyst apprenticeship", "", "", 0}},
		{"Quality assurance - Data and digital (Level Four)", decomposed{"Quality assurance - Data and digital", "", "Level Four", 4}},
		{"(Level 5)", decomposed{"(Level 5)", "", "", 0}},
		{"Odd (Level 5) (Level 6)", decomposed{"Odd (Level 5)", "", "Level 6", 6}},
		{"Unbalanced (B1.1))", decomposed{"Unbalanced (B1.1))", "", "", 0}},
		{"Nested (a (b)) (Level Two)", decomposed{"Nested (a (b))", "", "Level Two", 2}},
	}
	for _, tt := range tests {
		if got := decompose(tt.in); got != tt.want {
			t.Errorf("decompose(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestVariants(t *testing.T) {
	docs := read(t, "testdata/variants.txt")
	if !Detect(docs[0]) {
		t.Fatal("not detected")
	}
	fw, probs, err := Parse(docs, Options{Title: "ignored: the file has a title"})
	if err != nil {
		t.Fatal(err)
	}
	r := fw.Roles[0]
	if r.Title != "Senior Data Analyst" || r.ID != "senior-data-analyst" || r.Body != "AphA" || !reflect.DeepEqual(r.Notes, []string{"Created with BCS."}) ||
		!reflect.DeepEqual(r.References, []string{"National Competency Framework for Data Professionals in Health and Care", "DDaT Capability Framework"}) {
		t.Errorf("role = %+v", r)
	}
	l := r.Levels[0]
	if !reflect.DeepEqual(l.Summary, []string{"Analyses data for the organisation.", "Works with stakeholders across the system."}) {
		t.Errorf("summary = %q", l.Summary)
	}
	var titles, groups []string
	for _, e := range l.Entries {
		titles = append(titles, e.Title)
		groups = append(groups, e.Group)
	}
	wantTitles := []string{"Delivering outcomes", "Open environment", "Legislation (GDPR)", "Research", "Problem sharing", "SQL", "Empathy and understanding", "Mentoring", "Reading", "Cyber basics", "Level 4 Data Analyst apprenticeship"}
	if !reflect.DeepEqual(titles, wantTitles) {
		t.Errorf("titles = %q\nwant %q", titles, wantTitles)
	}
	wantGroups := []string{"Behaviours", "Behaviours", "Behaviours", "Behaviours", "Behaviours", "Technical Skills", "Leadership", "Professional Development Activity (PDA)", "Professional Development Activity (PDA)", "Cyber Essentials", "Qualification Components"}
	if !reflect.DeepEqual(groups, wantGroups) {
		t.Errorf("groups = %q", groups)
	}
	e := l.Entries
	if e[1].Code != "B2.5" || e[1].LevelNumber != 4 || !reflect.DeepEqual(e[1].Descriptors, []string{"You keep an open environment"}) {
		t.Errorf("row without trailing pipe = %+v", e[1])
	}
	if !reflect.DeepEqual(e[3].Descriptors, []string{"You do research|with care"}) {
		t.Errorf("bare pipe in details = %q", e[3].Descriptors)
	}
	if e[5].Kind != framework.KindKnowledge || e[5].Depth != "" {
		t.Errorf("no-Depth row = %+v", e[5])
	}
	if e[6].Code != "LM1.1" || e[6].Level != "Level Five" {
		t.Errorf("level then code = %+v", e[6])
	}
	if e[8].Attributes != nil {
		t.Errorf("missing PDA group should be empty: %+v", e[8])
	}
	if e[9].Kind != framework.KindOther || e[9].Attributes["Provider"] != "NCSC" {
		t.Errorf("unknown section row = %+v", e[9])
	}
	if e[10].LevelNumber != 0 || e[10].Kind != framework.KindQualification {
		t.Errorf("qualification = %+v", e[10])
	}
	wantWarn := []string{
		"testdata/variants.txt:15: warning: the Technical Skills table has no Depth column",
		"testdata/variants.txt:26: warning: table row has no PDA Group cell; left empty",
		"testdata/variants.txt:27: warning: unknown section \"Cyber Essentials\" kept as a generic group",
		"testdata/variants.txt:31: warning: section \"Behaviours\" repeated (first at line 7); its rows are appended",
	}
	var gotWarn []string
	for _, p := range probs {
		gotWarn = append(gotWarn, p.Error())
	}
	if !reflect.DeepEqual(gotWarn, wantWarn) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(gotWarn, "\n"), strings.Join(wantWarn, "\n"))
	}
}

func TestCRLFBOMMojibake(t *testing.T) {
	fw, probs := parseOK(t, Options{Title: "Head of Data Ethics"}, "testdata/crlf-bom.txt")
	l := fw.Roles[0].Levels[0]
	if !reflect.DeepEqual(l.Summary, []string{"Leads the organisation’s data ethics – all of it."}) {
		t.Errorf("summary = %q", l.Summary)
	}
	if len(l.Entries) != 2 || l.Entries[0].Descriptors[0] != "Defines governance “processes”." || l.Entries[1].Descriptors[0] != "Café budgets." || l.Entries[1].Code != "AIDE" {
		t.Errorf("entries = %+v", l.Entries)
	}
	var lines []int
	for _, p := range probs {
		if p.Severity != framework.SeverityWarning || !strings.Contains(p.Message, "repaired mojibake") {
			t.Errorf("unexpected problem %v", p.Error())
		}
		lines = append(lines, p.Line)
	}
	if !reflect.DeepEqual(lines, []int{2, 6, 7}) {
		t.Errorf("mojibake warnings at lines %v, want 2, 6, 7", lines)
	}
}

func TestSeveralProfiles(t *testing.T) {
	fw, probs := parseOK(t, Options{Title: "Shared"}, "testdata/variants.txt", seed)
	if len(fw.Roles) != 2 || fw.Roles[0].ID != "senior-data-analyst" || fw.Roles[1].ID != "fedip-head-of-data-ethics" {
		t.Errorf("roles = %q, %q", fw.Roles[0].ID, fw.Roles[len(fw.Roles)-1].ID)
	}
	if !strings.Contains(probs[0].Message, "one role title") {
		t.Errorf("first problem = %v", probs[0])
	}
	_, _, err := Parse(read(t, "testdata/variants.txt", "testdata/variants.txt"), Options{})
	if err == nil || !strings.Contains(err.Error(), "role \"Senior Data Analyst\" was already read from testdata/variants.txt:1") {
		t.Errorf("duplicate role err = %v", err)
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		file, want string
	}{
		{"bad-no-title.txt", "testdata/bad-no-title.txt:1: profile has no title line and no Summary section"},
		{"bad-truncated.txt", "testdata/bad-truncated.txt:7: line \"Negotiation (B1.5) (Lev\" is neither a section nor a table row; is the file cut off?"},
		{"bad-truncated-cell.txt", "testdata/bad-truncated-cell.txt:6: table row is cut off: it has 1 of the 2 cells (Title, Details)"},
		{"bad-row-outside.txt", "testdata/bad-row-outside.txt:3: table row outside any section"},
		{"bad-not-profile.txt", "testdata/bad-not-profile.txt:1: not a FEDIP job profile"},
		{"bad-stray-line.txt", "testdata/bad-stray-line.txt:7: line \"this line is stray text\" is not a table row and not a section name"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			docs := read(t, "testdata/"+tt.file)
			if tt.file == "bad-not-profile.txt" && Detect(docs[0]) {
				t.Error("detected a DDaT file as a profile")
			}
			fw, probs, err := Parse(docs, Options{Title: "T"})
			if err == nil || fw != nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %q\nwant %q", err, tt.want)
			}
			if len(probs) == 0 || probs[len(probs)-1].Severity != framework.SeverityError {
				t.Errorf("problems do not carry the error: %v", probs)
			}
		})
	}
	// A truncated last row that keeps its pipe but loses Details.
	d, err := textprep.Prepare("cut.txt", []byte("Summary\nS.\nTraining\nTitle | Details | Depth |\n---|---|---|\nCoaching | Concepts |"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := Parse([]*textprep.Doc{d}, Options{Title: "T"}); err == nil || !strings.HasPrefix(err.Error(), "cut.txt:6: table row is cut off") {
		t.Errorf("short last row: %v", err)
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 50<<20); err != nil {
		t.Fatal(err)
	}
	if _, err := textprep.ReadFile(big); err == nil || !strings.Contains(err.Error(), "big.txt: file is too large: 50.0 MiB (52428800 bytes) (limit 10.0 MiB") {
		t.Errorf("50 MB file: %v", err)
	}
	if _, _, err := Parse(nil, Options{}); err == nil {
		t.Error("no files: no error")
	}
}

func TestDeterministic(t *testing.T) {
	a, _ := parseOK(t, Options{}, "testdata/variants.txt", seed, "testdata/crlf-bom.txt")
	b, _ := parseOK(t, Options{}, "testdata/variants.txt", seed, "testdata/crlf-bom.txt")
	if !reflect.DeepEqual(a, b) {
		t.Error("same input, different output")
	}
}

func FuzzProfile(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.txt")
	paths = append(paths, seed)
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := textprep.Prepare("fuzz.txt", data)
		if err != nil {
			return
		}
		Detect(d)
		fw, _, err := Parse([]*textprep.Doc{d}, Options{Title: "Fuzz"})
		if err != nil {
			if strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), "fuzz.txt") {
				t.Fatalf("bad error %q", err)
			}
			return
		}
		if len(fw.Roles) != 1 || len(fw.Roles[0].Levels) != 1 {
			t.Fatalf("want one role with one level: %+v", fw)
		}
		for _, e := range fw.Roles[0].Levels[0].Entries {
			if e.Title == "" {
				t.Fatalf("entry without title: %+v", e)
			}
		}
	})
}

func TestDetectOtherFormats(t *testing.T) {
	for _, p := range []string{
		"../defaults/sources/ddat-data-engineer-head-of-data-engineering.txt",
		"../defaults/sources/matrix-data-management-engineering.md",
	} {
		if Detect(read(t, p)[0]) {
			t.Errorf("%s detected as a profile", p)
		}
	}
}
