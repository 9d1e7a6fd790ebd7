package pdfcheck

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// pageContent is what the check reads from a page's content stream.
type pageContent struct {
	mcids    []int          // MCIDs of marked-content sequences, in order
	mcidSeen map[int]int    // how often each MCID opens a sequence
	unmarked []string       // painting operators outside tagged content and artifacts
	nested   map[string]int // "01-003" / "01-004": how often, with the first in first
	first    map[string]string
	// shown are the strings shown in each font, by the font's
	// resource name.
	shown map[string][][]byte
}

// painting are the operators that put something on the page.
var painting = map[string]bool{"Tj": true, "TJ": true, "'": true, "\"": true, "S": true, "s": true, "f": true, "F": true,
	"f*": true, "B": true, "B*": true, "b": true, "b*": true, "Do": true, "sh": true, "BI": true}

// token is one lexical item of a content stream.
type token struct {
	kind byte // 'o' operator, 'n' name, 's' string (its bytes), 'v' other operand, '<' dict open, '>' dict close
	s    string
}

// lex splits a content stream into tokens, skipping strings' contents
// (they are operands) and inline image data.
func lex(c []byte) ([]token, error) {
	var out []token
	i := 0
	for i < len(c) {
		ch := c[i]
		switch {
		case ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t' || ch == '\f' || ch == 0:
			i++
		case ch == '%':
			for i < len(c) && c[i] != '\n' && c[i] != '\r' {
				i++
			}
		case ch == '(':
			str, n, err := literal(c[i:])
			if err != nil {
				return nil, fmt.Errorf("%w at byte %d", err, i)
			}
			out = append(out, token{'s', string(str)})
			i += n
		case ch == '<' && i+1 < len(c) && c[i+1] == '<':
			out = append(out, token{'<', "<<"})
			i += 2
		case ch == '>' && i+1 < len(c) && c[i+1] == '>':
			out = append(out, token{'>', ">>"})
			i += 2
		case ch == '<':
			j := bytes.IndexByte(c[i:], '>')
			if j < 0 {
				return nil, fmt.Errorf("an unterminated hex string at byte %d", i)
			}
			out = append(out, token{'s', string(hexBytes(c[i+1 : i+j]))})
			i += j + 1
		case ch == '[' || ch == ']' || ch == '{' || ch == '}':
			out = append(out, token{'v', string(ch)})
			i++
		default:
			j := i + 1
			for j < len(c) && !bytes.ContainsRune([]byte(" \n\r\t\f\x00()<>[]{}/%"), rune(c[j])) {
				j++
			}
			s := string(c[i:j])
			i = j
			switch {
			case s[0] == '/':
				out = append(out, token{'n', s[1:]})
			case s[0] == '-' || s[0] == '+' || s[0] == '.' || s[0] >= '0' && s[0] <= '9' || s == "true" || s == "false" || s == "null":
				out = append(out, token{'v', s})
			default:
				out = append(out, token{'o', s})
				if s == "ID" {
					// Inline image data runs to whitespace, EI, whitespace.
					k := i + 1
					for k+2 < len(c) && !(isSpace(c[k]) && c[k+1] == 'E' && c[k+2] == 'I' && (k+3 == len(c) || isSpace(c[k+3]))) {
						k++
					}
					i = k + 3
				}
			}
		}
	}
	return out, nil
}

// literal reads the literal string at the start of c: its bytes and its
// length in c.
func literal(c []byte) ([]byte, int, error) {
	var out []byte
	depth := 0
	for i := 0; i < len(c); i++ {
		ch := c[i]
		switch {
		case ch == '\\' && i+1 < len(c):
			i++
			switch e := c[i]; e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '\r':
				if i+1 < len(c) && c[i+1] == '\n' {
					i++
				}
			case '\n':
			default:
				if e >= '0' && e <= '7' {
					v := 0
					for k := 0; k < 3 && i < len(c) && c[i] >= '0' && c[i] <= '7'; k++ {
						v = v*8 + int(c[i]-'0')
						i++
					}
					i--
					out = append(out, byte(v))
				} else {
					out = append(out, e)
				}
			}
		case ch == '(':
			if depth > 0 {
				out = append(out, ch)
			}
			depth++
		case ch == ')':
			depth--
			if depth == 0 {
				return out, i + 1, nil
			}
			out = append(out, ch)
		default:
			out = append(out, ch)
		}
	}
	return nil, 0, fmt.Errorf("an unterminated string")
}

// hexBytes decodes the digits of a hex string (white space ignored, an
// odd last digit followed by 0).
func hexBytes(h []byte) []byte {
	var digits []byte
	for _, b := range h {
		switch {
		case b >= '0' && b <= '9':
			digits = append(digits, b-'0')
		case b >= 'a' && b <= 'f':
			digits = append(digits, b-'a'+10)
		case b >= 'A' && b <= 'F':
			digits = append(digits, b-'A'+10)
		}
	}
	if len(digits)%2 == 1 {
		digits = append(digits, 0)
	}
	out := make([]byte, len(digits)/2)
	for i := range out {
		out[i] = digits[2*i]<<4 | digits[2*i+1]
	}
	return out
}

func isSpace(b byte) bool {
	return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0
}

