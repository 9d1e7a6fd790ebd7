package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/importer"
	"github.com/rolepack/rolepack/output"
)

// importOptions are the inputs of `rolepack import`.
type importOptions struct {
	from    string
	out     string
	json    bool
	title   string
	force   bool
	sheet   string
	columns []string
	id      string
	name    string
	pub     string
	licence string
	url     string
}

func newImportCmd(io *IO) *cobra.Command {
	opts := &importOptions{}
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
(file:line:column or file:Sheet!B7 for spreadsheets).`,
		Example: `  rolepack import data-engineer-*.md -o ddat.yaml
  rolepack import ddat-corpus/*.md --id ddat -o ddat-all.yaml
  rolepack import --from profile --title "Head of Data Ethics" profile.txt
  rolepack import matrix/*.md --json > matrix.json
  rolepack import skills.xlsx --sheet "Digital skills" --id digital --licence "OGL v3.0"
  rolepack import skills.csv --columns skill=Competency,descriptor=Evidence`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runImport(io, opts, args) },
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.from, "from", "auto", "source format: auto, ddat, profile, matrix, sheet (csv, xlsx), yaml")
	fl.StringVarP(&opts.out, "output", "o", "", "write to this file instead of stdout")
	fl.BoolVar(&opts.json, "json", false, "write JSON instead of YAML")
	fl.StringVar(&opts.title, "title", "", "role title for a profile that has no title line")
	fl.BoolVar(&opts.force, "force", false, "overwrite the -o file if it exists")
	fl.StringVar(&opts.sheet, "sheet", "", "worksheet of an XLSX workbook to read (default: the first)")
	fl.StringSliceVar(&opts.columns, "columns", nil, "spreadsheet headers by role: category=, skill=, description=, level=, descriptor=, kind=, code=, levels=A|B|C")
	fl.StringVar(&opts.id, "id", "", "framework id to give the import (lower-case, hyphens), e.g. ddat to replace the built-in")
	fl.StringVar(&opts.name, "name", "", "framework name to give the import")
	fl.StringVar(&opts.pub, "publisher", "", "publisher of the source, for its provenance")
	fl.StringVar(&opts.licence, "licence", "", "licence of the source, e.g. \"Open Government Licence v3.0\"")
	fl.StringVar(&opts.url, "url", "", "web address of the source")
	return cmd
}

func runImport(io *IO, opts *importOptions, args []string) error {
	from, err := importer.ParseFormat(opts.from)
	if err != nil {
		return err
	}
	f, probs, err := importer.Import(args, importer.Options{
		From: from, Title: opts.title, Sheet: opts.sheet, Columns: opts.columns,
		ID: opts.id, Name: opts.name, Publisher: opts.pub, Licence: opts.licence, URL: opts.url,
	})
	for _, p := range probs {
		fmt.Fprintln(io.Err, p.Error())
	}
	if err != nil {
		return err
	}
	if framework.HasErrors(probs) {
		return &exitError{code: 1}
	}
	if from == importer.FormatAuto || from == "" {
		fmt.Fprintf(io.Err, "read %d file(s) as %s\n", len(args), f.Format)
	}
	var data []byte
	if opts.json {
		data, err = framework.MarshalJSON(f)
	} else {
		data, err = framework.Marshal(f)
	}
	if err != nil {
		return err
	}
	if opts.out == "" {
		_, err = io.Out.Write(data)
		return err
	}
	if _, err := os.Stat(opts.out); err == nil && !opts.force {
		return fmt.Errorf("%s exists: use --force to overwrite it", opts.out)
	}
	if err := output.WriteFileAtomic(opts.out, data); err != nil {
		return err
	}
	fmt.Fprintf(io.Err, "wrote %s\n", opts.out)
	return nil
}
