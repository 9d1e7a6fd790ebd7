package ddat

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/textprep"
)

const seed = "../defaults/sources/ddat-data-engineer-head-of-data-engineering.txt"

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

func parseOK(t *testing.T, paths ...string) (*framework.Framework, []framework.Problem) {
	t.Helper()
	fw, probs, err := Parse(read(t, paths...))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return fw, probs
}

func TestSeed(t *testing.T) {
	docs := read(t, seed)
	if !Detect(docs[0]) {
		t.Fatal("seed not detected as DDaT")
	}
	fw, probs, err := Parse(docs)
	if err != nil {
		t.Fatal(err)
	}
	if fw.ID != "ddat" || fw.Format != "ddat" || fw.Source.Licence != "Open Government Licence v3.0" ||
		!reflect.DeepEqual(fw.Source.Files, []string{seed}) {
		t.Errorf("framework header = %+v", fw)
	}
	if len(fw.Roles) != 1 {
		t.Fatalf("roles = %d, want 1", len(fw.Roles))
	}
	r := fw.Roles[0]
	if r.ID != "data-engineer" || r.Title != "Data engineer" || r.Family != "Data" || len(r.Duties) != 0 ||
		!reflect.DeepEqual(r.Description, []string{"A data engineer develops and constructs data products and services, and integrates them into systems and business processes."}) {
		t.Errorf("role = %+v", r)
	}
	if len(r.Levels) != 1 {
		t.Fatalf("levels = %d", len(r.Levels))
	}
	l := r.Levels[0]
	if l.ID != "head-of-data-engineering" || l.Title != "Head of data engineering" || l.From != seed+":4" || l.Retired || len(l.Notes) != 0 {
		t.Errorf("level = %+v", l)
	}
	if len(l.Summary) != 1 || !strings.HasPrefix(l.Summary[0], "A head of data engineering leads") {
		t.Errorf("summary = %q", l.Summary)
	}
	if len(l.Responsibilities) != 3 || l.Responsibilities[0] != "inspire best practice for data products and services within your teams" {
		t.Errorf("responsibilities = %q", l.Responsibilities)
	}
	want := []struct {
		title string
		n     int
		line  int
	}{
		{"Communicating between the technical and non-technical", 3, 12},
		{"Data analysis and synthesis", 3, 17},
		{"Data development process", 2, 22},
		{"Data innovation", 1, 26},
		{"Data integration design", 2, 29},
		{"Data modelling", 3, 33},
		{"Metadata management", 3, 38},
		{"Problem management", 4, 43},
		{"Programming and build (data engineering)", 3, 49},
		{"Testing", 3, 54},
	}
	if len(l.Entries) != len(want) {
		t.Fatalf("skills = %d, want %d", len(l.Entries), len(want))
	}
	total := 0
	for i, w := range want {
		e := l.Entries[i]
		total += len(e.Descriptors)
		if e.Title != w.title || len(e.Descriptors) != w.n || e.Kind != framework.KindSkill || e.Group != "Skills" ||
			e.From != framework.Position(seed, w.line) {
			t.Errorf("skill %d = %q %d descriptors from %s, want %q %d at line %d", i, e.Title, len(e.Descriptors), e.From, w.title, w.n, w.line)
		}
	}
	if total != 27 {
		t.Errorf("descriptor lines = %d, want 27", total)
	}
	if got := l.Entries[0].Descriptors[0]; !strings.HasPrefix(got, "mediate between people") {
		t.Errorf("two-space bullet = %q", got)
	}
	if got := l.Entries[5].Descriptors[1]; got != "produce, maintain and update relevant data models for an organisation’s specific needs" {
		t.Errorf("mojibake line = %q", got)
	}
	if len(probs) != 1 || probs[0].Line != 35 || probs[0].Severity != framework.SeverityWarning || !strings.Contains(probs[0].Message, "“â€™” → “’”") {
		t.Errorf("problems = %v, want one mojibake warning at line 35", probs)
	}
}

