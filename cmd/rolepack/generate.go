package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rolepack/rolepack/careermap"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/lint"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/plan"
	"github.com/rolepack/rolepack/render"
)

// GenerateOptions are the inputs of `rolepack generate` (and of rolepack
// run with no command). Empty values were not given: the environment and
// the config decide them.
type GenerateOptions struct {
	*Factory
	Config    ConfigOptions
	Role      string
	Level     string
	Docs      []string // document kind ids
	Formats   []string // output format names
	Out       string
	Templates string
	Date      string
	Force     bool
	Strict    bool // editorial errors in candidate-facing documents fail the run
	// ReferenceDoc is the letterhead DOCX (brand.referenceDoc).
	ReferenceDoc string
	// The development plan's move (pdp.from, pdp.to, pdp.targetRole).
	PlanFrom, PlanTo, PlanToRole string
	// AllowRetired accepts a level its framework marks as no longer in use.
	AllowRetired bool
	// Lang is the documents' language (language: en-GB, cy).
	Lang string
}

// flagValues lists the config keys the options set.
func (o *GenerateOptions) flagValues() []flagValue {
	var fv []flagValue
	fv = append(fv, stringFlag("role", "role", o.Role)...)
	fv = append(fv, stringFlag("level", "level", o.Level)...)
	fv = append(fv, listFlag("documents", "doc", o.Docs)...)
	fv = append(fv, listFlag("formats", "format", o.Formats)...)
	fv = append(fv, stringFlag("out", "out", o.Out)...)
	fv = append(fv, stringFlag("templates", "templates", o.Templates)...)
	fv = append(fv, stringFlag("date", "date", o.Date)...)
	fv = append(fv, stringFlag("brand.referenceDoc", "reference-doc", o.ReferenceDoc)...)
	fv = append(fv, stringFlag("pdp.from", "from", o.PlanFrom)...)
	fv = append(fv, stringFlag("pdp.to", "to", o.PlanTo)...)
	fv = append(fv, stringFlag("pdp.targetRole", "to-role", o.PlanToRole)...)
	fv = append(fv, stringFlag("language", "lang", o.Lang)...)
	return fv
}

