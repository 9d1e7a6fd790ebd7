package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/importer"
	"github.com/rolepack/rolepack/framework/textprep"
	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/lint"
	"github.com/rolepack/rolepack/pack"
	"github.com/rolepack/rolepack/render"
)

// LintOptions are the inputs of `rolepack lint`.
type LintOptions struct {
	*Factory
	Config ConfigOptions
	Format string // text or json
	From   string // auto, a source format, or text
	Files  []string
	// Role and Level, instead of Files, lint the documents rendered for a
	// role at a level: Docs (default the candidate-facing kinds).
	Role, Level string
	Docs        []string
	// SuggestEdits prints the config edits: block that fixes the findings
	// lint would list, in place of them, and names those with no edit.
	SuggestEdits bool
}

// formatText is the --from value that reads a file as plain text or
// Markdown, never as a framework.
const formatText = "text"

// NewCmdLint returns the lint command; runF, when not nil, runs in place of
// runLint.
func NewCmdLint(f *Factory, runF func(context.Context, *LintOptions) error) *cobra.Command {
	opts := &LintOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "lint FILE...",
		Short: "Check framework text for typos, US spellings, gender-coded words and more",
		Long: `lint checks the words of framework files and documents: en-GB spelling
(typos and US spellings), inclusive language (gender-coded words of Gaucher,
Friesen and Kay (2011), exclusionary jargon), sentence length (over 25
words), repeated words, punctuation, Title Case names, template artefacts
and the grammar of generated text (a base verb after a preposition, mixed
verb forms, duties that do not start with a verb, list items with no
text). A framework source document (DDaT summary, FEDIP/NCF profile,
skills matrix) or canonical framework YAML is read as rolepack reads it, and
the text of every title, summary and descriptor is checked at its own line
and column in the file; any other file is checked as plain text or Markdown.

It prints one finding a line, file:line:col: category: message (suggestion),
or a JSON array with --format json. When a document's balance of
gender-coded words leans one way, the balance is reported and each word of
the gender it leans to is listed once with its count; a document that
reads neutral has no such finding. A sentence over 25 words is a warning;
a list item's bold run-in label ("Data modelling:") is not counted as
words of its sentence, "1,000" is one word, and a list joined by
semicolons is measured part by part. lint exits 1 when any
finding is an error (a typo, a US spelling, exclusionary jargon, a
punctuation slip, a repeated word, a broken sentence, a word editorial.ban
lists), 0 when there are only warnings or none. The config's editorial.allow and editorial.ban
add the organisation's words (docs/config.md).

With --role and --level, lint renders the documents for that role and level
(--doc; default the candidate-facing ones: ` + strings.Join(render.CandidateFacingIDs(), ", ") + `) in memory,
as generate would, and checks their document trees; findings name the
document and the place in it (jd.md: Key responsibilities, item 3, col 9).
Nothing is written.

--suggest-edits prints, in place of the findings, the edits: block for
config.yaml that fixes the listed findings in framework text: typos and US
spellings with a known correction, punctuation slips and Title Case names,
each edit under a comment naming what it fixes. On standard error it names
each listed finding that has no edit, with why, then counts the findings as
lint without --suggest-edits lists them. Review the block, then paste it
into the config: the framework files stay as they are.`,
		Example: `  rolepack lint profile.txt matrix/*.md
  rolepack lint ddat.yaml --format json
  rolepack lint --from text advert.md
  rolepack lint --from text - < advert.md   # - reads standard input
  rolepack lint --role data-engineer --level head
  rolepack lint --role data-engineer --level head --doc advert --suggest-edits >> edits.yaml`,
		Args: func(cmd *cobra.Command, args []string) error {
			if opts.Role == "" && opts.Level == "" && len(args) == 0 {
				return fmt.Errorf("give files to check, or --role and --level")
			}
			if (opts.Role != "" || opts.Level != "") && len(args) > 0 {
				return fmt.Errorf("give files to check or --role and --level, not both")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runLint(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Format, "format", "text", "output: text (file:line:col: category: message) or json")
	fl.StringVar(&opts.From, "from", "auto", "read files as: auto, ddat, profile, matrix, yaml, or text (plain text or Markdown)")
	opts.Config.addFlags(cmd)
	fl.StringVar(&opts.Role, "role", "", "lint the documents of this role (a config role id, or FRAMEWORK/ROLE) (with --level)")
	fl.StringVar(&opts.Level, "level", "", "the level of --role")
	fl.StringSliceVar(&opts.Docs, "doc", nil, "with --role: document kinds to check, comma-separated (default "+strings.Join(render.CandidateFacingIDs(), ",")+")")
	fl.BoolVar(&opts.SuggestEdits, "suggest-edits", false, "print the config edits: block that fixes what lint finds in framework text")
	completeNames(cmd, "doc", render.KindIDs())
	completeOne(cmd, "format", "text", "json")
	completeOne(cmd, "from", "auto", "ddat", "profile", "matrix", "yaml", "text")
	return cmd
}

func runLint(ctx context.Context, opts *LintOptions) error {
	if opts.Format != "text" && opts.Format != "json" {
		return fmt.Errorf("unknown --format %q (known: text, json)", opts.Format)
	}
	from := importer.FormatAuto
	if opts.From != formatText {
		f, err := importer.ParseFormat(opts.From)
		if err != nil {
			return fmt.Errorf("%w, or text", err)
		}
		from = f
	}
	if opts.Role != "" || opts.Level != "" {
		return lintDocuments(ctx, opts)
	}
	lc, err := opts.loadConfig(opts.Config, nil)
	if err != nil {
		return err
	}
	cfg := lc.cfg
	rules, err := pack.EditorialRules(cfg)
	if err != nil {
		return err
	}
	rules = rules.WithContext(ctx) // Ctrl-C and SIGTERM stop the checks
	files, rename, cleanup, err := opts.stdinFiles(opts.Files, userfile.Framework, "")
	if err != nil {
		return err
	}
	defer cleanup()
	// Every file is read and checked before anything is printed: a file
	// that cannot be read stops the run with no partial output.
	var all []lint.Finding
	var targets []compose.EditTarget
	for _, path := range files {
		texts, err := lintTexts(path, from, opts.From == formatText)
		if err != nil {
			return renameErr(err, rename)
		}
		all = append(all, lint.CheckTexts(rename(path), texts, rules)...)
		if err := ctx.Err(); err != nil {
			return err
		}
		if opts.SuggestEdits {
			fw, err := lintFramework(path, from)
			if err != nil {
				return renameErr(err, rename)
			}
			targets = append(targets, compose.FrameworkEditTargets(fw)...)
		}
	}
	if opts.SuggestEdits {
		return printEdits(opts, all, targets, rules)
	}
	return printFindings(opts, all, fmt.Sprintf("%d file(s)", len(opts.Files)))
}

// printFindings prints findings as text or JSON, and ends with an exit
// status 1 when any is an error.
func printFindings(opts *LintOptions, all []lint.Finding, checked string) error {
	io := opts.IO
	if opts.Format == "json" {
		if all == nil {
			all = []lint.Finding{}
		}
		data, err := json.MarshalIndent(all, "", "  ")
		if err != nil {
			return fmt.Errorf("lint: %w", err)
		}
		if _, err := io.Out.Write(append(data, '\n')); err != nil {
			return err
		}
	} else {
		for _, f := range all {
			fmt.Fprintln(io.Out, f.String())
		}
	}
	errs := 0
	for _, f := range all {
		if f.Severity == lint.Error {
			errs++
		}
	}
	summary := fmt.Sprintf("%d error(s), %d warning(s) in %s", errs, len(all)-errs, checked)
	if errs > 0 {
		return &exitError{code: 1, msg: summary}
	}
	fmt.Fprintln(io.Err, "ok: "+summary)
	return nil
}

// lintTexts reads one file into the texts to check: a framework's titles
// and descriptors at their places in the file, or the lines of a plain text
// or Markdown file.
func lintTexts(path string, from importer.Format, plain bool) ([]lint.Text, error) {
	if plain {
		return plainTexts(path)
	}
	if from == importer.FormatCanonical || (from == importer.FormatAuto && isYAMLPath(path)) {
		return yamlTexts(path)
	}
	doc, err := textprep.ReadFile(path)
	if err != nil {
		return nil, err
	}
	format := from
	if format == importer.FormatAuto {
		format, err = importer.Detect(doc)
		if err != nil {
			return plainTexts(path) // not a framework: check it as text
		}
	}
	if format == importer.FormatCanonical {
		return yamlTexts(path)
	}
	f, probs, err := importer.Import([]string{path}, importer.Options{From: format})
	if err != nil {
		return nil, err
	}
	if framework.HasErrors(probs) {
		for _, p := range probs {
			if p.Severity == framework.SeverityError {
				return nil, &p
			}
		}
	}
	lines := make([]string, 0, len(doc.Lines))
	for _, l := range doc.Lines {
		for len(lines) < l.N-1 {
			lines = append(lines, "")
		}
		lines = append(lines, l.Text)
	}
	return lint.SourceTexts(f, lines), nil
}

func isYAMLPath(path string) bool {
	p := strings.ToLower(path)
	return strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".json")
}

// yamlTexts reads a canonical framework file: it must load (a file that
// cannot be read at all is an error); validation problems are `rolepack
// validate`'s to report.
func yamlTexts(path string) ([]lint.Text, error) {
	if _, _, err := framework.Load(path); err != nil {
		return nil, err
	}
	data, err := userfile.Read(path, userfile.Framework)
	if err != nil {
		return nil, err
	}
	return lint.YAMLTexts(path, data)
}

// plainTexts reads a plain text or Markdown file.
func plainTexts(path string) ([]lint.Text, error) {
	data, err := userfile.Read(path, userfile.Framework)
	if err != nil {
		return nil, err
	}
	return lint.SplitMarkdown(data), nil
}

// lintFramework reads a framework file (canonical YAML or a source
// document) for --suggest-edits; problems other than errors are `rolepack
// validate`'s to report.
func lintFramework(path string, from importer.Format) (*framework.Framework, error) {
	if from == importer.FormatCanonical || (from == importer.FormatAuto && isYAMLPath(path)) {
		fw, _, err := framework.Load(path)
		return fw, err
	}
	fw, probs, err := importer.Import([]string{path}, importer.Options{From: from})
	if err != nil {
		return nil, err
	}
	for _, p := range probs {
		if p.Severity == framework.SeverityError {
			return nil, &p
		}
	}
	return fw, nil
}

// lintDocuments lints the documents rendered for --role at --level, or
// suggests the edits that fix its framework text.
func lintDocuments(ctx context.Context, opts *LintOptions) error {
	if opts.Role == "" || opts.Level == "" {
		return fmt.Errorf("--role and --level go together: give both")
	}
	var fv []flagValue
	fv = append(fv, stringFlag("role", "role", opts.Role)...)
	fv = append(fv, stringFlag("level", "level", opts.Level)...)
	fv = append(fv, listFlag("documents", "doc", opts.Docs)...)
	l, err := opts.loadAll(opts.Config, fv)
	if err != nil {
		return err
	}
	cfg := l.cfg
	docs := render.CandidateFacingIDs()
	if len(opts.Docs) > 0 {
		if err := checkNames(cfg, "documents", "document kind", cfg.Documents, render.KindIDs(), l.origins); err != nil {
			return err
		}
		docs = cfg.Documents
	}
	kinds, err := render.LookupKinds(docs)
	if err != nil {
		return err
	}
	if render.NeedsPlan(kinds) {
		return fmt.Errorf("--doc %s: lint checks the documents of one role at one level, not a development plan", strings.Join(opts.Docs, ","))
	}
	if err := checkRoleLevel(l, cfg.Role, cfg.Level); err != nil {
		return err
	}
	rules, err := pack.EditorialRules(cfg)
	if err != nil {
		return err
	}
	rc, err := compose.NewContext(cfg, l.lib, cfg.Role, cfg.Level, l.date)
	if err != nil {
		return err
	}
	engine, err := render.NewEngine(l.templatesDir())
	if err != nil {
		return err
	}
	r := &pack.Renderer{Engine: engine, Formats: opts.Factory.Formats}
	all, err := r.LintDocuments(ctx, pack.Request{Context: rc, Kinds: kinds, Date: l.date}, rules)
	if err != nil {
		return err
	}
	if opts.SuggestEdits {
		return printEdits(opts, all, compose.ComposedEditTargets(rc.Role), rules)
	}
	return printFindings(opts, all, fmt.Sprintf("%d document kind(s) of %s at %s", len(kinds), cfg.Role, cfg.Level))
}

// printEdits prints the edits: block that fixes the findings lint lists
// (all, the findings printed without --suggest-edits) where their text is
// framework text the targets hold, and on stderr each finding with no edit
// and why, then one summary whose counts are those of all. An edit that
// fixes none of all (its text is not in the documents checked) is left out.
func printEdits(opts *LintOptions, all []lint.Finding, targets []compose.EditTarget, rules *lint.Rules) error {
	plan := planEdits(all, targets, rules)
	for _, n := range plan.none {
		fmt.Fprintf(opts.IO.Err, "no edit: %s: %s\n", n.finding, n.why)
	}
	errs := 0
	for _, f := range all {
		if f.Severity == lint.Error {
			errs++
		}
	}
	counts := fmt.Sprintf("%s (%d error(s), %d warning(s))", plural(len(all), "finding"), errs, len(all)-errs)
	if len(plan.edits) == 0 {
		if len(all) == 0 {
			fmt.Fprintf(opts.IO.Err, "no edits to suggest: no findings\n")
		} else {
			fmt.Fprintf(opts.IO.Err, "no edits to suggest: none of %s has a fix in framework text (each named above, with why)\n", counts)
		}
		return nil
	}
	data, err := compose.EditsYAML(plan.edits)
	if err != nil {
		return err
	}
	if _, err := opts.IO.Out.Write(data); err != nil {
		return err
	}
	rest := ""
	if len(plan.none) > 0 {
		rest = fmt.Sprintf("; %d have no edit (named above, with why)", len(plan.none))
	}
	fmt.Fprintf(opts.IO.Err, "%s fixing %d of %s%s; review them, then add them to the config's edits:\n", plural(len(plan.edits), "edit"), plan.fixed, counts, rest)
	return nil
}

// editPlan is what --suggest-edits says about a list of findings: the
// edits, how many of the findings they fix, and the findings with none.
type editPlan struct {
	edits []compose.SuggestedEdit
	fixed int
	none  []noEdit
}

// noEdit is a finding with no config edit, and why.
type noEdit struct {
	finding string
	why     string
}

// planEdits matches each finding of all to the edits that fix the same
// finding (category and message) in one of the targets' framework text.
// Each edit's comment names its framework text first, then the listed
// findings it fixes.
func planEdits(all []lint.Finding, targets []compose.EditTarget, rules *lint.Rules) editPlan {
	type candidate struct {
		edit compose.SuggestedEdit
		used int // index in plan.edits + 1; 0 while it fixes nothing listed
	}
	var cands []*candidate
	byEdit := map[string]*candidate{}
	byFinding := map[string][]*candidate{}
	for _, t := range targets {
		es, _ := compose.SuggestEdits([]compose.EditTarget{t}, rules)
		for _, e := range es {
			k := editKey(e.Edit)
			c := byEdit[k]
			if c == nil {
				c = &candidate{edit: compose.SuggestedEdit{Edit: e.Edit, Fixes: e.Fixes[:1]}}
				byEdit[k] = c
				cands = append(cands, c)
			}
			for _, why := range e.Fixes {
				if t.From != "" {
					why = strings.TrimPrefix(why, t.From+": ")
				}
				if !containsCand(byFinding[why], c) {
					byFinding[why] = append(byFinding[why], c)
				}
			}
		}
	}
	var plan editPlan
	for _, f := range all {
		cs := byFinding[fmt.Sprintf("%s: %s", f.Category, f.Message)]
		if len(cs) == 0 {
			plan.none = append(plan.none, noEdit{finding: f.String(), why: whyNoEdit(f)})
			continue
		}
		plan.fixed++
		for _, c := range cs {
			if c.used == 0 {
				plan.edits = append(plan.edits, c.edit)
				c.used = len(plan.edits)
				continue
			}
			e := &plan.edits[c.used-1]
			e.Fixes = append(e.Fixes, f.String())
		}
	}
	return plan
}

func containsCand[T comparable](list []T, c T) bool {
	for _, x := range list {
		if x == c {
			return true
		}
	}
	return false
}

// editKey identifies an edit, to list it once.
func editKey(e config.EditDef) string {
	with := "\x01"
	if e.With != nil {
		with = *e.With
	}
	return strings.Join([]string{e.Framework, e.Role, e.Kind, e.Title, e.Replace, with, e.Retitle, fmt.Sprint(e.SentenceCase)}, "\x00")
}

// whyNoEdit says why a finding has no config edit.
func whyNoEdit(f lint.Finding) string {
	switch {
	case f.Line == 0 && f.Place == "":
		return "about the whole document, not one piece of text"
	case (f.Category == lint.Spelling || f.Category == lint.Punctuation) && f.Severity != lint.Error:
		return "an unknown word or name: a person decides"
	case f.Category == lint.Grammar:
		return "a sentence's grammar: a person checks it (an edit's replace and with can carry the fix)"
	case f.From != "" && f.To != "":
		return "no edit picks this text (a category's title, the config's own words or rolepack's standard text): change it where it is written"
	case f.Category == lint.Spelling:
		return "no known correction: a person decides"
	case f.Category == lint.SentenceLength:
		return "a person decides how to split it (an edit's replace and with can carry the new wording)"
	case f.Category == lint.Inclusive:
		return "a choice of word for a person (an edit's replace and with can carry it)"
	default:
		return "no known fix"
	}
}
