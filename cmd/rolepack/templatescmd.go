package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/render"
	"github.com/rolepack/rolepack/schema"
	"github.com/rolepack/rolepack/templates"
)

// TemplatesExportOptions are the inputs of `rolepack templates export`.
type TemplatesExportOptions struct {
	*Factory
	Dir   string
	Force bool
}

// NewCmdTemplates returns the templates command group; runF, when not nil,
// runs in place of runTemplatesExport.
func NewCmdTemplates(f *Factory, runF func(context.Context, *TemplatesExportOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "templates",
		Short: "Work with the document templates",
	}
	opts := &TemplatesExportOptions{Factory: f}
	export := &cobra.Command{
		Use:   "export DIR",
		Short: "Write the default templates into DIR for editing",
		Long: `export writes every embedded default template into DIR. Edit any of them and
pass --templates DIR to generate: each file in DIR replaces the default of the
same name; the others stay as they are. Existing files are kept unless --force.
docs/templates.md lists every field a template can use.

It also writes config.schema.json and framework.schema.json into DIR (the JSON
Schemas of config.yaml and of framework files): make
  # yaml-language-server: $schema=DIR/config.schema.json
the first line of config.yaml and editors with the YAML language server
validate and complete it, offline.`,
		Example: `  rolepack templates export my-templates
  rolepack generate --templates my-templates`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runTemplatesExport(cmd.Context(), opts)
		},
	}
	export.Flags().BoolVar(&opts.Force, "force", false, "overwrite templates already in DIR")
	cmd.AddCommand(export)
	return cmd
}

func runTemplatesExport(_ context.Context, opts *TemplatesExportOptions) error {
	dir := opts.Dir
	if dir == "-" {
		return fmt.Errorf("templates export writes a folder of templates, which standard output cannot hold: name a folder, e.g. rolepack templates export my-templates")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range render.TemplateNames() {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil && !opts.Force {
			return fmt.Errorf("%s exists: use --force to overwrite it", p)
		}
	}
	for _, name := range render.TemplateNames() {
		b, err := fs.ReadFile(templates.FS, name)
		if err != nil {
			return err
		}
		p := filepath.Join(dir, name)
		if err := output.WriteFileAtomic(p, b); err != nil {
			return err
		}
		fmt.Fprintf(opts.IO.Out, "wrote %s\n", p)
	}
	for _, name := range []string{"config", "framework"} {
		if err := writeSchemaBeside(opts.IO.Out, dir, name, opts.Force); err != nil {
			return err
		}
	}
	fmt.Fprintf(opts.IO.Out, "for editors that validate config.yaml, make its first line:\n  %s\n", schema.ModelineFor(filepath.ToSlash(filepath.Join(dir, schema.ConfigFile))))
	return nil
}
