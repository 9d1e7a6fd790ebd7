package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/pack"
	"github.com/rolepack/rolepack/render"
	"github.com/rolepack/rolepack/render/compose"
)

// generateOptions are the inputs of `rolepack generate`.
type generateOptions struct {
	runFlags
	force        bool
	allowRetired bool
}

func newGenerateCmd(io *IO) *cobra.Command {
	opts := &generateOptions{}
	cmd := &cobra.Command{
		Use:   "generate",
		Short: "Write the documents for one role and level",
		Long: `generate renders the chosen document kinds for one role at one level, in
every chosen format, into the output folder (dist/ by default), and prints one
line per file written. Files are written only when every document rendered;
each is written atomically. A file in the output folder that rolepack did not
write (or that was edited since) is never overwritten without --force.

Document kinds: jd (job description), spec (person specification), advert
(job advert, plus advert.jsonld: schema.org JobPosting), scoring (interview
scoring sheet), pdp (personal development plan, from pdp.from to pdp.to),
record (internal: what the documents were composed from, what was selected
and left out and why; written with any of jd, spec, advert, scoring).
Warnings (one line each) name what the organisation has still to set: the
example organisation, salary, closing date, band, reference.
Formats: pdf, docx, md, html.`,
		Example: `  rolepack generate
  rolepack generate --role data-engineer --level senior --doc jd,spec,advert,scoring --format pdf,docx
  rolepack generate --role ddat/data-engineer --level head-of-data-engineering --doc jd
  ROLEPACK_LEVEL=mid rolepack generate --out /tmp/packs --templates my-templates/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runGenerate(cmd.Context(), io, cmd, opts)
		},
	}
	opts.runFlags.add(cmd)
	cmd.Flags().BoolVar(&opts.force, "force", false, "overwrite files in the output folder that rolepack did not write")
	addAllowRetired(cmd, &opts.allowRetired)
	return cmd
}

func runGenerate(ctx context.Context, io *IO, cmd *cobra.Command, opts *generateOptions) error {
	l, err := loadAll(io, cmd, &opts.configFlags)
	if err != nil {
		return err
	}
	cfg := l.cfg
	kinds, err := render.LookupKinds(cfg.Documents)
	if err != nil {
		return fmt.Errorf("%s: %w", cfg.At("documents"), err)
	}
	if len(kinds) == 0 {
		return fmt.Errorf("%s: no document kinds chosen (use --doc jd,pdp)", cfg.At("documents"))
	}
	templatesDir := l.templatesDir(cmd)
	r, err := pack.NewRenderer(templatesDir)
	if err != nil {
		return err
	}
	formats, err := r.Formats.Lookup(cfg.Formats)
	if err != nil {
		return fmt.Errorf("%s: %w", cfg.At("formats"), err)
	}
	if len(formats) == 0 {
		return fmt.Errorf("%s: no formats chosen (use --format pdf,docx)", cfg.At("formats"))
	}
	if cfg.Role == "" || cfg.Level == "" {
		return fmt.Errorf("%s: choose a role and a level (--role, --level)", cfg.At("role"))
	}
	logo, err := readLogo(cfg, l.dir)
	if err != nil {
		return err
	}
	kinds = render.WithInternal(kinds)
	cfg.AllowRetired = opts.allowRetired
	rc, err := compose.NewContext(cfg, l.lib, cfg.Role, cfg.Level, l.date, render.NeedsPlan(kinds))
	if err != nil {
		return err
	}
	printContextWarnings(io, rc)
	warn := func(kind, msg string) { fmt.Fprintf(io.Err, "warning: %s: %s\n", kind, msg) }
	files, err := r.Files(ctx, pack.Request{Context: rc, Kinds: kinds, Formats: formats, Date: l.date, Logo: logo, Warn: warn})
	if err != nil {
		return err
	}
	out := cfg.Out
	if out == "" {
		out = "dist"
	}
	written, err := output.WriteSet(out, files, opts.force)
	for _, name := range written {
		fmt.Fprintf(io.Out, "wrote %s\n", filepath.Join(out, name))
	}
	if err != nil {
		return err
	}
	if unchanged := len(files) - len(written); unchanged > 0 {
		fmt.Fprintf(io.Err, "%d file(s) in %s already up to date\n", unchanged, out)
	}
	return nil
}

// readLogo reads the organisation logo named in the config, if any.
func readLogo(cfg *compose.Config, dir string) ([]byte, error) {
	p := cfg.Organisation.Logo
	if p == "" {
		return nil, nil
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("%s: logo: %w", cfg.At("organisation", "logo"), err)
	}
	return b, nil
}

// addAllowRetired adds --allow-retired: a level its framework marks as no
// longer in use (DDaT "NOT IN USE") is refused as a target without it.
func addAllowRetired(cmd *cobra.Command, allow *bool) {
	cmd.Flags().BoolVar(allow, "allow-retired", false, "generate for a level its framework marks as no longer in use")
}

// printContextWarnings prints, one line each, what the user should know
// about a run: the example organisation, each vacancy fact still to give,
// a retired level.
func printContextWarnings(io *IO, rc *compose.Context) {
	for _, w := range rc.Warnings {
		fmt.Fprintf(io.Err, "warning: %s\n", w)
	}
}
