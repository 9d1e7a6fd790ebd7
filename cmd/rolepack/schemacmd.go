package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/schema"
)

// SchemaOptions are the inputs of `rolepack schema`.
type SchemaOptions struct {
	*Factory
	Name string // framework, config or show
}

// NewCmdSchema returns the schema command; runF, when not nil, runs in
// place of runSchema.
func NewCmdSchema(f *Factory, runF func(context.Context, *SchemaOptions) error) *cobra.Command {
	opts := &SchemaOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "schema framework|config|show",
		Short: "Print the JSON Schema of a framework file, config.yaml or show --json",
		Long: `schema prints a JSON Schema (draft 2020-12), generated from the types rolepack
reads and writes, so it always matches this version:

  framework  a canonical framework file (what import writes, frameworks: reads)
  config     config.yaml
  show       the output of show --json (the data templates receive)

Editors with the YAML language server (VS Code's YAML extension, and others)
validate and complete a YAML file whose first line is
  # yaml-language-server: $schema=config.schema.json
import -o writes that line and framework.schema.json beside the framework;
templates export writes config.schema.json and framework.schema.json into its
folder.`,
		Example: `  rolepack schema config > config.schema.json
  rolepack schema show | jq '.properties | keys'`,
		Args:      cobra.ExactArgs(1),
		ValidArgs: schema.Names,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runSchema(cmd.Context(), opts)
		},
	}
	return cmd
}

func runSchema(_ context.Context, opts *SchemaOptions) error {
	data, err := schema.ByName(opts.Name)
	if err != nil {
		return err
	}
	w := &stdout{w: opts.IO.Out}
	if _, err := w.Write(data); err != nil && w.err == nil {
		return err
	}
	return w.result()
}

// writeSchemaBeside writes the named schema (framework, config) as
// dir/<name>.schema.json, for a `$schema=` line to point at. A file there
// with the same bytes is left alone; one that differs is kept unless
// force, with a note on log.
func writeSchemaBeside(log io.Writer, dir, name string, force bool) error {
	data, err := schema.ByName(name)
	if err != nil {
		return err
	}
	p := filepath.Join(dir, name+".schema.json")
	if old, err := userfile.Read(p, userfile.Config); err == nil { // never hangs on a FIFO
		if bytes.Equal(old, data) {
			return nil
		}
		if !force {
			fmt.Fprintf(log, "kept %s: it differs from this version's schema (--force replaces it, or: rolepack schema %s > %s)\n", p, name, p)
			return nil
		}
	}
	if err := output.WriteFileAtomic(p, data); err != nil {
		return err
	}
	fmt.Fprintf(log, "wrote %s\n", p)
	return nil
}

// withModeline puts the YAML language server's schema line first in a YAML
// document, replacing one already there.
func withModeline(data []byte, schemaPath string) []byte {
	line := schema.ModelineFor(schemaPath) + "\n"
	if bytes.HasPrefix(data, []byte("# yaml-language-server:")) {
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			data = data[i+1:]
		}
	}
	return append([]byte(line), data...)
}
