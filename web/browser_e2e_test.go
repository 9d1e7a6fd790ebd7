//go:build e2e

package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// axeScript is where `npm ci --prefix web/testdata/axe` puts axe-core
// (the version pinned in web/testdata/axe/package-lock.json).
const axeScript = "testdata/axe/node_modules/axe-core/axe.min.js"

// axeTags are the rule sets run on every page: WCAG 2.0, 2.1 and 2.2,
// levels A and AA.
const axeTags = `['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']`

// needTool skips the test when a tool is missing, or fails it when
// ROLEPACK_REQUIRE_TOOLS=1 (as on CI).
func needTool(t *testing.T, what, install string) {
	t.Helper()
	if os.Getenv("ROLEPACK_REQUIRE_TOOLS") == "1" {
		t.Fatalf("%s is missing and ROLEPACK_REQUIRE_TOOLS=1: %s", what, install)
	}
	t.Skipf("%s is missing (%s)", what, install)
}

// headless is one Chromium driven over the DevTools protocol, its
// downloads going to a folder of the test's own.
type headless struct {
	t         *testing.T
	ctx       context.Context // the tab; steps derive their time limit from it
	base      string          // the app's address
	downloads string
	axe       string // axe.min.js
	// dialogs, when set, receives the type of each JavaScript dialog the
	// page opens, for the test to answer; else a dialog (the "leave this
	// page?" of a form with changes not saved) is accepted at once.
	dialogs atomic.Pointer[chan page.DialogType]
}

// answerDialogs accepts every dialog the page opens, or hands it to
// h.dialogs when a test watches them. (A dialog holds up the command
// that caused it, such as the navigation away from a page whose form
// has changes not saved.)
func (h *headless) answerDialogs() {
	err := chromedp.Listen(h.ctx, func(ev any) {
		e, ok := ev.(*page.EventJavascriptDialogOpening)
		if !ok {
			return
		}
		if ch := h.dialogs.Load(); ch != nil {
			select {
			case *ch <- e.Type:
			default:
			}
			return
		}
		go func() {
			ctx, cancel := context.WithTimeout(h.ctx, 10*time.Second)
			defer cancel()
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}()
	})
	if err != nil {
		h.t.Fatalf("listen for dialogs: %v", err)
	}
}

// newHeadless starts Debian's chromium with a fresh profile; it stops
// when the test ends.
func newHeadless(t *testing.T, base string) *headless {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		needTool(t, "chromium", "apt-get install chromium")
	}
	axe, err := os.ReadFile(axeScript)
	if err != nil {
		needTool(t, "axe-core", "npm ci --prefix web/testdata/axe")
	}
	profile, downloads := t.TempDir(), t.TempDir()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancelTab := chromedp.NewContext(alloc)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
	})
	h := &headless{t: t, ctx: ctx, base: base, downloads: downloads, axe: string(axe)}
	h.answerDialogs()
	// The first Run starts the browser, which lives as long as the
	// context of that Run: so it runs on the tab's context, bounded here.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err := <-started:
		if err != nil {
			t.Fatalf("start chromium: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("chromium did not start in 20 s")
	}
	h.step("allow downloads", 20*time.Second, func(ctx context.Context) error {
		_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: ptr(true)})
		return err
	})
	return h
}

func ptr[T any](v T) *T { return &v }

// step runs fn with a time limit and fails the test (stopping it) when
// fn fails.
func (h *headless) step(name string, limit time.Duration, fn func(ctx context.Context) error) {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(h.ctx, limit)
	defer cancel()
	if err := fn(ctx); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("took longer than %s: %w", limit, err)
		}
		h.t.Fatalf("%s: %v", name, err)
	}
}

// open loads a page of the app and waits for it.
func (h *headless) open(path string) {
	h.t.Helper()
	h.step("open "+path, 15*time.Second, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.Navigate(h.base+path))
	})
}

// checkPreview opens a document preview on its own and checks it with
// axe. A preview's Content-Security-Policy sandboxes it without scripts,
// where axe's timers would never fire; so the CSP is bypassed for this
// page only (TestPagesInChromium checks the preview under its CSP).
func (h *headless) checkPreview(name, path string) {
	h.t.Helper()
	bypass := func(on bool) {
		h.step("bypass the CSP", 5*time.Second, func(ctx context.Context) error {
			_, err := chromedp.Call(ctx, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: on})
			return err
		})
	}
	bypass(true)
	defer bypass(false)
	h.open(path)
	h.checkAccessible(name)
}

// mouseClick scrolls the element sel into view, waits for the page to
// draw a frame at its new scroll position, then clicks the middle of the
// element with the mouse.
//
// The wait is for the browser, not the page: Chromium runs the sandboxed
// preview iframe in a process of its own and sends a mouse event to the
// frame under the pointer by the last frame the page drew. Right after a
// scroll made over DevTools (chromedp scrolls an element into view
// before it clicks), headless Chromium has not drawn one yet, so the
// click went where the preview had been before the scroll: the pack's
// button, clicked just after the Markdown box scrolled the page, sent its
// click to the preview. The page's own layout does not move (no
// layout-shift entry, the same positions from first paint to load).
func mouseClick(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, a := range []chromedp.Action[chromedp.Void]{
			chromedp.ScrollIntoView(chromedp.CSS(sel), chromedp.NodeVisible),
			chromedp.Evaluate[chromedp.Void](`new Promise(drawn => requestAnimationFrame(() => requestAnimationFrame(drawn)))`, chromedp.EvalAwaitPromise),
			chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible),
		} {
			if _, err := a(ctx, t); err != nil {
				return err
			}
		}
		return nil
	})
}

