package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/importer"
	"github.com/rolepack/rolepack/internal/userfile"
)

// ValidateOptions are the inputs of `rolepack validate`.
type ValidateOptions struct {
	*Factory
	From  string // source format name, or "auto"
	Files []string
}

// NewCmdValidate returns the validate command; runF, when not nil, runs in
// place of runValidate.
func NewCmdValidate(f *Factory, runF func(context.Context, *ValidateOptions) error) *cobra.Command {
	opts := &ValidateOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check framework files and print every problem as file:line: message",
		Long: `validate checks canonical framework files (YAML or JSON) and, through import,
source documents: the schema, unknown keys, duplicate ids, empty titles or
descriptors, levels referenced but not defined, and skills missing a level
(a warning). It prints one file:line: message per problem and exits 1 when
there is any error, 0 when there are only warnings or none.`,
		Example: `  rolepack validate ddat.yaml
  rolepack validate summaries/*.md
  rolepack import page.txt | rolepack validate -   # - reads standard input`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runValidate(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.From, "from", "auto", "source format: auto, ddat, profile, matrix, yaml")
	return cmd
}

func runValidate(_ context.Context, opts *ValidateOptions) error {
	f, err := importer.ParseFormat(opts.From)
	if err != nil {
		return fmt.Errorf("--from %s: %w", opts.From, err)
	}
	files, rename, cleanup, err := opts.stdinFiles(opts.Files, userfile.Framework, "")
	if err != nil {
		return err
	}
	defer cleanup()
	probs := importer.Validate(files, importer.Options{From: f})
	out := &stdout{w: opts.IO.Out}
	errs := 0
	for _, p := range probs {
		fmt.Fprintln(out, rename(p.Error()))
		if p.Severity == framework.SeverityError {
			errs++
		}
	}
	if err := out.result(); err != nil {
		return err
	}
	if errs > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d error(s), %d warning(s)", errs, len(probs)-errs)}
	}
	fmt.Fprintf(opts.IO.Err, "ok: %d file(s), %d warning(s)\n", len(opts.Files), len(probs))
	return nil
}
