package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
)

// InitOptions are the inputs of `rolepack init`.
type InitOptions struct {
	*Factory
	File  string // where to write ("-" for standard output)
	Force bool   // replace a file already there
}

// starterConfig is what `rolepack init` writes: the keys a new user
// changes first, each with a comment; everything else comes from the
// embedded default (docs/config.md, "Layers").
const starterConfig = `# rolepack config: only what differs from the built-in defaults.
# Every other key keeps its default; "rolepack config" lists them all with
# where each value came from, and docs/config.md describes every key.
# yaml-language-server: $schema=config.schema.json

# The role and level to write documents for: a role of the built-in roles
# (data-engineer), or FRAMEWORK/ROLE to use a framework role as it is
# ("rolepack list roles" lists them; "rolepack list levels" the levels).
role: data-engineer
level: senior

# The documents, and the formats to write them in.
documents: [jd, advert, spec]   # jd, spec, advert, scoring, pdp, progression
formats: [pdf, docx]            # pdf, docx, md, html (xlsx for the career map)
out: dist

# Who issues the documents.
organisation:
  name: Example Health Data Service
  department: Data and Analytics
  location: Leeds (hybrid)
  website: https://www.example.org

# The vacancy the advert and the JD describe. Dates are YYYY-MM-DD.
vacancy:
  reference: DE-001
  band: Band 7
  salary: "£46,148 to £52,809"
  closing: ""                 # e.g. 2026-12-31
  employmentType: FULL_TIME   # FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY …
  contact: ""                 # who to ask about the post
`

// NewCmdInit returns the init command; runF, when not nil, runs in place
// of runInit.
func NewCmdInit(f *Factory, runF func(context.Context, *InitOptions) error) *cobra.Command {
	opts := &InitOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write a commented starter config.yaml",
		Long: `init writes a short, commented config.yaml (organisation, vacancy, role and
level, formats) that generates at once: every key it leaves out keeps the
built-in default. It writes ./config.yaml unless given a file ("-" for
standard output), and never replaces a file already there without --force.`,
		Example: `  rolepack init && rolepack        # write config.yaml, then generate from it
  rolepack init ~/.config/rolepack/config.yaml
  rolepack init - | less`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = "config.yaml"
			if len(args) == 1 {
				opts.File = args[0]
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runInit(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVarP(&opts.Force, "force", "f", false, "replace the file if it is already there")
	return cmd
}

func runInit(_ context.Context, opts *InitOptions) error {
	if opts.File == "-" {
		w := &stdout{w: opts.IO.Out}
		fmt.Fprint(w, starterConfig)
		return w.result()
	}
	if fi, err := os.Stat(opts.File); err == nil && fi.IsDir() {
		return fmt.Errorf("init: %s is a folder: name the file to write, e.g. rolepack init %s", opts.File, filepath.Join(opts.File, "config.yaml"))
	}
	if dir := filepath.Dir(opts.File); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("init: %w", err)
		}
	}
	flag := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if opts.Force {
		if fi, err := os.Stat(opts.File); err == nil && !fi.Mode().IsRegular() {
			return fmt.Errorf("init: %s is not a regular file", opts.File)
		}
		flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	out, err := os.OpenFile(opts.File, flag, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("init: %s is already there: edit it, or use --force to replace it", opts.File)
	}
	if err != nil {
		return fmt.Errorf("init: %w", err)
	}
	if _, err := out.WriteString(starterConfig); err != nil {
		out.Close()
		return fmt.Errorf("init: %s: %w", opts.File, err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("init: %s: %w", opts.File, err)
	}
	if !opts.Quiet {
		fmt.Fprintf(opts.IO.Err, "wrote %s: edit it, then run rolepack (rolepack config shows every value and where it came from)\n", opts.File)
	}
	return nil
}
