package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

// listWhat are the things list can print.
var listWhat = []string{"frameworks", "roles", "levels"}

// ListOptions are the inputs of `rolepack list`.
type ListOptions struct {
	*Factory
	Config ConfigOptions
	What   string // "all" or one of listWhat
}

// NewCmdList returns the list command; runF, when not nil, runs in place
// of runList.
func NewCmdList(f *Factory, runF func(context.Context, *ListOptions) error) *cobra.Command {
	opts := &ListOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "list [" + strings.Join(listWhat, "|") + "]",
		Short: "List the frameworks, roles and levels a run can use",
		Long: `list prints what is available: the frameworks loaded (the embedded defaults
plus those config.yaml names), the roles of config.yaml and of every framework
(FRAMEWORK/ROLE ids can be used as they are), and the organisation's ladder with
what each role source maps each rung to. With no argument it lists all three.`,
		Example: `  rolepack list
  rolepack list roles
  rolepack list levels --config my-config.yaml`,
		Args:      cobra.MaximumNArgs(1),
		ValidArgs: listWhat,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.What = "all"
			if len(args) == 1 {
				opts.What = args[0]
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runList(cmd.Context(), opts)
		},
	}
	opts.Config.addFlags(cmd)
	return cmd
}

func runList(_ context.Context, opts *ListOptions) error {
	what := opts.What
	if what != "all" && !slices.Contains(listWhat, what) {
		return fmt.Errorf("list what? %q is not one of %s", what, strings.Join(listWhat, ", "))
	}
	l, err := opts.loadAll(opts.Config, nil)
	if err != nil {
		return err
	}
	out := &stdout{w: opts.IO.Out}
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	if what == "all" || what == "frameworks" {
		fmt.Fprintln(w, "FRAMEWORK\tNAME\tVERSION\tROLES\tCATALOGUES\tLICENCE")
		for _, f := range l.lib.Frameworks() {
			fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%d\t%s\n", f.ID, f.Name, f.Version, len(f.Roles), len(f.Catalogues), f.Source.Licence)
		}
		fmt.Fprintln(w)
	}
	if what == "all" || what == "roles" {
		fmt.Fprintln(w, "ROLE\tTITLE\tSOURCES")
		for _, id := range l.cfg.RoleIDs() {
			r := l.cfg.Roles[id]
			var src []string
			for _, s := range r.Sources {
				src = append(src, s.Framework)
			}
			fmt.Fprintf(w, "%s\t%s\t%s\n", id, r.Title, strings.Join(src, ", "))
		}
		for _, f := range l.lib.Frameworks() {
			for _, r := range f.Roles {
				var lv []string
				for _, x := range r.Levels {
					lv = append(lv, x.ID)
				}
				fmt.Fprintf(w, "%s/%s\t%s\tlevels: %s\n", f.ID, r.ID, r.Title, strings.Join(lv, ", "))
			}
			for _, c := range f.Catalogues {
				var lv []string
				for _, x := range c.Levels {
					lv = append(lv, x.ID)
				}
				fmt.Fprintf(w, "%s catalogue %s\t%s\tlevels: %s\n", f.ID, c.ID, c.Title, strings.Join(lv, ", "))
			}
		}
		fmt.Fprintln(w)
	}
	if what == "all" || what == "levels" {
		fmt.Fprintln(w, "LEVEL\tLABEL\tROLE SOURCES AT THIS LEVEL")
		for _, r := range l.cfg.Ladder {
			var maps []string
			for _, id := range l.cfg.RoleIDs() {
				for _, s := range l.cfg.Roles[id].Sources {
					name := s.Role
					if name == "" {
						name = s.Catalogue
					}
					maps = append(maps, fmt.Sprintf("%s: %s %s=%s", id, s.Framework, name, s.Levels[r.ID]))
				}
			}
			fmt.Fprintf(w, "%s\t%s\t%s\n", r.ID, r.Label, strings.Join(maps, "; "))
		}
	}
	if err := w.Flush(); err != nil && out.err == nil {
		return err
	}
	return out.result()
}