func TestCRLFBOM(t *testing.T) {
	fw, probs := parseOK(t, "testdata/crlf-bom.txt")
	l := fw.Roles[0].Levels[0]
	if l.Title != "Senior data engineer" || fw.Roles[0].Title != "Data engineer" {
		t.Errorf("role/level = %q / %q", fw.Roles[0].Title, l.Title)
	}
	e := l.Entries[0]
	if !reflect.DeepEqual(e.Descriptors, []string{"produce models for the organisation’s needs", "explain\u00a0modelling"}) {
		t.Errorf("descriptors = %q", e.Descriptors)
	}
	if len(probs) != 1 || probs[0].Line != 11 {
		t.Errorf("problems = %v, want one mojibake warning at line 11", probs)
	}
}

func TestVariants(t *testing.T) {
	fw, _ := parseOK(t, "testdata/variants.txt")
	r := fw.Roles[0]
	if r.Family != "User-centred design (UCD)" || r.Title != "Content designer" {
		t.Errorf("profession/role = %q / %q", r.Family, r.Title)
	}
	wantDesc := []string{"A content designer makes content.", "In this role, you will work with users to find out what they need."}
	if !reflect.DeepEqual(r.Description, wantDesc) {
		t.Errorf("description = %q (a prose line starting with the header words is not a header)", r.Description)
	}
	if !reflect.DeepEqual(r.Duties, []string{"write content", "test content"}) {
		t.Errorf("duties = %q (header followed by U+2028; `*` bullet)", r.Duties)
	}
	l := r.Levels[0]
	if !reflect.DeepEqual(l.Summary, []string{"A lead content designer sets direction."}) {
		t.Errorf("summary = %q", l.Summary)
	}
	wantNotes := []string{"In this role, you will be responsible for a team.", "Skill Strategic thinking: This skill is shared with the service design role."}
	if !reflect.DeepEqual(l.Notes, wantNotes) {
		t.Errorf("notes = %q, want %q", l.Notes, wantNotes)
	}
	if !reflect.DeepEqual(l.Responsibilities, []string{"lead the community", "set standards"}) {
		t.Errorf("responsibilities = %q (bullet that is a header; tab before bullet; • bullet)", l.Responsibilities)
	}
	var titles []string
	for _, e := range l.Entries {
		titles = append(titles, e.Title)
	}
	if !reflect.DeepEqual(titles, []string{"User focus (content design)", "Strategic thinking", "User focus"}) {
		t.Fatalf("skills = %q", titles)
	}
	if got := l.Entries[0].Descriptors; !reflect.DeepEqual(got, []string{"understand users", "research needs", "share findings"}) {
		t.Errorf("merged skill descriptors = %q", got)
	}
	if l.Entries[0].From != "testdata/variants.txt:17" {
		t.Errorf("merged skill from %s, want its first block", l.Entries[0].From)
	}
	if !reflect.DeepEqual(l.Entries[1].Descriptors, []string{"plan ahead"}) {
		t.Errorf("skill with a note: %q", l.Entries[1].Descriptors)
	}
}

func TestRetired(t *testing.T) {
	fw, probs := parseOK(t, "testdata/retired.txt")
	l := fw.Roles[0].Levels[0]
	if !l.Retired || l.Title != "Chief data officer" || len(l.Summary) != 0 || len(l.Notes) != 0 || len(l.Entries) != 2 || len(l.Entries[0].Descriptors) != 0 {
		t.Errorf("retired level = %+v", l)
	}
	if len(probs) != 0 {
		t.Errorf("a retired level's empty skills are not warnings: %v", probs)
	}
}