// submit clicks sel (a button or link) with the mouse and waits for the
// page it leads to.
func (h *headless) submit(sel string) {
	h.t.Helper()
	h.step("click "+sel, 30*time.Second, func(ctx context.Context) error {
		return h.leaveBy(ctx, sel)
	})
}

// leaveBy clicks sel (a button or link that leads to another page) with
// the mouse and waits until the page it leads to has loaded, watching the
// page itself (a mark set on the page left is gone, the new one is
// complete) rather than waiting for one load event. A click after which
// the page has not started to leave in a few seconds is made again, as a
// person would; one the page ignores twice fails. (Twice on CI's loaded
// machine a save clicked just after a "leave this page?" dialog was
// answered never reported its load, and the cause could not be told from
// a bare time-out.) On the time limit the error says what the page was
// doing.
func (h *headless) leaveBy(ctx context.Context, sel string) error {
	const mark = `window.__rolepackLeft`
	// The mark is false until the page starts to leave (the Navigation
	// API's navigate event, fired for a link followed or a form
	// submitted), then "leaving": a request the server is still answering
	// is not clicked again. (Without the Navigation API it is "unknown",
	// and nothing is clicked again.)
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](mark+` = window.navigation ? false : "unknown"; if (window.navigation) { navigation.addEventListener("navigate", () => { `+mark+` = "leaving"; }, {once: true}); }`)); err != nil {
		return fmt.Errorf("mark the page: %w", err)
	}
	click := func() error { return chromedp.Do(ctx, mouseClick(sel)) }
	if err := click(); err != nil {
		return fmt.Errorf("click %s: %w", sel, err)
	}
	type view struct {
		Marked bool   `json:"marked"`
		Idle   bool   `json:"idle"`
		State  string `json:"state"`
		Where  string `json:"where"`
	}
	look := func() (view, error) {
		// A look while the page is being replaced can fail (its context
		// is gone): that is the page leaving, looked at again shortly.
		lctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		return chromedp.Run(lctx, chromedp.Evaluate[view](`({marked: `+mark+` !== undefined, idle: `+mark+` === false, state: document.readyState, where: location.pathname + location.search})`))
	}
	clicked, again := time.Now(), false
	var last view
	var lastErr error
	for {
		v, err := look()
		if err == nil {
			last, lastErr = v, nil
			if !v.Marked && v.State == "complete" {
				return nil
			}
			if v.Idle && v.State == "complete" && !again && time.Since(clicked) > 5*time.Second {
				h.t.Logf("a click on %s left %s unchanged for 5 s; clicking again", sel, v.Where)
				if err := click(); err != nil {
					return fmt.Errorf("click %s again: %w", sel, err)
				}
				again = true
			}
		} else {
			lastErr = err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("the page did not load after a click on %s (last seen: %s, %q, still the page clicked: %t; %v): %w",
				sel, last.Where, last.State, last.Marked, lastErr, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// eval evaluates a JavaScript expression in the page and returns its
// value.
func eval[T any](h *headless, expr string) T {
	h.t.Helper()
	var v T
	h.step("evaluate "+expr, 10*time.Second, func(ctx context.Context) error {
		var err error
		v, err = chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
		return err
	})
	return v
}

// text is the visible text of the first element sel matches.
func (h *headless) text(sel string) string {
	h.t.Helper()
	return eval[string](h, fmt.Sprintf(`(document.querySelector(%q) || {innerText: ""}).innerText`, sel))
}

// frameText returns the text of the iframe sel, whose address has
// urlPart. Chromium runs a sandboxed frame in a process of its own, as a
// target of its own (site isolation), so the text is read by attaching to
// that target; a frame in the page's process is read from its node.
func (h *headless) frameText(sel, urlPart string) string {
	h.t.Helper()
	var text string
	h.step("read the frame "+sel, 15*time.Second, func(ctx context.Context) error {
		for {
			infos, err := chromedp.Targets(ctx)
			if err != nil {
				return err
			}
			for _, info := range infos {
				if info.Type == "iframe" && strings.Contains(info.URL, urlPart) {
					fctx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(info.TargetID), chromedp.WithDetachOnCancel())
					defer cancel()
					text, err = chromedp.Run(fctx, chromedp.TextContent(chromedp.CSS("main")))
					return err
				}
			}
			frames, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS(sel)))
			if err != nil {
				return err
			}
			if frames[0].ContentDocument != nil {
				text, err = chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS("main"), chromedp.FromNode(frames[0])))
				return err
			}
			if err := chromedp.Do(ctx, chromedp.Sleep(100*time.Millisecond)); err != nil {
				return err
			}
		}
	})
	return text
}

