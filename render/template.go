package render

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/Masterminds/sprig/v3"

	"github.com/rolepack/rolepack/render/compose"
	"github.com/rolepack/rolepack/render/doc"
	"github.com/rolepack/rolepack/templates"
)

// Engine executes templates and parses their Markdown into document trees.
// Templates are parsed once; an Engine is safe for concurrent use.
type Engine struct {
	sets map[string]*template.Template // by template file name
	md   *Markdown
}

// TemplateNames lists the embedded template files, sorted.
func TemplateNames() []string {
	entries, _ := fs.ReadDir(templates.FS, ".")
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmpl") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

// NewEngine parses every template: the embedded defaults, each replaced by
// a file of the same name in overrideDir when that is set and has one.
func NewEngine(overrideDir string) (*Engine, error) {
	sources := map[string][]byte{}
	display := map[string]string{}
	for _, name := range TemplateNames() {
		b, err := fs.ReadFile(templates.FS, name)
		if err != nil {
			return nil, fmt.Errorf("read template %s: %w", name, err)
		}
		sources[name], display[name] = b, name
	}
	if overrideDir != "" {
		entries, err := os.ReadDir(overrideDir)
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".tmpl") {
				continue
			}
			p := filepath.Join(overrideDir, e.Name())
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, fmt.Errorf("templates: %w", err)
			}
			sources[e.Name()], display[e.Name()] = b, p
		}
	}
	var partials []string
	for name := range sources {
		if strings.HasPrefix(name, "_") {
			partials = append(partials, name)
		}
	}
	sort.Strings(partials)
	e := &Engine{sets: map[string]*template.Template{}, md: NewMarkdown()}
	funcs := Funcs()
	for name, src := range sources {
		if strings.HasPrefix(name, "_") {
			continue
		}
		t := template.New(display[name]).Funcs(funcs).Option("missingkey=error")
		if _, err := t.Parse(string(src)); err != nil {
			return nil, templateError(err)
		}
		for _, p := range partials {
			if _, err := t.New(display[p]).Parse(string(sources[p])); err != nil {
				return nil, templateError(err)
			}
		}
		e.sets[name] = t
	}
	return e, nil
}

var tmplErr = regexp.MustCompile(`^template: ([^:]+):(\d+)(?::\d+)?: (?:executing "[^"]*" )?`)

// templateError rewrites text/template's error as "file:line: message".
func templateError(err error) error {
	msg := err.Error()
	if m := tmplErr.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s:%s: %s", m[1], m[2], oneLine(msg[len(m[0]):]))
	}
	return errors.New(oneLine(msg))
}

// Execute runs a template over ctx and returns its text.
func (e *Engine) Execute(name string, ctx *compose.Context) ([]byte, error) {
	t, ok := e.sets[name]
	if !ok {
		return nil, fmt.Errorf("no template %s", name)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, ctx); err != nil {
		return nil, templateError(err)
	}
	return b.Bytes(), nil
}

// Document renders a document kind over ctx into a document tree.
func (e *Engine) Document(k Kind, ctx *compose.Context) (*doc.Document, error) {
	src, err := e.Execute(k.Template, ctx)
	if err != nil {
		return nil, err
	}
	d, err := e.md.Parse(k.Template, src)
	if err != nil {
		return nil, err
	}
	if d.Meta.Subject == "" {
		d.Meta.Subject = k.Title
	}
	if d.Meta.Language == "" {
		d.Meta.Language = ctx.Language
	}
	if d.Meta.Author == "" {
		d.Meta.Author = ctx.Organisation.Name
	}
	if d.Meta.Footer == "" {
		d.Meta.Footer = ctx.Footer
	}
	return d, nil
}

