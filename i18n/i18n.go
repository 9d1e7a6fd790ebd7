// Package i18n holds the message catalogues of the documents' fixed
// wording (headings, labels, table headers, standard clauses, the scoring
// scales, dates, page numbering, document control, the development plan's
// and the career map's wording), one per language, and formats messages
// with golang.org/x/text/message: printf verbs, and CLDR plural rules
// (Welsh has six forms: zero, one, two, few, many, other).
//
// en.yaml and cy.yaml are embedded. A key's value is a string, or a map of
// plural forms selected by the first argument (an integer). The English
// catalogue is the reference: every key is in it, and the templates'
// English output is its wording exactly. An organisation overrides any
// message in config (messages: {cy: {key: text}}).
package i18n

import (
	"embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rolepack/rolepack/internal/yamlpos"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

//go:embed en.yaml cy.yaml
var files embed.FS

// Languages are the base languages a catalogue is embedded for, the
// default first.
var Languages = []string{"en", "cy"}

// PluralForms are CLDR's plural categories, in order.
var PluralForms = []string{"zero", "one", "two", "few", "many", "other"}

// Message is one catalogue entry: Text, or plural Forms by CLDR category.
type Message struct {
	Text  string
	Forms map[string]string
	Line  int // line of the key in its file (0 for an override)
}

// Forms of a message in a fixed order, for checks: the text, or each
// plural form present.
func (m Message) texts() []string {
	if m.Forms == nil {
		return []string{m.Text}
	}
	var out []string
	for _, f := range PluralForms {
		if s, ok := m.Forms[f]; ok {
			out = append(out, s)
		}
	}
	return out
}

// parsed are the embedded catalogues, parsed once and never changed.
var parsed = sync.OnceValues(func() (map[string]map[string]Message, error) {
	out := map[string]map[string]Message{}
	for _, l := range Languages {
		b, err := files.ReadFile(l + ".yaml")
		if err != nil {
			return nil, fmt.Errorf("i18n: %w", err)
		}
		m, err := Parse(l+".yaml", b)
		if err != nil {
			return nil, err
		}
		out[l] = m
	}
	return out, nil
})

// Parse reads a catalogue file: a YAML map of key to text, or to a map of
// plural forms.
func Parse(name string, b []byte) (map[string]Message, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		return nil, yamlpos.Error(name, err)
	}
	out := map[string]Message{}
	if len(root.Content) == 0 {
		return out, nil
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: a catalogue is a map of keys to messages", name, m.Line)
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if _, dup := out[k.Value]; dup {
			return nil, fmt.Errorf("%s:%d: key %q given twice", name, k.Line, k.Value)
		}
		switch v.Kind {
		case yaml.ScalarNode:
			out[k.Value] = Message{Text: v.Value, Line: k.Line}
		case yaml.MappingNode:
			forms := map[string]string{}
			for j := 0; j+1 < len(v.Content); j += 2 {
				f := v.Content[j].Value
				if !isForm(f) {
					return nil, fmt.Errorf("%s:%d: %s: %q is not a plural form (use %s)", name, v.Content[j].Line, k.Value, f, strings.Join(PluralForms, ", "))
				}
				forms[f] = v.Content[j+1].Value
			}
			if _, ok := forms["other"]; !ok {
				return nil, fmt.Errorf("%s:%d: %s: a plural message needs an other form", name, v.Line, k.Value)
			}
			out[k.Value] = Message{Forms: forms, Line: k.Line}
		default:
			return nil, fmt.Errorf("%s:%d: %s: a message is text or a map of plural forms", name, v.Line, k.Value)
		}
	}
	return out, nil
}

func isForm(f string) bool {
	for _, x := range PluralForms {
		if f == x {
			return true
		}
	}
	return false
}

// Embedded returns a copy of the embedded catalogue of base language l
// ("en", "cy"), nil for another.
func Embedded(l string) map[string]Message {
	all, err := parsed()
	if err != nil {
		return nil
	}
	src := all[l]
	if src == nil {
		return nil
	}
	out := make(map[string]Message, len(src))
	for k, v := range src {
		out[k] = v
	}
	return out
}

// Base is the base language of a BCP 47 tag: "cy" for "cy-GB", "en" for
// "en-GB" or "".
func Base(tag string) string {
	if tag == "" {
		return "en"
	}
	t, err := language.Parse(tag)
	if err != nil {
		return strings.ToLower(strings.SplitN(strings.SplitN(tag, "-", 2)[0], "_", 2)[0])
	}
	b, _ := t.Base()
	return b.String()
}

// Catalogue is the messages of one language, ready to format. It is
// immutable and safe for concurrent use.
type Catalogue struct {
	tag     string // the documents' language tag, e.g. "cy"
	base    string // "en", "cy"
	msgs    map[string]Message
	printer *message.Printer
}

