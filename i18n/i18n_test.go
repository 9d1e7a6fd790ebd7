package i18n

import (
	"strings"
	"testing"
	"time"
)

func TestCatalogues(t *testing.T) {
	for _, l := range Languages {
		if l == "en" {
			continue
		}
		for _, p := range Check(Embedded(l)) {
			t.Errorf("%s.yaml:%s", l, p)
		}
	}
}

func TestWelshPlurals(t *testing.T) {
	c, err := Load("cy", nil)
	if err != nil {
		t.Fatal(err)
	}
	for n, want := range map[int]string{0: "Nid yw'n rhestru unrhyw faen prawf", 1: "1 maen prawf", 2: "2 faen prawf", 3: "3 maen prawf", 6: "6 maen prawf", 14: "14 maen prawf"} {
		if got := c.T("spec.lists", n); !strings.HasSuffix(got, want) {
			t.Errorf("spec.lists %d = %q, want … %q", n, got, want)
		}
	}
	if got, want := c.T("pdp.expects", 14, "Data engineer, Senior"), "Mae'r swydd darged yn disgwyl 14 o bethau."; got != want {
		t.Errorf("a left-out placeholder: got %q, want %q", got, want)
	}
	if got, want := c.Date(time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)), "3 Rhagfyr 2026"; got != want {
		t.Errorf("date %q, want %q", got, want)
	}
	if got, want := c.T("page.label", 1, 2), "Tudalen 1 o 2"; got != want {
		t.Errorf("page %q, want %q", got, want)
	}
	if got, want := c.T("pdp.model"), "(tua 70% o'r amser)"; !strings.Contains(got, want) {
		t.Errorf("%%%%: %q", got)
	}
}

func TestEnglish(t *testing.T) {
	c := English()
	if got, want := c.T("spec.lists", 1), "Read it with the job description. It lists 1 criterion"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	if got, want := c.T("pdp.expects", 3, "Senior"), "Senior expects 3 things."; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	if got, want := c.T("ladder.otherGroup", "skills", "Skills"), "Other skills"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	if got, want := Must(Load("cy", nil)).T("ladder.otherGroup", "sgiliau", "Sgiliau"), "Sgiliau eraill"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	if got := c.T("no.such"); got != "[no.such]" {
		t.Errorf("a missing key gives %q", got)
	}
	if got, want := c.Date(time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)), "21 November 2026"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}

func TestOverrides(t *testing.T) {
	c, err := Load("cy-GB", map[string]map[string]string{"cy": {"h.jobDetails": "Manylion"}, "en": {"h.jobDetails": "Details"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.T("h.jobDetails"); got != "Manylion" {
		t.Errorf("override: %q", got)
	}
	for _, bad := range []map[string]map[string]string{
		{"cy": {"h.jobDetail": "x"}},
		{"cy": {"jd.title": "Swydd"}},
		{"fr": {"jd.title": "Fiche de poste : %s"}},
	} {
		if _, err := Load("cy", bad); err == nil {
			t.Errorf("%v: no error", bad)
		} else {
			t.Log(err)
		}
	}
	if _, err := Load("fr", nil); err == nil {
		t.Error("fr: no error")
	}
}

func TestCheckFindsPlaceholders(t *testing.T) {
	m := Embedded("cy")
	m["jd.title"] = Message{Text: "Swydd-ddisgrifiad: %d"}
	delete(m, "h.jobDetails")
	var got []string
	for _, p := range Check(m) {
		got = append(got, p.String())
	}
	s := strings.Join(got, "\n")
	if !strings.Contains(s, "jd.title: placeholder %d") || !strings.Contains(s, "h.jobDetails: missing") {
		t.Errorf("Check:\n%s", s)
	}
}

func TestBase(t *testing.T) {
	for in, want := range map[string]string{"": "en", "en-GB": "en", "cy": "cy", "cy-GB": "cy", "CY": "cy"} {
		if got := Base(in); got != want {
			t.Errorf("Base(%q) = %q, want %q", in, got, want)
		}
	}
}

// Must is the catalogue, or a panic (tests only).
func Must(c *Catalogue, err error) *Catalogue {
	if err != nil {
		panic(err)
	}
	return c
}
