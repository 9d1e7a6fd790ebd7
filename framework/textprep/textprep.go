// Package textprep turns the bytes of a framework source document into
// numbered lines that every importer can read the same way: size limit,
// empty and binary files refused, byte-order mark and stray U+FEFF removed,
// LF, CRLF and lone CR line endings, no line-length limit, trailing white
// space (including NBSP, U+2028, U+2029, U+200B) trimmed, a file saved in
// Windows-1252 rather than UTF-8 read as Windows-1252 with a warning, and
// UTF-8 text that was once decoded as Windows-1252 ("mojibake") repaired
// with a warning.
package textprep

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/internal/userfile"
	"golang.org/x/text/encoding/charmap"
)

// Line is one physical line of a prepared document.
type Line struct {
	// N is the 1-based physical line number (a CRLF pair is one break, the
	// byte-order mark is not a line).
	N int
	// Text is the line with trailing white space trimmed, stray U+FEFF
	// removed and mojibake repaired. Leading indentation is kept as written.
	Text string
}

// Doc is a prepared source document.
type Doc struct {
	Path     string
	Lines    []Line
	Warnings []framework.Problem
}

// Errorf returns an error-severity problem at d.Path:line.
func (d *Doc) Errorf(line int, format string, args ...any) *framework.Problem {
	return framework.Errorf(d.Path, line, format, args...)
}

// ReadFile reads and prepares the file at path. Anything but a regular
// file, and files over userfile.Framework bytes, are refused, naming what
// the path is or its size and the limit, before any byte is read.
func ReadFile(path string) (*Doc, error) {
	data, err := userfile.Read(path, userfile.Framework)
	if err != nil {
		return nil, framework.Errorf(path, 0, "%s", userfile.Reason(err))
	}
	return Prepare(path, data)
}

// signatures of binary formats users hand us by mistake.
var signatures = []struct {
	magic string
	what  string
}{
	{"PK\x03\x04", "looks like a ZIP (DOCX/XLSX) file, not text; save it as plain text (UTF-8)"},
	{"PK\x05\x06", "looks like an empty ZIP file, not text"},
	{"%PDF", "looks like a PDF file, not text; copy its text into a plain text file"},
	{"\xD0\xCF\x11\xE0", "looks like an old Office (DOC/XLS) file, not text; save it as plain text (UTF-8)"},
	{"\xFF\xFE", "looks like UTF-16 text; save it as UTF-8"},
	{"\xFE\xFF", "looks like UTF-16 text; save it as UTF-8"},
	{"{\\rtf", "looks like an RTF file, not plain text; save it as plain text (UTF-8)"},
}

// Prepare applies the byte-level rules to data read from path (used only in
// messages). It returns a *framework.Problem for an empty, binary,
// non-UTF-8 or oversized input.
func Prepare(path string, data []byte) (*Doc, error) {
	if len(data) > userfile.Framework {
		return nil, framework.Errorf(path, 0, "file is too large: %s (limit %s)", userfile.SizeText(int64(len(data))), userfile.SizeText(userfile.Framework))
	}
	for _, s := range signatures {
		if bytes.HasPrefix(data, []byte(s.magic)) {
			return nil, framework.Errorf(path, 0, "%s", s.what)
		}
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, framework.Errorf(path, lineAt(data, i), "binary file (NUL byte), not text")
	}
	var decoded *framework.Problem
	if !utf8.Valid(data) {
		i := FirstInvalid(data)
		line := lineAt(data, i)
		if !looksCP1252(data) {
			if len(data)-i < utf8.UTFMax && !bytes.ContainsAny(data[i:], "\r\n") {
				return nil, framework.Errorf(path, line, "file ends in the middle of a UTF-8 character (cut off?)")
			}
			return nil, framework.Errorf(path, line, "not UTF-8 text (invalid byte 0x%02X); save the file as UTF-8", data[i])
		}
		dec, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return nil, framework.Errorf(path, line, "not UTF-8 and not Windows-1252 text: %v", err)
		}
		w := framework.Warnf(path, line, "not UTF-8; read as Windows-1252 (byte 0x%02X is “%s”); save the file as UTF-8 to avoid this", data[i], cp1252Rune(data[i]))
		decoded = &w
		data = dec
	}
	d := &Doc{Path: path}
	d.Lines = make([]Line, 0, bytes.Count(data, []byte{'\n'})+bytes.Count(data, []byte{'\r'})+1)
	n := 0
	nonBlank := false
	var warn framework.Collector // capped as found: a line of mojibake repeated 4M times is a dozen warnings
	if decoded != nil {
		warn.Add(*decoded)
	}
	for len(data) > 0 || n == 0 {
		n++
		i := lineBreak(data)
		var raw []byte
		if i < 0 {
			raw, data = data, nil
		} else {
			raw = data[:i]
			if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
				data = data[i+2:]
			} else {
				data = data[i+1:]
			}
		}
		text := string(raw)
		if strings.ContainsRune(text, '\uFEFF') {
			text = strings.ReplaceAll(text, "\uFEFF", "")
		}
		if mayHaveMojibake(text) {
			var reps []string
			text, reps = repair(text)
			if len(reps) > 0 {
				warn.Add(framework.Warnf(path, n, "%s", "repaired mojibake "+strings.Join(reps, ", ")))
			}
			if j := strings.Index(text, "â€"); j >= 0 {
				end := j + len("â€")
				if r, size := utf8.DecodeRuneInString(text[end:]); size > 0 && r != ' ' {
					end += size
				}
				warn.Add(framework.Warnf(path, n, "possible damaged character “%s” left as written", text[j:end]))
			}
		}
		text = trimRight(text)
		if text != "" {
			nonBlank = true
		}
		d.Lines = append(d.Lines, Line{N: n, Text: text})
		if i < 0 {
			break
		}
	}
	if !nonBlank {
		return nil, framework.Errorf(path, 0, "file is empty")
	}
	d.Warnings = warn.Problems()
	return d, nil
}

