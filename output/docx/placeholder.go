package docx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
)

// nsW is the WordprocessingML main namespace (transitional, as Word saves).
const nsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// nsWStrict is the main namespace of Strict Open XML, which rolepack does
// not read.
const nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"

// LetterheadKeys are the placeholders a letterhead may hold, without their
// braces: {{organisation}}, {{title}}, {{reference}}, {{date}} anywhere in
// the header, footer or body, and {{body}}, alone in a paragraph of the
// body, where rolepack's body goes.
var LetterheadKeys = []string{"organisation", "title", "reference", "date", "body"}

// keyBody marks where the body goes.
const keyBody = "body"

var placeholderRE = regexp.MustCompile(`\{\{\s*([A-Za-z]+)\s*\}\}`)

func knownKey(k string) bool {
	for _, x := range LetterheadKeys {
		if x == k {
			return true
		}
	}
	return false
}

// filledPart is a part's XML split around its placeholders: len(keys)+1
// literal pieces. Filling it with values gives the part for one document.
type filledPart struct {
	lits [][]byte
	keys []string
}

// fill appends the part with each placeholder's value (escaped for XML)
// in place; the body key takes body as raw XML.
func (p *filledPart) fill(out []byte, vals map[string]string, body []byte) []byte {
	for i, k := range p.keys {
		out = append(out, p.lits[i]...)
		if k == keyBody {
			out = append(out, body...)
			continue
		}
		out = appendEscaped(out, vals[k])
	}
	return append(out, p.lits[len(p.lits)-1]...)
}

// Placeholder is one placeholder found in a letterhead part.
type Placeholder struct {
	Key  string // e.g. "title"
	Part string // e.g. "word/header1.xml"
	Runs int    // how many runs Word split it over (1: whole)
}

// piece is a literal or a placeholder key of a rewritten text element.
type piece struct {
	lit string
	key string
}

// edit replaces data[start:end] with pieces.
type edit struct {
	start, end int64
	pieces     []piece
}

// tElem is one w:t element of a paragraph: its byte range, its text and
// the run it is in.
type tElem struct {
	start, end int64
	text       string
	run        *runInfo
}

type runInfo struct {
	start, end int64
	depth      int
	texts      int // w:t children
	others     int // children other than w:rPr and w:t
}

type paraInfo struct {
	start, end int64
	ts         []tElem
	topLevel   bool // a direct child of w:body
}

// templatePart finds the placeholders of a header, footer or document part
// (name) and splits the part around them. A placeholder that Word split
// over several runs ("{{ti" "tl" "e}}") is joined into the first run's
// text, keeping that run's formatting; runs left empty are removed. With
// allowBody, a paragraph of the body holding only {{body}} becomes the
// body key as a whole.
func templatePart(name string, data []byte, allowBody bool) (filledPart, []Placeholder, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var (
		paras  []*paraInfo
		runs   []*runInfo
		edits  []edit
		found  []Placeholder
		names  []string // element stack (local names of w: elements, "" for others)
		inT    *tElem
		tText  strings.Builder
		depth  int
		bodyAt = -1 // depth of w:body
	)
	for {
		before := dec.InputOffset()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return filledPart{}, nil, fmt.Errorf("%s: %w", name, err)
		}
		after := dec.InputOffset()
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			local := ""
			if t.Name.Space == nsW {
				local = t.Name.Local
			} else if t.Name.Space == nsWStrict {
				return filledPart{}, nil, fmt.Errorf("%s: saved as Strict Open XML: save it as a Word Document (.docx)", name)
			}
			names = append(names, local)
			if len(runs) > 0 && depth == runs[len(runs)-1].depth+1 && local != "rPr" && local != "t" {
				runs[len(runs)-1].others++
			}
			switch local {
			case "body":
				bodyAt = depth
			case "p":
				paras = append(paras, &paraInfo{start: before, topLevel: bodyAt > 0 && depth == bodyAt+1})
			case "r":
				runs = append(runs, &runInfo{start: before, depth: depth})
			case "t":
				if len(paras) > 0 && len(runs) > 0 && depth == runs[len(runs)-1].depth+1 {
					runs[len(runs)-1].texts++
					inT = &tElem{start: before, run: runs[len(runs)-1]}
					tText.Reset()
				}
			}
		case xml.CharData:
			if inT != nil {
				tText.Write(t)
			}
		case xml.EndElement:
			local := names[len(names)-1]
			names = names[:len(names)-1]
			depth--
			switch local {
			case "t":
				if inT != nil {
					inT.end = after
					inT.text = tText.String()
					p := paras[len(paras)-1]
					p.ts = append(p.ts, *inT)
					inT = nil
				}
			case "r":
				if len(runs) > 0 {
					runs[len(runs)-1].end = after
					runs = runs[:len(runs)-1]
				}
			case "p":
				p := paras[len(paras)-1]
				paras = paras[:len(paras)-1]
				p.end = after
				e, f, err := paragraphEdits(name, p, allowBody)
				if err != nil {
					return filledPart{}, nil, err
				}
				edits = append(edits, e...)
				found = append(found, f...)
			}
		}
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var fp filledPart
	var lit []byte
	pos := int64(0)
	for _, e := range edits {
		lit = append(lit, data[pos:e.start]...)
		for _, pc := range e.pieces {
			if pc.key == "" {
				lit = append(lit, pc.lit...)
				continue
			}
			fp.lits = append(fp.lits, lit)
			fp.keys = append(fp.keys, pc.key)
			lit = nil
		}
		pos = e.end
	}
	lit = append(lit, data[pos:]...)
	fp.lits = append(fp.lits, lit)
	return fp, found, nil
}

