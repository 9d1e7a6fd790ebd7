package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/doc"
)

func text(s string) []doc.Inline { return []doc.Inline{{Text: s}} }

func sample() *doc.Document {
	table := func(first string) *doc.Table {
		return &doc.Table{
			Header: []doc.Cell{{Text: text(first)}, {Text: text("Entry")}, {Text: text("Senior")}},
			Rows: [][]doc.Cell{
				{{Text: []doc.Inline{{Text: "Data Catalogue", Style: doc.Bold}}}, {Text: text("Input metadata")},
					{Text: []doc.Inline{{Text: "Lead", Style: doc.Bold}, {Text: " the catalogue"}, {Break: true}, {Text: "Set standards"}}}},
				{{Text: text("Data visualisation")}, {Text: []doc.Inline{{Text: "None", Style: doc.Italic}}}, {Text: text("Use plotly")}},
			},
		}
	}
	return &doc.Document{
		Meta: doc.Meta{Title: "Career map: Data engineer", Author: "Example", Date: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)},
		Blocks: []doc.Block{
			&doc.Heading{Level: 1, Text: text("Career map")},
			&doc.Paragraph{Text: text("Read across a row.")},
			&doc.Heading{Level: 2, Text: text("Skills")},
			&doc.Heading{Level: 3, Text: text("Data Orientated Infrastructure: tools/platforms")},
			table("Skill"),
			&doc.Heading{Level: 2, Text: text("Behaviours")},
			table("Behaviour"),
			&doc.Heading{Level: 2, Text: text("Behaviours")},
			table("Behaviour"),
		},
	}
}

func TestWorkbook(t *testing.T) {
	var b bytes.Buffer
	if err := (Writer{}).Write(&b, sample()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"Skills - Data Orientated", "Behaviours", "Behaviours 2"}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	for _, sheet := range want {
		panes, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.XSplit != 1 || panes.YSplit != 1 || panes.TopLeftCell != "B2" {
			t.Errorf("%s: panes %+v, want the header row and first column frozen", sheet, panes)
		}
		w, err := f.GetColWidth(sheet, "A")
		if err != nil || w < minWidth || w > firstWidth {
			t.Errorf("%s: column A width %v (%v)", sheet, w, err)
		}
		style, err := f.GetCellStyle(sheet, "C2")
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(style)
		if err != nil || st.Alignment == nil || !st.Alignment.WrapText {
			t.Errorf("%s: C2 text does not wrap (%v)", sheet, err)
		}
	}
	cells := map[string]string{"A1": "Skill", "B1": "Entry", "A2": "Data Catalogue", "C2": "Lead the catalogue\nSet standards", "B3": "None"}
	for ref, want := range cells {
		got, err := f.GetCellValue("Skills - Data Orientated", ref)
		if err != nil || got != want {
			t.Errorf("%s = %q (%v), want %q", ref, got, err, want)
		}
	}
	runs, err := f.GetCellRichText("Skills - Data Orientated", "C2")
	if err != nil || len(runs) < 2 || runs[0].Text != "Lead" || runs[0].Font == nil || !runs[0].Font.Bold {
		t.Errorf("C2 rich text %+v (%v): want \"Lead\" in bold first", runs, err)
	}
	props, err := f.GetDocProps()
	if err != nil || props.Title != "Career map: Data engineer" || props.Created != "2026-11-21T00:00:00Z" {
		t.Errorf("properties %+v (%v)", props, err)
	}
}

func TestDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := (Writer{}).Write(&a, sample()); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond) // a zip timestamp or "now" would show
	if err := (Writer{}).Write(&b, sample()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same document gave different bytes")
	}
}

func TestNoTable(t *testing.T) {
	d := &doc.Document{Blocks: []doc.Block{&doc.Paragraph{Text: text("no table")}}}
	err := (Writer{}).Write(&bytes.Buffer{}, d)
	if err == nil || !strings.Contains(err.Error(), "no table") {
		t.Errorf("err = %v, want a no-table error", err)
	}
}

