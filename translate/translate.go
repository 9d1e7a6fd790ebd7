// Package translate carries framework and config text to translators and
// back: Export gives every string the documents of some role-levels (or
// of a manifest's vacancies) print as an XLIFF 2.0 document, the format
// translators' tools read; Import merges a translated XLIFF document into
// a translations file the config names, checking each unit against the
// current frameworks and config.
package translate

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/rolepack/rolepack/careermap"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/internal/xliff"
	"github.com/rolepack/rolepack/plan"
)

// SourceLang is the language of the frameworks' and config's text.
const SourceLang = "en-GB"

// Target is one set of documents to translate: a role at a level, with a
// vacancy (a manifest row's; the config's otherwise), and the kinds of
// document (Docs).
type Target struct {
	Role, Level string
	Vacancy     config.Vacancy
	At          string // where it was asked for, e.g. a manifest row's file:line
	// Docs are the kinds of document whose strings to list: any of the
	// candidate-facing documents and the scoring sheet (jd, spec, advert,
	// scoring: one set, the strings they print), pdp (the development
	// plan of Plan's move), progression (the career map); none is the
	// candidate-facing set. The record is in English: it has none.
	Docs []string
	// Plan is the development plan's move, as config pdp has it (from,
	// to, targetRole; the config's where empty).
	Plan config.PDPConfig
}

// Kind groups of Target.Docs.
const (
	DocPlan = "pdp"
	DocMap  = "progression"
)

// docSets says which of the three sets of strings docs ask for.
func docSets(docs []string) (candidate, plans, ladder bool) {
	if len(docs) == 0 {
		return true, false, false
	}
	for _, d := range docs {
		switch d {
		case DocPlan:
			plans = true
		case DocMap:
			ladder = true
		case "record":
		default:
			candidate = true
		}
	}
	return candidate, plans, ladder
}

// Units lists, once each, the strings the candidate-facing documents of
// the targets print, in the order the documents give them, composed in
// English from cfg and lib. A unit of the same id in two targets with
// different English is an error (it cannot be translated once).
func Units(ctx context.Context, cfg *config.Config, lib *compose.Library, date time.Time, targets []Target) ([]compose.Unit, error) {
	en := *cfg
	en.Language = SourceLang
	composer := compose.NewComposer(&en, lib)
	var out []compose.Unit
	seen := map[string]string{}
	for _, t := range targets {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p, err := composer.Prepare(t.Role, t.Level)
		if err != nil {
			return nil, at(t.At, err)
		}
		vc := en
		vc.Vacancy = t.Vacancy
		if t.Plan.From != "" {
			vc.PDP.From = t.Plan.From
		}
		if t.Plan.To != "" {
			vc.PDP.To = t.Plan.To
		}
		if t.Plan.TargetRole != "" {
			vc.PDP.TargetRole = t.Plan.TargetRole
		}
		c, err := p.Context(&vc, lib, date)
		if err != nil {
			return nil, at(t.At, err)
		}
		candidate, plans, ladder := docSets(t.Docs)
		var units []compose.Unit
		if candidate {
			units = c.Units()
		}
		if plans {
			if err := plan.Add(ctx, c); err != nil {
				return nil, at(t.At, err)
			}
			units = append(units, plan.Of(c).Units()...)
		}
		if ladder {
			lc, err := careermap.With(ctx, c)
			if err != nil {
				return nil, at(t.At, err)
			}
			units = append(units, careermap.Of(lc).Units()...)
		}
		for _, u := range units {
			if s, ok := seen[u.ID]; ok {
				if s != u.Source {
					return nil, at(t.At, fmt.Errorf("unit %s has two English texts (%q and %q): report this as a rolepack bug", u.ID, s, u.Source))
				}
				continue
			}
			seen[u.ID] = u.Source
			out = append(out, u)
		}
	}
	return out, nil
}

func at(where string, err error) error {
	if where == "" {
		return err
	}
	return fmt.Errorf("%s: %w", where, err)
}

// FileID is the id of the one <file> of an exported document.
const FileID = "rolepack"

// ScopeNote is the category of the file's note saying which documents
// the units are of (Scope.String), so that import checks against the same.
const ScopeNote = "rolepack-scope"

// Scope is what an export was made for: a role at a level, or the rows
// of a manifest, and the kinds of document (Docs; none is the
// candidate-facing set), with a development plan's move.
type Scope struct {
	Role, Level string
	Manifest    string
	Kind        string // the manifest's kind: "" or role (vacancies), pdp (a team)
	Docs        []string
	// From, To and ToRole are the development plan's move (pdp.from,
	// pdp.to, pdp.targetRole) when Docs has pdp.
	From, To, ToRole string
}

// scopeKeys are the fields a scope note gives after its role and level
// or manifest, in order.
var scopeKeys = []string{"kind", "docs", "from", "to", "to-role"}

// String is the scope as its note gives it: "role=R level=L" or
// "manifest=PATH", then "kind=K", "docs=D1,D2", "from=F", "to=T" and
// "to-role=R" where set.
func (s Scope) String() string {
	out := "role=" + s.Role + " level=" + s.Level
	if s.Manifest != "" {
		out = "manifest=" + s.Manifest
	}
	for i, v := range []string{s.Kind, strings.Join(s.Docs, ","), s.From, s.To, s.ToRole} {
		if v != "" {
			out += " " + scopeKeys[i] + "=" + v
		}
	}
	return out
}

