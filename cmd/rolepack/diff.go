package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/importer"
	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/render/compare"
)

// DiffOptions are the inputs of `rolepack diff`.
type DiffOptions struct {
	*Factory
	Config      ConfigOptions
	args        []string
	from, to    string // rungs, for ROLE
	role, level string // for two files
	format      string // md or html
	json        bool
}

// NewCmdDiff returns the diff command; runF, when not nil, runs in place of
// runDiff (and its result decides nothing: the exit status is runF's).
func NewCmdDiff(f *Factory, runF func(context.Context, *DiffOptions) error) *cobra.Command {
	opts := &DiffOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "diff ROLE --from LEVEL --to LEVEL | diff OLD NEW [--role ROLE --level LEVEL]",
		Short: "What changed between two levels of a role, or two versions of a framework or config",
		Long: `diff compares entries (skills, behaviours, leadership expectations, …) and
reports those added, removed and changed, with the changed words of every
reworded descriptor, grouped by kind, under a one-line summary such as
"7 skills changed, 2 added, 1 removed".

  diff ROLE --from LEVEL --to LEVEL   two levels of a role (composed as generate does)
  diff OLD NEW                        two versions of a framework file (canonical YAML or any
                                      file rolepack import reads): every role level and
                                      catalogue level; --role and --level narrow it
  diff OLD.yaml NEW.yaml              two versions of a config: the role (--role, else the
                                      new config's role) at the level (--level, else its level)

The report goes to stdout: as plain text on a terminal (deleted words [-so-],
inserted {+so+}), as Markdown otherwise or with --format md; --format html
writes a standalone HTML page and --json the report as data. When stdout is
not a terminal, the summary is also printed to stderr. The exit status is 0 when nothing differs, 1
when something does, and 2 on an error, as with diff(1).`,
		Example: `  rolepack diff data-engineer --from senior --to head
  rolepack diff ddat-2024.yaml ddat-2025.yaml --role data-engineer
  rolepack diff old-config.yaml config.yaml --format html > changes.html
  rolepack diff data-engineer --from mid --to senior --json | jq .summary`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.args = args
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			same, err := runDiff(cmd.Context(), opts)
			if err != nil {
				return &exitError{code: 2, msg: err.Error()}
			}
			if !same {
				return &exitError{code: 1}
			}
			return nil
		},
	}
	opts.Config.addFlags(cmd)
	fl := cmd.Flags()
	fl.StringVar(&opts.from, "from", "", "level to compare from (with ROLE)")
	fl.StringVar(&opts.to, "to", "", "level to compare to (with ROLE)")
	fl.StringVar(&opts.role, "role", "", "with two files: the role to compare (a framework role id, or a config role)")
	fl.StringVar(&opts.level, "level", "", "with two files: the level to compare (a framework level id, or a ladder rung)")
	fl.StringVar(&opts.format, "format", "", "text, md or html (default: text on a terminal, md otherwise)")
	fl.BoolVar(&opts.json, "json", false, "print the report as JSON")
	completeOne(cmd, "format", "text", "md", "html")
	return cmd
}

// runDiff compares what opts name and writes the report; it reports
// whether the two were the same.
func runDiff(_ context.Context, opts *DiffOptions) (bool, error) {
	io := opts.IO
	format := strings.ToLower(opts.format)
	if format == "" {
		format = "md"
		if opts.StdoutTerminal {
			format = "text"
		}
	}
	if format != "text" && format != "md" && format != "html" {
		return false, fmt.Errorf("--format %q: diff writes text, md or html (or --json)", opts.format)
	}
	var (
		r   *compare.Report
		err error
	)
	if len(opts.args) == 1 {
		r, err = diffRungs(opts)
	} else {
		if opts.from != "" || opts.to != "" {
			return false, fmt.Errorf("--from and --to compare two levels of one ROLE; with two files use --role and --level")
		}
		r, err = diffFiles(io, opts)
	}
	if err != nil {
		return false, err
	}
	switch {
	case opts.json:
		err = r.WriteJSON(io.Out)
	case format == "html":
		err = r.WriteHTML(io.Out)
	case format == "text":
		err = writeDiffText(io.Out, r)
	default:
		err = r.WriteMarkdown(io.Out)
	}
	if err != nil {
		return false, err
	}
	if !opts.StdoutTerminal {
		fmt.Fprintln(io.Err, r.Summary) // on a terminal the report says it
	}
	return r.Same(), nil
}

