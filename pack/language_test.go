package pack

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The language column takes languages as people write them and makes
// them canonical; a language rolepack does not write is the row's error,
// on one line naming the file and line.
func TestManifestLanguageColumn(t *testing.T) {
	rows := mustRows(t, "v.csv", "reference,role,level,language\n"+
		"A,r,l,cy\nB,r,l,Welsh\nC,r,l,Cymraeg\nD,r,l,en\nE,r,l,English\nF,r,l,en-GB\nG,r,l,\nH,r,l,Klingon\n")
	for i, want := range []string{"cy", "cy", "cy", "en-GB", "en-GB", "en-GB", "cy"} {
		if rows[i].Err != nil {
			t.Fatalf("row %d: %v", i+2, rows[i].Err)
		}
		if got := rows[i].Language("cy"); got != want {
			t.Errorf("row %d: language %q, want %q", i+2, got, want)
		}
	}
	if got := rows[6].Language(""); got != "en-GB" {
		t.Errorf("no column, no config language: %q, want en-GB", got)
	}
	err := rows[7].Err
	if err == nil || !strings.HasPrefix(err.Error(), "v.csv:9: language ") || !strings.Contains(err.Error(), `"Klingon"`) || strings.Contains(err.Error(), "\n") {
		t.Errorf("row 9: %v, want a one-line error naming v.csv:9 and the value", err)
	}
	ys, err := ReadManifest("v.yaml", []byte("- reference: A\n  language: Cymraeg\n"))
	if err != nil || ys[0].Err != nil || ys[0].Language("") != "cy" {
		t.Errorf("YAML language: %v, %+v", err, ys)
	}
}

