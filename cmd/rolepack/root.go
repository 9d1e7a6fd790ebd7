package main

import (
	"github.com/spf13/cobra"
)

func newRootCmd(io *IO) *cobra.Command {
	gen := newGenerateCmd(io)
	root := &cobra.Command{
		Use:   "rolepack",
		Short: "Job descriptions, adverts, person specs, scoring sheets and PDPs from competency frameworks",
		Long: `rolepack turns competency frameworks (the DDaT Capability Framework, NCF/FEDIP
job profiles, skills matrices) into the documents hiring and development run
on: job descriptions, person specifications, job adverts, interview scoring
sheets and personal development plans, as PDF, DOCX, Markdown and HTML.

Run with no command, rolepack generates the documents that config.yaml asks
for (or, with no config.yaml, the embedded default).`,
		Example: `  rolepack                                  # the default run from config.yaml
  rolepack generate --role data-engineer --level senior --doc jd,spec --format pdf
  rolepack show data-engineer --level head  # what goes into the documents, and why
  rolepack import page.txt -o ddat.yaml     # read a framework document
  rolepack validate ddat.yaml`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE:          gen.RunE,
	}
	root.Flags().AddFlagSet(gen.Flags())
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	root.AddCommand(gen, newImportCmd(io), newValidateCmd(io), newListCmd(io), newShowCmd(io), newTemplatesCmd(io), newPackCmd(io))
	root.AddCommand(newDiffCmd(io))
	root.CompletionOptions.DisableDefaultCmd = true
	return root
}