// Load returns the catalogue for language tag (BCP 47; "" is en-GB) with
// the organisation's overrides (messages: {LANG: {key: text}}, LANG a base
// language or the tag) over the embedded messages. A language with no
// embedded catalogue, an override of a key no catalogue has, or one whose
// placeholders differ from the message it replaces is an error.
func Load(tag string, overrides map[string]map[string]string) (*Catalogue, error) {
	if tag == "" {
		tag = "en-GB"
	}
	base := Base(tag)
	msgs := Embedded(base)
	if msgs == nil {
		if _, err := parsed(); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("language %q: no message catalogue (known: %s)", tag, strings.Join(Languages, ", "))
	}
	for _, lang := range sortedKeys(overrides) {
		if lang != base && !strings.EqualFold(lang, tag) {
			if Embedded(Base(lang)) == nil {
				return nil, fmt.Errorf("messages.%s: no message catalogue for %q (known: %s)", lang, lang, strings.Join(Languages, ", "))
			}
			continue
		}
		for _, key := range sortedKeys(overrides[lang]) {
			old, ok := msgs[key]
			if !ok {
				return nil, fmt.Errorf("messages.%s.%s: no such message%s", lang, key, nearest(key, msgs))
			}
			text := overrides[lang][key]
			if want, got := Placeholders(old.texts()[len(old.texts())-1]), Placeholders(text); want != got {
				return nil, fmt.Errorf("messages.%s.%s: placeholders %s, but the message has %s", lang, key, orNone(got), orNone(want))
			}
			if old.Forms != nil {
				// One text for every form.
				forms := map[string]string{}
				for f := range old.Forms {
					forms[f] = text
				}
				msgs[key] = Message{Forms: forms}
				continue
			}
			msgs[key] = Message{Text: text}
		}
	}
	lt, err := language.Parse(tag)
	if err != nil {
		return nil, fmt.Errorf("language %q: %w", tag, err)
	}
	b := catalog.NewBuilder(catalog.Fallback(lt))
	for k, m := range msgs {
		if m.Forms == nil {
			err = b.SetString(lt, k, m.Text)
		} else {
			var cases []any
			for _, f := range PluralForms {
				if s, ok := m.Forms[f]; ok {
					cases = append(cases, f, s)
				}
			}
			err = b.Set(lt, k, plural.Selectf(1, "%d", cases...))
		}
		if err != nil {
			return nil, fmt.Errorf("message %s: %w", k, err)
		}
	}
	return &Catalogue{tag: tag, base: base, msgs: msgs, printer: message.NewPrinter(lt, message.Catalog(b))}, nil
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// nearest suggests the key closest to key, as ` (did you mean "x"?)`.
func nearest(key string, msgs map[string]Message) string {
	best, bestD := "", len(key)/2+1
	for _, k := range sortedKeys(msgs) {
		if d := distance(key, k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev = cur
	}
	return prev[len(b)]
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// english is the default catalogue, built once and never changed.
var english = sync.OnceValue(func() *Catalogue {
	c, err := Load("en-GB", nil)
	if err != nil {
		panic(err) // the embedded catalogue is checked by the tests
	}
	return c
})

// English is the default catalogue (en-GB, no overrides).
func English() *Catalogue { return english() }

// Tag is the catalogue's language tag, e.g. "cy".
func (c *Catalogue) Tag() string { return c.tag }

// Lang is the catalogue's base language: "en" or "cy".
func (c *Catalogue) Lang() string { return c.base }

// English reports whether the catalogue is English.
func (c *Catalogue) English() bool { return c.base == "en" }

// Has reports whether key is a message.
func (c *Catalogue) Has(key string) bool { _, ok := c.msgs[key]; return ok }

// T formats message key with args (printf verbs; a plural message is
// selected by its first argument). A key that is not in the catalogue
// gives "[key]", so a template's mistake shows in the document and the
// tests.
func (c *Catalogue) T(key string, args ...any) string {
	if _, ok := c.msgs[key]; !ok {
		return "[" + key + "]"
	}
	return c.printer.Sprintf(key, args...)
}

// Date writes t as the documents do: "3 December 2026", "3 Rhagfyr 2026".
func (c *Catalogue) Date(t time.Time) string {
	return c.T("date.long", strconv.Itoa(t.Day()), c.T("date.month."+strconv.Itoa(int(t.Month()))), strconv.Itoa(t.Year()))
}

// MonthYear writes t as "December 2026", "Rhagfyr 2026".
func (c *Catalogue) MonthYear(t time.Time) string {
	return c.T("date.monthYear", c.T("date.month."+strconv.Itoa(int(t.Month()))), strconv.Itoa(t.Year()))
}

// LongDate writes a YYYY-MM-DD date out (Date); other text is returned as
// it is.
func (c *Catalogue) LongDate(s string) string {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return s
	}
	return c.Date(t)
}

// Relong rewrites an English long date ("3 December 2026", as compose
// writes it) in the catalogue's language; other text is returned as it is.
func (c *Catalogue) Relong(s string) string {
	t, err := time.Parse("2 January 2006", strings.TrimSpace(s))
	if err != nil {
		return s
	}
	return c.Date(t)
}

// Keys lists the catalogue's keys, sorted.
func (c *Catalogue) Keys() []string { return sortedKeys(c.msgs) }

// Continued is how a table row carried over to a new page labels its
// entry column, with {label} for the entry ("{label} (continued)",
// "{label} (parhad)"), as the writers take it (doc.Meta.Continued).
func (c *Catalogue) Continued() string {
	return strings.NewReplacer("%s", "{label}", "%%", "%").Replace(c.msgs["table.continued"].Text)
}

// PageLabel is the footer's page numbering with {page} and {pages} for the
// numbers ("Page {page} of {pages}", "Tudalen {page} o {pages}"), as the
// writers take it (doc.Meta.PageLabel).
func (c *Catalogue) PageLabel() string {
	m := c.msgs["page.label"]
	return strings.NewReplacer("%[1]d", "{page}", "%[2]d", "{pages}", "%%", "%").Replace(m.Text)
}