// diffRungs compares a role at two rungs of the config's ladder.
func diffRungs(opts *DiffOptions) (*compare.Report, error) {
	if opts.from == "" || opts.to == "" {
		return nil, fmt.Errorf("diff %s: give the two levels to compare with --from and --to", opts.args[0])
	}
	if opts.role != "" || opts.level != "" {
		return nil, fmt.Errorf("--role and --level are for two files; for ROLE use --from and --to")
	}
	l, err := opts.loadAll(opts.Config, nil)
	if err != nil {
		return nil, err
	}
	role := opts.args[0]
	old, err := compose.Compose(l.cfg, l.lib, role, opts.from)
	if err != nil {
		return nil, fmt.Errorf("--from %s: %w", opts.from, err)
	}
	new, err := compose.Compose(l.cfg, l.lib, role, opts.to)
	if err != nil {
		return nil, fmt.Errorf("--to %s: %w", opts.to, err)
	}
	return compare.Entries(old.Title+" at "+old.Rung.Label, new.Title+" at "+new.Rung.Label, compare.Composed(old), compare.Composed(new)), nil
}

// diffFiles compares two framework files or two config files.
func diffFiles(io *IO, opts *DiffOptions) (*compare.Report, error) {
	oldPath, newPath := opts.args[0], opts.args[1]
	oldCfg, err := isConfig(oldPath)
	if err != nil {
		return nil, err
	}
	newCfg, err := isConfig(newPath)
	if err != nil {
		return nil, err
	}
	if oldCfg != newCfg {
		return nil, fmt.Errorf("%s and %s: one is a config and the other a framework; compare two of a kind", oldPath, newPath)
	}
	if oldCfg {
		return diffConfigs(io, opts, oldPath, newPath)
	}
	old, err := readFramework(io, oldPath)
	if err != nil {
		return nil, err
	}
	new, err := readFramework(io, newPath)
	if err != nil {
		return nil, err
	}
	for _, fw := range []*framework.Framework{old, new} {
		if opts.role == "" {
			break
		}
		found := false
		for _, r := range fw.Roles {
			found = found || r.ID == opts.role
		}
		if !found {
			return nil, fmt.Errorf("--role %s: framework %s has no such role", opts.role, fw.ID)
		}
	}
	name := func(p string, fw *framework.Framework) string {
		s := filepath.Base(p)
		if fw.Version != "" {
			s += " (" + fw.Version + ")"
		}
		return s
	}
	return compare.Entries(name(oldPath, old), name(newPath, new),
		compare.Framework(old, opts.role, opts.level), compare.Framework(new, opts.role, opts.level)), nil
}

// isConfig reports whether a file is a rolepack config (it has a ladder,
// an organisation or a role to render) rather than a framework.
func isConfig(path string) (bool, error) {
	b, err := userfile.Read(path, userfile.Framework)
	if err != nil {
		return false, err
	}
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".yaml" && ext != ".yml" {
		return false, nil
	}
	var top map[string]any
	if yaml.Unmarshal(b, &top) != nil {
		return false, nil // the importer reports what is wrong
	}
	for _, k := range []string{"ladder", "organisation", "vacancy"} {
		if _, ok := top[k]; ok {
			return true, nil
		}
	}
	return false, nil
}

// readFramework imports one framework file; problems that are errors fail.
func readFramework(io *IO, path string) (*framework.Framework, error) {
	fw, probs, err := importer.Import([]string{path}, importer.Options{})
	if err != nil {
		return nil, err
	}
	if framework.HasErrors(probs) {
		for _, p := range probs {
			fmt.Fprintln(io.Err, p.Error())
		}
		return nil, fmt.Errorf("%s has errors (run rolepack validate %s)", path, path)
	}
	return fw, nil
}

// diffConfigs compares one role as two configs compose it.
func diffConfigs(io *IO, opts *DiffOptions, oldPath, newPath string) (*compare.Report, error) {
	load := func(p string) (*config.Config, *compose.Library, error) {
		b, err := userfile.Read(p, userfile.Config)
		if err != nil {
			return nil, nil, err
		}
		cfg, err := config.LoadConfig(p, b)
		if err != nil {
			return nil, nil, err
		}
		lib, err := opts.Library(cfg, filepath.Dir(p))
		return cfg, lib, err
	}
	oldCfg, oldLib, err := load(oldPath)
	if err != nil {
		return nil, err
	}
	newCfg, newLib, err := load(newPath)
	if err != nil {
		return nil, err
	}
	role, level := opts.role, opts.level
	if role == "" {
		role = newCfg.Role
	}
	if level == "" {
		level = newCfg.Level
	}
	if role == "" || level == "" {
		return nil, fmt.Errorf("%s sets no role and level: give --role and --level", newPath)
	}
	old, err := compose.Compose(oldCfg, oldLib, role, level)
	if err != nil {
		return nil, err
	}
	new, err := compose.Compose(newCfg, newLib, role, level)
	if err != nil {
		return nil, err
	}
	at := " (" + new.Title + " at " + new.Rung.Label + ")"
	return compare.Entries(filepath.Base(oldPath)+at, filepath.Base(newPath)+at, compare.Composed(old), compare.Composed(new)), nil
}
