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
	"github.com/rolepack/rolepack/internal/userfile"
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
	// Spreadsheets: the worksheet and headers by role.
	Sheet   string
	Columns []string
	// Identity and provenance given on the command line.
	ID, Name, Publisher, Licence, URL string
}

// NewCmdImport returns the import command; runF, when not nil, runs in
// place of runImport.
func NewCmdImport(f *Factory, runF func(context.Context, *ImportOptions) error) *cobra.Command {
	opts := &ImportOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "import FILE...",
		Short: "Read framework documents into one canonical framework (YAML or JSON)",
		Long: `import reads source documents as they are (DDaT role-level summaries, FEDIP /
NCF job profiles exported from BCS Role Model Plus, MkDocs skills matrices,
spreadsheets as CSV or XLSX) and writes one canonical framework: YAML by
default, JSON with --json, to stdout unless -o is given. With --from auto
(the default) the format is recognised from the content (a .csv, .tsv or
.xlsx name means a spreadsheet), and the choice is said on stderr. Several
DDaT pages of one role give one role with all its levels; several matrix
pages give one framework with a catalogue per area; several profiles give
several roles; each spreadsheet gives a catalogue.

Of an XLSX workbook, the worksheet that holds the framework is read: cover,
read-me, notes, instructions, contents and change-log sheets, and sheets
with no header row, are passed over, and stderr says which sheet was read
and which were skipped; --sheet NAME reads another.

A spreadsheet is read in either shape, told apart by its header row: one
row per descriptor (Category, Skill, Skill description, Level, Descriptor,
optionally Kind and Code) or one row per skill with one column per level
(several descriptors in a cell on separate lines). Title rows above the
header give the title ("Publisher: …", "Licence: …", "URL: …" rows too);
--columns names headers the importer does not know.

The framework's id and name come from the file unless --id and --name are
given; a framework whose id is a built-in one (ddat, sde-skills, ncf)
replaces the built-in when listed in the config's frameworks. Publisher,
licence and URL come from the file or from --publisher, --licence, --url,
never from a guess. Warnings go to stderr as file:line: warning: message
(file:line:column or file:Sheet!B7 for spreadsheets). A YAML -o file starts
with a "# yaml-language-server: $schema=framework.schema.json" line, and
framework.schema.json is written beside it, so editors validate and complete
the file (rolepack schema framework prints the schema).`,
		Example: `  rolepack import data-engineer-*.md -o ddat.yaml
  rolepack import ddat-corpus/*.md --id ddat -o ddat-all.yaml
  rolepack import --from profile --title "Head of Data Ethics" profile.txt
  rolepack import matrix/*.md --json > matrix.json
  rolepack import skills.xlsx --sheet "Digital skills" --id digital --licence "OGL v3.0"
  rolepack import skills.csv --columns skill=Competency,descriptor=Evidence
  rolepack import - -o - < page.txt | rolepack validate -   # - is standard input or output`,
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
	fl.StringVarP(&opts.Out, "output", "o", "", "write to this file instead of stdout (- for stdout)")
	fl.BoolVar(&opts.JSON, "json", false, "write JSON instead of YAML")
	fl.StringVar(&opts.Title, "title", "", "role title for a profile that has no title line")
	fl.BoolVar(&opts.Force, "force", false, "overwrite the -o file if it exists")
	fl.StringVar(&opts.Sheet, "sheet", "", "worksheet of an XLSX workbook to read, in any case (default: the one that holds the framework)")
	fl.StringSliceVar(&opts.Columns, "columns", nil, "spreadsheet headers by role: category=, skill=, description=, level=, descriptor=, kind=, code=, levels=A|B|C")
	fl.StringVar(&opts.ID, "id", "", "framework id to give the import (lower-case, hyphens), e.g. ddat to replace the built-in")
	fl.StringVar(&opts.Name, "name", "", "framework name to give the import")
	fl.StringVar(&opts.Publisher, "publisher", "", "publisher of the source, for its provenance")
	fl.StringVar(&opts.Licence, "licence", "", "licence of the source, e.g. \"Open Government Licence v3.0\"")
	fl.StringVar(&opts.URL, "url", "", "web address of the source")
	completeOne(cmd, "from", strings.Split(sourceFormats(), ", ")...)
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
	files, rename, cleanup, err := opts.stdinFiles(opts.Files, userfile.Framework, "")
	if err != nil {
		return err
	}
	defer cleanup()
	f, probs, err := importer.Import(files, importer.Options{
		From: from, Title: opts.Title, Sheet: opts.Sheet, Columns: opts.Columns,
		ID: opts.ID, Name: opts.Name, Publisher: opts.Publisher, Licence: opts.Licence, URL: opts.URL,
		Note: func(n string) { fmt.Fprintln(opts.IO.Err, "import: "+n) },
	})
	printed := map[string]bool{}
	for _, p := range probs {
		if line := rename(p.Error()); !printed[line] {
			printed[line] = true
			fmt.Fprintln(opts.IO.Err, line)
		}
	}
	if err != nil {
		err = renameErr(err, rename)
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
	if opts.Out == "" || opts.Out == "-" {
		if _, err := opts.IO.Out.Write(data); err != nil {
			return fmt.Errorf("writing to standard output: %w", err)
		}
		return nil
	}
	if err := output.CheckTarget(opts.Out); err != nil {
		return err // a device, FIFO or folder: never replaced, --force or not
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
