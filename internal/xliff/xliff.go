// Package xliff writes and reads XLIFF 2.0 documents (OASIS XLIFF Version
// 2.0, core), the format translators' tools (Trados, memoQ, Phrase,
// OmegaT) exchange: one file of units, each with notes giving its context
// and one segment holding the English source and, when there is one, its
// translation. Reading keeps the line each unit starts on, so problems
// say file:line.
package xliff

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Namespace is the XLIFF 2.0 document namespace.
const Namespace = "urn:oasis:names:tc:xliff:document:2.0"

// States are the values of a segment's state, in order.
var States = []string{"initial", "translated", "reviewed", "final"}

// Document is an XLIFF 2.0 document: its languages and files.
type Document struct {
	SrcLang, TrgLang string
	Files            []File
}

// File is one <file>: an id, the name of what it was made from, notes
// about the whole file, units.
type File struct {
	ID, Original string
	Notes        []Note
	Units        []Unit
}

// Unit is one <unit>: an id unique in its file, notes, and the text of its
// segments (joined, when a translator's tool split the unit into several).
type Unit struct {
	ID     string
	Notes  []Note
	Source string
	Target string
	// HasTarget says the unit has a <target> (perhaps empty).
	HasTarget bool
	// State is the segment's state (initial, translated, reviewed,
	// final); "" when the segment gives none (XLIFF's default, initial).
	State string
	Line  int // line of the <unit> start tag, from 1 (set by Parse)
}

// Note is one <note>.
type Note struct {
	Category, Text string
}

// Marshal writes d as XLIFF 2.0: the same document gives the same bytes.
func (d *Document) Marshal() []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, "<xliff xmlns=%q version=\"2.0\" srcLang=%s", Namespace, attr(d.SrcLang))
	if d.TrgLang != "" {
		fmt.Fprintf(&b, " trgLang=%s", attr(d.TrgLang))
	}
	b.WriteString(">\n")
	for _, f := range d.Files {
		fmt.Fprintf(&b, "  <file id=%s", attr(f.ID))
		if f.Original != "" {
			fmt.Fprintf(&b, " original=%s", attr(f.Original))
		}
		b.WriteString(">\n")
		writeNotes(&b, "    ", f.Notes)
		for _, u := range f.Units {
			fmt.Fprintf(&b, "    <unit id=%s>\n", attr(u.ID))
			writeNotes(&b, "      ", u.Notes)
			b.WriteString("      <segment")
			if u.State != "" {
				fmt.Fprintf(&b, " state=%s", attr(u.State))
			}
			b.WriteString(">\n")
			fmt.Fprintf(&b, "        <source>%s</source>\n", text(u.Source))
			if u.HasTarget || u.Target != "" {
				fmt.Fprintf(&b, "        <target>%s</target>\n", text(u.Target))
			}
			b.WriteString("      </segment>\n    </unit>\n")
		}
		b.WriteString("  </file>\n")
	}
	b.WriteString("</xliff>\n")
	return b.Bytes()
}

// writeNotes writes a <notes> element of notes, indented.
func writeNotes(b *bytes.Buffer, indent string, notes []Note) {
	if len(notes) == 0 {
		return
	}
	b.WriteString(indent + "<notes>\n")
	for _, n := range notes {
		b.WriteString(indent + "  <note")
		if n.Category != "" {
			fmt.Fprintf(b, " category=%s", attr(n.Category))
		}
		fmt.Fprintf(b, ">%s</note>\n", text(n.Text))
	}
	b.WriteString(indent + "</notes>\n")
}

func attr(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return `"` + strings.ReplaceAll(b.String(), `"`, "&quot;") + `"`
}

func text(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	// EscapeText writes a newline as &#xA;: keep the text readable.
	return strings.ReplaceAll(b.String(), "&#xA;", "\n")
}

// ValidID reports whether s is an XML NMTOKEN, what XLIFF 2.0 requires of
// an id: letters, digits, '.', '-', '_', ':' and combining marks.
func ValidID(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_', r == ':':
		case r > 0x7f && r != 0xd7 && r != 0xf7 && !(r >= 0x2000 && r <= 0x206f):
		default:
			return false
		}
	}
	return true
}

// Error is a problem with an XLIFF document at a line.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// parser reads one document, knowing each token's line.
type parser struct {
	name  string
	data  []byte
	dec   *xml.Decoder
	lines []int // offset of each line start
}

func (p *parser) line(off int64) int {
	lo, hi := 0, len(p.lines)
	for lo+1 < hi {
		m := (lo + hi) / 2
		if int64(p.lines[m]) <= off {
			lo = m
		} else {
			hi = m
		}
	}
	return lo + 1
}

