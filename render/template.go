package render

import (
	"bytes"
	"context"
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
	"sync"
	"text/template"
	"time"

	"github.com/Masterminds/sprig/v3"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/compose/wording"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/framework/textprep"
	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/templates"
)

// Engine executes templates and parses their Markdown into document trees.
// Templates are parsed once; an Engine is safe for concurrent use.
type Engine struct {
	sets map[string]*template.Template // by template file name
	// runs keeps, by template file name, *templateRun values: clones of
	// the set ready for one execution at a time, so that an execution does
	// not clone the set and rebuild its function maps (most of what running
	// a short template cost).
	runs map[string]*sync.Pool
	md   *Markdown
}

// templateRun is a clone of a template set whose limited functions check
// the budget b, which is reset for each execution.
type templateRun struct {
	t  *template.Template
	b  *budget
	tr *translator // the catalogue of the context being executed
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
// a file of the same name in overrideDir when that is set and has one
// (see ReadOverrides).
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
	overrides, err := ReadOverrides(overrideDir)
	if err != nil {
		return nil, err
	}
	for _, o := range overrides {
		sources[o.Name], display[o.Name] = o.Data, o.Path
	}
	var partials []string
	for name := range sources {
		if strings.HasPrefix(name, "_") {
			partials = append(partials, name)
		}
	}
	sort.Strings(partials)
	e := &Engine{sets: map[string]*template.Template{}, runs: map[string]*sync.Pool{}, md: NewMarkdown()}
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
		for _, tt := range t.Templates() {
			instrument(tt.Tree)
		}
		e.sets[name] = t
		e.runs[name] = &sync.Pool{}
	}
	return e, nil
}

// Override is a template file of an override folder.
type Override struct {
	Name string // file name, e.g. "jd.md.tmpl"
	Path string // the file, for messages
	Data []byte
}

// ReadOverrides reads the template files (*.tmpl) of an override folder,
// sorted by name; dir "" has none. Each must be a regular file inside the
// folder of at most userfile.Template bytes: a link that leads out of the
// folder (to /etc/passwd, say), a FIFO or a device is an error naming it.
func ReadOverrides(dir string) ([]Override, error) {
	if dir == "" {
		return nil, nil
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	defer root.Close()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	var out []Override
	for _, e := range entries { // sorted by name
		if err := nearMiss(dir, e); err != nil {
			return nil, err
		}
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tmpl") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		// os.Root follows a link only while it stays inside dir.
		f, err := root.OpenFile(e.Name(), os.O_RDONLY|nonBlock, 0)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			if e.Type()&fs.ModeSymlink != 0 {
				return nil, fmt.Errorf("%s: a link that leads out of the templates folder: %v", p, err)
			}
			return nil, fmt.Errorf("%s: cannot read file: %v", p, err)
		}
		b, err := userfile.ReadOpen(p, f, userfile.Template)
		f.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, Override{Name: e.Name(), Path: p, Data: b})
	}
	return out, nil
}

