package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/importer"
	"github.com/rolepack/rolepack/framework/textprep"
	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/lint"
)

// LintOptions are the inputs of `rolepack lint`.
type LintOptions struct {
	*Factory
	Format string // text or json
	From   string // auto, a source format, or text
	Files  []string
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
words), repeated words, punctuation, Title Case names and template
artefacts. A framework source document (DDaT summary, FEDIP/NCF profile,
skills matrix) or canonical framework YAML is read as rolepack reads it, and
the text of every title, summary and descriptor is checked at its own line
and column in the file; any other file is checked as plain text or Markdown.

It prints one finding a line, file:line:col: category: message (suggestion),
or a JSON array with --format json. Gender-coded words are listed once per
word with their count, then the document's balance. lint exits 1 when any
finding is an error (a typo, a US spelling, exclusionary jargon, a
punctuation slip, a repeated word), 0 when there are only warnings or none.`,
		Example: `  rolepack lint profile.txt matrix/*.md
  rolepack lint ddat.yaml --format json
  rolepack lint --from text advert.md`,
		Args: cobra.MinimumNArgs(1),
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
	return cmd
}

func runLint(_ context.Context, opts *LintOptions) error {
	io := opts.IO
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
	rules, err := lint.NewRules(nil, nil)
	if err != nil {
		return err
	}
	// Every file is read and checked before anything is printed: a file
	// that cannot be read stops the run with no partial output.
	var all []lint.Finding
	for _, path := range opts.Files {
		texts, err := lintTexts(path, from, opts.From == formatText)
		if err != nil {
			return err
		}
		all = append(all, lint.CheckTexts(path, texts, rules)...)
	}
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
	summary := fmt.Sprintf("%d error(s), %d warning(s) in %d file(s)", errs, len(all)-errs, len(opts.Files))
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