// lineBreak returns the index of the first CR or LF in data, or -1.
// (bytes.IndexAny would rescan the rest of the data for each character of
// its set, which is quadratic over many short lines.)
func lineBreak(data []byte) int {
	for i, c := range data {
		if c == '\n' || c == '\r' {
			return i
		}
	}
	return -1
}

// lineAt returns the 1-based line number of byte offset off.
func lineAt(data []byte, off int) int {
	n := 1
	for i := 0; i < off && i < len(data); i++ {
		switch data[i] {
		case '\n':
			n++
		case '\r':
			if i+1 >= len(data) || data[i+1] != '\n' {
				n++
			}
		}
	}
	return n
}

// FirstInvalid is the offset of the first byte of data that is not valid
// UTF-8 (len(data) when all of it is).
func FirstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// looksCP1252 reports whether data, which is not valid UTF-8, reads as
// Windows-1252 text (what Word and Notepad on Windows save as "ANSI"): no
// byte of 0x80 and above begins a valid UTF-8 sequence (a file mixing
// UTF-8 with other bytes is damaged, not in another encoding), and none
// is one of the five bytes the code page leaves undefined.
func looksCP1252(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		if r, size := utf8.DecodeRune(data[i:]); r != utf8.RuneError || size > 1 {
			return false
		}
		switch c {
		case 0x81, 0x8D, 0x8F, 0x90, 0x9D:
			return false
		}
		i++
	}
	return true
}

// cp1252Rune is the character Windows-1252 byte b stands for.
func cp1252Rune(b byte) string {
	return string(charmap.Windows1252.DecodeByte(b))
}

// isSpace reports whether r is trimmed from line ends: unicode.IsSpace plus
// ZERO WIDTH SPACE and ZERO WIDTH NO-BREAK SPACE (BOM).
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200B' || r == '\uFEFF'
}

func trimRight(s string) string { return strings.TrimRightFunc(s, isSpace) }

// Trim removes white space from both ends of s with the same rule as line
// ends: unicode.IsSpace (incl. NBSP, U+2028, U+2029) plus U+200B and U+FEFF.
func Trim(s string) string { return strings.TrimFunc(s, isSpace) }

// cp1252 maps the code points of Windows-1252's 0x80–0x9F range to their
// bytes. The undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) and the Latin-1
// upper half map to themselves (see cp1252Byte).
var cp1252 = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87,
	'ˆ': 0x88, '‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E,
	'‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
	'˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// cp1252Byte returns the Windows-1252 byte of r when r is in the code
// page's upper half (or is a C1 control, which survives some round trips).
func cp1252Byte(r rune) (byte, bool) {
	if r >= 0x80 && r <= 0xFF {
		return byte(r), true
	}
	b, ok := cp1252[r]
	return b, ok
}

// mayHaveMojibake is a fast pre-check: every damaged sequence starts with a
// character in U+00C0–U+00FF (a UTF-8 lead byte read as Windows-1252), whose
// own UTF-8 encoding starts with 0xC3.
func mayHaveMojibake(s string) bool { return strings.IndexByte(s, 0xC3) >= 0 }

// Repair repairs mojibake in one piece of text (a spreadsheet cell) as
// Prepare does for each line: it returns the repaired text and one
// "“damaged” → “repaired”" description per distinct repair.
func Repair(s string) (string, []string) {
	if !mayHaveMojibake(s) {
		return s, nil
	}
	return repair(s)
}

// repair re-encodes each maximal run of Windows-1252 upper-half characters
// to bytes and replaces every complete multi-byte UTF-8 sequence found in
// those bytes by the character it encodes. It returns the repaired text and
// one "“damaged” → “repaired”" description per distinct repair, in order.
func repair(s string) (string, []string) {
	var out strings.Builder
	var reps []string
	seen := map[string]bool{}
	runes := []rune(s)
	for i := 0; i < len(runes); {
		if _, ok := cp1252Byte(runes[i]); !ok {
			out.WriteRune(runes[i])
			i++
			continue
		}
		j := i
		var bs []byte
		for j < len(runes) {
			b, ok := cp1252Byte(runes[j])
			if !ok {
				break
			}
			bs = append(bs, b)
			j++
		}
		// bs[k] corresponds to runes[i+k].
		for k := 0; k < len(bs); {
			r, size := utf8.DecodeRune(bs[k:])
			if size >= 2 && r != utf8.RuneError && r >= 0xA0 {
				bad := string(runes[i+k : i+k+size])
				out.WriteRune(r)
				if d := "“" + bad + "” → “" + string(r) + "”"; !seen[d] {
					seen[d] = true
					reps = append(reps, d)
				}
				k += size
				continue
			}
			out.WriteRune(runes[i+k])
			k++
		}
		i = j
	}
	if len(reps) == 0 {
		return s, nil
	}
	return out.String(), reps
}