// Funcs is the template function map: sprig's hermetic functions (nothing
// that reads the environment, the clock or files) plus rolepack's own.
func Funcs() template.FuncMap {
	f := sprig.HermeticTxtFuncMap()
	// Sprig's hermetic map still holds these: ago reads the clock,
	// mustDateModify is dateModify's twin, randInt is random.
	for _, name := range []string{"ago", "mustDateModify", "randInt"} {
		delete(f, name)
	}
	f["md"] = EscapeMarkdown
	f["cell"] = EscapeMarkdown // the same escaping serves a table cell: | is escaped
	f["blank"] = func() string { return "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_" }
	f["orBlank"] = func(s string) string {
		if strings.TrimSpace(s) == "" {
			return "*[to be completed]*"
		}
		return EscapeMarkdown(s)
	}
	f["descriptors"] = func(ds []string) string {
		parts := make([]string, len(ds))
		for i, d := range ds {
			parts[i] = EscapeMarkdown(sentence(d))
		}
		return strings.Join(parts, "<br>")
	}
	f["lowerFirst"] = lowerFirst
	f["marked"] = markedDescriptor
	f["sentence"] = sentence
	f["plain"] = plainTitle
	f["kindItems"] = func(c *compose.Composed, kind string) []*compose.Item { return c.Kind(kind) }
	f["groups"] = groupItems
	f["interview"] = func(cs []compose.Criterion) []compose.Criterion {
		var out []compose.Criterion
		for _, c := range cs {
			if c.AtInterview() {
				out = append(out, c)
			}
		}
		return out
	}
	f["specGroup"] = func(cs []compose.Criterion, group string) []compose.Criterion {
		var out []compose.Criterion
		for _, c := range cs {
			if c.Group == group {
				out = append(out, c)
			}
		}
		return out
	}
	f["path"] = path.Base
	f["money"] = money
	f["longDate"] = longDate
	f["isoDate"] = isoDate
	return f
}

// money formats an amount in pounds with thousands separators, e.g.
// "£45,000" (pence only when there are any: "£12.50").
func money(v float64) string {
	pence := int64(math.Round(v * 100))
	neg := pence < 0
	if neg {
		pence = -pence
	}
	whole := strconv.FormatInt(pence/100, 10)
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	s := "£" + b.String()
	if p := pence % 100; p != 0 {
		s += fmt.Sprintf(".%02d", p)
	}
	if neg {
		s = "-" + s
	}
	return s
}

// longDate writes a YYYY-MM-DD date as "2 January 2006"; any other text is
// returned as it is.
func longDate(s string) string {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return s
	}
	return t.Format("2 January 2006")
}

// isoDate returns s when it is a YYYY-MM-DD date, else "", so a template
// can leave out a date that JSON-LD consumers would reject.
func isoDate(s string) string {
	s = strings.TrimSpace(s)
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return ""
	}
	return s
}

// sentence makes s start with a capital and end with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "?") {
		s += "."
	}
	return s
}

var internalCode = regexp.MustCompile(`\s*\((?:[A-Z]{1,5}\d+(?:\.\d+)*|Level [0-9A-Za-z]+|[A-Z]{3,5})\)`)

// plainTitle drops internal codes and level tags such as "(B1.1)" or
// "(Level 5)" from a title, for public-facing text.
func plainTitle(s string) string { return strings.TrimSpace(internalCode.ReplaceAllString(s, "")) }

// ItemGroup is a run of items that share a group, for templates.
type ItemGroup struct {
	Name  string
	Items []*compose.Item
}

// groupItems groups items by their group, in first-seen order.
func groupItems(items []*compose.Item) []ItemGroup {
	var out []ItemGroup
	idx := map[string]int{}
	for _, it := range items {
		i, ok := idx[it.Group]
		if !ok {
			i = len(out)
			idx[it.Group] = i
			out = append(out, ItemGroup{Name: it.Group})
		}
		out[i].Items = append(out[i].Items, it)
	}
	return out
}

// lowerFirst lower-cases the first letter of s unless s starts with an
// acronym.
func lowerFirst(s string) string {
	if s == "" || strings.ToUpper(s[:1]) != s[:1] || (len(s) > 1 && strings.ToUpper(s[1:2]) == s[1:2]) {
		return s // keep acronyms such as "IT Environment"
	}
	return strings.ToLower(s[:1]) + s[1:]
}