func TestMultiFileSeniority(t *testing.T) {
	fw, _ := parseOK(t, "testdata/multi-lead.txt", "testdata/multi-analyst.txt", "testdata/multi-plain.txt", "testdata/multi-trainee.txt")
	if len(fw.Roles) != 2 || fw.Roles[0].ID != "data-engineer" || fw.Roles[1].ID != "data-analyst" {
		t.Fatalf("roles = %+v", fw.Roles)
	}
	var ids []string
	for _, l := range fw.Roles[0].Levels {
		ids = append(ids, l.ID)
	}
	if !reflect.DeepEqual(ids, []string{"trainee-data-engineer", "data-engineer", "lead-data-engineer"}) {
		t.Errorf("levels = %q", ids)
	}
	if !reflect.DeepEqual(fw.Roles[0].Duties, []string{"engineer data"}) {
		t.Errorf("duties from a later file not kept: %q", fw.Roles[0].Duties)
	}
	if !reflect.DeepEqual(fw.Source.Files, []string{"testdata/multi-lead.txt", "testdata/multi-analyst.txt", "testdata/multi-plain.txt", "testdata/multi-trainee.txt"}) {
		t.Errorf("files = %q", fw.Source.Files)
	}
	// The same level twice is an error at its line.
	_, _, err := Parse(read(t, "testdata/multi-lead.txt", "testdata/multi-lead.txt"))
	if err == nil || err.Error() != "testdata/multi-lead.txt:4: role level \"Lead data engineer\" of role \"Data engineer\" was already read from testdata/multi-lead.txt:4" {
		t.Errorf("duplicate level err = %v", err)
	}
}

func TestRank(t *testing.T) {
	titles := []string{"Head of data engineering", "Apprentice developer", "Principal developer", "Lead developer", "Senior developer", "Developer", "Junior developer", "Associate data scientist", "Trainee data scientist", "Chief data architect", "Data ethics lead"}
	want := []int{top, 10, 15, 14, 13, 12, 11, 11, 10, top, 14}
	for i, s := range titles {
		if got := rank(s, nil); got != want[i] {
			t.Errorf("rank(%q) = %d, want %d", s, got, want[i])
		}
	}
	// Analyst ladders come before manager ladders; an entry level says so
	// in its summary.
	for _, c := range []struct {
		lower, higher string
		summary       []string
	}{
		{"Configuration analyst", "Change and release analyst", []string{"A configuration analyst provides administrative support to the change and release manager."}},
		{"Senior service desk analyst", "Service desk manager", nil},
		{"Senior operations analyst", "Operational control manager", nil},
		{"Lead service transition manager", "Head of service desk", nil},
	} {
		if a, b := rank(c.lower, c.summary), rank(c.higher, nil); a >= b {
			t.Errorf("rank(%q) = %d, not below rank(%q) = %d", c.lower, a, c.higher, b)
		}
	}
}

// TestLevelOrderFromFileNames checks that level numbers in file names (the
// uk-gdad layout, roles/<profession>/<role>/<n>-<level>.md) give the order.
func TestLevelOrderFromFileNames(t *testing.T) {
	dir := t.TempDir()
	var docs []*textprep.Doc
	for _, l := range []struct{ file, title string }{{"3-b.md", "Senior zeta"}, {"1-c.md", "Lead alpha"}, {"2-a.md", "Junior beta"}} {
		src := "Data role: Tester\n- tests\n\nRole level: " + l.title + "\n- does\n\nSkill: Testing\n- test\n"
		p := filepath.Join(dir, l.file)
		d, err := textprep.Prepare(p, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	fw, _, err := Parse(docs)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range fw.Roles[0].Levels {
		got = append(got, l.Title)
	}
	if strings.Join(got, ",") != "Lead alpha,Junior beta,Senior zeta" {
		t.Errorf("levels = %v, want the file-name order", got)
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		file, want string
	}{
		{"bad-bullet-first.txt", "testdata/bad-bullet-first.txt:1: expected the DDaT role line \"<Profession> role: <Role>\", found \"- a bullet first\""},
		{"bad-no-level.txt", "testdata/bad-no-level.txt:4: \"Skill:\" before the \"Role level:\" line"},
		{"bad-two-levels.txt", "testdata/bad-two-levels.txt:7: second \"Role level:\" line (the first is line 3); put each role level in its own file"},
		{"bad-no-skill.txt", "testdata/bad-no-skill.txt:4: role level \"Data engineer\" has no \"Skill:\" lines"},
		{"bad-matrix.txt", "testdata/bad-matrix.txt:1: expected the DDaT role line"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			docs := read(t, "testdata/"+tt.file)
			if Detect(docs[0]) && tt.file != "bad-two-levels.txt" && tt.file != "bad-no-skill.txt" {
				t.Errorf("Detect accepted %s", tt.file)
			}
			fw, probs, err := Parse(docs)
			if err == nil || fw != nil {
				t.Fatalf("no error")
			}
			if !strings.HasPrefix(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %q\nwant %q", err, tt.want)
			}
			if len(probs) == 0 || probs[len(probs)-1].Severity != framework.SeverityError {
				t.Errorf("problems do not carry the error: %v", probs)
			}
		})
	}
	// Textprep-level failures arrive as errors before Parse.
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 50<<20); err != nil {
		t.Fatal(err)
	}
	if _, err := textprep.ReadFile(big); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("50 MB file: %v", err)
	}
	if _, _, err := Parse(nil); err == nil {
		t.Error("no files: no error")
	}
}

