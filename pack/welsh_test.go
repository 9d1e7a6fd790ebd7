package pack

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/framework/defaults"
	"github.com/rolepack/rolepack/lint"
	"github.com/rolepack/rolepack/render"
)

var fixtureDate = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

// A manifest's Welsh language column takes the categories as people
// write them, and refuses a category the Welsh Language Standards do not
// have.
func TestManifestWelshColumn(t *testing.T) {
	rows, err := ReadManifest("v.csv", []byte("reference,role,level,Welsh language\nA,r,l,Essential\nB,r,l,To be learnt\nC,r,l,Not necessary\nD,r,l,very desirable\n"))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"essential", "learn", "not-necessary"} {
		if rows[i].Err != nil {
			t.Fatalf("row %d: %v", i+2, rows[i].Err)
		}
		if got := rows[i].Vacancy(config.Vacancy{}).Welsh; got != want {
			t.Errorf("row %d: welsh %q, want %q", i+2, got, want)
		}
	}
	if rows[3].Err == nil || !strings.Contains(rows[3].Err.Error(), "v.csv:5") || !strings.Contains(rows[3].Err.Error(), "not a Welsh language category") {
		t.Errorf("row 5: %v, want a one-line error naming v.csv:5", rows[3].Err)
	}
}

// Each Welsh language category is printed in the Standards' words in the
// JD and the advert; essential and desirable are criteria of the person
// specification (essential scored at interview); the other two are not.
func TestWelshCategoryInEveryDocument(t *testing.T) {
	fws, err := defaults.Frameworks()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := compose.NewLibrary(fws...)
	if err != nil {
		t.Fatal(err)
	}
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	kinds, err := render.LookupKinds([]string{"jd", "advert", "spec", "scoring"})
	if err != nil {
		t.Fatal(err)
	}
	for cat, words := range map[string]string{
		"essential":     "Welsh language skills are essential",
		"learn":         "Welsh language skills need to be learnt when appointed to the post",
		"desirable":     "Welsh language skills are desirable",
		"not-necessary": "Welsh language skills are not necessary",
	} {
		cfg, err := config.LoadConfig("config.yaml", rolepack.DefaultConfig)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Vacancy.Welsh = cat
		ctx, err := compose.NewContext(cfg, lib, cfg.Role, cfg.Level, fixtureDate)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range kinds {
			d, err := e.Document(context.Background(), k, k.Documents(ctx)[0].Context)
			if err != nil {
				t.Fatal(err)
			}
			text := docText(d)
			switch k.ID {
			case "jd", "advert":
				if !strings.Contains(text, words) {
					t.Errorf("%s, welsh %s: no %q", k.ID, cat, words)
				}
			case "spec":
				has := strings.Contains(text, "Welsh language skills")
				if want := cat == "essential" || cat == "desirable"; has != want {
					t.Errorf("spec, welsh %s: criterion present %v, want %v", cat, has, want)
				}
			case "scoring":
				if has := strings.Contains(text, "Welsh language skills"); has != (cat == "essential") {
					t.Errorf("scoring, welsh %s: scored %v, want %v", cat, has, cat == "essential")
				}
			}
		}
	}
	cfg, _ := config.LoadConfig("config.yaml", rolepack.DefaultConfig)
	cfg.Vacancy.Welsh = "very desirable"
	if err := cfg.CheckValues(); err == nil || !strings.Contains(err.Error(), "vacancy.welsh") {
		t.Errorf("vacancy.welsh=very desirable: %v, want an error naming the key", err)
	}
}

// docText is every text of a document tree, one a line.
func docText(d *doc.Document) string {
	var b strings.Builder
	for _, t := range lint.DocumentTexts(d) {
		b.WriteString(t.Text.Text + "\n")
	}
	return b.String()
}

// A Welsh JD tags the framework text it gives in English (the key
// responsibilities) en-GB, block by block, in HTML and DOCX, so a screen
// reader switches voice; its Welsh headings stay the document's.
func TestWelshJDTagsEnglishBlocks(t *testing.T) {
	e := newEnv(t)
	cfg := *e.cfg
	cfg.Language = "cy"
	rc, err := compose.NewContext(&cfg, e.lib, cfg.Role, cfg.Level, fixtureDate)
	if err != nil {
		t.Fatal(err)
	}
	kinds, err := render.LookupKinds([]string{"jd"})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := e.r.Formats.Lookup([]string{"html", "docx"})
	if err != nil {
		t.Fatal(err)
	}
	files, err := e.r.Files(context.Background(), Request{Context: rc, Kinds: kinds, Formats: fs, Date: fixtureDate})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		switch f.Name {
		case "jd.html":
			page := string(f.Data)
			i := strings.Index(page, "Prif gyfrifoldebau</h2>")
			if i < 0 || !strings.HasPrefix(page[i+len("Prif gyfrifoldebau</h2>\n"):], `<div lang="en-GB">`+"\n<ol>") {
				t.Errorf("jd.html: the duties after the Welsh heading are not in an en-GB block:\n%.200s", page[max(i, 0):])
			}
			if strings.Contains(page, `<div lang="en-GB">`+"\n<h2") {
				t.Errorf("jd.html: a Welsh heading tagged English")
			}
		case "jd.docx":
			body := docxBody(t, f.Data)
			if !regexp.MustCompile(`<w:lang w:val="en-GB"/></w:rPr><w:t[^>]*>Inspire best practice`).MatchString(body) {
				t.Errorf("jd.docx: the first duty's run is not tagged en-GB")
			}
		}
	}
}

// docxBody is the word/document.xml of a DOCX.
func docxBody(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}
