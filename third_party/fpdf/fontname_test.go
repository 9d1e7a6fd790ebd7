package fpdf

import (
	"bytes"
	"os"
	"regexp"
	"testing"
)

func TestCleanPostScriptName(t *testing.T) {
	for in, want := range map[string]string{
		"LiberationSans-Bold":                "LiberationSans-Bold",
		"My Font (Bold)/2#%":                 "MyFontBold2",
		"Café":                               "Caf",
		"":                                   "",
		" \t":                                "",
		"A" + string(make([]byte, 10)) + "B": "AB",
	} {
		if got := cleanPostScriptName(in); got != want {
			t.Errorf("cleanPostScriptName(%q) = %q, want %q", in, got, want)
		}
	}
	long := bytes.Repeat([]byte("x"), 100)
	if got := cleanPostScriptName(string(long)); len(got) != postScriptNameMax {
		t.Errorf("a 100-byte name kept %d bytes, want %d", len(got), postScriptNameMax)
	}
}

func TestSubsetFontName(t *testing.T) {
	tagged := regexp.MustCompile(`^[A-Z]{6}\+LiberationSans$`)
	a := subsetFontName("LiberationSans", []byte("subset one"))
	if !tagged.MatchString(a) {
		t.Fatalf("subsetFontName = %q, want a six-letter tag, + and the name", a)
	}
	if b := subsetFontName("LiberationSans", []byte("subset one")); b != a {
		t.Errorf("the same subset is named %q and %q", a, b)
	}
	if b := subsetFontName("LiberationSans", []byte("subset two")); b == a {
		t.Errorf("two subsets share the name %q", a)
	}
	if got := subsetFontName("()", []byte("x")); got != "" {
		t.Errorf("a name without a usable character gave %q, want \"\"", got)
	}
}

// TestEmbeddedSubsetNames writes a document with a TrueType font of the
// system, when there is one, and checks that its font dictionaries and
// descriptor name the subset by its PostScript name with a tag, the same
// on every run and different for another subset.
func TestEmbeddedSubsetNames(t *testing.T) {
	const file = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	ttf, err := os.ReadFile(file)
	if err != nil {
		t.Skipf("no system font to embed: %v", err)
	}
	write := func(text string) []byte {
		pdf := New("P", "mm", "A4", "")
		pdf.SetCompression(false)
		pdf.AddUTF8FontFromBytes("dejavu", "", ttf)
		pdf.SetFont("dejavu", "", 12)
		pdf.AddPage()
		pdf.Cell(40, 10, text)
		var b bytes.Buffer
		if err := pdf.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	names := func(pdf []byte) []string {
		var out []string
		for _, m := range regexp.MustCompile(`/(?:BaseFont|FontName) /(\S+)`).FindAllSubmatch(pdf, -1) {
			out = append(out, string(m[1]))
		}
		return out
	}
	one := names(write("Hello, world"))
	if len(one) != 3 {
		t.Fatalf("font names %q, want three (Type0, CIDFont, descriptor)", one)
	}
	if !regexp.MustCompile(`^[A-Z]{6}\+DejaVuSans$`).MatchString(one[0]) || one[1] != one[0] || one[2] != one[0] {
		t.Errorf("font names %q, want one tagged DejaVuSans name", one)
	}
	if again := names(write("Hello, world")); again[0] != one[0] {
		t.Errorf("the same text gave the names %q and %q", one[0], again[0])
	}
	if other := names(write("Ŵ and ŵ")); other[0] == one[0] {
		t.Errorf("another subset has the same name %q", one[0])
	}
}
