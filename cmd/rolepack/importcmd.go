package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/importer"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/schema"
)

// ImportOptions are the inputs of `rolepack import`.
type ImportOptions struct {
	*Factory
	From  string // source format name, or "auto"
	Out   string // -o file; "" for stdout
	JSON  bool
	Title string
	Force bool
	Files []string
}

// NewCmdImport returns the import command; runF, when not nil, runs in
// place of runImport.
func NewCmdImport(f *Factory, runF func(context.Context, *ImportOptions) error) *cobra.Command {
	opts := &ImportOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "import FILE...",
		Short: "Read framework documents into one canonical framework (YAML or JSON)",
		Long: `import reads source documents as they are (DDaT role-level summaries, FEDIP /
NCF job profiles exported from BCS Role Model Plus, MkDocs skills matrices)
and writes one canonical framework: YAML by default, JSON with --json, to
stdout unless -o is given. With --from auto (the default) the format is
recognised from the content, and the choice is said on stderr. Several DDaT
pages of one role give one role with all its levels; several matrix pages
give one framework with a catalogue per area; several profiles give several
roles. Warnings (repaired mojibake, empty descriptors, …) go to stderr as
file:line: warning: message. A YAML -o file starts with a
"# yaml-language-server: $schema=framework.schema.json" line, and
framework.schema.json is written beside it, so editors validate and complete
the file (rolepack schema framework prints the schema).`,
		Example: `  rolepack import data-engineer-*.md -o ddat.yaml
  rolepack import --from profile --title "Head of Data Ethics" profile.txt
  rolepack import matrix/*.md --json > matrix.json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runImport(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.From, "from", "auto", "source format: "+sourceFormats())
	fl.StringVarP(&opts.Out, "output", "o", "", "write to this file instead of stdout")
	fl.BoolVar(&opts.JSON, "json", false, "write JSON instead of YAML")
	fl.StringVar(&opts.Title, "title", "", "role title for a profile that has no title line")
	fl.BoolVar(&opts.Force, "force", false, "overwrite the -o file if it exists")
	return cmd
}

// sourceFormats lists the names --from accepts, from the importer's
// registry.
func sourceFormats() string {
	names := make([]string, len(importer.Formats))
	for i, f := range importer.Formats {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

func runImport(_ context.Context, opts *ImportOptions) error {
	from, err := importer.ParseFormat(opts.From)
	if err != nil {
		return fmt.Errorf("--from %s: %w", opts.From, err)
	}
	f, probs, err := importer.Import(opts.Files, importer.Options{From: from, Title: opts.Title})
	printed := map[string]bool{}
	for _, p := range probs {
		if line := p.Error(); !printed[line] {
			printed[line] = true
			fmt.Fprintln(opts.IO.Err, line)
		}
	}
	if err != nil {
		if printed[err.Error()] {
			return &exitError{code: 1} // said already
		}
		return err
	}
	if framework.HasErrors(probs) {
		return &exitError{code: 1}
	}
	if from == importer.FormatAuto || from == "" {
		fmt.Fprintf(opts.IO.Err, "read %d file(s) as %s\n", len(opts.Files), f.Format)
	}
	var data []byte
	if opts.JSON {
		data, err = framework.MarshalJSON(f)
	} else {
		data, err = framework.Marshal(f)
	}
	if err != nil {
		return err
	}
	if opts.Out == "" {
		if _, err := opts.IO.Out.Write(data); err != nil {
			return fmt.Errorf("writing to standard output: %w", err)
		}
		return nil
	}
	if _, err := os.Stat(opts.Out); err == nil && !opts.Force {
		return fmt.Errorf("%s exists: use --force to overwrite it", opts.Out)
	}
	if !opts.JSON {
		// Editors validate and complete the file against the schema
		// written beside it.
		data = withModeline(data, schema.FrameworkFile)
	}
	if err := output.WriteFileAtomic(opts.Out, data); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Err, "wrote %s\n", opts.Out)
	if !opts.JSON {
		return writeSchemaBeside(opts.IO.Err, filepath.Dir(opts.Out), "framework", opts.Force)
	}
	return nil
}
