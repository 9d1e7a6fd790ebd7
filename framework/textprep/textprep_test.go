package textprep

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/framework"
)

func texts(d *Doc) []string {
	var out []string
	for _, l := range d.Lines {
		out = append(out, l.Text)
	}
	return out
}

func TestPrepareLines(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"LF with final newline", "a\nb\n", []string{"a", "b"}},
		{"no final newline", "a\nb", []string{"a", "b"}},
		{"CRLF", "a\r\nb\r\n\r\nc", []string{"a", "b", "", "c"}},
		{"lone CR", "a\rb\rc", []string{"a", "b", "c"}},
		{"mixed endings", "a\r\nb\rc\nd", []string{"a", "b", "c", "d"}},
		{"BOM is not a line", "\xEF\xBB\xBFa\nb", []string{"a", "b"}},
		{"stray FEFF removed", "a\uFEFFb\n\uFEFFc", []string{"ab", "c"}},
		{"trailing space and tab", "a \t\nb", []string{"a", "b"}},
		{"trailing NBSP, ZWSP, U+2028", "a\u00A0\nb\u200B\nc\u2028\nd\u2029", []string{"a", "b", "c", "d"}},
		{"no split on U+2028/2029/0085", "In this role, you will:\u2028x\nb\u0085c", []string{"In this role, you will:\u2028x", "b\u0085c"}},
		{"leading indentation kept", "    - a\n\t- b\n", []string{"    - a", "\t- b"}},
		{"blank lines kept with numbers", "a\n\n\n\nb", []string{"a", "", "", "", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Prepare("f.txt", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			got := texts(d)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Fatalf("lines = %q, want %q", got, tt.want)
			}
			for i, l := range d.Lines {
				if l.N != i+1 {
					t.Errorf("line %d has N=%d", i+1, l.N)
				}
			}
		})
	}
}

func TestPrepareLongLine(t *testing.T) {
	long := strings.Repeat("x", 200<<10)
	d, err := Prepare("f.txt", []byte("a\n"+long+"\nb"))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Lines) != 3 || d.Lines[1].Text != long || d.Lines[2].N != 3 {
		t.Fatalf("long line not kept whole: %d lines", len(d.Lines))
	}
}

