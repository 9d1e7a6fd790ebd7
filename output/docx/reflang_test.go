package docx

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rolepack/rolepack/templates/reference"
)

// TestReferenceWithoutLang: a reference restyled in an editor that drops
// the default language (LibreOffice does) is accepted, and every document
// still states its language.
func TestReferenceWithoutLang(t *testing.T) {
	fsys := fstest.MapFS{}
	err := fs.WalkDir(reference.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(reference.FS(), p)
		fsys[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	lang := regexp.MustCompile(`<w:lang [^>]*/>`)
	fsys["word/styles.xml"].Data = lang.ReplaceAll(fsys["word/styles.xml"].Data, nil)
	fsys["word/settings.xml"].Data = regexp.MustCompile(`<w:themeFontLang [^>]*/>`).ReplaceAll(fsys["word/settings.xml"].Data, nil)
	w, err := newFromFS(fsys)
	if err != nil {
		t.Fatalf("a good edit without w:lang is rejected: %v", err)
	}
	d := jdDocument()
	d.Meta.Language = "cy-GB"
	parts, _ := unzip(t, render(t, w, d))
	if !strings.Contains(string(parts["word/styles.xml"]), `<w:rPrDefault><w:rPr><w:lang w:val="cy-GB"/>`) &&
		!regexp.MustCompile(`<w:rPrDefault>\s*<w:rPr><w:lang w:val="cy-GB"/>`).Match(parts["word/styles.xml"]) {
		t.Errorf("language not added to the default run properties:\n%.700s", parts["word/styles.xml"])
	}
}