func TestDeterministic(t *testing.T) {
	paths := []string{"testdata/multi-lead.txt", "testdata/variants.txt", "testdata/multi-trainee.txt", seed}
	a, _ := parseOK(t, paths...)
	b, _ := parseOK(t, paths...)
	if !reflect.DeepEqual(a, b) {
		t.Error("same input, different output")
	}
}

const corpus = "../../../shared/corpus/ddat"

func TestCorpus(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(corpus, "*.md"))
	if len(paths) == 0 {
		t.Skip("corpus not present at " + corpus)
	}
	if len(paths) != 205 {
		t.Fatalf("corpus has %d files, want 205", len(paths))
	}
	docs := read(t, paths...) // Glob sorts
	for _, d := range docs {
		if !Detect(d) {
			t.Errorf("%s not detected", d.Path)
		}
		if _, _, err := Parse([]*textprep.Doc{d}); err != nil {
			t.Errorf("import alone: %v", err)
		}
	}
	fw, probs, err := Parse(docs)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		t.Errorf("unexpected problem: %v", p.Error())
	}
	levels, retired, skills := 0, 0, 0
	names := map[string]bool{}
	for _, r := range fw.Roles {
		for _, l := range r.Levels {
			levels++
			if l.Retired {
				retired++
			}
			for _, e := range l.Entries {
				skills++
				names[e.Title] = true
			}
		}
	}
	// 1,719 skill blocks, 16 of them repeat a skill already opened in
	// the same file and are merged.
	if len(fw.Roles) != 52 || levels != 205 || retired != 4 || skills != 1703 || len(names) != 183 {
		t.Errorf("roles %d, levels %d, retired %d, skills %d, distinct skills %d; want 52, 205, 4, 1703, 183",
			len(fw.Roles), levels, retired, skills, len(names))
	}
	for _, r := range fw.Roles {
		if r.ID != "data-engineer" {
			continue
		}
		var got []string
		for _, l := range r.Levels {
			got = append(got, l.Title)
		}
		want := []string{"Data engineer", "Senior data engineer", "Lead data engineer", "Head of data engineering"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("data engineer levels = %q, want %q", got, want)
		}
	}
}

func FuzzDDaT(f *testing.F) {
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
		fw, _, err := Parse([]*textprep.Doc{d})
		if err != nil {
			if strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), "fuzz.txt") {
				t.Fatalf("bad error %q", err)
			}
			return
		}
		if len(fw.Roles) != 1 || len(fw.Roles[0].Levels) != 1 || len(fw.Roles[0].Levels[0].Entries) == 0 {
			t.Fatalf("parsed without role, level or skills: %+v", fw)
		}
	})
}

func TestDetectOtherFormats(t *testing.T) {
	for _, p := range []string{
		"../defaults/sources/fedip-head-of-data-ethics.txt",
		"../defaults/sources/matrix-data-management-engineering.md",
	} {
		if Detect(read(t, p)[0]) {
			t.Errorf("%s detected as DDaT", p)
		}
	}
}

