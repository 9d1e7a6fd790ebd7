package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/internal/xliff"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/pack"
	"github.com/rolepack/rolepack/render"
	"github.com/rolepack/rolepack/translate"
)

// TranslateOptions are the inputs of `rolepack translate export` and
// `rolepack translate import`.
type TranslateOptions struct {
	*Factory
	Config      ConfigOptions
	Lang        string // export: the language to translate into
	Role, Level string // the documents' role and level (default the config's)
	Manifest    string // instead, every row of a vacancy manifest (or, with Kind pdp, a team manifest)
	Kind        string // the manifest's kind, as pack --kind: role (vacancies) or pdp (a team's plans)
	// Docs are the kinds of document whose strings to list (default the
	// config's documents; a manifest's packs' kinds).
	Docs []string
	// The development plan's move (pdp.from, pdp.to, pdp.targetRole).
	PlanFrom, PlanTo, PlanToRole string
	File                         string // import: the XLIFF document
	Out                          string // -o: the file to write ("-" for stdout)
	Force                        bool
}

// NewCmdTranslate returns the translate command and its export and import
// subcommands; runExport and runImport, when not nil, run in place of
// the commands' own.
func NewCmdTranslate(f *Factory, runExport, runImport func(context.Context, *TranslateOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "translate",
		Short: "Send framework and config text to translators as XLIFF 2.0, and take their translations back",
		Long: `translate carries the framework and config text of the documents (entry
names, what each skill means at the level, key responsibilities, the job
purpose, criteria and interview questions, the organisation's about, offer,
apply and clauses, the job details) to translators and back, through XLIFF
2.0, the format Trados, memoQ, Phrase and OmegaT read.

  rolepack translate export --lang cy -o cy.xlf
  (translate cy.xlf in your tool)
  rolepack translate import cy.xlf -o cy.yaml
  rolepack generate --lang cy --set translations=cy.yaml

Each unit is a string as the documents print it (a key responsibility as
the JD lists it, not the framework's descriptor), so the translation reads
as a whole sentence; its id is stable across runs (framework, role or
catalogue, level, entry, descriptor and form). docs/translation.md gives
the workflow.`,
	}
	cmd.AddCommand(newCmdTranslateExport(f, runExport), newCmdTranslateImport(f, runImport))
	return cmd
}

func newCmdTranslateExport(f *Factory, runF func(context.Context, *TranslateOptions) error) *cobra.Command {
	opts := &TranslateOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "export --lang LANG [--doc KINDS] [--role R --level L] [--from L1 --to L2] [MANIFEST [--kind pdp]] [-o FILE.xlf]",
		Short: "Write the text the documents use as XLIFF 2.0 for translators",
		Long: `export writes an XLIFF 2.0 document (source en-GB, target --lang) holding
every framework and config string the documents --doc names (default: the
config's documents; the JD, person specification, advert and scoring sheet
are one set, pdp the development plan of the move --from and --to give,
progression the career map) print, once each: for the config's role and
level, --role and --level, every row of a vacancy manifest (its role packs),
or, with --kind pdp, every person of a team manifest (their plans).
Each unit has a note giving its context ("a key responsibility of a Head of
data engineering") and, when the config's translations files translate it,
that translation as its target (state translated); a translation whose
English has changed since is given as a draft (state initial) with a note.
The same config gives the same bytes. -o - (the default) writes to stdout;
an -o file that exists is replaced only with --force.`,
		Example: `  rolepack translate export --lang cy -o cy.xlf
  rolepack translate export --lang cy --doc pdp --from senior --to head -o pdp-cy.xlf
  rolepack translate export --lang cy --kind pdp team.csv -o team-cy.xlf
  rolepack translate export --lang cy --role ddat/data-engineer --level head-of-data-engineering -o - | less
  rolepack translate export --lang cy vacancies.csv -o cy.xlf`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Manifest = args[0]
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runTranslateExport(cmd.Context(), opts)
		},
	}
	opts.Config.addFlags(cmd)
	fl := cmd.Flags()
	fl.StringVar(&opts.Lang, "lang", "", "the language to translate into: cy (Welsh)")
	opts.scopeFlags(cmd)
	fl.StringVarP(&opts.Out, "output", "o", "-", "the XLIFF file to write (- for stdout)")
	fl.BoolVar(&opts.Force, "force", false, "replace the -o file if it exists")
	_ = cmd.MarkFlagRequired("lang")
	completeNames(cmd, "lang", []string{"cy"})
	return cmd
}