func TestSheetName(t *testing.T) {
	taken := map[string]bool{}
	for _, tt := range []struct{ h2, h3, want string }{
		{"Skills", "", "Skills"},
		{"Skills", "", "Skills 2"},
		{"", "", "Table 3"},
		{"A/B", "C:D*[x]?", "A-B - C-D--x--"},
		{"Leadership expectations for the whole organisation", "", "Leadership expectations"},
		{"Leadership expectations for the whole organisation", "", "Leadership expectations 2"},
		{"Skills", "Data Orientated Infrastructure", "Skills - Data Orientated"},
		{"Skills", "Data Analysis & Infrastructure", "Skills - Data Analysis"},
		{"Skills", "Trainee data scientist to Data scientist", "Skills - Trainee data scientist"},
		{"Supercalifragilisticexpialidocious-and-more", "", "Supercalifragilisticexpialidoci"},
	} {
		got := sheetName(tt.h2, tt.h3, 3, taken)
		if got != tt.want {
			t.Errorf("sheetName(%q, %q) = %q, want %q", tt.h2, tt.h3, got, tt.want)
		}
		if n := len([]rune(got)); n > maxSheetName || strings.Contains(got, "(") {
			t.Errorf("sheetName(%q, %q) = %q: %d characters", tt.h2, tt.h3, got, n)
		}
	}
}

// sheetXML is the XML of each part of a workbook, by part name.
func sheetXML(t *testing.T, b []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = string(data)
	}
	return parts
}

// TestPrintSetup reads the workbook's XML: every sheet prints on A4 in
// landscape, fitted to one page wide and as many down as it takes, with
// the header row and first column repeated on every page; its dimension
// is the table's range; each body row is as tall as its wrapped text.
func TestPrintSetup(t *testing.T) {
	d := sample()
	long := strings.Repeat("Lead the development of data catalogue policies and standards. ", 12)
	d.Blocks = append(d.Blocks, &doc.Heading{Level: 2, Text: text("Long")}, &doc.Table{
		Header: []doc.Cell{{Text: text("Skill")}, {Text: text("Entry")}, {Text: text("Mid")}, {Text: text("Senior")}},
		Rows: [][]doc.Cell{
			{{Text: text("Short")}, {Text: text("One line")}, {Text: text("One")}, {Text: text("One")}},
			{{Text: text("Long")}, {Text: text(long)}, {Text: text("One")}, {Text: text("One")}},
		},
	})
	d.Meta.Landscape = true
	var b bytes.Buffer
	if err := (Writer{}).Write(&b, d); err != nil {
		t.Fatal(err)
	}
	parts := sheetXML(t, b.Bytes())
	for i, dim := range []string{"A1:C3", "A1:C3", "A1:C3", "A1:D3"} {
		x := parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)]
		for _, want := range []string{`<dimension ref="` + dim + `"`, `paperSize="9"`, `orientation="landscape"`, `fitToWidth="1"`, `fitToHeight="0"`, `fitToPage="true"`} {
			if !strings.Contains(x, want) {
				t.Errorf("sheet %d: no %s", i+1, want)
			}
		}
		titles := fmt.Sprintf(`localSheetId="%d" name="_xlnm.Print_Titles">`, i)
		if !strings.Contains(parts["xl/workbook.xml"], titles) {
			t.Errorf("sheet %d: no print titles", i+1)
		}
	}
	if !strings.Contains(parts["xl/workbook.xml"], `!$A:$A,`) || !strings.Contains(parts["xl/workbook.xml"], `!$1:$1<`) {
		t.Error("print titles are not the first column and the header row")
	}
	heights := regexp.MustCompile(`<row r="(\d+)"[^>]* ht="([0-9.]+)"`).FindAllStringSubmatch(parts["xl/worksheets/sheet4.xml"], -1)
	ht := map[string]float64{}
	for _, m := range heights {
		ht[m[1]], _ = strconv.ParseFloat(m[2], 64)
	}
	if ht["2"] < lineHeight || ht["2"] > 2*lineHeight+rowPadding {
		t.Errorf("a one-line row is %v pt high", ht["2"])
	}
	if ht["3"] < 8*lineHeight || ht["3"] > maxRow {
		t.Errorf("a row of %d characters is %v pt high", len(long), ht["3"])
	}
	// One typeface on every run and every style: no run falls back to
	// the application's face.
	for _, part := range []string{"xl/sharedStrings.xml", "xl/styles.xml"} {
		x := parts[part]
		if n, named := strings.Count(x, "<rPr>")+strings.Count(x, "<font>"), strings.Count(x, `<rFont val="Arial"`)+strings.Count(x, `<name val="Arial"`); n == 0 || n != named {
			t.Errorf("%s: %d fonts, %d of them Arial", part, n, named)
		}
	}
}

func TestWrappedLines(t *testing.T) {
	for _, tt := range []struct {
		text  string
		width int
		want  int
	}{
		{"", 20, 1},
		{"one line", 20, 1},
		{"a\nb\nc", 20, 3},
		{strings.Repeat("word ", 40), 20, 10}, // 23 characters a line: four words
	} {
		if got := wrappedLines(tt.text, tt.width); got != tt.want {
			t.Errorf("wrappedLines(%q, %d) = %d, want %d", tt.text, tt.width, got, tt.want)
		}
	}
}
