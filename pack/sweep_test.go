package pack

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/defaults"
	"github.com/rolepack/rolepack/framework/importer"
	"github.com/rolepack/rolepack/lint"
	"github.com/rolepack/rolepack/pack/packtest"
	"github.com/rolepack/rolepack/render"
)

// sweepCorpus is the DDaT corpus beside the repository (CI has
// /work/shared as ../shared).
const sweepCorpus = "../../shared/corpus/ddat"

// sweepKinds are the documents the sweep renders for every role-level.
var sweepKinds = []string{"jd", "spec", "scoring", "advert"}

// sweepFile is the sweep's record: one line per role-level, the totals and
// the most frequent grammar findings. `go test ./pack -run CorpusSweep
// -update` rewrites it; review its diff as you would a golden file's.
var sweepFile = filepath.Join("testdata", "sweep.txt")

// sweepLine is what the sweep counts for one role-level.
type sweepLine struct {
	id       string // ddat/ROLE at LEVEL
	grammar  []lint.Finding
	texts    []string // the text of each grammar finding
	bare     int      // list items with no text (a bold label alone, or nothing)
	entries  int      // the composed role's entries
	criteria int      // person specification criteria
	scored   int      // criteria on the scoring sheet
	leaks    []string
	tags     []string // document lines naming a skill with its discipline tag
	wording  []string // wording faults (wordingFaults), as "doc: place: fault: text"
	err      error
}

// failures lists the thresholds of issue 24 the line misses.
func (l sweepLine) failures() []string {
	var out []string
	if len(l.grammar) > 0 {
		out = append(out, "grammar")
	}
	if l.bare > 0 {
		out = append(out, "bare items")
	}
	if l.entries >= 10 && (l.criteria < 10 || l.criteria > 15) {
		out = append(out, "criteria not 10-15")
	}
	if l.scored < 4 || l.scored > 8 {
		out = append(out, "scored not 4-8")
	}
	if len(l.leaks) > 0 {
		out = append(out, "left-out text used")
	}
	if len(l.tags) > 0 {
		out = append(out, "discipline tag: "+l.tags[0])
	}
	if len(l.wording) > 0 {
		out = append(out, "wording: "+l.wording[0])
	}
	return out
}

func (l sweepLine) String() string {
	if l.err != nil {
		return fmt.Sprintf("%s: error: %v", l.id, l.err)
	}
	s := fmt.Sprintf("%s: grammar %d, wording %d, bare items %d, entries %d, criteria %d, scored %d, left-out text %d",
		l.id, len(l.grammar), len(l.wording), l.bare, l.entries, l.criteria, l.scored, len(l.leaks))
	if f := l.failures(); len(f) > 0 {
		s += " · FAILS " + strings.Join(f, ", ")
	}
	return s
}