func TestMojibake(t *testing.T) {
	tests := []struct {
		in, want, warn string
	}{
		{"organisation\u00e2\u20ac\u2122s", "organisation’s", "f.txt:1: warning: repaired mojibake “â€™” → “’”"},
		{"\u00e2\u20ac\u02dcq\u00e2\u20ac\u2122", "‘q’", "f.txt:1: warning: repaired mojibake “â€˜” → “‘”, “â€™” → “’”"},
		{"\u00e2\u20ac\u0153q\u00e2\u20ac\u009d", "“q”", "repaired mojibake “â€œ” → ““”, “â€\u009d” → “””"},
		{"a \u00e2\u20ac\u201c b", "a – b", "“â€“” → “–”"},
		{"a\u00e2\u20ac\u201db", "a—b", "“â€”” → “—”"},
		{"wait\u00e2\u20ac\u00a6", "wait…", "“â€¦” → “…”"},
		{"caf\u00c3\u00a9 \u00c3\u00a8 \u00c3\u00ab na\u00c3\u00afve", "café è ë naïve", "“Ã©” → “é”, “Ã¨” → “è”, “Ã«” → “ë”, “Ã¯” → “ï”"},
		{"\u00c2\u00a35", "£5", "“Â£” → “£”"},
		{"a\u00c2\u00a0b", "a\u00a0b", "“Â\u00a0” → “\u00a0”"},
	}
	for _, tt := range tests {
		d, err := Prepare("f.txt", []byte("x\n"+tt.in))
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Lines[1].Text; got != tt.want {
			t.Errorf("repair(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if len(d.Warnings) != 1 {
			t.Fatalf("%q: warnings %v, want one", tt.in, d.Warnings)
		}
		w := d.Warnings[0]
		if w.Line != 2 || w.Severity != framework.SeverityWarning || !strings.Contains(w.Error(), strings.TrimPrefix(tt.warn, "f.txt:1: warning: ")) {
			t.Errorf("%q: warning %q, want line 2 and %q", tt.in, w.Error(), tt.warn)
		}
	}
}

func TestMojibakeLeftAlone(t *testing.T) {
	for _, in := range []string{
		"café, naïve, £5, ’quoted’ – fine — ok…", // correct text is untouched
		"Ãx and Â alone",
		"k?mean",
	} {
		d, err := Prepare("f.txt", []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if d.Lines[0].Text != in || len(d.Warnings) != 0 {
			t.Errorf("%q changed to %q, warnings %v", in, d.Lines[0].Text, d.Warnings)
		}
	}
	// An ambiguous damaged right quote is kept as written, with a warning.
	d, err := Prepare("f.txt", []byte("ok\nsaid \u00e2\u20ac? no"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Lines[1].Text != "said \u00e2\u20ac? no" {
		t.Errorf("â€? changed: %q", d.Lines[1].Text)
	}
	if len(d.Warnings) != 1 || d.Warnings[0].Line != 2 || !strings.Contains(d.Warnings[0].Message, "left as written") {
		t.Errorf("warnings = %v", d.Warnings)
	}
}

func TestPrepareErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"empty", "", "f.txt: file is empty"},
		{"only white space", " \n\t\r\n\u00a0\n", "f.txt: file is empty"},
		{"only BOM", "\xEF\xBB\xBF", "f.txt: file is empty"},
		{"NUL", "abc\ndef\x00", "f.txt:2: binary file"},
		{"zip", "PK\x03\x04rest", "f.txt: looks like a ZIP (DOCX/XLSX) file"},
		{"pdf", "%PDF-1.7\n", "f.txt: looks like a PDF file"},
		{"ole", "\xD0\xCF\x11\xE0\xA1\xB1", "f.txt: looks like an old Office (DOC/XLS) file"},
		{"utf16", "\xFF\xFEa\x00", "f.txt: looks like UTF-16"},
		{"UTF-8 mixed with other bytes", "a\nb’\ncaf\xe9 au lait\n", "f.txt:3: not UTF-8 text (invalid byte 0xE9)"},
		{"byte Windows-1252 leaves undefined", "a\nb\nx\x81y \x93q\x94\n", "f.txt:3: not UTF-8 text (invalid byte 0x81)"},
		{"cut off UTF-8", "a\nb’\nc\xE2\x80", "f.txt:3: file ends in the middle of a UTF-8 character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Prepare("f.txt", []byte(tt.in))
			var p *framework.Problem
			if !errors.As(err, &p) {
				t.Fatalf("err = %v, want a *framework.Problem", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %q, want prefix %q", err, tt.want)
			}
		})
	}
}

func TestReadFileTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.Truncate(path, 50<<20); err != nil {
		t.Fatal(err)
	}
	_, err = ReadFile(path)
	if err == nil || !strings.Contains(err.Error(), "file is too large: 50.0 MiB") || !strings.Contains(err.Error(), "limit 10.0 MiB") {
		t.Fatalf("err = %v, want size and limit", err)
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(path, []byte("\xEF\xBB\xBFone\r\ntwo"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if d.Path != path || len(d.Lines) != 2 || d.Lines[1].Text != "two" {
		t.Fatalf("got %+v", d)
	}
	if got := d.Errorf(2, "bad %s", "thing").Error(); got != path+":2: bad thing" {
		t.Errorf("Errorf = %q", got)
	}
	_, err = ReadFile(filepath.Join(dir, "missing.txt"))
	if err == nil || !strings.Contains(err.Error(), "missing.txt: cannot read file: no such file") {
		t.Errorf("missing file err = %v", err)
	}
	_, err = ReadFile(dir)
	if err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("directory err = %v", err)
	}
}

func TestTrim(t *testing.T) {
	if got := Trim("\u200B\u00A0 a b\t\u2028\uFEFF"); got != "a b" {
		t.Errorf("Trim = %q", got)
	}
}

func FuzzPrepare(f *testing.F) {
	for _, p := range []string{
		"../defaults/sources/ddat-data-engineer-head-of-data-engineering.txt",
		"../defaults/sources/fedip-head-of-data-ethics.txt",
		"../defaults/sources/matrix-data-management-engineering.md",
	} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("\xEF\xBB\xBFa\r\nb\rc\u00e2\u20ac\u2122 \u00e2\u20ac?\u00c3\u00a9\u00c2\u00a0\u200B"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Prepare("f", data)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error %q", err)
			}
			return
		}
		for i, l := range d.Lines {
			if l.N != i+1 {
				t.Fatalf("line %d numbered %d", i+1, l.N)
			}
			if strings.ContainsAny(l.Text, "\r\n\uFEFF") {
				t.Fatalf("line %d contains a break or BOM: %q", l.N, l.Text)
			}
			if l.Text != strings.TrimRightFunc(l.Text, isSpace) {
				t.Fatalf("line %d not trimmed: %q", l.N, l.Text)
			}
		}
	})
}

// A file saved as Windows-1252 ("ANSI" in Word and Notepad) is read as
// Windows-1252 with one warning naming the file and the line of its first
// such byte: smart quotes, dashes and Latin-1 letters come out right.
func TestWindows1252File(t *testing.T) {
	in := "Role: Analyst\n- Explain the team\x92s findings \x96 clearly\n- Use \x93plain\x94 English, caf\xe9\n"
	d, err := Prepare("f.md", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Lines[1].Text; got != "- Explain the team’s findings – clearly" {
		t.Errorf("line 2 = %q", got)
	}
	if got := d.Lines[2].Text; got != "- Use “plain” English, café" {
		t.Errorf("line 3 = %q", got)
	}
	if len(d.Warnings) != 1 {
		t.Fatalf("warnings = %v, want one", d.Warnings)
	}
	if got := d.Warnings[0].Error(); !strings.HasPrefix(got, "f.md:2: warning: not UTF-8; read as Windows-1252") || strings.Contains(got, "\n") {
		t.Errorf("warning = %q", got)
	}
}

// A descriptor left starting with a list marker by a copy ("-understand",
// "- - understand", "• – understand") loses the markers; a dash before a
// number, Markdown emphasis and a lone marker stay.
func TestUnbullet(t *testing.T) {
	for in, want := range map[string]string{
		"-understand the basics":        "understand the basics",
		"- - understand the basics":     "understand the basics",
		"• – Understand the basics":     "Understand the basics",
		"–\u00a0understand":             "understand",
		"--understand":                  "understand",
		"understand the basics":         "understand the basics",
		"-5 days a year":                "-5 days a year",
		"– 2026 onwards":                "– 2026 onwards",
		"*emphasis* here":               "*emphasis* here",
		"-":                             "-",
		"  hybrid-working arrangements": "hybrid-working arrangements",
	} {
		if got := Unbullet(in); got != want {
			t.Errorf("Unbullet(%q) = %q, want %q", in, got, want)
		}
	}
}
