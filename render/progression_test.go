package render_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/careermap"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework/defaults"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/render"
)

// ladderFixture is the default config, its library and the career map of
// its role.
func ladderFixture(t *testing.T) (*config.Config, *compose.Library, *compose.Context) {
	t.Helper()
	cfg, err := config.LoadConfig("config.yaml", rolepack.DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	fws, err := defaults.Frameworks()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := compose.NewLibrary(fws...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := compose.NewContext(cfg, lib, cfg.Role, cfg.Level, testDate)
	if err != nil {
		t.Fatal(err)
	}
	k, err := render.LookupKinds([]string{"progression"})
	if err != nil {
		t.Fatal(err)
	}
	lctx, err := k[0].Prepare(context.Background(), ctx)
	if err != nil {
		t.Fatal(err)
	}
	return cfg, lib, lctx
}

// TestLadderHoldsEveryEntryAtEveryRung checks the career map against the
// role composed at each rung on its own: every skill, knowledge area,
// project skill, behaviour and leadership entry is in the map at exactly
// the rungs it is part of, with that rung's descriptors, and within its
// group in the order composition gives.
func TestLadderHoldsEveryEntryAtEveryRung(t *testing.T) {
	cfg, lib, ctx := ladderFixture(t)
	l := careermap.Of(ctx)
	if len(l.Rungs) != len(cfg.Ladder) {
		t.Fatalf("%d rungs, the ladder has %d", len(l.Rungs), len(cfg.Ladder))
	}
	shown := map[string]bool{}
	for _, k := range careermap.LadderKinds {
		shown[k] = true
	}
	for ri, rung := range cfg.Ladder {
		c, err := compose.Compose(cfg, lib, cfg.Role, rung.ID)
		if err != nil {
			t.Fatal(err)
		}
		// What the map says is present at this rung, per kind and group, in order.
		inMap := map[string][]string{}
		cells := map[string]careermap.LadderCell{}
		for _, s := range l.Sections {
			for _, g := range s.Groups {
				for _, r := range g.Rows {
					if r.Cells[ri].State == careermap.CellPresent {
						inMap[s.Kind+"/"+g.Name] = append(inMap[s.Kind+"/"+g.Name], r.Title)
						cells[s.Kind+"/"+r.Title] = r.Cells[ri]
					}
				}
			}
		}
		composed := map[string][]string{}
		for _, it := range c.Items {
			if !shown[it.Kind] {
				continue
			}
			composed[it.Kind+"/"+it.Group] = append(composed[it.Kind+"/"+it.Group], it.Title)
			cell := cells[it.Kind+"/"+it.Title]
			var got []string
			for _, d := range cell.Descriptors {
				got = append(got, d.Text)
			}
			if strings.Join(got, "|") != strings.Join(it.Descriptors, "|") {
				t.Errorf("%s %q at %s: descriptors %q, composed %q", it.Kind, it.Title, rung.ID, got, it.Descriptors)
			}
		}
		for key, want := range composed {
			// The map orders rows by the rung they first appear at, so
			// an entry a lower rung has comes first: compare as sets.
			sort.Strings(want)
			sort.Strings(inMap[key])
			if strings.Join(inMap[key], "|") != strings.Join(want, "|") {
				t.Errorf("%s at %s: map has %q, composed %q", key, rung.ID, inMap[key], want)
			}
		}
		for key := range inMap {
			if composed[key] == nil {
				t.Errorf("%s at %s: in the map, not in the role", key, rung.ID)
			}
		}
	}
	// The default role maps ddat and ncf to none below head: their
	// entries say so, and are new at head; its behaviours key gives the
	// five it assesses at mid and senior (none at entry), new at mid.
	five := map[string]bool{"Delivering outcomes": true, "Generating consensus": true, "Discussing complex ideas": true,
		"Sharing best practice": true, "Challenging discrimination": true}
	found := false
	for _, s := range l.Sections {
		if s.Kind != "behaviour" {
			continue
		}
		for _, g := range s.Groups {
			for _, r := range g.Rows {
				found = true
				from := 3 // the first rung it is present at
				if five[r.Title] {
					from = 1
				}
				for i, c := range r.Cells {
					switch {
					case i < from && c.State != careermap.CellNone:
						t.Errorf("behaviour %q at %s: %s, want none", r.Title, l.Rungs[i].ID, c.State)
					case i >= from && (c.State != careermap.CellPresent || c.New != (i == from)):
						t.Errorf("behaviour %q at %s: %+v, want present, new only at %s", r.Title, l.Rungs[i].ID, c, l.Rungs[from].ID)
					}
				}
			}
		}
	}
	if !found {
		t.Error("no behaviours in the career map")
	}
}

// TestCareerMapInEveryFormat checks that every format the progression kind
// offers holds every row and every cell's text, in reading order.
func TestCareerMapInEveryFormat(t *testing.T) {
	if testing.Short() {
		t.Skip("long single-goroutine test: make test runs it without -race; the race pass uses -short")
	}
	_, _, ctx := ladderFixture(t)
	kinds, err := render.LookupKinds([]string{"progression"})
	if err != nil {
		t.Fatal(err)
	}
	k := kinds[0]
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	formats, err := output.NewFormats()
	if err != nil {
		t.Fatal(err)
	}
	kctx := k.Documents(ctx)[0].Context
	d, err := e.Document(context.Background(), k, kctx)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Meta.Landscape {
		t.Error("the career map is not landscape")
	}
	if !strings.Contains(d.Meta.Footer, "Entry to Head") {
		t.Errorf("footer %q does not name the span of levels", d.Meta.Footer)
	}
	// The text expected, in reading order: per section, each group's
	// tables (a row's title, then each cell); then the entries that are
	// the same at each level, and those asked at one level.
	l := careermap.Of(ctx)
	var want []string
	for _, s := range l.Sections {
		for _, g := range s.Groups {
			for _, tb := range l.Tables(g) {
				for _, r := range tb.Rows {
					want = append(want, r.Title)
					for _, c := range r.Cells {
						switch {
						case c.State == careermap.CellNone:
							want = append(want, "None")
						case c.State == careermap.CellNotAtRung:
							want = append(want, "—")
						case c.SameAsBelow:
							want = append(want, "As at "+c.AsAt)
						default:
							for _, dd := range c.Descriptors {
								want = append(want, dd.Text)
							}
						}
					}
				}
			}
		}
	}
	for _, s := range l.Sections {
		for _, r := range s.Steady() {
			want = append(want, r.Title, r.At)
		}
	}
	for _, s := range l.Sections {
		for _, o := range l.OneLevel(s) {
			want = append(want, o.Rung.Label)
			want = append(want, o.Titles...)
		}
	}
	for _, f := range formats.List() {
		if !k.Accepts(f.Shape) {
			continue
		}
		name := f.Name
		fs, err := formats.Lookup([]string{name})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := fs[0].Writer.Write(&b, d); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		save(t, "progression"+fs[0].Ext, b.Bytes())
		var text string
		switch name {
		case "md":
			text = strings.ReplaceAll(mdText(b.String()), "*", "")
		case "html":
			text = htmlText(b.String())
		case "docx":
			text = xmlText(docxXML(t, b.Bytes()))
		case "pdf":
			text = pdfRawText(t, b.Bytes())
		case "xlsx":
			text = xlsxText(t, b.Bytes())
		default:
			t.Fatalf("no reader for %s", name)
		}
		if text == "" {
			continue // pdftotext missing
		}
		inOrder(t, name, text, want)
	}
}

// inOrder checks that text holds each of want, one after another. In a
// PDF a table row split across pages carries the rest of each cell to the
// next page, after the rest of the row's first part: a want cut there is
// found as its first words in order and the rest of it later on.
func inOrder(t *testing.T, name, text string, want []string) {
	t.Helper()
	sq := strings.ToLower(squash(text))
	at := 0
	for _, w := range want {
		lw := strings.ToLower(squash(w))
		i := strings.Index(sq[at:], lw)
		if i < 0 && name == "pdf" {
			i, lw = splitAt(sq[at:], strings.ToLower(w))
		}
		if i < 0 {
			t.Errorf("%s: %q missing after position %d", name, w, at)
			return
		}
		at += i + len(lw)
	}
}

// splitAt finds w in text cut in two at a space: its first part at the
// index returned (the squashed first part is returned too), its second
// somewhere after that; -1 when it is not there so.
func splitAt(text, w string) (int, string) {
	words := strings.Fields(w)
	for k := len(words) - 1; k >= 1; k-- {
		first, rest := squash(strings.Join(words[:k], " ")), squash(strings.Join(words[k:], " "))
		if i := strings.Index(text, first); i >= 0 && strings.Contains(text[i+len(first):], rest) {
			return i, first
		}
	}
	return -1, ""
}

// pdfRawText is the PDF's text in content-stream order (pdftotext -raw),
// so each table cell's lines stay together; "" when pdftotext is absent.
func pdfRawText(t *testing.T, b []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("ROLEPACK_REQUIRE_TOOLS") == "1" {
			t.Fatal("pdftotext not installed and ROLEPACK_REQUIRE_TOOLS=1")
		}
		return ""
	}
	cmd := exec.Command(bin, "-raw", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(b)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