func newCmdTranslateImport(f *Factory, runF func(context.Context, *TranslateOptions) error) *cobra.Command {
	opts := &TranslateOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "import FILE.xlf -o TRANSLATIONS.yaml [--role R --level L | --manifest MANIFEST]",
		Short: "Merge an XLIFF 2.0 document's translations into a translations file",
		Long: `import reads a translated XLIFF 2.0 document and merges its translations into
the translations file -o names (the file the config's translations: lists),
keeping the file's other units. Each unit is checked against the current
frameworks and config, for the same documents as the export (the role and
level, or the manifest, the file's export names; --role and --level, or
--manifest, say otherwise): a unit whose English has
changed since the export (stale), whose id no current string has (unknown),
with no translation (missing), or whose segment is still a draft (state
initial) is not imported and is reported on stderr, one line each, with the
unit's line in the XLIFF file. A malformed document is an error at its
file:line and nothing is written. A translation that would replace a
different one already in the file needs --force.`,
		Example: `  rolepack translate import cy.xlf -o cy.yaml
  rolepack translate import cy.xlf -o cy.yaml --manifest vacancies.csv
  rolepack translate import cy-reviewed.xlf -o cy.yaml --force`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runTranslateImport(cmd.Context(), opts)
		},
	}
	opts.Config.addFlags(cmd)
	fl := cmd.Flags()
	opts.scopeFlags(cmd)
	fl.StringVar(&opts.Manifest, "manifest", "", "check the units against every row of this vacancy manifest (as export MANIFEST)")
	fl.StringVarP(&opts.Out, "output", "o", "", "the translations file to write or merge into (- for stdout)")
	fl.BoolVar(&opts.Force, "force", false, "replace translations the -o file already has with different ones, or a file that is not a translations file")
	_ = cmd.MarkFlagRequired("output")
	return cmd
}

func (o *TranslateOptions) scopeFlags(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&o.Role, "role", "", "the documents' role (default: role in config.yaml; for import, the export's)")
	fl.StringVar(&o.Level, "level", "", "the documents' level (default: level in config.yaml; for import, the export's)")
	fl.StringSliceVar(&o.Docs, "doc", nil, "document kinds whose text to translate, comma-separated: "+strings.Join(render.KindIDs(), ", ")+" (default: documents in config.yaml; with a manifest, its packs'; for import, the export's)")
	fl.StringVar(&o.PlanFrom, "from", "", "PDP: current level (pdp.from; for import, the export's)")
	fl.StringVar(&o.PlanTo, "to", "", "PDP: target level (pdp.to; default the next level up; for import, the export's)")
	fl.StringVar(&o.PlanToRole, "to-role", "", "PDP: target role when the move is to another role (pdp.targetRole; for import, the export's)")
	fl.StringVar(&o.Kind, "kind", "", "with a manifest, what it lists, as rolepack pack --kind: role (vacancies; the default) or pdp (a team: one development plan per person)")
	o.Factory.addRoleCompletion(cmd, false)
	completeNames(cmd, "doc", render.KindIDs())
	completeOne(cmd, "kind", "role", "pdp")
}