// TestMarkdownHeaders: a page pasted into a Markdown document, its
// header lines made headings ("## Skill: …") or bold ("**Role level:**
// …"), reads as the page itself; a line that only starts with "#"
// ("#NHS…") is not taken for a heading.
func TestMarkdownHeaders(t *testing.T) {
	plain, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	header := func(l string) bool {
		for _, p := range []string{"Data role:", levelPrefix, skillPrefix, headerAtLevel, headerInRole} {
			if strings.HasPrefix(l, p) {
				return true
			}
		}
		return false
	}
	variant := func(mark func(string) string) string {
		lines := strings.Split(string(plain), "\n")
		for i, l := range lines {
			if header(l) {
				lines[i] = mark(l)
			}
		}
		return strings.Join(lines, "\n")
	}
	dir := t.TempDir()
	want, wantProbs := parseOK(t, seed)
	wantYAML, err := framework.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"headings.md": variant(func(l string) string {
			if strings.HasPrefix(l, headerAtLevel) {
				return "### " + l
			}
			return "## " + l
		}),
		"bold.md": variant(func(l string) string {
			if i := strings.Index(l, ":"); i >= 0 && !strings.HasPrefix(l, headerAtLevel) {
				return "**" + l[:i+1] + "**" + l[i+1:]
			}
			return "**" + l + "**"
		}),
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if !Detect(read(t, p)[0]) {
			t.Errorf("%s is not detected as a DDaT page", name)
			continue
		}
		got, probs := parseOK(t, p)
		gotYAML, err := framework.Marshal(got)
		if err != nil {
			t.Fatal(err)
		}
		if g := strings.ReplaceAll(string(gotYAML), p, seed); g != strings.ReplaceAll(string(wantYAML), filepath.Base(p), filepath.Base(seed)) && g != string(wantYAML) {
			t.Errorf("%s reads as another framework than the page:\n%s", name, g)
		}
		if len(probs) != len(wantProbs) || len(probs) > 0 && probs[0].Line != wantProbs[0].Line {
			t.Errorf("%s: problems %v, want the page's %v", name, probs, wantProbs)
		}
	}
	if got := unmark("#NHSdigital careers"); got != "#NHSdigital careers" {
		t.Errorf("unmark(%q) = %q", "#NHSdigital careers", got)
	}
}

// TestWordProcessorBullets: a page saved as text from a word processor,
// its bullets become "·", "–", "▪" or "◦" (with a space or a tab), reads
// as the page itself; a line starting with a dash and a word ("–based")
// is not a bullet.
func TestWordProcessorBullets(t *testing.T) {
	plain, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := parseOK(t, seed)
	wantYAML, err := framework.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for i, marker := range []string{"·\t", "– ", "▪ ", "◦ ", "● "} {
		lines := strings.Split(string(plain), "\n")
		for j, l := range lines {
			if rest, ok := strings.CutPrefix(l, "- "); ok {
				lines[j] = marker + rest
			}
		}
		p := filepath.Join(dir, "page"+strconv.Itoa(i)+".txt")
		if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
		got, _ := parseOK(t, p)
		gotYAML, err := framework.Marshal(got)
		if err != nil {
			t.Fatal(err)
		}
		if g := strings.ReplaceAll(string(gotYAML), p, seed); g != string(wantYAML) {
			t.Errorf("bullets %q read as another framework than the page's \"- \":\n%s", marker, g)
		}
	}
	if _, ok := bulletText("–based approaches"); ok {
		t.Error(`"–based approaches" is read as a bullet`)
	}
	for in, want := range map[string]string{
		"-understand the basics":       "understand the basics",
		"•Explains complex findings":   "Explains complex findings",
		"- - understand the basics":    "understand the basics",
		"- • understand the basics":    "understand the basics",
		"  - –\tunderstand the basics": "understand the basics",
	} {
		if got, ok := bulletText(in); !ok || got != want {
			t.Errorf("bulletText(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"-based approaches", "*emphasis* text", "-5 days"} {
		if got, ok := bulletText(in); ok {
			t.Errorf("%q is read as a bullet (%q)", in, got)
		}
	}
}