func (p *parser) errAt(off int64, format string, args ...any) error {
	return &Error{File: p.name, Line: p.line(off), Msg: fmt.Sprintf(format, args...)}
}

// Parse reads an XLIFF 2.0 document; name is its file name, for errors
// ("cy.xlf:12: unit ddat.x has no id"). It checks what the core schema
// requires of the elements rolepack reads: the namespace, version 2.0,
// srcLang, each file's and unit's id (NMTOKENs, unique), one source per
// segment, a known state. Inline codes in a target (a tool's <pc>, <mrk>)
// give their text; a placeholder (<ph>, <cp>, <sc>, <ec>) is an error,
// since rolepack's sources have none.
func Parse(name string, data []byte) (*Document, error) {
	p := &parser{name: name, data: data, dec: xml.NewDecoder(bytes.NewReader(data)), lines: []int{0}}
	for i, c := range data {
		if c == '\n' {
			p.lines = append(p.lines, i+1)
		}
	}
	p.dec.Strict = true
	var doc *Document
	for {
		off := p.dec.InputOffset()
		tok, err := p.dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, p.syntaxErr(err, off)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if doc != nil {
				return nil, p.errAt(off, "a second root element <%s>", se.Name.Local)
			}
			if doc, err = p.root(se, off); err != nil {
				return nil, err
			}
		}
	}
	if doc == nil {
		return nil, &Error{File: name, Line: 1, Msg: "not an XLIFF document: no <xliff> element"}
	}
	return doc, nil
}

func (p *parser) syntaxErr(err error, off int64) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return &Error{File: p.name, Line: se.Line, Msg: "malformed XML: " + se.Msg}
	}
	return p.errAt(off, "malformed XML: %v", err)
}

func attrOf(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local && (a.Name.Space == "" || a.Name.Space == se.Name.Space) {
			return a.Value, true
		}
	}
	return "", false
}

func (p *parser) root(se xml.StartElement, off int64) (*Document, error) {
	if se.Name.Local != "xliff" {
		return nil, p.errAt(off, "not an XLIFF document: the root element is <%s>, not <xliff>", se.Name.Local)
	}
	if se.Name.Space != Namespace {
		if v, _ := attrOf(se, "version"); v != "" && v != "2.0" {
			return nil, p.errAt(off, "XLIFF version %q: rolepack reads XLIFF 2.0 (namespace %s); export again, or save as XLIFF 2.0 in your tool", v, Namespace)
		}
		return nil, p.errAt(off, "<xliff> is not in the XLIFF 2.0 namespace %s", Namespace)
	}
	if v, _ := attrOf(se, "version"); v != "2.0" {
		return nil, p.errAt(off, "<xliff> version %q: want 2.0", v)
	}
	doc := &Document{}
	var ok bool
	if doc.SrcLang, ok = attrOf(se, "srcLang"); !ok || doc.SrcLang == "" {
		return nil, p.errAt(off, "<xliff> has no srcLang (required)")
	}
	doc.TrgLang, _ = attrOf(se, "trgLang")
	files := map[string]bool{}
	for {
		off := p.dec.InputOffset()
		tok, err := p.dec.Token()
		if err != nil {
			return nil, p.syntaxErr(err, off)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return doc, nil
		case xml.StartElement:
			if t.Name.Local != "file" || t.Name.Space != Namespace {
				if err := p.dec.Skip(); err != nil {
					return nil, p.syntaxErr(err, off)
				}
				continue
			}
			f, err := p.file(t, off, doc)
			if err != nil {
				return nil, err
			}
			if files[f.ID] {
				return nil, p.errAt(off, "a second <file> with id %q", f.ID)
			}
			files[f.ID] = true
			doc.Files = append(doc.Files, *f)
		}
	}
}

func (p *parser) file(se xml.StartElement, off int64, doc *Document) (*File, error) {
	f := &File{}
	f.ID, _ = attrOf(se, "id")
	if !ValidID(f.ID) {
		return nil, p.errAt(off, "<file> id %q: a file needs an id of letters, digits, '.', '-', '_' or ':'", f.ID)
	}
	f.Original, _ = attrOf(se, "original")
	units := map[string]int{}
	var walk func() error
	walk = func() error {
		for {
			off := p.dec.InputOffset()
			tok, err := p.dec.Token()
			if err != nil {
				return p.syntaxErr(err, off)
			}
			switch t := tok.(type) {
			case xml.EndElement:
				return nil
			case xml.StartElement:
				switch {
				case t.Name.Space == Namespace && t.Name.Local == "unit":
					u, err := p.unit(t, off, doc)
					if err != nil {
						return err
					}
					if l, dup := units[u.ID]; dup {
						return p.errAt(off, "unit %s is given twice in file %s (first at line %d)", u.ID, f.ID, l)
					}
					units[u.ID] = u.Line
					f.Units = append(f.Units, *u)
				case t.Name.Space == Namespace && t.Name.Local == "notes":
					var holder Unit
					if err := p.notes(&holder); err != nil {
						return err
					}
					f.Notes = append(f.Notes, holder.Notes...)
				case t.Name.Space == Namespace && t.Name.Local == "group":
					if err := walk(); err != nil {
						return err
					}
				default:
					if err := p.dec.Skip(); err != nil {
						return p.syntaxErr(err, off)
					}
				}
			}
		}
	}
	return f, walk()
}

