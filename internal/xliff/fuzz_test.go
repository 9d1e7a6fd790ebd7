package xliff

import (
	"strings"
	"testing"
)

// FuzzParse feeds Parse what a translator's tool might send back: it
// never panics, a document it refuses is one line naming the file (and a
// line), and a document it reads is written again as one it reads with
// the same units.
func FuzzParse(f *testing.F) {
	f.Add(sample().Marshal())
	f.Add([]byte(`<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-GB" trgLang="cy"><file id="f"><unit id="u"><segment state="translated"><source>a <pc id="1">b</pc></source><target>c</target></segment><segment><source>d</source></segment></unit></file></xliff>`))
	f.Add([]byte(`<xliff version="2.0"><file id="f"><unit id="u"></unit></file>`))
	f.Add([]byte("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\">\n<file id=\"a\">\n<group id=\"g\"><unit id=\"x\"><notes><note category=\"c\">n</note></notes><segment><source>s</source><target/></segment><ignorable><source> </source></ignorable></unit></group></file></xliff>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse("in.xlf", data)
		if err != nil {
			if msg := err.Error(); !strings.HasPrefix(msg, "in.xlf:") || strings.Contains(msg, "\n") {
				t.Fatalf("error %q: want one line starting in.xlf:", msg)
			}
			return
		}
		again, err := Parse("again.xlf", doc.Marshal())
		if err != nil {
			t.Fatalf("a document Parse read, written again, does not parse: %v", err)
		}
		if len(again.Files) != len(doc.Files) {
			t.Fatalf("%d files written again, want %d", len(again.Files), len(doc.Files))
		}
		for i := range doc.Files {
			a, b := doc.Files[i].Units, again.Files[i].Units
			if len(a) != len(b) {
				t.Fatalf("file %d: %d units written again, want %d", i, len(b), len(a))
			}
			for j := range a {
				if a[j].ID != b[j].ID || a[j].HasTarget != b[j].HasTarget || a[j].State != b[j].State {
					t.Fatalf("unit %q written again as %q (target %v/%v, state %q/%q)", a[j].ID, b[j].ID, a[j].HasTarget, b[j].HasTarget, a[j].State, b[j].State)
				}
			}
		}
	})
}
