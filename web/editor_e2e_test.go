//go:build e2e

package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestEditorJourney: in Chromium, an HR partner changes the about text
// and one criterion to desirable, sees both in the preview and the
// downloaded Word advert, restarts the server and finds them again; every
// new page (the organisation text, the role editor with and without an
// error, saved work, a catalogue made a role) has no axe violation.
func TestEditorJourney(t *testing.T) {
	start := time.Now()
	opts := newOptions(t)
	opts.Data = t.TempDir()
	c := newClient(t, opts)
	h := newHeadless(t, c.srv.URL)

	h.open("/organisation")
	h.checkAccessible("organisation text")
	const about = "Example Trust runs three hospitals and a data service in Leeds."
	h.step("type the about text", 10*time.Second, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("f-about"), about))
	})
	h.submit(`form[action="/organisation"] button[type=submit]`)
	if got := h.text(".notice"); !strings.Contains(got, "Saved") {
		t.Errorf("after saving the text the page says %q", got)
	}
	h.checkAccessible("organisation text saved")

	h.open("/role/edit?role=data-engineer&level=senior")
	h.checkAccessible("role editor")
	id := eval[string](h, `[...document.querySelectorAll("th[scope=row]")].find(th => th.textContent === "Data catalogue").id.replace("-title", "")`)
	h.step("make Data catalogue desirable", 10*time.Second, func(ctx context.Context) error {
		return chromedp.Do(ctx, mouseClick("#"+id+"-desirable"))
	})
	h.submit(`form[action="/role/edit"] button[type=submit]`)
	if got := h.text(".notice"); !strings.Contains(got, "Selection saved") {
		t.Errorf("after saving the selection the page says %q", got)
	}
	h.checkAccessible("role editor saved")
	h.submit(`form[action="/role/edit/wording"] button[type=submit]`) // no words given
	if got := h.text(".error-summary"); !strings.Contains(got, "Enter the words to change") {
		t.Errorf("the wording form without words says %q", got)
	}
	h.checkAccessible("role editor with an error")

	check := func(when string) {
		h.open("/preview?role=data-engineer&level=senior&doc=advert")
		if got := h.text("body"); !strings.Contains(got, about) {
			t.Errorf("%s: the advert's preview lacks the about text", when)
		}
		h.open("/preview?role=data-engineer&level=senior&doc=spec")
		if got := eval[string](h, `[...document.querySelectorAll("tr")].map(r => r.innerText).find(t => t.includes("data catalogue")) || ""`); !strings.Contains(got, "Desirable") {
			t.Errorf("%s: the specification says of data catalogue %q", when, got)
		}
	}
	check("after saving")
	h.open("/role?role=data-engineer&level=senior&doc=advert")
	name, data := h.download(`a[href*="file=advert.docx"]`, false, 30*time.Second)
	if !strings.HasSuffix(name, "advert.docx") {
		t.Errorf("the advert downloads as %q", name)
	}
	if doc := zipFiles(t, name, data)["word/document.xml"]; !strings.Contains(string(doc), "three hospitals") {
		t.Error("the downloaded Word advert lacks the about text")
	}

	// A restart: the same browser finds it all again.
	c.restart(opts)
	h.base = c.srv.URL
	check("after a restart")
	h.open("/role/edit?role=data-engineer&level=senior")
	if got := eval[bool](h, `document.getElementById("`+id+`-desirable").checked`); !got {
		t.Error("after a restart Data catalogue is no longer desirable in the editor")
	}

	h.open("/saved")
	h.checkAccessible("saved work")
	csv := filepath.Join(t.TempDir(), "skills.csv")
	if err := os.WriteFile(csv, []byte(skillsCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	h.open("/frameworks")
	h.step("choose a skills spreadsheet", 10*time.Second, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.ID("files"), []string{csv}))
	})
	h.submit(`form[action="/frameworks"] button[type=submit]`)
	h.checkAccessible("a catalogue to make a role of")
	h.submit(`form[action="/frameworks/role"] button[type=submit]`) // no title
	h.checkAccessible("a catalogue role with an error")

	if d := time.Since(start); d > 50*time.Second {
		t.Errorf("the journey took %s; keep it well under a minute", d.Round(time.Second))
	}
}
