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
	from  string
	out   string
	json  bool
	title string
	force bool
}

func newImportCmd(io *IO) *cobra.Command {
	opts := &importOptions{}
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
file:line: warning: message.`,
		Example: `  rolepack import data-engineer-*.md -o ddat.yaml
  rolepack import --from profile --title "Head of Data Ethics" profile.txt
  rolepack import matrix/*.md --json > matrix.json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runImport(io, opts, args) },
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.from, "from", "auto", "source format: auto, ddat, profile, matrix")
	fl.StringVarP(&opts.out, "output", "o", "", "write to this file instead of stdout")
	fl.BoolVar(&opts.json, "json", false, "write JSON instead of YAML")
	fl.StringVar(&opts.title, "title", "", "role title for a profile that has no title line")
	fl.BoolVar(&opts.force, "force", false, "overwrite the -o file if it exists")
	return cmd
}

func runImport(io *IO, opts *importOptions, args []string) error {
	from, err := importer.ParseFormat(opts.from)
	if err != nil {
		return err
	}
	f, probs, err := importer.Import(args, importer.Options{From: from, Title: opts.title})
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
