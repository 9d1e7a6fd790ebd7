package xliff

import (
	"bytes"
	"encoding/xml"
	"io"
	"reflect"
	"strings"
	"testing"
)

func sample() *Document {
	return &Document{SrcLang: "en-GB", TrgLang: "cy", Files: []File{{ID: "rolepack", Original: "role data-engineer at level head", Units: []Unit{
		{ID: "role.data-engineer.head.title", Notes: []Note{{Category: "context", Text: "the job title"}}, Source: "Head of data engineering", Target: "Pennaeth peirianneg data", HasTarget: true, State: "translated"},
		{ID: "a.b-c.d1.duty", Notes: []Note{{Category: "context", Text: `a duty with <markup> & "quotes"`}}, Source: "Use <b> & \"quotes\"\nover two lines"},
	}}}}
}

// CheckCore checks data against the structure XLIFF 2.0's core schema
// (xliff_core_2.0.xsd) gives the elements rolepack writes, reading it with
// encoding/xml alone: the root and its required attributes, file and unit
// ids (NMTOKENs, unique in their scope), notes before the segment, one
// source per segment and a target after it, states from the schema's
// enumeration, and no element outside the namespace.
func checkCore(t *testing.T, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []string
	fileIDs, unitIDs := map[string]bool{}, map[string]bool{}
	var seenSegment, seenSource bool
	allowed := map[string][]string{
		"":        {"xliff"},
		"xliff":   {"file"},
		"file":    {"unit", "group", "notes"},
		"unit":    {"notes", "segment", "ignorable"},
		"notes":   {"note"},
		"segment": {"source", "target"},
	}
	attrs := func(se xml.StartElement) map[string]string {
		m := map[string]string{}
		for _, a := range se.Attr {
			if a.Name.Space == "" {
				m[a.Name.Local] = a.Value
			}
		}
		return m
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			if x.Name.Space != Namespace {
				t.Errorf("<%s> is outside the XLIFF 2.0 namespace (%q)", x.Name.Local, x.Name.Space)
			}
			ok := false
			for _, c := range allowed[parent] {
				ok = ok || c == x.Name.Local
			}
			if !ok {
				t.Errorf("<%s> may not be a child of <%s>", x.Name.Local, parent)
			}
			a := attrs(x)
			switch x.Name.Local {
			case "xliff":
				if a["version"] != "2.0" || a["srcLang"] == "" {
					t.Errorf("<xliff> attributes %v: version 2.0 and srcLang are required", a)
				}
			case "file":
				if !ValidID(a["id"]) || fileIDs[a["id"]] {
					t.Errorf("<file> id %q is not a unique NMTOKEN", a["id"])
				}
				fileIDs[a["id"]] = true
				unitIDs = map[string]bool{}
			case "unit":
				if !ValidID(a["id"]) || unitIDs[a["id"]] {
					t.Errorf("<unit> id %q is not a unique NMTOKEN", a["id"])
				}
				unitIDs[a["id"]] = true
				seenSegment = false
			case "notes":
				if seenSegment {
					t.Error("<notes> after a <segment>: the schema puts them first")
				}
			case "segment":
				seenSegment, seenSource = true, false
				if st, has := a["state"]; has && rank(st) < 0 {
					t.Errorf("segment state %q is not in the schema's enumeration", st)
				}
			case "source":
				if seenSource {
					t.Error("two <source> in a segment")
				}
				seenSource = true
			case "target":
				if !seenSource {
					t.Error("<target> before <source>")
				}
			}
			stack = append(stack, x.Name.Local)
		case xml.EndElement:
			if x.Name.Local == "segment" && !seenSource {
				t.Error("a <segment> with no <source>")
			}
			stack = stack[:len(stack)-1]
		}
	}
}

func TestMarshalIsXLIFF20Core(t *testing.T) {
	d := sample()
	data := d.Marshal()
	checkCore(t, data)
	if !bytes.Equal(data, d.Marshal()) {
		t.Error("the same document gave different bytes")
	}
	back, err := Parse("cy.xlf", data)
	if err != nil {
		t.Fatal(err)
	}
	for i := range back.Files[0].Units {
		if back.Files[0].Units[i].Line == 0 {
			t.Errorf("unit %d has no line", i)
		}
		back.Files[0].Units[i].Line = 0
	}
	if !reflect.DeepEqual(back, d) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, d)
	}
	if got := back; got.Files[0].Units[1].Source != "Use <b> & \"quotes\"\nover two lines" {
		t.Errorf("source %q", got.Files[0].Units[1].Source)
	}
}

