package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rolepack/rolepack/render/compose"
)

// showOptions are the inputs of `rolepack show`.
type showOptions struct {
	configFlags
	level string
	json  bool
	pdp   bool
	// ladder adds the career map (the role at every rung) to --json.
	ladder bool
}

func newShowCmd(io *IO) *cobra.Command {
	opts := &showOptions{}
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
  rolepack show data-engineer --level senior --json | jq '.role.entries[].title'
  rolepack show ddat/data-engineer --level head-of-data-engineering
  rolepack show data-engineer --json --ladder | jq '.ladder.rungs[].label'`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := loadAll(io, cmd, &opts.configFlags)
			if err != nil {
				return err
			}
			level := opts.level
			if level == "" {
				level = l.cfg.Level
			}
			ctx, err := compose.NewContext(l.cfg, l.lib, args[0], level, l.date, opts.pdp)
			if err != nil {
				return err
			}
			if opts.ladder && !opts.json {
				return fmt.Errorf("--ladder adds the career map to --json: use both")
			}
			if opts.ladder {
				if ctx, err = compose.WithLadder(ctx); err != nil {
					return err
				}
			}
			if opts.json {
				enc := json.NewEncoder(io.Out)
				enc.SetIndent("", "  ")
				return enc.Encode(ctx)
			}
			printComposed(io, ctx.Role)
			return nil
		},
	}
	opts.configFlags.add(cmd)
	cmd.Flags().StringVar(&opts.level, "level", "", "ladder level (default: level in config.yaml)")
	cmd.Flags().BoolVar(&opts.json, "json", false, "print the template context as JSON")
	cmd.Flags().BoolVar(&opts.pdp, "pdp", false, "with --json, include the development plan")
	cmd.Flags().BoolVar(&opts.ladder, "ladder", false, "with --json, include the career map: the role at every level (as --doc progression renders it)")
	return cmd
}

func printComposed(io *IO, c *compose.Composed) {
	w := io.Out
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
	}
	section("Notes (what composition left out, and why)", c.Notes)
}
