package xlsx

import (
	"bytes"
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
	want := []string{"Skills - Data Orientated Infras", "Behaviours", "Behaviours (2)"}
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
		got, err := f.GetCellValue("Skills - Data Orientated Infras", ref)
		if err != nil || got != want {
			t.Errorf("%s = %q (%v), want %q", ref, got, err, want)
		}
	}
	runs, err := f.GetCellRichText("Skills - Data Orientated Infras", "C2")
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
		{"Skills", "", "Skills (2)"},
		{"", "", "Table 3"},
		{"A/B", "C:D*[x]?", "A-B - C-D--x--"},
		{"Leadership expectations for the whole organisation", "", "Leadership expectations for the"},
		{"Leadership expectations for the whole organisation", "", "Leadership expectations for (2)"},
	} {
		if got := sheetName(tt.h2, tt.h3, 3, taken); got != tt.want {
			t.Errorf("sheetName(%q, %q) = %q, want %q", tt.h2, tt.h3, got, tt.want)
		}
	}
}