// ScopeOf reads the scope note of doc's first file; ok is false when it
// has none.
func ScopeOf(doc *xliff.Document) (s Scope, ok bool) {
	if len(doc.Files) == 0 {
		return s, false
	}
	for _, n := range doc.Files[0].Notes {
		if n.Category != ScopeNote {
			continue
		}
		text := n.Text
		// the fields after the first, read from the end (a manifest's
		// path may hold spaces)
		vals := map[string]string{}
		for i := len(scopeKeys) - 1; i >= 0; i-- {
			if j := strings.LastIndex(text, " "+scopeKeys[i]+"="); j >= 0 {
				vals[scopeKeys[i]] = text[j+len(scopeKeys[i])+2:]
				text = text[:j]
			}
		}
		s = Scope{Kind: vals["kind"], From: vals["from"], To: vals["to"], ToRole: vals["to-role"]}
		if d := vals["docs"]; d != "" {
			s.Docs = strings.Split(d, ",")
		}
		if m, found := strings.CutPrefix(text, "manifest="); found && m != "" {
			s.Manifest = m
			return s, true
		}
		r, l, found := strings.Cut(text, " level=")
		if r, ok := strings.CutPrefix(r, "role="); found && ok && r != "" && l != "" {
			s.Role, s.Level = r, l
			return s, true
		}
	}
	return Scope{}, false
}

// Export is the units as an XLIFF 2.0 document from en-GB to lang, each
// with a note giving its context; a unit with a translation in have is
// given it as its target, state translated, or, when its English has
// changed since, the old translation as a draft (state initial) with a
// note saying so. The file's note records scope; original describes it.
func Export(units []compose.Unit, lang string, have config.Translations, scope Scope, original string) *xliff.Document {
	f := xliff.File{ID: FileID, Original: original, Notes: []xliff.Note{{Category: ScopeNote, Text: scope.String()}}}
	for _, u := range units {
		xu := xliff.Unit{ID: u.ID, Source: u.Source, Notes: []xliff.Note{{Category: "context", Text: u.Note}}}
		if t, ok := have[u.ID]; ok && t.Target != "" {
			xu.Target, xu.HasTarget = t.Target, true
			if t.Source == u.Source {
				xu.State = "translated"
			} else {
				xu.State = "initial"
				xu.Notes = append(xu.Notes, xliff.Note{Category: "stale", Text: "The English has changed since this was translated; the translation given was of: " + t.Source})
			}
		}
		f.Units = append(f.Units, xu)
	}
	return &xliff.Document{SrcLang: SourceLang, TrgLang: lang, Files: []xliff.File{f}}
}

// Problem is one unit of an imported document that was not merged, or
// has no translation: its line in the document and what is wrong.
type Problem struct {
	Line int
	ID   string
	Kind string // stale, unknown, missing, draft
	Msg  string
}

// Problem kinds.
const (
	Stale   = "stale"   // its English has changed since the export
	Unknown = "unknown" // no string of the current frameworks and config has its id
	Missing = "missing" // no translation
	Draft   = "draft"   // a translation its segment marks initial (not yet confirmed)
)

// Import merges doc's translated units into into (a translations file of
// doc's target language, perhaps new): a unit is merged when its id is one
// of units (the strings of the current frameworks and config), its
// English is theirs, and it has a target its segment does not mark
// initial. It returns the problems, in document order, and how many units
// it merged; changed lists the ids whose translation in into was
// different before.
func Import(doc *xliff.Document, units []compose.Unit, into *config.TranslationsFile) (problems []Problem, merged int, changed []string, err error) {
	if doc.TrgLang == "" {
		return nil, 0, nil, fmt.Errorf("the document has no trgLang: it is not a translation (rolepack translate export --lang cy writes one)")
	}
	if !strings.EqualFold(baseLang(doc.SrcLang), baseLang(SourceLang)) {
		return nil, 0, nil, fmt.Errorf("srcLang %s: rolepack's text is in English (en-GB)", doc.SrcLang)
	}
	if into.Language == "" {
		into.Language = baseLang(doc.TrgLang)
	}
	if baseLang(into.Language) != baseLang(doc.TrgLang) {
		return nil, 0, nil, fmt.Errorf("the document translates into %s, the translations file is of %s", doc.TrgLang, into.Language)
	}
	if into.Units == nil {
		into.Units = config.Translations{}
	}
	current := make(map[string]string, len(units))
	for _, u := range units {
		current[u.ID] = u.Source
	}
	for _, f := range doc.Files {
		for _, u := range f.Units {
			src, ok := current[u.ID]
			switch {
			case !ok:
				problems = append(problems, Problem{u.Line, u.ID, Unknown, "no string of the current frameworks and config has this id (an entry renamed or removed, or another role or manifest): not imported"})
			case squash(src) != squash(u.Source): // a tool may fold white space (XLIFF's default)
				problems = append(problems, Problem{u.Line, u.ID, Stale, fmt.Sprintf("the English is now %q, not %q: not imported; export again and translate the new text", clip(src), clip(u.Source))})
			case strings.TrimSpace(u.Target) == "":
				problems = append(problems, Problem{u.Line, u.ID, Missing, "no translation"})
			case u.State == "initial":
				problems = append(problems, Problem{u.Line, u.ID, Draft, "the translation is a draft (segment state initial): not imported; confirm it in your tool (state translated)"})
			default:
				t := strings.TrimSpace(u.Target)
				if old, had := into.Units[u.ID]; had && (old.Target != t || old.Source != src) {
					changed = append(changed, u.ID)
				}
				into.Units[u.ID] = config.Translation{Source: src, Target: t}
				merged++
			}
		}
	}
	return problems, merged, changed, nil
}

func baseLang(tag string) string {
	b, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	return b
}

// squash is s with each run of white space one space, trimmed.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// clip shortens s for a one-line message.
func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "…"
	}
	return s
}