// nearMiss refuses an entry of an override folder that looks meant to
// replace a template but would be ignored: a folder of a template's name,
// or a file whose name differs from a template's in case or extension
// (JD.md.tmpl, jd.tmpl, jd.md, jd.md.tmpl.bak), naming the name
// expected.
func nearMiss(dir string, e fs.DirEntry) error {
	name := e.Name()
	p := filepath.Join(dir, name)
	known := TemplateNames()
	for _, k := range known {
		if name == k {
			if e.IsDir() {
				return fmt.Errorf("%s: is a folder; a template override is a file named %s", p, k)
			}
			return nil
		}
	}
	stem := func(s string) string {
		s = strings.ToLower(s)
		if i := strings.IndexByte(s, '.'); i >= 0 {
			s = s[:i]
		}
		return s
	}
	var meant []string
	for _, k := range known {
		if strings.EqualFold(name, k) || stem(name) == stem(k) {
			meant = append(meant, k)
		}
	}
	if len(meant) == 0 {
		return nil
	}
	if strings.HasSuffix(name, ".tmpl") && !strings.EqualFold(name, meant[0]) && len(meant) == 1 && strings.Count(name, ".") >= 2 {
		// e.g. jd.docx.tmpl: a template of another name, for a kind
		// of the user's own; read as it is.
		return nil
	}
	return fmt.Errorf("%s: not read: a template override must be named exactly as the template it replaces (%s)", p, strings.Join(meant, " or "))
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

// Limits of one template execution. A template that passes one fails
// with an error naming the limit; they keep a template (a user's override,
// or the defaults over hostile data) from running for ever or filling
// memory or the disk.
const (
	// TimeLimit is the longest one document's template may run.
	TimeLimit = 30 * time.Second
	// OutputLimit is the most text one template may write.
	OutputLimit = 8 << 20
	// ItemLimit is the largest count a template function may create:
	// the length of a list from until, untilStep or seq, the count of
	// repeat, the width of indent and nindent.
	ItemLimit = 100_000
	// TotalItemLimit is the most items those functions and range loops
	// may create, all calls and iterations of one execution together (a
	// loop inside a loop; each iteration of a range, and each call of a
	// template, counts one).
	TotalItemLimit = 1_000_000
	// ValueLimit is the largest value (text) a template function may
	// build: printf, cat, join, repeat, replace, toJson, … (a value
	// larger than OutputLimit could never be written).
	ValueLimit = OutputLimit
	// TotalValueLimit is the most bytes of values the template functions
	// may build in one execution, all calls together.
	TotalValueLimit = 128 << 20
)

// Execute runs a template over data and returns its text, within the
// limits above. Cancelling ctx stops it at once.
func (e *Engine) Execute(ctx context.Context, name string, data *compose.Context) ([]byte, error) {
	t, ok := e.sets[name]
	if !ok {
		return nil, fmt.Errorf("no template %s", name)
	}
	ctx, cancel := context.WithTimeoutCause(ctx, TimeLimit, fmt.Errorf("%s: the template ran past its time limit of %s", name, TimeLimit))
	defer cancel()
	run, ok := e.runs[name].Get().(*templateRun)
	if !ok {
		clone, err := t.Clone()
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		run = &templateRun{t: clone, b: &budget{}, tr: &translator{}}
		clone.Funcs(run.b.funcs())
		clone.Funcs(run.tr.funcs())
	}
	run.tr.set(data)
	run.b.reset(ctx, name)
	w := &limitedWriter{ctx: ctx, left: OutputLimit, name: name}
	done := make(chan error, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- fmt.Errorf("%s: template failed: %v", name, p)
			}
		}()
		done <- run.t.Execute(w, data)
	}()
	var err error
	select {
	case err = <-done:
		// The execution is over: the clone is free for the next one.
		e.runs[name].Put(run)
	case <-ctx.Done():
		// The template goroutine stops at its next write or limited
		// function; its result is dropped.
		return nil, budgetError(ctx)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, budgetError(ctx)
		}
		var le *limitError
		if errors.As(err, &le) {
			// file:line of the call or loop that passed the limit, when
			// text/template names it; else the template's name.
			if m := tmplErr.FindStringSubmatch(err.Error()); m != nil {
				return nil, fmt.Errorf("%s:%s: %w", m[1], m[2], le)
			}
			return nil, fmt.Errorf("%s: %w", name, le)
		}
		return nil, templateError(err)
	}
	// No control character (NUL, BEL, ESC, … from a framework, config or
	// manifest value) reaches a writer.
	out := w.buf.Bytes()
	if bytes.IndexFunc(out, textprep.IsControl) >= 0 {
		out = []byte(textprep.StripControls(string(out)))
	}
	return out, nil
}

// budgetError is the error for a context that ended: the time limit's
// message, or the caller's cancellation (which errors.Is finds).
func budgetError(ctx context.Context) error {
	if c := context.Cause(ctx); c != nil && !errors.Is(c, context.Canceled) && !errors.Is(c, context.DeadlineExceeded) {
		return c
	}
	return ctx.Err()
}

// Document renders a document kind over data into a document tree.
func (e *Engine) Document(ctx context.Context, k Kind, data *compose.Context) (*doc.Document, error) {
	if k.Internal && !data.Messages().English() {
		data = data.InEnglish() // the record is for the organisation, in English
	}
	src, err := e.Execute(ctx, k.Template, data)
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
		d.Meta.Language = data.Language
	}
	if d.Meta.Author == "" {
		d.Meta.Author = textprep.StripControls(data.Organisation.Name)
	}
	if d.Meta.Footer == "" {
		d.Meta.Footer = textprep.StripControls(data.Footer)
	}
	if c := data.Messages(); !c.English() {
		d.Meta.PageLabel = c.PageLabel()
		d.Meta.Continued = c.Continued()
	}
	d.FitContinued()
	return d, nil
}

// RemovedFuncs are the functions of sprig's hermetic map that templates do
// not get, because the same input would not give the same bytes (they
// read the clock or the time zone, or are random), or because they make
// keys and certificates, which no document needs. docs/templates.md lists
// them.
var RemovedFuncs = []string{
	"ago", "toDate", "mustToDate", "mustDateModify", "must_date_modify", // the clock, the local time zone
	"randInt", "shuffle", // random
	"bcrypt", "htpasswd", "encryptAES", "decryptAES", "derivePassword", // salted, random or secret-making
	"genPrivateKey", "genCA", "genCAWithKey", "genSelfSignedCert", "genSelfSignedCertWithKey",
	"genSignedCert", "genSignedCertWithKey", "buildCustomCert",
}

