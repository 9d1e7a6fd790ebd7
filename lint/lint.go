// Package lint owns rolepack's editorial checks of framework text and
// documents: en-GB spelling (typos and US spellings), inclusive language
// (gender-coded words, exclusionary jargon), sentence length, repeated
// words, punctuation, Title Case names, template artefacts and the grammar
// of generated text (grammar.go). Each finding names its file, line (or,
// in a document tree, its place), column (in characters), rule category
// and severity. The word lists and rules are data files embedded from
// lint/data; an organisation adds its own allowed and banned words through
// Rules.
//
// CheckDocument lints a rendered document tree, the one every writer
// reads; Check lints a plain-text or Markdown document (a framework source
// page, a written document) in one call; CheckTexts lints pieces of text
// taken from elsewhere (framework entries), each at its own position.
package lint

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a finding must be fixed (error) or is advice
// (warning).
type Severity string

// Finding severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Category is the id of the rule that made a finding, as printed.
type Category string

// The rule categories.
const (
	Spelling       Category = "spelling"
	Inclusive      Category = "inclusive"
	SentenceLength Category = "sentence-length"
	RepeatedWord   Category = "repeated-word"
	Punctuation    Category = "punctuation"
	Capitalisation Category = "capitalisation"
	Template       Category = "template"
	Banned         Category = "banned"  // a word the organisation bans (Rules.Ban)
	Grammar        Category = "grammar" // a broken sentence in generated text (grammar.go)
)

// Categories lists every rule category in the order they are described.
var Categories = []Category{Spelling, Inclusive, SentenceLength, RepeatedWord, Punctuation, Capitalisation, Template, Banned, Grammar}

// Finding is one thing to fix or consider in a text. Line and Col are
// 1-based, Col counted in characters (runes); Line 0 means the finding is
// about the whole document (the gender-coded balance), Col 0 that the column
// is not known. A finding in a document tree (CheckDocument) has no line:
// Place names where it is ("Key responsibilities, item 3") and Col is the
// character in that text.
type Finding struct {
	File       string   `json:"file"`
	Place      string   `json:"place,omitempty"`
	Line       int      `json:"line"`
	Col        int      `json:"col"`
	Category   Category `json:"category"`
	Severity   Severity `json:"severity"`
	Message    string   `json:"message"`
	Suggestion string   `json:"suggestion,omitempty"`
	// From and To, when set, are the fix as a replacement in the text:
	// From is the text as written at Line:Col, To what to write instead
	// (spelling, punctuation and capitalisation findings with a known
	// fix). rolepack lint --suggest-edits turns them into config edits.
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
}

// String formats the finding as one line:
// "file:line:col: category: message (suggestion)", leaving out an unknown
// line or column; a finding with a place reads
// "file: place, col N: category: message (suggestion)".
func (f Finding) String() string {
	var b strings.Builder
	b.WriteString(f.File)
	if f.Place != "" {
		fmt.Fprintf(&b, ": %s", f.Place)
		if f.Col > 1 {
			fmt.Fprintf(&b, ", col %d", f.Col)
		}
	} else if f.Line > 0 {
		fmt.Fprintf(&b, ":%d", f.Line)
		if f.Col > 0 {
			fmt.Fprintf(&b, ":%d", f.Col)
		}
	}
	fmt.Fprintf(&b, ": %s: ", f.Category)
	if f.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(f.Message)
	if f.Suggestion != "" {
		fmt.Fprintf(&b, " (%s)", f.Suggestion)
	}
	return b.String()
}

// HasErrors reports whether any finding is error-level.
func HasErrors(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

// Kind says how a Text is read.
type Kind int

// Text kinds.
const (
	// Prose is running text: sentences, list items, table cells, descriptors.
	Prose Kind = iota
	// Title is a name: a heading, a skill or entry title. Titles are checked
	// for Title Case and not for sentence length.
	Title
	// Item is a list item: prose, which must have some text after any
	// bold label.
	Item
	// Duty is a list item under a duties heading ("Key responsibilities",
	// "What you will do") or a "you will:" lead: an Item that must start
	// with a verb.
	Duty
)

// Mask stands in a Text for markup removed before checking (Markdown
// emphasis, link targets, URLs): it separates words and is otherwise
// ignored, so the other characters keep their columns.
const Mask = '\x00'

// Text is one piece of text to check (a paragraph, list item, table cell,
// heading, framework title or descriptor) and the position of its first
// character in its file. A newline in Text moves to column 1 of the next
// line. Col 0 means the column is not known: findings then carry the line
// only.
type Text struct {
	Line int
	Col  int
	Kind Kind
	Text string
	// Label marks an item that is only a bold label ("**Service focus**"),
	// its markup removed: the grammar rules report it as a point with no
	// text.
	Label bool
	// Lead is the length, in characters, of a run-in label the text
	// starts with ("**Data modelling:** produce …" gives the 16 of
	// "Data modelling:"): a heading of the item, not words of its first
	// sentence, so the sentence-length rule does not count them.
	Lead int
}

// Check lints a plain-text or Markdown document: name is the file name the
// findings carry, text its content. Markdown markup (front matter, code,
// headings marks, list marks, tables, emphasis, links) is set aside and the
// words are checked at their own line and column. A nil rules means the
// embedded defaults.
func Check(name string, text []byte, rules *Rules) []Finding {
	if rules == nil {
		rules = defaultRules()
	}
	return CheckTexts(name, splitMarkdown(text, rules.memo), rules)
}

// CheckTexts lints the pieces of one document. Findings come sorted by
// line and column; gender-coded words are reported once per word stem, at
// its first use, with the count over the whole document, followed by one
// balance finding (line 0) for the document.
func CheckTexts(name string, texts []Text, rules *Rules) []Finding {
	if rules == nil {
		rules = defaultRules()
	}
	c := &checker{rules: rules, file: name, gender: map[string]*genderUse{}, sugg: &suggester{dict: rules.dict}}
	for _, t := range texts {
		c.checkText(t)
	}
	out := c.findings
	out = append(out, c.genderFindings()...)
	if c.sugg.spent {
		// One line for the whole document; the findings stand.
		out = append(out, Finding{File: name, Category: Spelling, Severity: Warning,
			Message: fmt.Sprintf("spelling suggestions stopped: the document used its budget of %d candidate spellings; later unknown words are reported without one", SuggestBudget)})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.Line == 0) != (b.Line == 0) {
			return b.Line == 0 // the document-wide balance comes last
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return dedupe(out)
}

// dedupe drops a finding equal to the one before it (the same text checked
// twice at one position).
func dedupe(fs []Finding) []Finding {
	out := fs[:0]
	for i, f := range fs {
		if i > 0 && f == fs[i-1] {
			continue
		}
		out = append(out, f)
	}
	return out
}