// NewCmdGenerate returns the generate command; runF, when not nil, runs in
// place of runGenerate (tests pass one to see the parsed options).
func NewCmdGenerate(f *Factory, runF func(context.Context, *GenerateOptions) error) *cobra.Command {
	opts := &GenerateOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "generate",
		Short: "Write the documents for one role and level",
		Long: `generate renders the chosen document kinds for one role at one level, in
every chosen format, into the output folder (dist/ by default), and prints one
line per file written. Files are written only when every document rendered;
each is written atomically. A file in the output folder that rolepack did not
write (or that was edited since) is never overwritten without --force.

Document kinds:
` + kindList() + `
The record (internal: what the documents were composed from, what was
selected and left out and why) is written with any candidate-facing document.
Warnings (one line each) name what the organisation has still to set: the
example organisation, salary, closing date, band, reference.
A personal development plan goes from pdp.from to pdp.to (--from, --to, and
--to-role for a move to another role); a run of plans alone needs no
--level. A plan that cannot be built fails alone: the other documents are
written and the exit status is 1.
Formats: ` + strings.Join(output.FormatNames(), ", ") + `.`,
		Example: `  rolepack generate
  rolepack generate --role data-engineer --level senior --doc jd,spec,advert,scoring --format pdf,docx
  rolepack generate --role ddat/data-engineer --level head-of-data-engineering --doc jd
  ROLEPACK_LEVEL=mid rolepack generate --out /tmp/packs --templates my-templates/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runGenerate(cmd.Context(), opts)
		},
	}
	opts.Config.addFlags(cmd)
	fl := cmd.Flags()
	fl.StringVar(&opts.Role, "role", "", "role id from config.yaml, or FRAMEWORK/ROLE for a framework role as it is (env ROLEPACK_ROLE)")
	fl.StringVar(&opts.Level, "level", "", "ladder level (or the framework's level id with FRAMEWORK/ROLE) (env ROLEPACK_LEVEL)")
	fl.StringSliceVar(&opts.Docs, "doc", nil, "document kinds, comma-separated: "+strings.Join(render.KindIDs(), ", ")+" (env ROLEPACK_DOC)")
	fl.StringSliceVar(&opts.Formats, "format", nil, "output formats, comma-separated: "+strings.Join(output.FormatNames(), ", ")+" (env ROLEPACK_FORMAT)")
	fl.StringVar(&opts.Out, "out", "", "output folder (default dist), or - for standard output (one document in one format, no record) (env ROLEPACK_OUT)")
	fl.StringVar(&opts.Templates, "templates", "", "folder of template overrides, file by file (env ROLEPACK_TEMPLATES)")
	fl.StringVar(&opts.Date, "date", "", "document date YYYY-MM-DD (default SOURCE_DATE_EPOCH, else today) (env ROLEPACK_DATE)")
	fl.StringVar(&opts.ReferenceDoc, "reference-doc", "", "Word letterhead (.docx) every DOCX is built in: its styles, page, header, footer and logo (brand.referenceDoc) (env ROLEPACK_BRAND_REFERENCEDOC)")
	fl.BoolVar(&opts.Force, "force", false, "overwrite files in the output folder that rolepack did not write")
	fl.BoolVar(&opts.Strict, "strict", false, "fail, writing nothing, when the advert, JD or person specification has an error-level editorial finding (see rolepack lint)")
	fl.StringVar(&opts.PlanFrom, "from", "", "PDP: current level (pdp.from): a ladder rung, or the framework's level id with FRAMEWORK/ROLE (env ROLEPACK_PDP_FROM)")
	fl.StringVar(&opts.PlanTo, "to", "", "PDP: target level (pdp.to; default the next level up) (env ROLEPACK_PDP_TO)")
	fl.StringVar(&opts.PlanToRole, "to-role", "", "PDP: target role when the move is to another role (pdp.targetRole) (env ROLEPACK_PDP_TARGETROLE)")
	fl.StringVar(&opts.Lang, "lang", "", "document language: en-GB (default) or cy, Welsh; two for a bilingual document, first language first: cy,en or en,cy (language; layout: bilingual.layout) (env ROLEPACK_LANGUAGE)")
	addAllowRetired(cmd, &opts.AllowRetired)
	completeNames(cmd, "doc", render.KindIDs())
	completeNames(cmd, "lang", []string{"en-GB", "cy", "cy,en", "en,cy"})
	completeNames(cmd, "format", output.FormatNames())
	f.addRoleCompletion(cmd, false)
	return cmd
}

// kindList describes every document kind of the registry, one a line.
func kindList() string {
	var b strings.Builder
	for _, k := range render.Kinds {
		fmt.Fprintf(&b, "  %-8s %s", k.ID, k.Title)
		for _, x := range k.Extras {
			fmt.Fprintf(&b, " (plus %s%s, %s)", k.ID, x.Ext, x.MediaType)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// completeOne completes a flag that takes one of names, and no file.
func completeOne(cmd *cobra.Command, flag string, names ...string) {
	_ = cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(names, cobra.ShellCompDirectiveNoFileComp))
}

// completeNames completes a comma-separated list flag from names, leaving
// out those the list already has ("--doc jd," offers spec, not jd again).
func completeNames(cmd *cobra.Command, flag string, names []string) {
	_ = cmd.RegisterFlagCompletionFunc(flag, func(_ *cobra.Command, _ []string, typed string) ([]string, cobra.ShellCompDirective) {
		done := ""
		if i := strings.LastIndex(typed, ","); i >= 0 {
			done = typed[:i+1]
		}
		chosen := strings.Split(strings.TrimSuffix(done, ","), ",")
		var out []string
		for _, n := range names {
			if !slices.Contains(chosen, n) {
				out = append(out, done+n)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	})
}

func runGenerate(ctx context.Context, opts *GenerateOptions) error {
	lint.Preload() // the editorial checks need it; read it while the config and frameworks load
	l, err := opts.loadAll(opts.Config, opts.flagValues())
	if err != nil {
		return err
	}
	cfg := l.cfg
	cfg.AllowRetired = opts.AllowRetired
	if err := checkNames(cfg, "documents", "document kind", cfg.Documents, render.KindIDs(), l.origins); err != nil {
		return err
	}
	kinds, err := render.LookupKinds(cfg.Documents)
	if err != nil {
		return fmt.Errorf("%s: %w", cfg.At("documents"), err)
	}
	if len(kinds) == 0 {
		return fmt.Errorf("%s: no document kinds chosen (use --doc %s)", cfg.At("documents"), strings.Join(render.KindIDs(), ","))
	}
	if err := checkNames(cfg, "formats", "format", cfg.Formats, opts.Factory.Formats.Names(), l.origins); err != nil {
		return err
	}
	if len(cfg.Formats) == 0 {
		return fmt.Errorf("%s: no formats chosen (use --format %s)", cfg.At("formats"), strings.Join(output.FormatNames(), ","))
	}
	// "-" writes the one document asked for to standard output, without
	// the record that goes with documents written into a folder.
	toStdout := cfg.Out == "-"
	if toStdout {
		if err := checkStdoutRequest(cfg, kinds, opts.StdoutTerminal, opts.Factory.Formats); err != nil {
			return err
		}
	} else {
		kinds = render.WithInternal(kinds)
	}
	planLevel(cfg, kinds)
	if cfg.Role == "" || cfg.Level == "" {
		return fmt.Errorf("%s: choose a role and a level (--role, --level)", cfg.At("role"))
	}
	if err := checkRoleLevel(l, cfg.Role, cfg.Level); err != nil {
		return err
	}
	run, err := opts.newRun(l)
	if err != nil {
		return err
	}
	// Every kind and format pair that exists is written, and the others
	// named, before anything is composed: a request with none is an
	// error, the only line printed.
	formats, err := run.Formats().Lookup(cfg.Formats)
	if err != nil {
		return fmt.Errorf("%s: %w", cfg.At("formats"), err)
	}
	groups, missing := pairGroups(kinds, formats)
	if len(groups) == 0 {
		return fmt.Errorf("%s: %w", cfg.At("formats"), run.Renderer.CheckFormats(kinds, formats))
	}
	if missing != "" {
		fmt.Fprintf(opts.IO.Err, "warning: not written: %s\n", missing)
	}
	if err := run.UseLetterhead(formats); err != nil {
		return err
	}
	rc, err := compose.NewContext(cfg, l.lib, cfg.Role, cfg.Level, l.date)
	if err != nil {
		return err
	}
	if !planOnly(kinds) {
		printContextWarnings(opts.IO, rc)
	}
	// A plan that cannot be built fails the plan alone: the other
	// documents are still written, and the run ends with its error.
	var planErr error
	if render.NeedsPlan(kinds) {
		seen := len(rc.Warnings)
		if planErr = plan.Add(ctx, rc); planErr != nil {
			if planOnly(kinds) {
				return planErr
			}
			kinds = withoutPlans(kinds)
			if l.planUnasked {
				// The embedded default's documents include a plan the
				// user did not ask for: at a role's top level there is
				// none to make, which is no failure of the run.
				fmt.Fprintf(opts.IO.Err, "warning: pdp not written (the default documents include one; --doc chooses): %v\n", planErr)
				planErr = nil
			}
		}
		for _, w := range rc.Warnings[seen:] {
			fmt.Fprintf(opts.IO.Err, "warning: %s\n", w) // the plan's own (text with no translation)
		}
	}
	if !rc.Messages().English() && slices.ContainsFunc(kinds, func(k render.Kind) bool { return k.Scope == render.ScopeLadder }) {
		// The career map composed once, here, so that its text with no
		// translation is a warning and in the record; a map that cannot
		// be made fails in its kind, as before.
		seen := len(rc.Warnings)
		if lc, err := careermap.With(ctx, rc); err == nil {
			rc = lc
			for _, w := range rc.Warnings[seen:] {
				fmt.Fprintf(opts.IO.Err, "warning: %s\n", w)
			}
		}
	}
	editorial, editorialDone, err := opts.editorialCheck(cfg, opts.Strict)
	if err != nil {
		return err
	}
	var files []output.File
	for _, g := range groups {
		gk := slices.DeleteFunc(slices.Clone(g.kinds), func(k render.Kind) bool {
			return !slices.ContainsFunc(kinds, func(x render.Kind) bool { return x.ID == k.ID })
		})
		if len(gk) == 0 {
			continue // the plans, when the plan could not be built
		}
		req := run.Request(rc, gk, g.formats)
		req.Warn = func(kind, msg string) { fmt.Fprintf(opts.IO.Err, "warning: %s: %s\n", kind, msg) }
		req.Editorial = editorial
		fs, err := run.Renderer.Files(ctx, req)
		if err != nil {
			editorialDone()
			return err
		}
		files = append(files, fs...)
	}
	editorialDone()
	if toStdout {
		if err := writeStdout(opts.IO.Out, cfg, files, formats[0]); err != nil {
			return err
		}
		if planErr != nil {
			return fmt.Errorf("pdp not written: %w", planErr)
		}
		return nil
	}
	out := cfg.Out
	if out == "" {
		out = "dist"
	}
	written, err := output.WriteSet(out, files, opts.Force)
	for _, name := range written {
		if !opts.Quiet {
			fmt.Fprintf(opts.IO.Out, "wrote %s\n", filepath.Join(out, name))
		}
	}
	if err != nil {
		return err
	}
	if unchanged := len(files) - len(written); unchanged > 0 {
		fmt.Fprintf(opts.IO.Err, "%d file(s) in %s already up to date\n", unchanged, out)
	}
	if planErr != nil {
		return fmt.Errorf("pdp not written: %w", planErr)
	}
	return nil
}

// checkStdoutRequest checks, before anything is composed, that a run
// writing to standard output (--out -) asks for one document kind in one
// format, and not a binary format when standard output is a terminal.
func checkStdoutRequest(cfg *config.Config, kinds []render.Kind, terminal bool, formats *output.Formats) error {
	at := cfg.At("out")
	if len(kinds) != 1 || len(cfg.Formats) != 1 {
		ids := make([]string, len(kinds))
		for i, k := range kinds {
			ids[i] = k.ID
		}
		return fmt.Errorf("%s: standard output takes one document in one format, not %s as %s: choose one --doc and one --format, or give --out a folder",
			at, strings.Join(ids, ", "), strings.Join(cfg.Formats, ", "))
	}
	for _, f := range formats.List() {
		if f.Name != strings.ToLower(strings.TrimSpace(cfg.Formats[0])) || !terminal || strings.HasPrefix(f.MediaType, "text/") {
			continue
		}
		return fmt.Errorf("%s: standard output is a terminal, which cannot show a %s file: send it to a file (> %s%s) or a program (| …), or give --out a folder",
			at, strings.ToUpper(f.Name), kinds[0].ID, f.Ext)
	}
	return nil
}

// writeStdout writes the one document of files in format f (not its
// extras, such as the advert's JSON-LD) to w; a kind that makes several
// documents (a scoring sheet per panel member) is refused, naming them.
func writeStdout(w io.Writer, cfg *config.Config, files []output.File, f output.Format) error {
	var docs []output.File
	for _, file := range files {
		if strings.HasSuffix(file.Name, f.Ext) {
			docs = append(docs, file)
		}
	}
	if len(docs) != 1 {
		names := make([]string, len(docs))
		for i, d := range docs {
			names[i] = d.Name
		}
		return fmt.Errorf("%s: standard output takes one document; this run makes %d (%s): give --out a folder",
			cfg.At("out"), len(docs), strings.Join(names, ", "))
	}
	if _, err := w.Write(docs[0].Data); err != nil {
		return fmt.Errorf("writing to standard output: %w", err)
	}
	return nil
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

// pairGroup is kinds that can all be written in all of formats.
type pairGroup struct {
	kinds   []render.Kind
	formats []output.Format
}

// pairGroups groups kinds by the formats (of those asked for) each can be
// written in, and names the pairs that do not exist in one phrase ("pdp
// as xlsx (a pdp can be pdf, docx, md, html)").
func pairGroups(kinds []render.Kind, formats []output.Format) (groups []pairGroup, missing string) {
	by := map[string]int{}
	var not []string
	for _, k := range kinds {
		var can, cannot []string
		var fs []output.Format
		for _, f := range formats {
			if k.Accepts(f.Shape) {
				fs = append(fs, f)
				can = append(can, f.Name)
			} else {
				cannot = append(cannot, f.Name)
			}
		}
		if len(cannot) > 0 && !k.Internal {
			not = append(not, fmt.Sprintf("%s as %s", k.ID, strings.Join(cannot, " or ")))
		}
		if len(fs) == 0 {
			continue
		}
		key := strings.Join(can, ",")
		i, ok := by[key]
		if !ok {
			i = len(groups)
			by[key] = i
			groups = append(groups, pairGroup{formats: fs})
		}
		groups[i].kinds = append(groups[i].kinds, k)
	}
	if len(not) > 0 && len(groups) > 0 {
		missing = strings.Join(not, ", ") + " (no such document: rolepack generate --help lists the formats of each kind)"
	}
	return groups, missing
}