// scanContent reads a page's content: its marked content, what is
// painted outside it, and the device colours it sets (6.2.4.3).
func (c *checker) scanContent(page int, content []byte, res types.Dict) (*pageContent, error) {
	toks, err := lex(content)
	if err != nil {
		return nil, err
	}
	pc := &pageContent{mcidSeen: map[int]int{}, nested: map[string]int{}, first: map[string]string{}, shown: map[string][][]byte{}}
	font := ""
	type open struct {
		mcid     int // -1 when none
		artifact bool
	}
	var stack []open
	inTagged := func() bool {
		for _, o := range stack {
			if o.mcid >= 0 {
				return true
			}
		}
		return false
	}
	inArtifact := func() bool {
		for _, o := range stack {
			if o.artifact {
				return true
			}
		}
		return false
	}
	nest := func(id, what string) {
		if pc.nested[id] == 0 {
			pc.first[id] = what
		}
		pc.nested[id]++
	}
	var ops []token
	colours := map[string]bool{}
	for _, t := range toks {
		if t.kind != 'o' {
			ops = append(ops, t)
			continue
		}
		switch t.s {
		case "BMC", "BDC":
			o := open{mcid: -1}
			if len(ops) > 0 && ops[0].kind == 'n' {
				o.artifact = ops[0].s == "Artifact"
			}
			if t.s == "BDC" {
				o.mcid = mcidOf(c, ops, res)
			}
			if o.mcid >= 0 {
				if inArtifact() {
					nest("01-004", fmt.Sprintf("page %d: MCID %d inside an artifact", page, o.mcid))
				}
				pc.mcids = append(pc.mcids, o.mcid)
				pc.mcidSeen[o.mcid]++
			}
			if o.artifact && inTagged() {
				nest("01-003", fmt.Sprintf("page %d: an artifact inside tagged content", page))
			}
			stack = append(stack, o)
		case "EMC":
			if len(stack) == 0 {
				return nil, fmt.Errorf("EMC without BMC or BDC")
			}
			stack = stack[:len(stack)-1]
		case "Tf":
			if len(ops) > 0 && ops[0].kind == 'n' {
				font = ops[0].s
			}
		case "Tj", "TJ", "'", "\"":
			for _, o := range ops {
				if o.kind == 's' {
					pc.shown[font] = append(pc.shown[font], []byte(o.s))
				}
			}
		case "rg", "RG":
			colours["DeviceRGB"] = true
		case "k", "K":
			colours["DeviceCMYK"] = true
		case "g", "G":
			colours["DeviceGray"] = true
		case "cs", "CS":
			if len(ops) > 0 && ops[0].kind == 'n' {
				name := ops[0].s
				switch name {
				case "DeviceRGB", "DeviceCMYK", "DeviceGray":
					colours[name] = true
				default:
					if cs := c.dict(res["ColorSpace"]); cs != nil {
						c.deviceColour(c.deref(cs[name]), "page %d: colour space %s", page, name)
					}
				}
			}
		case "BI":
			// An inline image's colour space is among the tokens up to ID;
			// they are read with it.
		case "ID":
			for k := 0; k+1 < len(ops); k++ {
				if ops[k].kind == 'n' && (ops[k].s == "CS" || ops[k].s == "ColorSpace") && ops[k+1].kind == 'n' {
					c.deviceColour(types.Name(ops[k+1].s), "page %d: an inline image", page)
				}
			}
		}
		if painting[t.s] && !inTagged() && !inArtifact() {
			pc.unmarked = append(pc.unmarked, t.s)
		}
		ops = ops[:0]
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("%d marked-content sequences left open", len(stack))
	}
	for _, cs := range []string{"DeviceRGB", "DeviceCMYK", "DeviceGray"} {
		if colours[cs] {
			if cs != "DeviceGray" || c.intent == "" {
				// DeviceGray is fine with any output intent; the others
				// with their own. A DefaultRGB (and so on) in the page's
				// resources makes the device space independent.
				if csd := c.dict(res["ColorSpace"]); csd != nil && csd["Default"+cs[len("Device"):]] != nil {
					continue
				}
			}
			c.deviceColour(types.Name(cs), "page %d", page)
		}
	}
	return pc, nil
}

// mcidOf is the MCID of a BDC's properties (inline or a named resource),
// or -1.
func mcidOf(c *checker, ops []token, res types.Dict) int {
	for k := 0; k+1 < len(ops); k++ {
		if ops[k].kind == 'n' && ops[k].s == "MCID" {
			if n, err := strconv.Atoi(ops[k+1].s); err == nil {
				return n
			}
		}
	}
	if len(ops) == 2 && ops[1].kind == 'n' {
		if props := c.dict(res["Properties"]); props != nil {
			if d := c.dict(props[ops[1].s]); d != nil {
				if n, ok := c.deref(d["MCID"]).(types.Integer); ok {
					return int(n)
				}
			}
		}
	}
	return -1
}

// pageContents reads the content of page i (0-based), its streams joined.
func (c *checker) pageContents(i int) ([]byte, error) {
	var streams types.Array
	switch o := c.deref(c.pages[i]["Contents"]).(type) {
	case nil:
		return nil, nil
	case types.Array:
		streams = o
	default:
		streams = types.Array{c.pages[i]["Contents"]}
	}
	var b []byte
	for _, s := range streams {
		sd, err := c.stream(s)
		if err != nil {
			return nil, fmt.Errorf("page %d: content stream: %w", i+1, err)
		}
		b = append(b, sd.Content...)
		b = append(b, '\n')
	}
	return b, nil
}
