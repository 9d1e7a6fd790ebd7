package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func newListCmd(io *IO) *cobra.Command {
	var cf configFlags
	cmd := &cobra.Command{
		Use:   "list [frameworks|roles|levels]",
		Short: "List the frameworks, roles and levels a run can use",
		Long: `list prints what is available: the frameworks loaded (the embedded defaults
plus those config.yaml names), the roles of config.yaml and of every framework
(FRAMEWORK/ROLE ids can be used as they are), and the organisation's ladder with
what each role source maps each rung to. With no argument it lists all three.`,
		Example: `  rolepack list
  rolepack list roles
  rolepack list levels --config my-config.yaml`,
		Args:      cobra.MaximumNArgs(1),
		ValidArgs: []string{"frameworks", "roles", "levels"},
		RunE: func(cmd *cobra.Command, args []string) error {
			what := "all"
			if len(args) == 1 {
				what = args[0]
			}
			switch what {
			case "all", "frameworks", "roles", "levels":
			default:
				return fmt.Errorf("list what? %q is not one of frameworks, roles, levels", what)
			}
			l, err := loadAll(io, cmd, &cf)
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', 0)
			defer w.Flush()
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
			return nil
		},
	}
	cf.add(cmd)
	return cmd
}