// TestParseReadsWhatToolsWrite: a document as a translation tool saves it
// (segments split, ignorable space between them, inline <pc> and <mrk>
// around target text, groups, another namespace's metadata, state final)
// gives each unit's whole text.
func TestParseReadsWhatToolsWrite(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0" version="2.0" srcLang="en-GB" trgLang="cy">
  <file id="rolepack">
    <mda:metadata><mda:metaGroup><mda:meta type="tool">x</mda:meta></mda:metaGroup></mda:metadata>
    <group id="g1">
      <unit id="u1">
        <segment state="final"><source>One.</source><target>Un.</target></segment>
        <ignorable><source> </source><target> </target></ignorable>
        <segment state="reviewed"><source>Two.</source><target><mrk id="m1" translate="yes">Dau</mrk>.</target></segment>
      </unit>
    </group>
    <unit id="u2">
      <segment><source>Three</source><target><pc id="1">Tri</pc></target></segment>
    </unit>
  </file>
</xliff>
`
	d, err := Parse("t.xlf", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	u := d.Files[0].Units
	if len(u) != 2 || u[0].Source != "One. Two." || u[0].Target != "Un. Dau." || u[0].State != "reviewed" || u[0].Line != 6 {
		t.Errorf("unit 1: %+v", u[0])
	}
	if u[1].Target != "Tri" || u[1].State != "" || u[1].Line != 12 {
		t.Errorf("unit 2: %+v", u[1])
	}
}

func TestParseErrorsSayLine(t *testing.T) {
	head := `<?xml version="1.0"?>` + "\n" + `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-GB" trgLang="cy">` + "\n"
	unit := func(id, body string) string { return `<unit id="` + id + `">` + body + "</unit>\n" }
	seg := "<segment><source>a</source><target>b</target></segment>"
	for _, c := range []struct{ name, doc, want string }{
		{"not XML", "hello", "t.xlf:1: not an XLIFF document"},
		{"unclosed", head + `<file id="f">` + "\n" + `<unit id="u"><segment><source>a</source>` + "\n</segment>\n", "t.xlf:6: malformed XML: unexpected EOF"},
		{"mismatched", head + `<file id="f">` + "\n" + `<unit id="u"><segment><source>a</sourc>`, "t.xlf:4: malformed XML: element <source> closed by </sourc>"},
		{"XLIFF 1.2", `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file/></xliff>`, "t.xlf:1: XLIFF version \"1.2\": rolepack reads XLIFF 2.0"},
		{"version with a line break", "<xliff version=\"\n\" xmlns=\"urn:x\"><file/></xliff>", "t.xlf:1: XLIFF version \"\\n\": rolepack reads"},
		{"no srcLang", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"></xliff>`, "t.xlf:1: <xliff> has no srcLang"},
		{"target with no trgLang", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">` + "\n<file id=\"f\">\n" + unit("u", seg) + "</file></xliff>", "t.xlf:3: unit u has a <target> but <xliff> has no trgLang"},
		{"file with no id", head + "<file>\n</file></xliff>", "t.xlf:3: <file> id \"\""},
		{"unit with a bad id", head + "<file id=\"f\">\n" + unit("a b", seg) + "</file></xliff>", `t.xlf:4: <unit> id "a b"`},
		{"unit twice", head + "<file id=\"f\">\n" + unit("u", seg) + unit("u", seg) + "</file></xliff>", "t.xlf:5: unit u is given twice in file f (first at line 4)"},
		{"no segment", head + "<file id=\"f\">\n" + unit("u", "<notes><note>x</note></notes>") + "</file></xliff>", "t.xlf:4: unit u has no <segment>"},
		{"two sources", head + "<file id=\"f\">\n" + unit("u", "<segment><source>a</source><source>b</source></segment>") + "</file></xliff>", "t.xlf:4: unit u: a <segment> needs one <source>, it has 2"},
		{"bad state", head + "<file id=\"f\">\n" + unit("u", `<segment state="done"><source>a</source></segment>`) + "</file></xliff>", `t.xlf:4: unit u: segment state "done"`},
		{"placeholder", head + "<file id=\"f\">\n" + unit("u", `<segment><source>a</source><target>b <ph id="1"/></target></segment>`) + "</file></xliff>", "t.xlf:4: unit u: <ph> in the target"},
	} {
		_, err := Parse("t.xlf", []byte(c.doc))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: %v, want %s…", c.name, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: the error is more than one line", c.name)
		}
	}
}