// layoutShift is the page's cumulative layout shift so far (the sum of
// Chromium's layout-shift entries since the page began to load): 0 when
// nothing on it moved after it was first drawn.
func (h *headless) layoutShift() float64 {
	h.t.Helper()
	return eval[float64](h, `new Promise(done => {
		let sum = 0;
		const seen = new PerformanceObserver(list => { for (const e of list.getEntries()) sum += e.value; });
		seen.observe({type: "layout-shift", buffered: true});
		requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => { seen.disconnect(); done(sum); }, 100)));
	})`)
}

// violation is one failed axe rule.
type violation struct {
	ID      string     `json:"id"`
	Impact  string     `json:"impact"`
	Help    string     `json:"help"`
	Targets [][]string `json:"targets"`
}

// axeViolations runs axe-core's WCAG 2.2 A and AA rules on the page and
// returns what fails. axe is injected over the DevTools protocol:
// Runtime.evaluate is not subject to the page's Content-Security-Policy,
// which allows no inline script.
func (h *headless) axeViolations(name string) []violation {
	h.t.Helper()
	var found []violation
	h.step("axe on "+name, 20*time.Second, func(ctx context.Context) error {
		loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof axe === "object"`))
		if err != nil {
			return err
		}
		if !loaded {
			if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](h.axe)); err != nil {
				return fmt.Errorf("inject axe-core: %w", err)
			}
		}
		// iframes: false: a preview is checked on its own page (the frame
		// is sandboxed and would never answer axe).
		found, err = chromedp.Run(ctx, chromedp.Evaluate[[]violation](`axe.run(document, {iframes: false, resultTypes: ['violations'], runOnly: {type: 'tag', values: `+axeTags+`}})
			.then(r => r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help, targets: v.nodes.map(n => n.target.map(String))})))`, chromedp.EvalAwaitPromise))
		return err
	})
	return found
}

// checkAccessible reports every WCAG 2.2 A or AA failure axe finds on
// the page: its rule, impact and elements.
func (h *headless) checkAccessible(name string) {
	h.t.Helper()
	for _, v := range h.axeViolations(name) {
		var at []string
		for _, tg := range v.Targets {
			at = append(at, strings.Join(tg, " "))
		}
		h.t.Errorf("%s: axe %s (%s): %s: %s", name, v.ID, v.Impact, v.Help, strings.Join(at, ", "))
	}
}

// download presses sel (a button or link) with the mouse or, byKeyboard,
// with the focus on it and Enter; waits for the download it starts to
// complete and returns the file's suggested name and content.
func (h *headless) download(sel string, byKeyboard bool, limit time.Duration) (string, []byte) {
	h.t.Helper()
	var name string
	var data []byte
	h.step("download from "+sel, limit, func(ctx context.Context) error {
		// The browser's download events, kept in order; the func must not
		// block (it runs in chromedp's reading loop).
		events := make(chan any, 1024)
		if err := chromedp.ListenBrowser(ctx, func(ev any) {
			switch ev.(type) {
			case *browser.EventDownloadWillBegin, *browser.EventDownloadProgress:
				select {
				case events <- ev:
				default:
				}
			}
		}); err != nil {
			return err
		}
		press := []chromedp.Action[chromedp.Void]{mouseClick(sel)}
		if byKeyboard {
			press = []chromedp.Action[chromedp.Void]{chromedp.Focus(chromedp.CSS(sel), chromedp.NodeVisible), chromedp.KeyEvent(kb.Enter)}
		}
		if err := chromedp.Do(ctx, press...); err != nil {
			return err
		}
		var guid string
		seen := 0
		for {
			select {
			case <-ctx.Done():
				return fmt.Errorf("%d download events, download %q %q: %w", seen, guid, name, ctx.Err())
			case ev := <-events:
				seen++
				switch ev := ev.(type) {
				case *browser.EventDownloadWillBegin:
					if guid == "" {
						name, guid = ev.SuggestedFilename, ev.GUID
					}
				case *browser.EventDownloadProgress:
					if ev.GUID != guid {
						continue
					}
					switch ev.State {
					case browser.DownloadProgressStateCompleted:
						var err error
						data, err = os.ReadFile(filepath.Join(h.downloads, guid)) // allowAndName names the file by its GUID
						return err
					case browser.DownloadProgressStateCanceled:
						return fmt.Errorf("the download of %s was cancelled", name)
					}
				}
			}
		}
	})
	return name, data
}

// zipFiles returns the files of a zip by name.
func zipFiles(t *testing.T, name string, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s is not a zip: %v", name, err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %s: %v", name, f.Name, err)
		}
		var b bytes.Buffer
		if _, err := b.ReadFrom(rc); err != nil {
			t.Fatalf("%s: %s: %v", name, f.Name, err)
		}
		rc.Close()
		out[f.Name] = b.Bytes()
	}
	return out
}

// manifestCSV is a manifest of n vacancies for the data engineer at its
// three levels, each with a panel of two.
func manifestCSV(t *testing.T, n int) []byte {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	levels := []string{"mid", "senior", "head"}
	_ = w.Write([]string{"reference", "role", "level", "band", "closing", "panel"})
	for i := 1; i <= n; i++ {
		_ = w.Write([]string{fmt.Sprintf("DE-%03d", i), "data-engineer", levels[i%3], "Band 7", "2026-12-14", fmt.Sprintf("Jane Smith;Panel Member %d", i)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestBrowserJourneys drives the app as its users do, in headless
// Chromium: a hiring manager finds a role, switches its level, fills in
// the vacancy (a mistake first), sees the preview change and downloads
// the pack; a recruitment coordinator uploads a spreadsheet of 30
// vacancies and downloads 30 packs. axe-core checks every page on the way
// against WCAG 2.2 AA.
func TestBrowserJourneys(t *testing.T) {
	start := time.Now()
	c := newClient(t, newOptions(t))
	h := newHeadless(t, c.srv.URL)

	// The page's Content-Security-Policy refuses inline script: one added
	// to the page does not run. DevTools evaluation (how axe is injected,
	// and this check) is not page script and runs.
	h.open("/")
	if got := eval[string](h, `new Promise(done => {
		document.addEventListener("securitypolicyviolation", e => done("refused: " + e.violatedDirective));
		const s = document.createElement("script");
		s.textContent = "document.title = 'inline ran'";
		document.head.appendChild(s);
		setTimeout(() => done(document.title), 2000);
	})`); !strings.HasPrefix(got, "refused: script-src") {
		t.Errorf("an inline script added to the page: %s", got)
	}
	h.checkAccessible("home")
	// axe finds what it should: an image without a text alternative.
	eval[chromedp.Void](h, `document.querySelector("main").insertAdjacentHTML("beforeend", '<img id="e2e-no-alt" src="/static/none.png">')`)
	if v := h.axeViolations("home with an image without alt"); len(v) != 1 || v[0].ID != "image-alt" {
		t.Errorf("axe on an image without alt found %+v, want image-alt", v)
	}
	eval[chromedp.Void](h, `document.getElementById("e2e-no-alt").remove()`)

	// Search by title and choose a role and level.
	h.step("search", 10*time.Second, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("q"), "data engineer"))
	})
	h.submit(`form.search button[type=submit]`)
	if got := h.text("#roles-heading"); !strings.Contains(got, `match “data engineer”`) {
		t.Errorf("search results heading %q", got)
	}
	if got := h.text("#roles"); strings.Contains(got, "Head of Data Ethics") {
		t.Error("searching for data engineer lists the Head of Data Ethics")
	}
	h.checkAccessible("search results")
	h.submit(`a[aria-label="Data engineer, Senior"]`)
	if got := h.text("h1"); got != "Data engineer, Senior" {
		t.Fatalf("chose the senior data engineer, the page says %q", got)
	}
	h.checkAccessible("role page")

	// Switch level: the heading and the preview change.
	h.step("choose the head level", 10*time.Second, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("level"), "head"))
	})
	h.submit(`form.level-form button[type=submit]`)
	if got := h.text("h1"); got != "Data engineer, Head" {
		t.Errorf("switched to the head level, the page says %q", got)
	}
	if src := eval[string](h, `document.querySelector("iframe.preview").getAttribute("src")`); !strings.Contains(src, "level=head") {
		t.Errorf("the preview after switching level is %s", src)
	}

	// The advert, then a detail typed wrong: the error summary links to
	// the field, which is marked invalid, and following the link puts the
	// cursor in it.
	h.submit(`nav.tabs a[href*="doc=advert"]`)
	h.step("type a wrong lowest salary", 10*time.Second, func(ctx context.Context) error {
		return chromedp.Do(ctx,
			chromedp.SendKeys(chromedp.ID("f-reference"), "E2E-0042"),
			chromedp.SendKeys(chromedp.ID("f-salaryMin"), "about 50k"),
			chromedp.SetValue(chromedp.ID("f-closing"), "2026-12-14"),
			chromedp.SetValue(chromedp.ID("f-band"), "Band 8c"),
			chromedp.SetValue(chromedp.ID("f-panel"), "Jane Smith\nRaj Patel"))
	})
	h.submit(`section.details button[type=submit]`)
	if got := eval[string](h, `document.querySelector(".error-summary a").getAttribute("href")`); got != "#f-salaryMin" {
		t.Errorf("the error summary links to %q, not the lowest salary", got)
	}
	if got := eval[string](h, `document.getElementById("f-salaryMin").getAttribute("aria-invalid")`); got != "true" {
		t.Errorf("the wrong lowest salary has aria-invalid=%q", got)
	}
	if got := eval[string](h, `document.activeElement.id || document.activeElement.className`); got != "error-summary" {
		t.Errorf("after a wrong detail the focus is on %q, not the error summary", got)
	}
	if got := eval[string](h, `document.getElementById("f-salaryMin").getAttribute("aria-describedby")`); !strings.Contains(got, "f-salaryMin-error") {
		t.Errorf("the lowest salary is not described by its error (aria-describedby=%q)", got)
	}
	h.checkAccessible("role page with an error")
	h.step("follow the error link", 10*time.Second, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.error-summary a`)))
	})
	if got := eval[string](h, `document.activeElement.id`); got != "f-salaryMin" {
		t.Errorf("following the error link puts the focus on %q", got)
	}
	if got := eval[string](h, `document.getElementById("f-reference").value`); got != "E2E-0042" {
		t.Errorf("the page with the error lost the reference typed: %q", got)
	}

	// Corrected: saved, and the preview shows the reference.
	h.step("correct the lowest salary", 10*time.Second, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("f-salaryMin"), "46148"))
	})
	h.submit(`section.details button[type=submit]`)
	if got := h.text(".notice"); !strings.Contains(got, "Details saved") {
		t.Errorf("after saving, the notice says %q", got)
	}
	if n := eval[int](h, `document.querySelectorAll("[aria-invalid=true]").length`); n != 0 {
		t.Errorf("after correcting, %d fields are still marked invalid", n)
	}
	preview := h.frameText("iframe.preview", "/preview?")
	if !strings.Contains(preview, "E2E-0042") || !strings.Contains(preview, "Band 8c") {
		t.Errorf("the advert preview lacks the reference and band saved:\n%.600s", preview)
	}
	h.checkAccessible("role page after saving")
	previewURL := eval[string](h, `document.querySelector("iframe.preview").src`)
	h.checkPreview("advert preview", strings.TrimPrefix(previewURL, h.base))
	h.open("/role?role=data-engineer&level=head&doc=pdp")
	h.checkAccessible("development plan page")
	h.checkPreview("scoring sheet preview", "/preview?role=data-engineer&level=head&doc=scoring")

	// The whole pack, with Markdown as well as PDF and Word. Nothing on
	// the page moves once it is drawn (the preview's box is sized by the
	// style sheet, not by what loads into it); the check sees a shift
	// when there is one.
	h.open("/role?role=data-engineer&level=head&doc=advert")
	if cls := h.layoutShift(); cls != 0 {
		t.Errorf("the role page moved after it was first drawn: layout shift %.3f", cls)
	}
	eval[chromedp.Void](h, `document.querySelector("main").insertAdjacentHTML("afterbegin", '<p>A paragraph added late</p>')`)
	if cls := h.layoutShift(); cls == 0 {
		t.Error("a paragraph inserted at the top of the page was not seen as a layout shift")
	}
	h.open("/role?role=data-engineer&level=head&doc=advert")
	h.step("tick Markdown", 10*time.Second, func(ctx context.Context) error {
		return chromedp.Do(ctx, mouseClick("#pack-md"))
	})
	name, data := h.download(`section.pack button[type=submit]`, false, 30*time.Second)
	if name != "E2E-0042-data-engineer-head.zip" { // named by the vacancy reference
		t.Errorf("the pack downloads as %q", name)
	}
	files := zipFiles(t, name, data)
	var names []string
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	dir := "E2E-0042-data-engineer-head/"
	for _, doc := range []string{"jd", "spec", "advert", "scoring-jane-smith", "scoring-raj-patel", "record", "progression"} {
		for _, ext := range []string{".pdf", ".docx", ".md"} {
			n := dir + doc + ext
			if _, ok := files[n]; !ok {
				t.Errorf("the pack lacks %s (has %s)", n, strings.Join(names, " "))
			}
		}
	}
	if !bytes.HasPrefix(files[dir+"jd.pdf"], []byte("%PDF-")) {
		t.Error("jd.pdf in the pack is not a PDF")
	}
	if docx := files[dir+"advert.docx"]; docx != nil {
		if doc := zipFiles(t, "advert.docx", docx)["word/document.xml"]; !bytes.Contains(doc, []byte("E2E-0042")) {
			t.Error("advert.docx lacks the reference saved in the form")
		}
	}
	if md := files[dir+"advert.md"]; !bytes.Contains(md, []byte("E2E-0042")) || !bytes.Contains(md, []byte("14 December 2026")) {
		t.Errorf("advert.md lacks the reference or closing date saved:\n%.400s", md)
	}

	// A spreadsheet of 30 vacancies.
	h.open("/batch")
	h.checkAccessible("manifest upload")
	manifest := filepath.Join(t.TempDir(), "vacancies.csv")
	if err := os.WriteFile(manifest, manifestCSV(t, 30), 0o600); err != nil {
		t.Fatal(err)
	}
	h.step("choose the manifest", 10*time.Second, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.ID("manifest"), []string{manifest}))
	})
	batchStart := time.Now()
	h.submit(`form button[type=submit]`)
	if strings.Contains(eval[string](h, `document.title`), "Building") {
		t.Log("checked the page of a run in progress")
		h.checkAccessible("manifest run in progress")
	}
	var status string
	h.step("wait for 30 packs", 45*time.Second, func(ctx context.Context) error {
		for {
			// The page's script shows the result in place when the run
			// is over.
			s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("p.lead[role=status]") || {innerText: ""}).innerText`))
			if err == nil && s != "" {
				status = s
				return nil
			}
			if err := chromedp.Do(ctx, chromedp.Sleep(250*time.Millisecond)); err != nil {
				return err
			}
		}
	})
	t.Logf("30 packs built and shown in %s", time.Since(batchStart).Round(100*time.Millisecond))
	if !strings.Contains(status, "30 vacancies: 30 packs ready, 0 failed") {
		t.Fatalf("the run says %q", status)
	}
	h.checkAccessible("manifest run over")
	name, data = h.download(`a[href$="/role-packs.zip"]`, true, 30*time.Second)
	if name != "role-packs.zip" {
		t.Errorf("the packs download as %q", name)
	}
	files = zipFiles(t, name, data)
	packZip := regexp.MustCompile(`^role-packs/(DE-\d{3})-data-engineer-(mid|senior|head)\.zip$`)
	packs := map[string]bool{}
	for n := range files {
		if m := packZip.FindStringSubmatch(n); m != nil {
			packs[m[1]] = true
			if len(zipFiles(t, n, files[n])) == 0 {
				t.Errorf("%s is empty", n)
			}
		}
	}
	if len(packs) != 30 {
		t.Errorf("role-packs.zip has %d packs, want 30", len(packs))
	}
	rows, err := csv.NewReader(bytes.NewReader(files["role-packs/index.csv"])).ReadAll()
	if err != nil || len(rows) != 31 {
		t.Errorf("index.csv: %d rows (want a header and 30), %v", len(rows), err)
	}
	var de7 []string
	for n := range files {
		if strings.HasPrefix(n, "role-packs/DE-007-data-engineer-senior/scoring-") {
			de7 = append(de7, strings.TrimPrefix(n, "role-packs/DE-007-data-engineer-senior/"))
		}
	}
	sort.Strings(de7)
	if got := strings.Join(de7, " "); got != "scoring-jane-smith.docx scoring-jane-smith.pdf scoring-panel-member-7.docx scoring-panel-member-7.pdf" {
		t.Errorf("the pack of DE-007 has the scoring sheets %s, want one a panel member in PDF and Word", got)
	}

	// The other pages: a framework's report, and an error.
	h.open("/frameworks")
	h.checkAccessible("framework upload")
	h.step("choose a broken framework", 10*time.Second, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.ID("files"), []string{mustAbs(t, "testdata/broken.yaml")}))
	})
	h.submit(`form[action="/frameworks"] button[type=submit]`)
	if got := h.text("#report-heading"); !strings.Contains(got, "broken.yaml") {
		t.Errorf("the framework report heading is %q", got)
	}
	h.checkAccessible("framework report")
	h.open("/role?role=astronaut")
	h.checkAccessible("page not found")

	if d := time.Since(start); d > 50*time.Second {
		t.Errorf("the journeys took %s; keep them well under a minute", d.Round(time.Second))
	}
	t.Logf("journeys took %s", time.Since(start).Round(100*time.Millisecond))
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestPagesReflowAt320 opens every page at 320 CSS pixels wide (a 1280
// pixel screen at 400% zoom, WCAG 1.4.10 Reflow): none scrolls sideways.
// A table too wide for the screen (the results of a manifest) scrolls in
// its own region, which the keyboard can reach (axe checks it there).
func TestPagesReflowAt320(t *testing.T) {
	c := newClient(t, newOptions(t))
	h := newHeadless(t, c.srv.URL)
	h.step("a 320 pixel wide window", 5*time.Second, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.EmulateViewport(320, 640))
	})
	// wider is what sticks out of the page's width: the document's
	// scroll width over the window's, and the first few elements that
	// reach past the window's right edge.
	wider := func(name string) {
		t.Helper()
		got := eval[string](h, `(() => {
			const page = document.documentElement;
			if (page.scrollWidth <= page.clientWidth) return "";
			const out = [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > page.clientWidth + 0.5);
			return page.scrollWidth + " px wide in a " + page.clientWidth + " px window: " +
				out.slice(0, 5).map(e => e.nodeName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + e.className : "")).join(", ");
		})()`)
		if got != "" {
			t.Errorf("%s at 320 px scrolls sideways: %s", name, got)
		}
	}
	for _, p := range []struct{ name, path string }{
		{"home", "/"},
		{"search results", "/?q=data"},
		{"job description page", "/role?role=data-engineer&level=senior&doc=jd"},
		{"advert page", "/role?role=data-engineer&level=senior&doc=advert"},
		{"scoring sheet page", "/role?role=data-engineer&level=senior&doc=scoring"},
		{"development plan page", "/role?role=data-engineer&level=senior&doc=pdp"},
		{"career map page", "/role?role=data-engineer&level=senior&doc=progression"},
		{"manifest upload", "/batch"},
		{"framework upload", "/frameworks"},
		{"page not found", "/role?role=astronaut"},
	} {
		h.open(p.path)
		wider(p.name)
	}
	// A document's table of two columns (the job details: a label and
	// its value) fits the screen: no value sits past its right edge in
	// a region scrolled away, as it did when every table was 44rem wide.
	for _, doc := range []string{"jd"} {
		h.open("/preview?role=data-engineer&level=senior&doc=" + doc)
		got := eval[string](h, `(() => {
			const w = document.documentElement.clientWidth;
			const out = [];
			for (const t of document.querySelectorAll("table")) {
				if (t.querySelectorAll("colgroup col").length !== 2) continue;
				for (const c of t.querySelectorAll("td")) {
					if (c.getBoundingClientRect().right > w + 0.5) out.push(c.textContent.trim());
				}
			}
			return out.length + (out.length ? ": " + out.slice(0, 3).join(" | ") : "");
		})()`)
		if got != "0" {
			t.Errorf("the %s at 320 px has values of a two-column table past the screen's edge: %s", doc, got)
		}
		if n := eval[int](h, `[...document.querySelectorAll("table")].filter(t => t.querySelectorAll("colgroup col").length === 2).length`); n == 0 {
			t.Errorf("the %s has no table of two columns to check", doc)
		}
	}

	// The check sees a page that scrolls sideways.
	eval[chromedp.Void](h, `document.querySelector("main").insertAdjacentHTML("beforeend", '<pre id="e2e-wide">`+strings.Repeat("x", 80)+`</pre>')`)
	if got := eval[int](h, `document.documentElement.scrollWidth`); got <= 320 {
		t.Errorf("a line of 80 characters that cannot wrap left the page %d px wide", got)
	}

	h.open("/role?role=data-engineer&level=senior&doc=advert")
	h.step("type a wrong lowest salary", 10*time.Second, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("f-salaryMin"), "about 50k"))
	})
	h.submit(`section.details button[type=submit]`)
	wider("role page with an error")

	h.open("/batch")
	h.step("choose the manifest", 10*time.Second, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.ID("manifest"), []string{mustAbs(t, "testdata/vacancies.csv")}))
	})
	h.submit(`form button[type=submit]`)
	h.step("wait for the run's result", 30*time.Second, func(ctx context.Context) error {
		for {
			if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("table.results").length`)); err == nil && n > 0 {
				return nil
			}
			if err := chromedp.Do(ctx, chromedp.Sleep(250*time.Millisecond)); err != nil {
				return err
			}
		}
	})
	wider("manifest result")
	if got := eval[bool](h, `(() => { const r = document.querySelector(".table-scroll"); return r.scrollWidth > r.clientWidth; })()`); !got {
		t.Log("the results table fits 320 px without scrolling its region")
	}
	h.checkAccessible("manifest result at 320 px")

	h.open("/frameworks")
	h.step("choose a broken framework", 10*time.Second, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.ID("files"), []string{mustAbs(t, "testdata/broken.yaml")}))
	})
	h.submit(`form[action="/frameworks"] button[type=submit]`)
	wider("framework report")
}

