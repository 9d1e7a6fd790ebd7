package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rolepack/rolepack/careermap"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/plan"
)

// ShowOptions are the inputs of `rolepack show`.
type ShowOptions struct {
	*Factory
	Config ConfigOptions
	Role   string
	Level  string // "" for the config's level
	JSON   bool
	PDP    bool
	Ladder bool // with JSON: the career map, the role at every rung
}

// NewCmdShow returns the show command; runF, when not nil, runs in place
// of runShow.
func NewCmdShow(f *Factory, runF func(context.Context, *ShowOptions) error) *cobra.Command {
	opts := &ShowOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "show ROLE --level LEVEL",
		Short: "Print the merged role at a level, every entry with where it came from",
		Long: `show composes ROLE at LEVEL exactly as generate does and prints the result:
the role text, and every entry with its provenance (framework, role or
catalogue, level, section, file and line), so you can see why each line is in
the documents. With --json it prints the template context, the same data
templates receive (documented in docs/templates.md); --pdp adds the
development plan (pdp.from → pdp.to), --ladder the career map (the role at
every level, as --doc progression renders it).`,
		Example: `  rolepack show data-engineer --level head
  rolepack show data-engineer --level senior --json | jq '.role.items[].title'
  rolepack show ddat/data-engineer --level head-of-data-engineering
  rolepack show data-engineer --json --ladder | jq '.ladder.rungs[].label'`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Role = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runShow(cmd.Context(), opts)
		},
	}
	opts.Config.addFlags(cmd)
	cmd.Annotations = map[string]string{argHint: "rolepack list roles lists the roles"}
	cmd.Flags().StringVar(&opts.Level, "level", "", "ladder level (default: level in config.yaml)")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the template context as JSON")
	cmd.Flags().BoolVar(&opts.PDP, "pdp", false, "with --json, include the development plan")
	cmd.Flags().BoolVar(&opts.Ladder, "ladder", false, "with --json, include the career map: the role at every level (as --doc progression renders it)")
	f.addRoleCompletion(cmd, true)
	return cmd
}

func runShow(ctx context.Context, opts *ShowOptions) error {
	l, err := opts.loadAll(opts.Config, stringFlag("level", "level", opts.Level))
	if err != nil {
		return err
	}
	if err := checkRoleLevel(l, opts.Role, l.cfg.Level); err != nil {
		return err
	}
	if opts.Ladder && !opts.JSON {
		return fmt.Errorf("--ladder adds the career map to --json: use both")
	}
	rc, err := compose.NewContext(l.cfg, l.lib, opts.Role, l.cfg.Level, l.date)
	if err != nil {
		return err
	}
	if opts.PDP {
		if err := plan.Add(ctx, rc); err != nil {
			return err
		}
	}
	if opts.Ladder {
		if rc, err = careermap.With(ctx, rc); err != nil {
			return err
		}
	}
	w := &stdout{w: opts.IO.Out}
	if opts.JSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rc); err != nil && w.err == nil {
			return err
		}
		return w.result()
	}
	printComposed(w, rc.Role)
	return w.result()
}

func printComposed(w io.Writer, c *compose.Composed) {
	fmt.Fprintf(w, "%s (%s) at %s (%s)\n", c.Title, c.ID, c.Rung.Label, c.Rung.ID)
	fmt.Fprintln(w, "\nSources:")
	for _, s := range c.Sources {
		what := "role " + s.Role
		if s.Catalogue != "" {
			what = "catalogue " + s.Catalogue
		}
		fmt.Fprintf(w, "  %s %s, level %s (%s)\n", s.Framework, what, s.Level, s.LevelName)
	}
	section := func(title string, lines []string) {
		if len(lines) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s:\n", title)
		for _, l := range lines {
			fmt.Fprintf(w, "  - %s\n", l)
		}
	}
	section("Description", c.Description)
	section("Summary", c.Summary)
	section("Responsibilities", c.Responsibilities)
	section("Duties", c.Duties)
	kind := ""
	for _, it := range c.Items {
		if it.Kind != kind {
			kind = it.Kind
			fmt.Fprintf(w, "\n%s entries:\n", strings.ToUpper(kind[:1])+kind[1:])
		}
		extra := []string{}
		for _, s := range []string{it.Code, it.Level, it.Depth} {
			if s != "" {
				extra = append(extra, s)
			}
		}
		label := it.Title
		if len(extra) > 0 {
			label += " [" + strings.Join(extra, ", ") + "]"
		}
		fmt.Fprintf(w, "  %s", label)
		if it.Group != "" {
			fmt.Fprintf(w, "  (group: %s)", it.Group)
		}
		fmt.Fprintln(w)
		for _, d := range it.Descriptors {
			fmt.Fprintf(w, "      · %s\n", d)
		}
		for _, o := range it.Origins {
			src := o.Role
			if o.Catalogue != "" {
				src = o.Catalogue
			}
			origin := o.Framework
			if src != "" {
				origin += " " + src
			}
			fmt.Fprintf(w, "      from %s, level %s, %s, %s\n", origin, o.Level, o.Section, o.From)
			if len(o.Superseded) > 0 {
				fmt.Fprintf(w, "        (its descriptors were refined by a later source: %s)\n", strings.Join(o.Superseded, " / "))
			}
		}
		for _, e := range it.Edits {
			fmt.Fprintf(w, "      edited: %s\n", e)
		}
	}
	section("Edited by the organisation (edits: in the config)", c.Edits)
	section("Notes (what composition left out, and why)", c.Notes)
}
