package pack

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/lint"
	"github.com/rolepack/rolepack/render"
)

// Editorial asks a Request to run the editorial checks (package lint,
// the grammar of generated text included) on every candidate-facing
// document it renders (render.Kind.CandidateFacing: the JD, person
// specification and advert), over the document tree the writers read.
type Editorial struct {
	Rules *lint.Rules // the embedded rules with the organisation's words (EditorialRules)
	// Strict makes an error-level finding (a grammar error included) fail
	// the document, and so the request: nothing is returned to write.
	Strict bool
	// Report, when set, receives each candidate-facing document's findings
	// (none included), named by its Markdown file, e.g. "advert.md". It is
	// called on the goroutine that called Files, document by document.
	Report func(file string, findings []lint.Finding)
}

// EditorialRules returns the lint rules with the config's allowed and
// banned words (editorial.allow, editorial.ban), leaving rolepack's own
// standard text unchecked (StandardTexts); a ban entry that cannot be
// read is an error naming its config line.
func EditorialRules(cfg *config.Config) (*lint.Rules, error) {
	for i, b := range cfg.Editorial.Ban {
		if _, err := lint.NewRules(nil, []string{b}); err != nil {
			return nil, fmt.Errorf("%s: editorial.ban entry %d: %w", cfg.At("editorial", "ban", i), i+1, err)
		}
	}
	r, err := lint.NewRules(append(ownNames(cfg), cfg.Editorial.Allow...), cfg.Editorial.Ban)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.At("editorial"), err)
	}
	return r.WithStandard(StandardTexts()), nil // rolepack's own text is not the organisation's to fix
}

// ownNames are the words of the names the organisation gives itself (its
// name, department and location, its letterhead's header text): spelt as
// it spells them, never an unknown word ("Cyngor Sir Ddinbych",
// "Aberystwyth").
func ownNames(cfg *config.Config) []string {
	var out []string
	for _, name := range []string{cfg.Organisation.Name, cfg.Organisation.Department, cfg.Organisation.Location, cfg.Brand.Header} {
		for _, w := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }) {
			if w = strings.Trim(w, "'’"); w != "" {
				out = append(out, w)
			}
		}
	}
	return out
}

// lintDocument runs the editorial checks of e on a rendered document's
// tree (lint.CheckDocument); findings name file and their place in the
// document. The checks stop once ctx ends (lint.Rules.WithContext), and
// the error is then ctx's: the findings so far are not reported.
func (r *Renderer) lintDocument(ctx context.Context, d *doc.Document, file string, e *Editorial) error {
	fs := lint.CheckDocument(file, d, rulesWithContext(ctx, e.Rules))
	if err := ctx.Err(); err != nil {
		return err
	}
	if e.Report != nil {
		e.Report(file, fs)
	}
	if e.Strict && lint.HasErrors(fs) {
		n, first := 0, ""
		for _, f := range fs {
			if f.Severity == lint.Error {
				if n == 0 {
					first = f.String()
				}
				n++
			}
		}
		return fmt.Errorf("%s: %s (strict); first: %s", file, plural(n, "error-level editorial finding"), first)
	}
	return nil
}

// rulesWithContext is rules whose checks stop once ctx ends
// (lint.Rules.WithContext); nil rules, the embedded defaults, stay nil.
func rulesWithContext(ctx context.Context, rules *lint.Rules) *lint.Rules {
	if rules == nil {
		return nil
	}
	return rules.WithContext(ctx)
}

// LintDocuments renders each document of req's kinds (kinds that make
// copies, one per copy) to its tree in memory and runs the editorial
// checks on it (lint.CheckDocument), with rules. Findings name the
// document's Markdown file (req.Prefix + stem + ".md", e.g. "jd.md") and
// their place in it ("Key responsibilities, item 3"). Nothing is written.
// The checks stop once ctx ends, and the error is then ctx's.
func (r *Renderer) LintDocuments(ctx context.Context, req Request, rules *lint.Rules) ([]lint.Finding, error) {
	rules = rulesWithContext(ctx, rules)
	var all []lint.Finding
	for _, k := range req.Kinds {
		if k.Scope == render.ScopePlan && req.Context.PDP == nil {
			return nil, fmt.Errorf("%s: no development plan in the context", k.ID)
		}
		for _, c := range k.Documents(req.Context) {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			d, err := r.Engine.Document(ctx, k, c.Context)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", c.Stem, err)
			}
			d.Meta.Date = req.Date
			all = append(all, lint.CheckDocument(req.Prefix+c.Stem+".md", d, rules)...)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return all, nil
}

// SummariseFindings describes one document's editorial findings in a few
// lines for a command's warnings: a count by severity and category, then
// the error-level findings, at most maxErrors of them, then how many more
// there are. No findings, no lines.
func SummariseFindings(file string, fs []lint.Finding, maxErrors int) []string {
	if len(fs) == 0 {
		return nil
	}
	count := map[lint.Severity]map[lint.Category]int{lint.Error: {}, lint.Warning: {}}
	total := map[lint.Severity]int{}
	var errs []lint.Finding
	for _, f := range fs {
		count[f.Severity][f.Category]++
		total[f.Severity]++
		if f.Severity == lint.Error {
			errs = append(errs, f)
		}
	}
	part := func(sev lint.Severity, word string) string {
		s := plural(total[sev], word)
		if total[sev] == 0 {
			return s
		}
		var cats []string
		for c, n := range count[sev] {
			cats = append(cats, fmt.Sprintf("%s %d", c, n))
		}
		sort.Strings(cats)
		return s + " (" + strings.Join(cats, ", ") + ")"
	}
	lines := []string{fmt.Sprintf("%s: editorial checks: %s, %s", file, part(lint.Error, "error"), part(lint.Warning, "warning"))}
	for i, f := range errs {
		if i == maxErrors {
			lines = append(lines, fmt.Sprintf("%s: … and %s", file, plural(len(errs)-maxErrors, "more error")))
			break
		}
		lines = append(lines, f.String())
	}
	return lines
}

// plural writes n and word, with an s when n is not 1.
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