// TestCorpusSweep imports every DDaT page of the corpus as framework
// ddat (as `rolepack import --id ddat` does; it replaces the built-in
// one), and for every role-level that is not retired composes the role as
// it is (ddat/ROLE at LEVEL) and renders the JD, person specification,
// scoring sheet and advert to the document tree. It counts, per
// role-level: grammar findings (lint categories grammar and
// repeated-word) in the four documents, list items with no text, person
// specification criteria, scored criteria, and left-out entries whose
// descriptors are used (verbatim after plain-texting, or with 80% of their
// words) in a line of the documents. It writes one line per role-level,
// the totals and the most frequent grammar findings to testdata/sweep.txt
// (`-update` rewrites it, so drift shows in review: a difference fails).
//
// It also makes the wording checks of sweepwords_test.go of every text
// (no "Experience of have/can/is", no knowledge led in as experience, no
// duty keeping its frame ("Can …", "Responsible for …"), no doubled word
// or frame, no " ." or "..", no sentence starting in lower case, no
// unbalanced brackets, no stray bullet mark, questions in the past tense,
// "Ability to" before a base verb) and lists the first 60 faults.
//
// It asserts, for every role-level: no grammar finding, no wording fault,
// no item without text, 10 to 15 criteria where the role has 10 entries or more, 4 to 8
// scored criteria, no left-out entry's text in a candidate document.
// Without the corpus the test is skipped.
func TestCorpusSweep(t *testing.T) {
	if testing.Short() {
		t.Skip("the corpus sweep runs in the full suite (make test), not under -short (the race run)")
	}
	start := time.Now()
	fw, lib, cfg, engine := sweepSetup(t)
	kinds, err := render.LookupKinds(sweepKinds)
	if err != nil {
		t.Fatal(err)
	}
	all, err := lint.NewRules(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rules := all.Only(lint.Grammar, lint.RepeatedWord) // no spelling suggestions: they are most of the time
	type job struct{ role, level string }
	var jobs []job
	for _, f := range []*framework.Framework{fw, sweepAwkward(t)} {
		for _, r := range f.Roles {
			for _, l := range r.Levels {
				if !l.Retired {
					jobs = append(jobs, job{f.ID + "/" + r.ID, l.ID})
				}
			}
		}
	}
	composer := compose.NewComposer(cfg, lib)
	date := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	lines := make([]sweepLine, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				j := jobs[i]
				lines[i] = sweepOne(composer, cfg, lib, engine, kinds, rules, j.role, j.level, date)
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()

	var b strings.Builder
	var total sweepLine
	failing := 0
	freq := map[string]int{}
	example := map[string]string{}
	for _, l := range lines {
		t.Log(l.String())
		b.WriteString(l.String() + "\n")
		if l.err != nil {
			t.Errorf("%s: %v", l.id, l.err)
			continue
		}
		total.grammar = append(total.grammar, l.grammar...)
		total.bare += l.bare
		total.criteria += l.criteria
		total.scored += l.scored
		total.leaks = append(total.leaks, l.leaks...)
		total.wording = append(total.wording, l.wording...)
		if len(l.failures()) > 0 {
			failing++
		}
		for i, f := range l.grammar {
			key := f.Message
			freq[key]++
			if _, ok := example[key]; !ok {
				example[key] = l.id + ", " + f.File + ": " + f.Place + ": " + l.texts[i]
			}
		}
	}
	summary := fmt.Sprintf("total: %d role-levels, %d failing a threshold; grammar %d, wording %d, bare items %d, criteria %d, scored %d, left-out text %d",
		len(lines), failing, len(total.grammar), len(total.wording), total.bare, total.criteria, total.scored, len(total.leaks))
	t.Log(summary)
	b.WriteString(summary + "\n")
	keys := make([]string, 0, len(freq))
	for k := range freq {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if freq[keys[i]] != freq[keys[j]] {
			return freq[keys[i]] > freq[keys[j]]
		}
		return keys[i] < keys[j]
	})
	b.WriteString("\nmost frequent grammar findings (count, message; where first found: the text):\n")
	for i, k := range keys {
		if i == sweepTop {
			break
		}
		fmt.Fprintf(&b, "%4d  %s\n      %s\n", freq[k], k, example[k])
	}
	if len(total.wording) > 0 {
		b.WriteString("\nwording faults (first 60):\n")
		for i, w := range total.wording {
			if i == 60 {
				break
			}
			b.WriteString("  " + w + "\n")
		}
	}
	if len(total.leaks) > 0 {
		b.WriteString("\nleft-out text used (first 40):\n")
		for i, l := range total.leaks {
			if i == 40 {
				break
			}
			b.WriteString("  " + l + "\n")
		}
	}
	t.Logf("swept %d role-levels in %s", len(lines), time.Since(start).Round(time.Millisecond))

	if *update {
		if err := os.WriteFile(sweepFile, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	} else if want, err := os.ReadFile(sweepFile); err != nil || string(want) != b.String() {
		t.Errorf("the sweep differs from %s (or it cannot be read: %v): composition or wording changed; run go test ./pack -run CorpusSweep -update and review the diff", sweepFile, err)
	}
	for _, l := range lines {
		if f := l.failures(); len(f) > 0 {
			t.Errorf("%s", l)
		}
	}
}

// sweepTop is how many of the most frequent grammar findings the record
// lists.
const sweepTop = 60

// sweepOne composes and renders one role-level and counts what the sweep
// reports.
func sweepOne(m *compose.Composer, cfg *config.Config, lib *compose.Library, e *render.Engine, kinds []render.Kind, rules *lint.Rules, role, level string, date time.Time) sweepLine {
	l := sweepLine{id: role + " at " + level}
	p, err := m.Prepare(role, level)
	if err != nil {
		l.err = err
		return l
	}
	rc, err := p.Context(cfg, lib, date)
	if err != nil {
		l.err = err
		return l
	}
	l.entries = len(rc.Role.Items)
	l.criteria = len(rc.Spec)
	for _, c := range rc.Spec {
		if c.Scored {
			l.scored++
		}
	}
	var lines []string
	for _, k := range kinds {
		kctx, err := k.Prepare(context.Background(), rc)
		if err != nil {
			l.err = err
			return l
		}
		c := k.Documents(kctx)[0]
		d, err := e.Document(context.Background(), k, c.Context)
		if err != nil {
			l.err = fmt.Errorf("%s: %w", k.ID, err)
			return l
		}
		file := k.ID + ".md"
		texts := lint.DocumentTexts(d)
		at := map[string]string{}
		for _, t := range texts {
			at[t.Place] = t.Text.Text
		}
		for _, f := range lint.CheckDocument(file, d, rules) {
			if f.Category == lint.Grammar || f.Category == lint.RepeatedWord {
				l.grammar = append(l.grammar, f)
				l.texts = append(l.texts, at[f.Place])
			}
		}
		for _, t := range texts {
			if t.Kind == lint.Title {
				continue
			}
			if (t.Kind == lint.Item || t.Kind == lint.Duty) && (t.Label || strings.TrimSpace(t.Text.Text) == "") {
				l.bare++
			}
			for _, f := range wordingFaults(k.ID, t.Kind, t.Text.Text) {
				l.wording = append(l.wording, k.ID+": "+t.Place+": "+f+": "+t.Text.Text)
			}
			lines = append(lines, k.ID+": "+t.Place+": "+t.Text.Text)
		}
	}
	lowered := loweredAcronyms(rc.Role)
	for _, line := range lines {
		for _, a := range lowered {
			if a.in.MatchString(line) {
				l.wording = append(l.wording, line+": acronym in lower case: "+a.what)
			}
		}
	}
	l.leaks = leaks(rc, lines)
	l.tags = tagged(rc, lines)
	return l
}

// acronym is a word in capitals (two letters or more) in a name, in
// brackets or with the word after it: "IT operations", "(QAT)".
var acronym = regexp.MustCompile(`\(\p{Lu}{2,}\)|\b\p{Lu}{2,}\s+\p{L}+`)

// loweredAcronym is an acronym of a role's names in lower case: what it
// is ("it operations for IT operations") and where a line has it.
type loweredAcronym struct {
	what string
	in   *regexp.Regexp
}

// loweredAcronyms are the acronyms of the role's own names (its family,
// title and job title) in lower case, in their brackets or before the
// word that follows them there ("our it operations profession" for "IT
// operations", "testing (qat)"): in a line, a reader sees a pronoun or a
// misspelling.
func loweredAcronyms(r *compose.Composed) []loweredAcronym {
	var out []loweredAcronym
	for _, name := range []string{r.Family, r.Title, r.JobTitle} {
		for _, m := range acronym.FindAllString(name, -1) {
			caps := strings.TrimRight(strings.TrimLeft(m, "("), ")")
			caps, _, _ = strings.Cut(caps, " ")
			low := strings.Replace(m, caps, strings.ToLower(caps), 1)
			out = append(out, loweredAcronym{low + " for " + m, regexp.MustCompile(`(?:^|\W)` + regexp.QuoteMeta(low) + `(?:\W|$)`)})
		}
	}
	return out
}

// disciplineTag is a skill title's trailing discipline in brackets:
// "Communication (security architect)".
var disciplineTag = regexp.MustCompile(`\S\s+\([A-Za-z][a-z' -]*\)$`)

// tagged lists the document lines that name one of the role's entries
// with its discipline tag ("Experience of communication (security
// architect)"): in one role's documents the tag only says again what the
// role is.
func tagged(rc *compose.Context, lines []string) []string {
	var out []string
	for _, it := range rc.Role.Items {
		if !disciplineTag.MatchString(it.Title) {
			continue
		}
		title := strings.ToLower(it.Title)
		for _, line := range lines {
			if strings.Contains(strings.ToLower(line), title) {
				out = append(out, line)
			}
		}
	}
	return out
}

// leaks lists the left-out entries of the selection whose descriptors a
// document line uses, as "role: entry: line". A descriptor that a used
// entry or the role's own level text also has is not counted.
func leaks(rc *compose.Context, lines []string) []string {
	type prepared struct {
		line  string
		norm  string
		words map[string]bool
	}
	ps := make([]prepared, len(lines))
	for i, line := range lines {
		_, text, _ := strings.Cut(line, ": ")
		_, text, _ = strings.Cut(text, ": ")
		ws := sweepWords(text)
		set := map[string]bool{}
		for _, w := range ws {
			set[stem(w)] = true
		}
		ps[i] = prepared{line: line, norm: " " + strings.Join(ws, " ") + " ", words: set}
	}
	// Text a left-out entry shares with an entry that is used, or with the
	// role's own level text, may rightly be in the documents.
	leftOut := map[string]bool{}
	for _, d := range rc.Selected.Decisions {
		if d.Outcome == "left out" {
			leftOut[d.Kind+"\x00"+strings.ToLower(d.Title)] = true
		}
	}
	shared := map[string]bool{}
	for _, it := range rc.Role.Items {
		if !leftOut[it.Kind+"\x00"+strings.ToLower(it.Title)] {
			for _, desc := range it.Descriptors {
				shared[strings.Join(sweepWords(desc), " ")] = true
			}
		}
	}
	r := rc.Role
	for _, texts := range [][]string{r.RoleText, r.Description, r.Duties, r.Summary, r.Responsibilities} {
		for _, text := range texts {
			shared[strings.Join(sweepWords(text), " ")] = true
		}
	}
	// A line that uses a shared text verbatim is that text's, not a
	// left-out entry's that resembles it.
	explained := make([]bool, len(ps))
	for i, p := range ps {
		for text := range shared {
			ws := strings.Fields(text)
			if len(ws) >= 3 && (strings.Contains(p.norm, " "+text+" ") || overlaps(contentWords(ws), p.words, 3)) {
				explained[i] = true
				break
			}
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, d := range rc.Selected.Decisions {
		if d.Outcome != "left out" {
			continue
		}
		for _, it := range rc.Role.Items {
			if it.Kind != d.Kind || !strings.EqualFold(it.Title, d.Title) {
				continue
			}
			for _, desc := range it.Descriptors {
				ws := sweepWords(desc)
				if own := strings.Join(ws, " "); shared[own] || sharedWithin(shared, own) {
					continue
				}
				content := contentWords(ws)
				for pi, p := range ps {
					if explained[pi] {
						continue
					}
					used := len(ws) >= 3 && strings.Contains(p.norm, " "+strings.Join(ws, " ")+" ")
					used = used || overlaps(content, p.words, 4)
					key := d.Title + "\x00" + p.line
					if used && !seen[key] {
						seen[key] = true
						out = append(out, fmt.Sprintf("%s at %s: %s %q in %s", rc.Role.ID, rc.Role.Rung.Label, d.Kind, d.Title, p.line))
					}
				}
			}
		}
	}
	return out
}

// overlaps reports whether at least 80% of content (min words or more)
// are in words (stemmed).
func overlaps(content []string, words map[string]bool, min int) bool {
	if len(content) < min {
		return false
	}
	n := 0
	for _, w := range content {
		if words[stem(w)] {
			n++
		}
	}
	return n*5 >= len(content)*4
}

// sharedWithin reports whether text is part of one of the shared texts
// (a descriptor the role's own level text repeats).
func sharedWithin(shared map[string]bool, text string) bool {
	if len(strings.Fields(text)) < 3 {
		return false
	}
	for s := range shared {
		if strings.Contains(" "+s+" ", " "+text+" ") {
			return true
		}
	}
	return false
}

// sweepLevelTags are the level tags and codes in brackets the documents
// leave out of framework text (compose's plainText).
var sweepLevelTags = regexp.MustCompile(`(?i)\s*\((?:level\s+\w+|senior|mid|entry|junior|expert|practitioner|working|awareness)\)|\blevel\s+(?:\d+|one|two|three|four|five|six|seven)\b|\s*\((?:[A-Z]{1,4}\d+(?:\.\d+)*)\)`)

var sweepWord = regexp.MustCompile(`[\p{L}\p{N}]+`)

// sweepWords is s plain-texted and lower-cased, as words.
func sweepWords(s string) []string {
	return sweepWord.FindAllString(strings.ToLower(sweepLevelTags.ReplaceAllString(s, "")), -1)
}

// sweepMinor are words the overlap does not count.
var sweepMinor = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("the a an and or of to in on for with by at from as is are be your you their its this that these those it can will into about such other") {
		m[w] = true
	}
	return m
}()

// contentWords are the words of ws that are not minor, three letters or
// more.
func contentWords(ws []string) []string {
	var out []string
	for _, w := range ws {
		if len(w) >= 3 && !sweepMinor[w] {
			out = append(out, w)
		}
	}
	return out
}

// stem strips the common endings, so that "explain" and "explaining"
// count as one word.
func stem(w string) string {
	for _, suf := range []string{"ing", "ies", "ed", "es", "s", "e"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// sweepAwkwardPages are the organisation's own roles in the DDaT page
// format with descriptors in every shape (compose/testdata/awkward), which
// the sweeps compose as framework "org" beside the corpus.
const sweepAwkwardPages = "../compose/testdata/awkward/*.md"

// sweepAwkward imports sweepAwkwardPages as framework "org".
func sweepAwkward(t *testing.T) *framework.Framework {
	t.Helper()
	paths, _ := filepath.Glob(sweepAwkwardPages)
	if len(paths) < 2 {
		t.Fatalf("the awkward pages are missing: %s", sweepAwkwardPages)
	}
	fw, probs, err := importer.Import(paths, importer.Options{ID: "org"})
	if err != nil {
		t.Fatal(err)
	}
	if framework.HasErrors(probs) {
		t.Fatalf("the awkward pages do not import: %v", probs)
	}
	return fw
}

// sweepSetup imports the DDaT corpus as framework "ddat" and returns it
// with the library it makes over the built-in frameworks (and the awkward
// pages as framework "org"), the default
// config and the template engine the corpus sweeps compose and render
// with; without the corpus the test is skipped.
func sweepSetup(t *testing.T) (*framework.Framework, *compose.Library, *config.Config, *render.Engine) {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(sweepCorpus, "*.md"))
	if len(paths) == 0 {
		t.Skip("corpus not present at " + sweepCorpus)
	}
	fw, probs, err := importer.Import(paths, importer.Options{ID: "ddat"})
	if err != nil {
		t.Fatal(err)
	}
	if framework.HasErrors(probs) {
		t.Fatalf("the corpus does not import: %v", probs)
	}
	builtins, err := defaults.Frameworks()
	if err != nil {
		t.Fatal(err)
	}
	lib, _, err := compose.NewLibraryOver(builtins, []*framework.Framework{fw, sweepAwkward(t)})
	if err != nil {
		t.Fatal(err)
	}
	cfg, _, err := packtest.Load()
	if err != nil {
		t.Fatal(err)
	}
	engine, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	return fw, lib, cfg, engine
}
