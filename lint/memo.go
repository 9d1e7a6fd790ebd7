package lint

import (
	"strings"
	"sync"
)

// memoGeneration is how many texts, and how many Markdown lines, a memo
// keeps in each of its two generations: enough for every distinct
// paragraph, item and cell of the documents a batch of a few roles makes,
// while the vacancy-specific ones (references, salaries) age out, so the
// memo stays within a few megabytes however long the batch.
const memoGeneration = 1024

// textMemo remembers, for texts already checked with one Rules, what
// checking them found, so that a batch of documents that share most of
// their text (the JDs of 1,000 vacancies of a few roles) checks each
// distinct paragraph once; and each Markdown line with its inline markup
// masked. It keeps two generations of each: when the young one is full it
// becomes the old one, and the old one is dropped; a hit in the old one
// moves the entry to the young one. It is safe for concurrent use.
type textMemo struct {
	mu          sync.Mutex
	texts, old  map[memoKey]*textResult
	lines, oldL map[string]string // a Markdown line -> the line with its inline markup masked
}

func newTextMemo() *textMemo {
	return &textMemo{texts: map[memoKey]*textResult{}, lines: map[string]string{}}
}

// memoKey identifies a text up to where it stands in its document: its
// kind, whether its column is known, and its characters.
type memoKey struct {
	kind     Kind
	colKnown bool
	label    bool
	lead     int
	text     string
}

// textResult is what checking one text found, placed as if the text began
// at line 1, column 1 (or column 0 when its column is not known): its
// findings, and its uses of gender-coded words in first-use order.
type textResult struct {
	findings []Finding
	gender   []genderUse
	order    []string
}

// lookup finds k in young, or in old (moving it to young); put keeps v
// under k in young, starting a new generation when young is full.
func lookup[K comparable, V any](young, old *map[K]V, k K) (V, bool) {
	if v, ok := (*young)[k]; ok {
		return v, true
	}
	v, ok := (*old)[k]
	if ok {
		put(young, old, k, v)
	}
	return v, ok
}

func put[K comparable, V any](young, old *map[K]V, k K, v V) {
	if len(*young) >= memoGeneration {
		*old, *young = *young, make(map[K]V, memoGeneration)
	}
	(*young)[k] = v
}

func (m *textMemo) get(k memoKey) *textResult {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, _ := lookup(&m.texts, &m.old, k)
	return r
}

func (m *textMemo) put(k memoKey, r *textResult) {
	k.text = strings.Clone(k.text) // not a piece of the whole document, which it would keep alive
	m.mu.Lock()
	defer m.mu.Unlock()
	put(&m.texts, &m.old, k, r)
}

// maskInline is maskInline(line), remembered when m is not nil.
func (m *textMemo) maskInline(line string) string {
	if m == nil {
		return maskInline(line)
	}
	m.mu.Lock()
	masked, ok := lookup(&m.lines, &m.oldL, line)
	m.mu.Unlock()
	if ok {
		return masked
	}
	masked = maskInline(line)
	key := strings.Clone(line) // not a piece of the whole document, which it would keep alive
	keep := masked
	if masked == line {
		keep = key // no markup: one copy of the characters
	}
	m.mu.Lock()
	put(&m.lines, &m.oldL, key, keep)
	m.mu.Unlock()
	return masked
}

// checkText checks t, through the rules' memo: a text checked before with
// these rules is not checked again, its findings are moved to where t
// stands. The findings and gender-coded uses are those checking t in place
// gives, in the same order.
func (c *checker) checkText(t Text) {
	if c.rules.cancelled() {
		return
	}
	if c.rules.memo == nil {
		c.text(t)
		return
	}
	k := memoKey{kind: t.Kind, colKnown: t.Col != 0, label: t.Label, lead: t.Lead, text: t.Text}
	res := c.rules.memo.get(k)
	if res == nil {
		at := t
		at.Line = 1
		if at.Col != 0 {
			at.Col = 1
		}
		sub := &checker{rules: c.rules, file: c.file, gender: map[string]*genderUse{}, sugg: c.sugg}
		sub.text(at)
		res = &textResult{findings: sub.findings, order: sub.order}
		for _, key := range sub.order {
			res.gender = append(res.gender, *sub.gender[key])
		}
		c.rules.memo.put(k, res)
	}
	for _, f := range res.findings {
		c.findings = append(c.findings, place(f, t, c.file))
	}
	for i, key := range res.order {
		g := &res.gender[i]
		u := c.gender[key]
		if u == nil {
			u = &genderUse{stem: g.stem, first: place(g.first, t, c.file)}
			c.gender[key] = u
			c.order = append(c.order, key)
		}
		u.count += g.count
		for _, w := range g.words {
			if !containsString(u.words, w) {
				u.words = append(u.words, w)
			}
		}
	}
}

// place moves a finding made for a text at line 1, column 1 to where t
// stands in file.
func place(f Finding, t Text, file string) Finding {
	f.File = file
	if f.Line == 1 && t.Col != 0 {
		f.Col += t.Col - 1
	}
	f.Line += t.Line - 1
	return f
}
