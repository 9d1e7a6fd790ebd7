package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/importer"
)

func newValidateCmd(io *IO) *cobra.Command {
	var from string
	cmd := &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check framework files and print every problem as file:line: message",
		Long: `validate checks canonical framework files (YAML or JSON) and, through import,
source documents: the schema, unknown keys, duplicate ids, empty titles or
descriptors, levels referenced but not defined, and skills missing a level
(a warning). It prints one file:line: message per problem and exits 1 when
there is any error, 0 when there are only warnings or none.`,
		Example: `  rolepack validate ddat.yaml
  rolepack validate summaries/*.md`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := importer.ParseFormat(from)
			if err != nil {
				return err
			}
			probs := importer.Validate(args, importer.Options{From: f})
			errs := 0
			for _, p := range probs {
				fmt.Fprintln(io.Out, p.Error())
				if p.Severity == framework.SeverityError {
					errs++
				}
			}
			if errs > 0 {
				return &exitError{code: 1, msg: fmt.Sprintf("%d error(s), %d warning(s)", errs, len(probs)-errs)}
			}
			fmt.Fprintf(io.Err, "ok: %d file(s), %d warning(s)\n", len(args), len(probs))
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "auto", "source format: auto, ddat, profile, matrix, yaml")
	return cmd
}