// TestUnsavedDetailsAskBeforeLeaving: details typed and not saved are not
// lost to a click on another document's tab, a level or a reload: the
// browser asks first (beforeunload), and staying keeps what was typed.
// Saving does not ask; a page that refused what was typed (an error)
// asks too, as nothing on it is saved.
func TestUnsavedDetailsAskBeforeLeaving(t *testing.T) {
	c := newClient(t, newOptions(t))
	h := newHeadless(t, c.srv.URL)
	dialogs := make(chan page.DialogType, 4)
	h.dialogs.Store(&dialogs)
	// asks is whether leaving the page now would ask first.
	asks := func() bool {
		return eval[bool](h, `(() => { const e = new Event("beforeunload", {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented; })()`)
	}
	h.open("/role?role=data-engineer&level=senior&doc=jd")
	if asks() {
		t.Error("a page with nothing typed asks before it is left")
	}
	h.step("type a band", 10*time.Second, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("f-band"), "Band 7"))
	})
	if !asks() {
		t.Error("leaving a page with a band typed and not saved does not ask")
	}
	// A click on another document's tab: the browser asks; staying
	// keeps the page and what was typed.
	// (The click returns once the dialog is answered, so it runs apart.)
	clicked := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(h.ctx, 20*time.Second)
		defer cancel()
		clicked <- chromedp.Do(ctx, mouseClick(`nav.tabs a[href*="doc=advert"]`))
	}()
	select {
	case typ := <-dialogs:
		if typ != page.DialogTypeBeforeunload {
			t.Errorf("the tab opened a %s dialog, not beforeunload", typ)
		}
		h.step("stay on the page", 10*time.Second, func(ctx context.Context) error {
			_, err := chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
			return err
		})
	case err := <-clicked:
		t.Fatalf("a click on another tab with a band typed and not saved did not ask (%v)", err)
	case <-time.After(10 * time.Second):
		t.Fatal("a click on another tab with a band typed and not saved: no dialog in 10 s")
	}
	if err := <-clicked; err != nil {
		t.Fatalf("click the advert's tab: %v", err)
	}
	if got := eval[string](h, `document.getElementById("f-band").value + " | " + location.search`); got != "Band 7 | ?role=data-engineer&level=senior&doc=jd" {
		t.Errorf("after staying, the band and page are %q", got)
	}
	// Saving does not ask, and the saved page has nothing unsaved. (The
	// click runs apart, as above: a dialog it opened would hold it until
	// answered, and is then a failure named as such, not a time-out. The
	// saved page composes and previews the role, slower on a loaded
	// machine: up to a minute.)
	saved := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(h.ctx, time.Minute)
		defer cancel()
		saved <- h.leaveBy(ctx, `section.details button[type=submit]`)
	}()
	select {
	case typ := <-dialogs:
		t.Errorf("saving the details opened a %s dialog", typ)
		h.step("leave, to go on", 10*time.Second, func(ctx context.Context) error {
			_, err := chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
			return err
		})
		if err := <-saved; err != nil {
			t.Fatalf("save the details: %v", err)
		}
	case err := <-saved:
		if err != nil {
			t.Fatalf("save the details: %v", err)
		}
	}
	if got := eval[string](h, `document.getElementById("f-band").value`); got != "Band 7" {
		t.Errorf("after saving, the band is %q", got)
	}
	if asks() {
		t.Error("the page after saving asks before it is left")
	}
	// What a page refused (an error) is not saved: leaving it asks.
	h.step("type a wrong lowest salary", 10*time.Second, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("f-salaryMin"), "about 50k"))
	})
	h.submit(`section.details button[type=submit]`)
	if got := h.text(".error-summary"); !strings.Contains(got, "lowest salary") {
		t.Fatalf("no error for the lowest salary: %q", got)
	}
	if !asks() {
		t.Error("leaving a page whose details were refused does not ask")
	}
	forget := func() {
		h.step("forget what was typed", 5*time.Second, func(ctx context.Context) error {
			return chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("form[data-keep]").forEach(f => f.dispatchEvent(new Event("submit")))`))
		})
	}
	forget()
	// The organisation's text and the role editor's forms ask too.
	for _, p := range []struct{ path, field string }{
		{"/organisation", "f-about"},
		{"/role/edit?role=data-engineer&level=senior", "f-replace"},
	} {
		h.open(p.path)
		if asks() {
			t.Errorf("%s asks before it is left with nothing typed", p.path)
		}
		h.step("type in "+p.field, 10*time.Second, func(ctx context.Context) error {
			return chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID(p.field), "x"))
		})
		if !asks() {
			t.Errorf("%s does not ask before it is left with %s typed", p.path, p.field)
		}
		forget()
	}
}

// tab opens another tab of h's browser: the same cookies, so the same
// session, as a person's second tab has.
func (h *headless) tab() *headless {
	h.t.Helper()
	ctx, cancel := chromedp.NewContext(h.ctx)
	h.t.Cleanup(cancel)
	other := &headless{t: h.t, ctx: ctx, base: h.base, downloads: h.downloads, axe: h.axe}
	other.answerDialogs()
	return other
}

// TestTwoTabsKeepEachOthersTyping: a person with the organisation text
// open in two tabs, who saves "About your organisation" in one and then
// "How to apply" in the other (opened before the first save), keeps
// both; the role's selection likewise. In Chromium, as typed.
func TestTwoTabsKeepEachOthersTyping(t *testing.T) {
	c := newClient(t, newOptions(t))
	a := newHeadless(t, c.srv.URL)
	b := a.tab()
	a.open("/organisation")
	b.open("/organisation")
	typeInto := func(h *headless, id, text string) {
		h.step("type into "+id, 10*time.Second, func(ctx context.Context) error {
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { document.getElementById("`+id+`").value = ""; return true; })()`)); err != nil {
				return err
			}
			return chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID(id), text))
		})
	}
	typeInto(a, "f-about", "Tab A's organisation.")
	a.submit(`form[action="/organisation"] button[type=submit]`)
	typeInto(b, "f-apply", "Tab B's way to apply.")
	b.submit(`form[action="/organisation"] button[type=submit]`)
	if got := b.text(".notice"); !strings.HasPrefix(got, "Saved.") {
		t.Fatalf("tab B's save: the page says %q", got)
	}
	a.open("/organisation")
	if got := eval[string](a, `document.getElementById("f-about").value + " | " + document.getElementById("f-apply").value`); got != "Tab A's organisation. | Tab B's way to apply." {
		t.Errorf("after saving in two tabs, about | apply are %q", got)
	}

	// The selection: tab A makes a criterion desirable, tab B (opened
	// before) lists five responsibilities.
	const edit = "/role/edit?role=data-engineer&level=senior"
	a.open(edit)
	b.open(edit)
	name := eval[string](a, `[...document.querySelectorAll("th[scope=row]")].find(th => th.textContent === "Data catalogue").id.replace("-title", "")`)
	a.step("choose desirable", 10*time.Second, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.Click(chromedp.ID(name+"-desirable")))
	})
	a.submit(`form[action="/role/edit"] button[type=submit]`)
	typeInto(b, "f-responsibilities", "5")
	b.submit(`form[action="/role/edit"] button[type=submit]`)
	a.open(edit)
	if got := eval[string](a, `document.getElementById("`+name+`-desirable").checked + " | " + document.getElementById("f-responsibilities").value`); got != "true | 5" {
		t.Errorf("after saving the selection in two tabs, desirable | responsibilities are %q", got)
	}
}