// docSet settles the kinds of document the units are of: --doc, else
// for a manifest its packs' kinds, else the config's documents; each a
// known kind, pdp only where a plan is made.
func (o *TranslateOptions) docSet(cfg *config.Config) ([]string, error) {
	docs := o.Docs
	switch {
	case len(docs) > 0:
	case o.Manifest != "" && o.Kind == "pdp":
		docs = render.TeamPlanIDs()
	case o.Manifest != "":
		docs = render.RolePackIDs()
	default:
		docs = cfg.Documents
	}
	kinds, err := render.LookupKinds(docs)
	if err != nil {
		return nil, fmt.Errorf("--doc: %w", err)
	}
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = k.ID
		if o.Manifest != "" && o.Kind == "pdp" && k.Scope != render.ScopePlan {
			return nil, fmt.Errorf("--doc %s: a team manifest's packs are development plans: give --doc pdp, or export the role's documents without --kind pdp", k.ID)
		}
		if o.Manifest != "" && o.Kind != "pdp" && k.Scope == render.ScopePlan {
			return nil, fmt.Errorf("--doc pdp: a vacancy manifest's packs have no development plan: export a team manifest's plans with --kind pdp, or one plan with --from and --to")
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// units loads the config and frameworks and lists the units of the
// documents asked for, with a line naming them for the XLIFF file.
func (o *TranslateOptions) units(ctx context.Context) (*loaded, []compose.Unit, string, error) {
	if o.Manifest != "" && (o.Role != "" || o.Level != "" || o.PlanFrom != "" || o.PlanTo != "" || o.PlanToRole != "") {
		return nil, nil, "", fmt.Errorf("give a manifest or --role and --level (and --from, --to), not both")
	}
	if o.Kind != "" && o.Kind != "role" && o.Kind != "pdp" {
		return nil, nil, "", fmt.Errorf("--kind %q: unknown (known: %s)", o.Kind, strings.Join(packKinds, ", "))
	}
	if o.Kind != "" && o.Manifest == "" {
		return nil, nil, "", fmt.Errorf("--kind %s says what a manifest lists: give the manifest too", o.Kind)
	}
	var fv []flagValue
	fv = append(fv, stringFlag("role", "role", o.Role)...)
	fv = append(fv, stringFlag("level", "level", o.Level)...)
	fv = append(fv, stringFlag("pdp.from", "from", o.PlanFrom)...)
	fv = append(fv, stringFlag("pdp.to", "to", o.PlanTo)...)
	fv = append(fv, stringFlag("pdp.targetRole", "to-role", o.PlanToRole)...)
	l, err := o.loadAll(o.Config, fv)
	if err != nil {
		return nil, nil, "", err
	}
	cfg := l.cfg
	docs, err := o.docSet(cfg)
	if err != nil {
		return nil, nil, "", err
	}
	var targets []translate.Target
	what := ""
	if o.Manifest != "" && o.Kind == "pdp" {
		data, err := userfile.Read(o.Manifest, userfile.Manifest)
		if err != nil {
			return nil, nil, "", err
		}
		rows, err := pack.ReadTeam(o.Manifest, data)
		if err != nil {
			return nil, nil, "", err
		}
		for _, r := range rows {
			if r.Err != nil {
				return nil, nil, "", fmt.Errorf("%s: %w", r.At(), r.Err)
			}
			role := r.Role
			if role == "" {
				role = cfg.Role
			}
			role = pack.ResolveRole(cfg, l.lib, role)
			level := pack.ResolveLevel(cfg, l.lib, role, r.Level)
			targets = append(targets, translate.Target{Role: role, Level: level, Vacancy: cfg.Vacancy, At: r.At(), Docs: docs,
				Plan: config.PDPConfig{From: level, To: r.Plan.To, TargetRole: r.Plan.TargetRole}})
		}
		what = "the development plans of " + filepath.Base(o.Manifest)
	} else if o.Manifest != "" {
		rows, err := pack.ReadManifestFile(o.Manifest)
		if err != nil {
			return nil, nil, "", err
		}
		for _, r := range rows {
			if r.Err != nil {
				return nil, nil, "", fmt.Errorf("%s: %w", r.At(), r.Err)
			}
			role, level := r.Role, r.Level
			if role == "" {
				role = cfg.Role
			}
			if level == "" {
				level = cfg.Level
			}
			role = pack.ResolveRole(cfg, l.lib, role)
			level = pack.ResolveLevel(cfg, l.lib, role, level)
			targets = append(targets, translate.Target{Role: role, Level: level, Vacancy: r.Vacancy(cfg.Vacancy), At: r.At(), Docs: docs})
		}
		what = "the vacancies of " + filepath.Base(o.Manifest)
	} else {
		planLevel(cfg, docKinds(docs))
		if err := checkRoleLevel(l, cfg.Role, cfg.Level); err != nil {
			return nil, nil, "", err
		}
		targets = []translate.Target{{Role: cfg.Role, Level: cfg.Level, Vacancy: cfg.Vacancy, Docs: docs}}
		what = fmt.Sprintf("role %s at level %s", cfg.Role, cfg.Level)
		if slices.Contains(docs, translate.DocPlan) {
			what += ", development plan from " + or(cfg.PDP.From, cfg.Level)
			if cfg.PDP.To != "" {
				what += " to " + cfg.PDP.To
			}
		}
	}
	units, err := translate.Units(ctx, cfg, l.lib, l.date, targets)
	if err != nil {
		return nil, nil, "", err
	}
	return l, units, what, nil
}

// docKinds are the kinds of ids (known: docSet looked them up).
func docKinds(ids []string) []render.Kind {
	kinds, _ := render.LookupKinds(ids)
	return kinds
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// scope is what the units were listed for, as the flags said it beyond
// the config's role and level: import reads the rest from the config as
// export did.
func (o *TranslateOptions) scope(l *loaded) translate.Scope {
	docs := slices.Clone(o.Docs)
	slices.Sort(docs)
	docs = slices.Compact(docs)
	if o.Manifest != "" {
		return translate.Scope{Manifest: o.Manifest, Kind: o.Kind, Docs: docs}
	}
	return translate.Scope{Role: l.cfg.Role, Level: l.cfg.Level, Docs: docs, From: o.PlanFrom, To: o.PlanTo, ToRole: o.PlanToRole}
}

// writeOut writes data to o.Out, or stdout for "-": an existing file is
// replaced only with --force (or when replace says so).
func (o *TranslateOptions) writeOut(data []byte, replace bool) error {
	if o.Out == "-" {
		w := &stdout{w: o.IO.Out}
		_, _ = w.Write(data)
		return w.result()
	}
	if err := output.CheckTarget(o.Out); err != nil {
		return err
	}
	if _, err := os.Stat(o.Out); err == nil && !o.Force && !replace {
		return fmt.Errorf("%s exists: use --force to overwrite it", o.Out)
	}
	return output.WriteFileAtomic(o.Out, data)
}

func runTranslateExport(ctx context.Context, opts *TranslateOptions) error {
	lang, err := pack.ParseLanguage(opts.Lang)
	if err != nil {
		return fmt.Errorf("--lang: %w", err)
	}
	if strings.Contains(lang, ",") {
		return fmt.Errorf("--lang %s: translators work into one language: export --lang cy (a bilingual pack uses the same cy translations)", opts.Lang)
	}
	if lang == translate.SourceLang {
		return fmt.Errorf("--lang %s: the frameworks' text is English already: translate into cy (Welsh)", opts.Lang)
	}
	l, units, what, err := opts.units(ctx)
	if err != nil {
		return err
	}
	have := l.cfg.Translated[lang]
	doc := translate.Export(units, lang, have, opts.scope(l), "rolepack translate export: "+what)
	if err := opts.writeOut(doc.Marshal(), false); err != nil {
		return err
	}
	done := 0
	for _, u := range doc.Files[0].Units {
		if u.State == "translated" {
			done++
		}
	}
	if opts.Out != "-" {
		fmt.Fprintf(opts.IO.Err, "wrote %s: %d units for %s, %d translated already\n", opts.Out, len(units), what, done)
	}
	return nil
}

func runTranslateImport(ctx context.Context, opts *TranslateOptions) error {
	data, err := userfile.Read(opts.File, userfile.Translations)
	if err != nil {
		return err
	}
	doc, err := xliff.Parse(opts.File, data)
	if err != nil {
		return err
	}
	var fromNote *translate.Scope
	if opts.Role == "" && opts.Level == "" && opts.Manifest == "" && len(opts.Docs) == 0 && opts.PlanFrom == "" && opts.PlanTo == "" && opts.PlanToRole == "" {
		if sc, ok := translate.ScopeOf(doc); ok {
			// The documents the file was exported for.
			opts.Role, opts.Level, opts.Manifest, opts.Kind, opts.Docs = sc.Role, sc.Level, sc.Manifest, sc.Kind, sc.Docs
			opts.PlanFrom, opts.PlanTo, opts.PlanToRole = sc.From, sc.To, sc.ToRole
			fromNote = &sc
		}
	}
	_, units, what, err := opts.units(ctx)
	if err != nil {
		if fromNote != nil {
			// The user did not name these documents: say where they came from.
			return fmt.Errorf("%s was exported for %s: %w (give --manifest, or --role and --level, to check it against other documents)", opts.File, fromNote, err)
		}
		return err
	}
	into := &config.TranslationsFile{}
	existing := false
	if opts.Out != "-" {
		if err := output.CheckTarget(opts.Out); err != nil {
			return err
		}
		old, err := userfile.Read(opts.Out, userfile.Translations)
		switch {
		case err == nil:
			f, perr := config.ParseTranslations(opts.Out, old)
			if perr != nil && !opts.Force {
				return fmt.Errorf("%s is not a translations file rolepack can merge into (%v): name another -o, or use --force to replace it", opts.Out, perr)
			}
			if perr == nil {
				into, existing = f, true
			}
		case errors.Is(err, fs.ErrNotExist):
		default:
			return err
		}
	}
	problems, merged, changed, err := translate.Import(doc, units, into)
	if err != nil {
		return fmt.Errorf("%s: %w", opts.File, err)
	}
	if len(changed) > 0 && !opts.Force {
		return fmt.Errorf("%s: %s would replace a different one already there (first %s): use --force to replace them", opts.Out, plural(len(changed), "translation"), changed[0])
	}
	counts := map[string]int{}
	for _, p := range problems {
		counts[p.Kind]++
		fmt.Fprintf(opts.IO.Err, "%s:%d: %s: unit %s: %s\n", opts.File, p.Line, p.Kind, p.ID, p.Msg)
	}
	out, err := into.Marshal()
	if err != nil {
		return err
	}
	if err := opts.writeOut(out, existing); err != nil {
		return err
	}
	var parts []string
	for _, k := range []string{translate.Missing, translate.Draft, translate.Stale, translate.Unknown} {
		if counts[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[k], k))
		}
	}
	summary := fmt.Sprintf("imported %s for %s", plural(merged, "translation"), what)
	if len(parts) > 0 {
		summary += "; not imported: " + strings.Join(parts, ", ")
	}
	if opts.Out != "-" {
		summary = fmt.Sprintf("wrote %s (%s): %s", opts.Out, plural(len(into.Units), "unit"), summary)
	} else {
		summary = "note: " + summary
	}
	fmt.Fprintln(opts.IO.Err, summary)
	return nil
}