// Two vacancies of one role and level, one in English and one in Welsh,
// each get their documents in their own language, in packs of their
// own; the index says which language each pack is in; an unknown
// language fails its row alone.
func TestBatchBuildsEachRowInItsLanguage(t *testing.T) {
	e := newEnv(t)
	out := filepath.Join(t.TempDir(), "packs")
	rows := mustRows(t, "v.csv", "reference,role,level,language\n"+
		"REF-1,data-engineer,senior,English\n"+ // line 2
		"REF-1,data-engineer,senior,Cymraeg\n"+ // line 3: the same vacancy in Welsh
		"REF-3,data-engineer,senior,Klingon\n") // line 4: unknown language
	s, err := e.batch(out, textFormats(t, e)).Run(context.Background(), rows)
	if err != nil {
		t.Fatal(err)
	}
	if s.Built != 2 || s.Failed != 1 {
		t.Fatalf("built %d, failed %d (%v), want 2 and 1", s.Built, s.Failed, firstErr(s))
	}
	if r := s.Results[2]; r.Err == nil || !strings.HasPrefix(r.Err.Error(), "v.csv:4: language ") {
		t.Errorf("line 4: %v, want an error naming v.csv:4", r.Err)
	}
	for _, c := range []struct{ pack, lang, want, not string }{
		{"REF-1-data-engineer-senior", "en-GB", "Job details", "Manylion y swydd"},
		{"REF-1-data-engineer-senior-cy", "cy", "Manylion y swydd", "Job details"},
	} {
		jd, err := os.ReadFile(filepath.Join(out, c.pack, "jd.md"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(jd), c.want) || strings.Contains(string(jd), c.not) {
			t.Errorf("%s: JD has %q %v, %q %v", c.pack, c.want, strings.Contains(string(jd), c.want), c.not, strings.Contains(string(jd), c.not))
		}
		html, _ := os.ReadFile(filepath.Join(out, c.pack, "jd.html"))
		if !strings.Contains(string(html), `lang="`+c.lang+`"`) {
			t.Errorf("%s: jd.html not tagged lang=%q", c.pack, c.lang)
		}
	}
	csv, _ := os.ReadFile(filepath.Join(out, IndexCSV))
	lines := strings.Split(strings.TrimSpace(string(csv)), "\r\n")
	for i, want := range []string{
		"line,reference,role,level,language,status,",
		"2,REF-1,data-engineer,senior,en-GB,",
		"3,REF-1,data-engineer,senior,cy,",
		"4,REF-3,data-engineer,senior,Klingon,failed,", // as the row wrote it
	} {
		if i >= len(lines) || !strings.HasPrefix(lines[i], want) {
			t.Errorf("index.csv line %d: want prefix %q:\n%s", i+1, want, csv)
		}
	}
	html, _ := os.ReadFile(filepath.Join(out, IndexHTML))
	for _, want := range []string{`<th scope="col">Language</th>`, `<td lang="en-GB">English (en-GB)</td>`, `<td lang="cy">Cymraeg (cy)</td>`} {
		if !strings.Contains(string(html), want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
}

// A manifest row in two languages ("cy,en", "bilingual") builds one pack
// of bilingual documents, named for both languages: the JD has both
// languages' headings, its HTML each block's lang, the advert's JSON-LD a
// posting per language; the index says "Cymraeg, English (cy, en)".
func TestBatchBuildsBilingualRows(t *testing.T) {
	e := newEnv(t)
	out := filepath.Join(t.TempDir(), "packs")
	rows := mustRows(t, "v.csv", "reference,role,level,language\n"+
		"REF-1,data-engineer,senior,\"cy,en\"\n"+
		"REF-2,data-engineer,senior,English and Welsh\n"+
		"REF-3,data-engineer,senior,cy/cy\n")
	if got := rows[1].Language(""); got != "en-GB,cy" {
		t.Errorf("English and Welsh: %q", got)
	}
	if err := rows[2].Err; err == nil || !strings.HasPrefix(err.Error(), "v.csv:4: language ") {
		t.Errorf("cy/cy: %v", err)
	}
	s, err := e.batch(out, textFormats(t, e)).Run(context.Background(), rows[:2])
	if err != nil {
		t.Fatal(err)
	}
	if s.Built != 2 {
		t.Fatalf("built %d (%v), want 2", s.Built, firstErr(s))
	}
	for _, c := range []struct{ pack, first, second string }{
		{"REF-1-data-engineer-senior-cy-en", "Manylion y swydd", "Job details"},
		{"REF-2-data-engineer-senior-en-cy", "Job details", "Manylion y swydd"},
	} {
		jd, err := os.ReadFile(filepath.Join(out, c.pack, "jd.md"))
		if err != nil {
			t.Fatal(err)
		}
		i, j := strings.Index(string(jd), c.first), strings.Index(string(jd), c.second)
		if i < 0 || j < i {
			t.Errorf("%s: JD has %q at %d, %q at %d: want both, the first language first", c.pack, c.first, i, c.second, j)
		}
		html, _ := os.ReadFile(filepath.Join(out, c.pack, "jd.html"))
		if !strings.Contains(string(html), `lang="cy"`) || !strings.Contains(string(html), `lang="en-GB"`) {
			t.Errorf("%s: jd.html lacks a block in each language", c.pack)
		}
		ld, _ := os.ReadFile(filepath.Join(out, c.pack, "advert.jsonld"))
		if strings.Count(string(ld), `"@type": "JobPosting"`) != 2 || !strings.Contains(string(ld), `"inLanguage": "cy"`) || !strings.Contains(string(ld), `"inLanguage": "en-GB"`) {
			t.Errorf("%s: advert.jsonld wants a posting per language:\n%.300s", c.pack, ld)
		}
	}
	html, _ := os.ReadFile(filepath.Join(out, IndexHTML))
	if !strings.Contains(string(html), `<td>Cymraeg, English (cy, en)</td>`) || !strings.Contains(string(html), `<td>English, Cymraeg (en, cy)</td>`) {
		t.Errorf("index.html does not name both languages of each pack")
	}
}
