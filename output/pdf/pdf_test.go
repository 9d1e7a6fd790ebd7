package pdf

import (
	"bytes"
	"crypto/sha256"
	"image"
	"image/color"
	"image/png"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"golang.org/x/image/font/sfnt"

	"github.com/rolepack/rolepack/doc"
)

func TestMain(m *testing.M) {
	api.DisableConfigDir() // pdfcpu must not write a config folder into $HOME
	os.Exit(m.Run())
}

// writer is built once for the whole test binary, as in a batch run.
var writer = sync.OnceValues(New)

func render(t *testing.T, d *doc.Document) []byte {
	t.Helper()
	w, err := writer()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := w.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func relaxed() *model.Configuration {
	c := model.NewDefaultConfiguration()
	c.ValidationMode = model.ValidationRelaxed
	return c
}

func TestValidatesWithPdfcpu(t *testing.T) {
	for name, d := range map[string]*doc.Document{
		"jd":        sampleJD(),
		"landscape": landscapeDoc(),
		"chart":     chartDoc(),
		"logo":      logoDoc(t),
		"empty":     {},
	} {
		t.Run(name, func(t *testing.T) {
			c := model.NewDefaultConfiguration()
			c.ValidationMode = model.ValidationStrict
			if err := api.Validate(bytes.NewReader(render(t, d)), c); err != nil {
				t.Fatalf("pdfcpu strict validation: %v", err)
			}
		})
	}
}

func landscapeDoc() *doc.Document {
	d := sampleJD()
	d.Meta.Landscape = true
	return d
}

func TestLandscapePagesAreWide(t *testing.T) {
	dims, err := api.PageDims(bytes.NewReader(render(t, landscapeDoc())), nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range dims {
		if d.Width <= d.Height {
			t.Errorf("page %d is %.0f×%.0f pt, want landscape", i+1, d.Width, d.Height)
		}
	}
	dims, _ = api.PageDims(bytes.NewReader(render(t, sampleJD())), nil)
	if len(dims) == 0 || dims[0].Width >= dims[0].Height || int(dims[0].Width) != 595 {
		t.Errorf("portrait page is %v, want A4 portrait", dims)
	}
}

func TestMetadataAndOutline(t *testing.T) {
	d := sampleJD()
	// Levels that skip (2 → 4) and a document without a level-1 start.
	d.Blocks = append(d.Blocks, heading(4, "Deep heading"), heading(2, "Back to two"))
	pdf := render(t, d)
	ctx, err := api.ReadAndValidate(bytes.NewReader(pdf), relaxed()) // validation reads the info dictionary
	if err != nil {
		t.Fatal(err)
	}
	x := ctx.XRefTable
	for _, c := range [][2]string{{x.Title, "Head of data engineering"}, {x.Author, "Department for Example"},
		{x.Subject, "Job description"}, {x.Creator, "rolepack"}, {x.CreationDate, "D:20240501093000"}} {
		if !strings.HasPrefix(c[0], c[1]) {
			t.Errorf("info dictionary has %q, want %q", c[0], c[1])
		}
	}
	if !bytes.Contains(pdf, []byte("/Lang (en-GB)")) {
		t.Error("catalog has no /Lang (en-GB)")
	}
	bms, err := api.Bookmarks(bytes.NewReader(pdf), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(bms) != 1 || bms[0].Title != "Head of data engineering" {
		t.Fatalf("outline roots = %v, want the title only", titles(bms))
	}
	got := titles(bms[0].Kids)
	want := []string{"Job purpose", "Key responsibilities", "Skills", "Behaviours", "Technical knowledge", "Person specification", "Back to two"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("outline level 2 = %q, want %q", got, want)
	}
	var skills, ps pdfcpu.Bookmark
	for _, k := range bms[0].Kids {
		switch k.Title {
		case "Skills":
			skills = k
		case "Person specification":
			ps = k
		}
	}
	if len(skills.Kids) != 1 || skills.Kids[0].Title != "How skills are weighted" {
		t.Errorf("Skills children = %q, want the level-3 heading", titles(skills.Kids))
	}
	if len(ps.Kids) != 1 || ps.Kids[0].Title != "Deep heading" {
		t.Errorf("a level-4 heading under a level-2 one must nest one level down; got %q", titles(ps.Kids))
	}
}

func titles(bms []pdfcpu.Bookmark) []string {
	var out []string
	for _, b := range bms {
		out = append(out, b.Title)
	}
	return out
}

func TestSameInputSameBytes(t *testing.T) {
	d := sampleJD()
	d.Blocks = append(d.Blocks, chartDoc().Blocks...)
	want := render(t, d)
	// Other documents in between (other glyphs, code in the mono face) must
	// not change the next one: fpdf's subsetter writes into font bytes.
	other := sampleJD()
	other.Blocks = append(other.Blocks, para(doc.Inline{Text: "ÀÉÎÕÜ ΑΒΓ Жж ∑ ≠ → {}[]<>|~^", Style: doc.Code}))
	wantOther := render(t, other)
	// Concurrent documents, each on working memory an earlier document
	// (this one or the other) left to the Writer.
	var wg sync.WaitGroup
	got := make([][]byte, 4)
	gotOther := make([][]byte, 4)
	for i := range got {
		wg.Go(func() {
			gotOther[i] = render(t, other)
			got[i] = render(t, d)
		})
	}
	wg.Wait()
	for i, g := range got {
		if !bytes.Equal(g, want) {
			t.Fatalf("run %d (concurrent) differs from the first run", i)
		}
		if !bytes.Equal(gotOther[i], wantOther) {
			t.Fatalf("run %d (concurrent) of the other document differs from its first run", i)
		}
	}
	// The file identifier follows the content (fpdf patch 26): the same in
	// every run, another for another document.
	id := regexp.MustCompile(`/ID \[<[0-9a-f]{32}><[0-9a-f]{32}>\]`)
	if a, b := id.Find(want), id.Find(wantOther); a == nil || bytes.Equal(a, b) {
		t.Errorf("trailer /ID %s, the other document's %s: want one each, different", a, b)
	}
}

func chartDoc() *doc.Document {
	return &doc.Document{Meta: doc.Meta{Title: "PDP"}, Blocks: []doc.Block{
		heading(1, "Personal development plan"),
		&doc.Chart{Title: "Current and target level by skill group", Alt: "chart",
			Scale: []string{"None", "Entry", "Mid", "Senior"}, Series: []string{"Current", "Target"},
			Bars: []doc.ChartBar{
				{Label: "Data modelling", Values: []float64{2, 3}},
				{Label: "Metadata management and the organisation’s catalogue", Values: []float64{1, 3}},
				{Label: "Programming", Values: []float64{0, 2}},
			}},
		para(text("After the chart.")...),
	}}
}

func logoDoc(t *testing.T) *doc.Document {
	img := image.NewRGBA(image.Rect(0, 0, 120, 40))
	for x := range 120 {
		for y := range 40 {
			img.Set(x, y, color.RGBA{0x1d, 0x4f, uint8(x * 2), 0xff})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	d := sampleJD()
	d.Meta.Logo = b.Bytes()
	return d
}

func TestBadLogoIsAnError(t *testing.T) {
	w, err := writer()
	if err != nil {
		t.Fatal(err)
	}
	d := sampleJD()
	d.Meta.Logo = []byte("GIF89a")
	if err := w.Write(&bytes.Buffer{}, d); err == nil || !strings.Contains(err.Error(), "logo") {
		t.Errorf("Write with a GIF logo: err = %v, want a logo error", err)
	}
}

func TestWrapNeverOverflows(t *testing.T) {
	w, _ := writer()
	r := newRenderer(w, &doc.Document{})
	runs := []doc.Inline{{Text: "A "}, {Text: "bold", Style: doc.Bold}, {Text: ", then "},
		{Text: "https://example.org/a/very/long/address/that/cannot/fit/on/one/line/at/all", Style: doc.Code},
		{Text: " and ŵ £ – text."}, {Break: true}, {Text: "Second line"}}
	for _, width := range []float64{20, 45, 100} {
		lines := r.wrap(runs, width, bodySize, 0)
		var got []string
		for _, ln := range lines {
			if ln.w > width+0.01 {
				t.Errorf("width %v: line %q is %.2f mm wide", width, lineText(ln), ln.w)
			}
			got = append(got, lineText(ln))
		}
		joined := strings.Join(got, "")
		if !strings.Contains(joined, "bold,") || !strings.Contains(lineText(lines[len(lines)-1]), "Second line") {
			t.Errorf("width %v: lines %q lose text or the hard break", width, got)
		}
	}
}

func lineText(ln line) string {
	var b strings.Builder
	for _, f := range ln.frags {
		b.WriteString(f.text)
	}
	return b.String()
}

// TestParsedFontsSameBytes checks the fpdf patch the writer relies on
// (third_party/fpdf/PATCHES.md): a font parsed once and added to many
// documents gives exactly the document that adding its bytes gives, and
// writing documents never changes the parsed font or the bytes it came from.
func TestParsedFontsSameBytes(t *testing.T) {
	ttf := liberationsansregular.TTF
	sum := sha256.Sum256(ttf)
	parsed, err := fpdf.ParseUTF8Font(familySans, "", ttf)
	if err != nil {
		t.Fatal(err)
	}
	build := func(add func(p *fpdf.Fpdf), text string) []byte {
		p := fpdf.New("P", "mm", "A4", "")
		p.SetCatalogSort(true)
		p.SetCreationDate(defaultDate)
		p.SetModificationDate(defaultDate)
		add(p)
		p.AddPage()
		p.SetFont(familySans, "", 11)
		p.MultiCell(0, 5, text, "", "L", false)
		var b bytes.Buffer
		if err := p.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	texts := []string{
		"Head of data engineering – £52,000 “hybrid” • Cymraeg: ŵ ŷ",
		"ÀÉÎÕÜ ΑΒΓ Жж ∑ ≠ → {}[]<>|~^ 0123456789",
		"Head of data engineering – £52,000 “hybrid” • Cymraeg: ŵ ŷ", // a subset the parsed font has kept
	}
	// More distinct rune sets than the parsed font keeps subsets of, then
	// the first again: the kept subsets are bounded and evicted ones made anew.
	for r := 'Ā'; r < 'Ā'+20; r++ {
		texts = append(texts, texts[0]+string(r))
	}
	texts = append(texts, texts[0], texts[len(texts)-1])
	for _, text := range texts {
		fromParsed := build(func(p *fpdf.Fpdf) { p.AddUTF8FontParsed(parsed) }, text)
		fromBytes := build(func(p *fpdf.Fpdf) { p.AddUTF8FontFromBytes(familySans, "", bytes.Clone(ttf)) }, text)
		if !bytes.Equal(fromParsed, fromBytes) {
			t.Errorf("%q: parsed font gives %d bytes, AddUTF8FontFromBytes %d; they must be identical", text, len(fromParsed), len(fromBytes))
		}
	}
	if sha256.Sum256(ttf) != sum {
		t.Error("writing documents changed the embedded font bytes")
	}
}

func TestTableUsesTheTreeWidths(t *testing.T) {
	w, _ := writer()
	tb := &doc.Table{Header: cells("Id", "Criterion", "Evidence and notes"), Rows: [][]doc.Cell{cells("E1", "Leads teams", "")}, Widths: []float64{0.1, 0.4, 0.5}}
	r := newRenderer(w, &doc.Document{Meta: doc.Meta{Landscape: true}})
	tl := r.layoutTable(tb)
	for c, f := range tb.Widths {
		if got := tl.widths[c] / r.width; got < f-1e-9 || got > f+1e-9 {
			t.Errorf("column %d is %.4f of the text width, the tree says %.4f", c+1, got, f)
		}
	}
}

// TestSubsetBaseAndShortFontNames checks the fpdf patches behind the
// batch's font reuse (third_party/fpdf/PATCHES.md 14–16): two documents
// whose text lies within a font's subset base embed the very same subset,
// which holds the base's glyphs even where the text does not use them;
// fonts take the resource names /F1, /F2, ...; and writing an encrypted
// document does not damage the subset the font keeps for later documents.
func TestSubsetBaseAndShortFontNames(t *testing.T) {
	parsed, err := fpdf.ParseUTF8Font(familySans, "", liberationsansregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	based := parsed.WithSubsetBase("abcxyz\U0001F600") // the emoji has no glyph and is left out
	build := func(text string, protect bool) []byte {
		p := fpdf.New("P", "mm", "A4", "")
		p.SetCatalogSort(true)
		p.SetShortFontNames(true)
		p.SetCreationDate(defaultDate)
		p.SetModificationDate(defaultDate)
		if protect {
			p.SetProtection(fpdf.CnProtectPrint, "", "owner")
		}
		p.AddUTF8FontParsed(based)
		p.AddPage()
		p.SetFont(familySans, "", 11)
		p.MultiCell(0, 5, text, "", "L", false)
		var b bytes.Buffer
		if err := p.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	subset := func(pdf []byte) []byte { // the FontFile2 stream, decoded
		ctx, err := api.ReadContext(bytes.NewReader(pdf), relaxed())
		if err != nil {
			t.Fatal(err)
		}
		for _, entry := range ctx.XRefTable.Table {
			if entry == nil || entry.Free {
				continue
			}
			if sd, ok := entry.Object.(types.StreamDict); ok && sd.IntEntry("Length1") != nil {
				if err := sd.Decode(); err != nil {
					t.Fatal(err)
				}
				return sd.Content
			}
		}
		t.Fatal("no embedded font file")
		return nil
	}
	abc, xyz := build("abc", false), build("xyz", false)
	if !bytes.Equal(subset(abc), subset(xyz)) {
		t.Error("documents whose text lies within the subset base embed different subsets; they must share one")
	}
	f, err := sfnt.Parse(subset(abc))
	if err != nil {
		t.Fatalf("parse the embedded subset: %v", err)
	}
	if gi, err := f.GlyphIndex(nil, 'x'); err != nil || gi == 0 {
		t.Errorf("the subset of a document writing %q has no glyph for x from the base (%d, %v)", "abc", gi, err)
	}
	if !bytes.Contains(abc, []byte("/F1 ")) || regexp.MustCompile(`/F[0-9a-f]{40}`).Match(abc) {
		t.Error("the font's resource name is not the short /F1")
	}
	build("abc", true)
	if again := build("abc", false); !bytes.Equal(again, abc) {
		t.Error("writing an encrypted document changed the next document: the kept subset was encrypted in place")
	}
}