func (p *parser) unit(se xml.StartElement, off int64, doc *Document) (*Unit, error) {
	u := &Unit{Line: p.line(off)}
	u.ID, _ = attrOf(se, "id")
	if !ValidID(u.ID) {
		return nil, p.errAt(off, "<unit> id %q: a unit needs an id of letters, digits, '.', '-', '_' or ':'", u.ID)
	}
	segments := 0
	for {
		off := p.dec.InputOffset()
		tok, err := p.dec.Token()
		if err != nil {
			return nil, p.syntaxErr(err, off)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if segments == 0 {
				return nil, p.errAt(off, "unit %s has no <segment>", u.ID)
			}
			return u, nil
		case xml.StartElement:
			if t.Name.Space != Namespace {
				if err := p.dec.Skip(); err != nil {
					return nil, p.syntaxErr(err, off)
				}
				continue
			}
			switch t.Name.Local {
			case "notes":
				if err := p.notes(u); err != nil {
					return nil, err
				}
			case "segment", "ignorable":
				if t.Name.Local == "segment" {
					segments++
					if st, ok := attrOf(t, "state"); ok {
						if !known(st) {
							return nil, p.errAt(off, "unit %s: segment state %q: want one of %s", u.ID, st, strings.Join(States, ", "))
						}
						if u.State == "" || rank(st) < rank(u.State) {
							u.State = st // a unit is as far on as its least finished segment
						}
					}
				}
				if err := p.segment(u, t.Name.Local, off, doc); err != nil {
					return nil, err
				}
			default:
				if err := p.dec.Skip(); err != nil {
					return nil, p.syntaxErr(err, off)
				}
			}
		}
	}
}

func known(st string) bool { return rank(st) >= 0 }

func rank(st string) int {
	for i, s := range States {
		if s == st {
			return i
		}
	}
	return -1
}

func (p *parser) notes(u *Unit) error {
	for {
		off := p.dec.InputOffset()
		tok, err := p.dec.Token()
		if err != nil {
			return p.syntaxErr(err, off)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if t.Name.Local != "note" {
				if err := p.dec.Skip(); err != nil {
					return p.syntaxErr(err, off)
				}
				continue
			}
			n := Note{}
			n.Category, _ = attrOf(t, "category")
			s, err := p.content(u, "note")
			if err != nil {
				return err
			}
			n.Text = s
			u.Notes = append(u.Notes, n)
		}
	}
}

func (p *parser) segment(u *Unit, kind string, segOff int64, doc *Document) error {
	sources := 0
	for {
		off := p.dec.InputOffset()
		tok, err := p.dec.Token()
		if err != nil {
			return p.syntaxErr(err, off)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if sources != 1 {
				return p.errAt(segOff, "unit %s: a <%s> needs one <source>, it has %d", u.ID, kind, sources)
			}
			return nil
		case xml.StartElement:
			switch t.Name.Local {
			case "source":
				sources++
				s, err := p.content(u, "source")
				if err != nil {
					return err
				}
				u.Source += s
			case "target":
				if doc.TrgLang == "" {
					return p.errAt(off, "unit %s has a <target> but <xliff> has no trgLang (required with targets)", u.ID)
				}
				s, err := p.content(u, "target")
				if err != nil {
					return err
				}
				u.Target += s
				u.HasTarget = true
			default:
				if err := p.dec.Skip(); err != nil {
					return p.syntaxErr(err, off)
				}
			}
		}
	}
}

// content is the text of the element just opened, with the text of the
// inline elements that wrap text (<pc>, <mrk>); a placeholder is an error.
func (p *parser) content(u *Unit, what string) (string, error) {
	var b strings.Builder
	depth := 0
	for {
		off := p.dec.InputOffset()
		tok, err := p.dec.Token()
		if err != nil {
			return "", p.syntaxErr(err, off)
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			switch t.Name.Local {
			case "pc", "mrk":
				depth++
			default:
				return "", p.errAt(off, "unit %s: <%s> in the %s: rolepack's text has no inline codes; give the translation as plain text", u.ID, t.Name.Local, what)
			}
		case xml.EndElement:
			if depth == 0 {
				return b.String(), nil
			}
			depth--
		}
	}
}