// Funcs is the template function map: sprig's hermetic functions (nothing
// that reads the environment, the clock or files) less RemovedFuncs, plus
// rolepack's own. Every sprig function, and text/template's printf,
// print, println, html, js and urlquery, is replaced, for each execution,
// by a version within ValueLimit and the item limits (budget.funcs).
func Funcs() template.FuncMap {
	f := sprig.HermeticTxtFuncMap()
	for _, name := range RemovedFuncs {
		delete(f, name)
	}
	// The checked versions of sprig's functions; the builtins they also
	// replace (printf, …) and the range loops' tick are added to each
	// execution's clone only, so this map lists what templates may call.
	for name, fn := range (&budget{ctx: context.Background()}).funcs() {
		if _, ok := f[name]; ok {
			f[name] = fn
		}
	}
	f["md"] = EscapeMarkdown
	f["cell"] = EscapeMarkdown // the same escaping serves a table cell: | is escaped
	f["blank"] = func() string { return "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_" }
	f["descriptors"] = func(ds []string) string {
		parts := make([]string, len(ds))
		for i, d := range ds {
			parts[i] = EscapeMarkdown(sentence(d))
		}
		return strings.Join(parts, "<br>")
	}
	f["lowerFirst"] = wording.LowerFirst
	f["lowerWords"] = wording.LowerWords
	f["upperFirst"] = wording.UpperFirst
	f["prose"] = prose
	f["series"] = series
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
	f["isoDate"] = isoDate
	addMessageFuncs(f) // t, tOr, lang, longDate, orBlank
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
// criterionLeads are the openings criteria share ("Experience of …"),
// each with the part a later item in a prose list keeps ("of …").
var criterionLeads = [...][2]string{
	{"experience of ", "of "},
	{"experience in ", "in "},
	{"knowledge of ", "of "},
	{"understanding of ", "of "},
	{"ability to ", "to "},
}

// prose joins phrases into one sentence fragment, Markdown escaped: "a",
// "a and b", "a, b and c", with a comma before the "and" when a phrase has
// an "and" of its own. A phrase that opens as the one before it does
// drops the shared opening: "experience of pipelines, and of data
// modelling", never "experience of pipelines; and experience of data
// modelling".
func prose(list any) string {
	items := textsOf(list)
	parts := make([]string, 0, len(items))
	inner := false
	prev := ""
	for _, it := range items {
		it = strings.TrimSpace(it)
		if it == "" {
			continue
		}
		lead := ""
		shared := false
		for _, l := range criterionLeads {
			if len(it) > len(l[0]) && strings.EqualFold(it[:len(l[0])], l[0]) {
				lead = l[0]
				if strings.EqualFold(prev, l[0]) {
					it = l[1] + it[len(l[0]):]
					shared = true
				}
				break
			}
		}
		if !shared {
			it = articled(it)
		}
		prev = lead
		inner = inner || strings.Contains(it, " and ")
		parts = append(parts, EscapeMarkdown(it))
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	and := " and "
	if inner {
		and = ", and "
	}
	return strings.Join(parts[:len(parts)-1], ", ") + and + parts[len(parts)-1]
}

// articled gives a phrase that English counts as one thing the article it
// takes as the object of "need" or "have" (prose's lists follow "You will
// also need" and "It would also help to have"): "an understanding of …",
// "a working knowledge of …", "the ability to …". "Knowledge of …" and
// "experience of …" take none, and a phrase with an article keeps it.
func articled(p string) string {
	l := strings.ToLower(p)
	for _, w := range [...]string{"understanding of ", "understanding that ", "awareness of ", "appreciation of "} {
		if strings.HasPrefix(l, w) {
			return "an " + p
		}
	}
	if strings.HasPrefix(l, "ability to ") {
		return "the " + p
	}
	first, rest, _ := strings.Cut(l, " ")
	if !knowledgeQualities[first] {
		return p
	}
	for _, w := range [...]string{"knowledge of ", "understanding of ", "awareness of ", "grasp of ", "appreciation of "} {
		if strings.HasPrefix(rest, w) {
			if strings.ContainsRune("aeiou", rune(first[0])) {
				return "an " + p
			}
			return "a " + p
		}
	}
	return p
}

// knowledgeQualities are the words that qualify knowledge or an
// understanding ("a working knowledge of", "a sound understanding of").
var knowledgeQualities = map[string]bool{
	"working": true, "good": true, "sound": true, "basic": true, "thorough": true, "detailed": true,
	"strong": true, "broad": true, "deep": true, "in-depth": true, "excellent": true, "solid": true,
	"practical": true, "clear": true, "general": true, "expert": true, "advanced": true,
	"comprehensive": true, "full": true, "high-level": true, "technical": true,
}

// series joins titles into a list a sentence can hold, Markdown escaped:
// "a", "a and b", or "a; b; and c" when there are three or more, so
// titles with commas or "and" of their own stay apart.
func series(list any) string {
	items := textsOf(list)
	parts := make([]string, 0, len(items))
	for _, it := range items {
		if it = strings.TrimSpace(it); it != "" {
			parts = append(parts, EscapeMarkdown(it))
		}
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	case 2:
		return parts[0] + " and " + parts[1]
	}
	return strings.Join(parts[:len(parts)-1], "; ") + "; and " + parts[len(parts)-1]
}

// textsOf is the text of each element of a template list ([]string, or
// sprig's []interface{}).
func textsOf(list any) []string {
	switch l := list.(type) {
	case []string:
		return l
	case []any:
		out := make([]string, len(l))
		for i, v := range l {
			out[i] = fmt.Sprint(v)
		}
		return out
	}
	return nil
}