// paragraphEdits joins the text of a paragraph's runs, finds the
// placeholders in it and returns the edits that put each one whole into
// the w:t where it starts.
func paragraphEdits(name string, p *paraInfo, allowBody bool) ([]edit, []Placeholder, error) {
	var full strings.Builder
	offs := make([]int, len(p.ts))
	for i, t := range p.ts {
		offs[i] = full.Len()
		full.WriteString(t.text)
	}
	text := full.String()
	if !strings.Contains(text, "{{") {
		return nil, nil, nil
	}
	matches := placeholderRE.FindAllStringSubmatchIndex(text, -1)
	if len(matches) == 0 {
		return nil, nil, nil
	}
	segOf := func(at int) int {
		return sort.Search(len(offs), func(i int) bool { return offs[i] > at }) - 1
	}
	var found []Placeholder
	owner := make([]int, len(text))
	for i := range owner {
		owner[i] = -1
	}
	for mi, m := range matches {
		key := strings.ToLower(text[m[2]:m[3]])
		if !knownKey(key) {
			return nil, nil, fmt.Errorf("%s: unknown placeholder %s (known: {{%s}})", name, text[m[0]:m[1]], strings.Join(LetterheadKeys, "}}, {{"))
		}
		if key == keyBody {
			if !allowBody || !p.topLevel || strings.TrimSpace(text) != text[m[0]:m[1]] {
				return nil, nil, fmt.Errorf("%s: {{body}} must stand alone in a paragraph of the document body (not in a header, footer, table or text box)", name)
			}
			found = append(found, Placeholder{Key: key, Part: name, Runs: segOf(m[1]-1) - segOf(m[0]) + 1})
			return []edit{{start: p.start, end: p.end, pieces: []piece{{key: keyBody}}}}, found, nil
		}
		found = append(found, Placeholder{Key: key, Part: name, Runs: segOf(m[1]-1) - segOf(m[0]) + 1})
		for k := m[0]; k < m[1]; k++ {
			owner[k] = mi
		}
	}
	var edits []edit
	for i, t := range p.ts {
		from, to := offs[i], offs[i]+len(t.text)
		changed := false
		for k := from; k < to; k++ {
			if owner[k] >= 0 {
				changed = true
				break
			}
		}
		if !changed {
			continue
		}
		var pieces []piece
		var lit []byte
		for k := from; k < to; k++ {
			if mi := owner[k]; mi >= 0 {
				if k == matches[mi][0] {
					pieces = append(pieces, piece{lit: string(appendEscaped(nil, string(lit)))})
					pieces = append(pieces, piece{key: strings.ToLower(text[matches[mi][2]:matches[mi][3]])})
					lit = lit[:0]
				}
				continue
			}
			lit = append(lit, text[k])
		}
		if len(lit) > 0 {
			pieces = append(pieces, piece{lit: string(appendEscaped(nil, string(lit)))})
		}
		if len(pieces) == 0 {
			// Nothing left in this w:t: drop it, and its run when the run
			// held nothing else.
			if t.run.texts == 1 && t.run.others == 0 {
				edits = append(edits, edit{start: t.run.start, end: t.run.end})
			} else {
				edits = append(edits, edit{start: t.start, end: t.end})
			}
			continue
		}
		out := append([]piece{{lit: `<w:t xml:space="preserve">`}}, pieces...)
		edits = append(edits, edit{start: t.start, end: t.end, pieces: append(out, piece{lit: `</w:t>`})})
	}
	return edits, found, nil
}
