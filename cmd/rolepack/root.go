package main

import (
	"bytes"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/render"
)

// NewCmdRoot returns the rolepack command with every subcommand. Run with
// no subcommand it generates, with generate's flags.
func NewCmdRoot(f *Factory) *cobra.Command {
	gen := NewCmdGenerate(f, nil)
	root := &cobra.Command{
		Use:   "rolepack",
		Short: "Job descriptions, adverts, person specs, scoring sheets and PDPs from competency frameworks",
		Long: `rolepack turns competency frameworks (the DDaT Capability Framework, NCF/FEDIP
job profiles, skills matrices) into the documents hiring and development run
on: ` + wrap(strings.ToLower(kindTitles())+".", 78) + `

Document kinds: ` + strings.Join(render.KindIDs(), ", ") + ` (generate --help says what each is).
Formats: ` + strings.Join(output.FormatNames(), ", ") + `.

Run with no command, rolepack generates the documents the config asks for.
The config is --config (or ROLEPACK_CONFIG), else ./config.yaml, else
$XDG_CONFIG_HOME/rolepack/config.yaml (~/.config/rolepack/config.yaml), else
the embedded default; the last line of --help says which one a run reads.`,
		Example: `  rolepack                                  # the default run from config.yaml
  rolepack generate --role data-engineer --level senior --doc jd,spec --format pdf
  rolepack show data-engineer --level head  # what goes into the documents, and why
  rolepack import page.txt -o ddat.yaml     # read a framework document
  rolepack validate ddat.yaml
  rolepack completion bash > /etc/bash_completion.d/rolepack`,
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          unknownCommand,
		RunE:          gen.RunE,
		// cobra sets this only on the path its own argument check takes;
		// without it, unknownCommand's suggestions are prefixes only
		// ("generat"), never a typo inside a name ("gnerate").
		SuggestionsMinimumDistance: 2,
	}
	root.Flags().AddFlagSet(gen.Flags())
	root.PersistentFlags().BoolVarP(&f.Verbose, "verbose", "v", false, "print every finding a summary counts and, with an internal error, where it happened (for a bug report)")
	root.PersistentFlags().BoolVarP(&f.Quiet, "quiet", "q", false, "print errors only: no warnings, notes, progress or \"wrote\" lines")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if f.Quiet && f.Verbose {
			return fmt.Errorf("--quiet and --verbose: choose one")
		}
		if f.Quiet {
			f.IO = &IO{In: f.IO.In, Out: f.IO.Out, Err: &quietWriter{w: f.IO.Err}}
		}
		return nil
	}
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.Err)
	root.SetVersionTemplate("{{.Name}} {{.Version}}\n")
	root.AddCommand(gen,
		NewCmdImport(f, nil), NewCmdValidate(f, nil), NewCmdList(f, nil), NewCmdShow(f, nil),
		NewCmdTemplates(f, nil), NewCmdPack(f, nil), NewCmdLint(f, nil), NewCmdDiff(f, nil),
		NewCmdBrand(f, nil), NewCmdServe(f, nil), NewCmdSchema(f, nil), NewCmdConfig(f, nil), NewCmdInit(f, nil), NewCmdCheck(f, nil), NewCmdTranslate(f, nil, nil))
	helpfulArgs(root)
	help := root.HelpFunc()
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		help(c, args)
		if fl := c.Flags().Lookup("config"); fl != nil {
			fmt.Fprintf(c.OutOrStdout(), "\nConfig: %s\n", f.describeConfig(fl.Value.String()))
		}
	})
	return root
}

// kindTitles names every document kind of the registry, in a sentence.
func kindTitles() string {
	titles := make([]string, len(render.Kinds))
	for i, k := range render.Kinds {
		titles[i] = k.Title + "s"
	}
	if len(titles) < 2 {
		return strings.Join(titles, "")
	}
	return strings.Join(titles[:len(titles)-1], ", ") + " and " + titles[len(titles)-1]
}

// wrap breaks s into lines of at most width characters (the first line
// shorter by the text before it, "on: ").
func wrap(s string, width int) string {
	var b strings.Builder
	col := 4
	for i, w := range strings.Fields(s) {
		if i > 0 {
			if col+1+len(w) > width {
				b.WriteString("\n")
				col = 0
			} else {
				b.WriteString(" ")
				col++
			}
		}
		b.WriteString(w)
		col += len(w)
	}
	return b.String()
}

// version says which build this is: the module version and the VCS
// revision, time and state the binary was built from, as the Go tool
// recorded them.
func version(info *debug.BuildInfo, ok bool) string {
	if !ok || info == nil {
		return "(unknown version)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, when, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	if rev == "" {
		// go run, or go build with -buildvcs=false or outside a git
		// checkout: the Go tool recorded no commit.
		return v + " (no commit recorded: make build records the commit and its date)"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if when != "" {
		when = ", " + when
	}
	return fmt.Sprintf("%s (revision %s%s%s)", v, rev, when, modified)
}

// quietWriter is standard error with --quiet: it passes the lines that
// report a problem and drops warnings, notes and progress ("warning: …",
// a file's "file:line: warning: …" and "file: note: …", "note: …",
// "ok: …", "wrote …",
// "read …", "kept …", "N file(s) … up to date").
type quietWriter struct {
	w    io.Writer
	line []byte
}

// chatter are the starts of the lines --quiet drops.
var chatter = [][]byte{[]byte("warning: "), []byte("note: "), []byte("ok: "), []byte("wrote "), []byte("read "),
	[]byte("import: "), []byte("kept "), []byte("rolepack lint --role "), []byte("rolepack is running"), []byte("rolepack stopped")}

func (q *quietWriter) Write(p []byte) (int, error) {
	q.line = append(q.line, p...)
	for {
		i := bytes.IndexByte(q.line, '\n')
		if i < 0 {
			return len(p), nil
		}
		line := q.line[:i+1]
		q.line = q.line[i+1:]
		if quietDrops(line) {
			continue
		}
		if _, err := q.w.Write(line); err != nil {
			return len(p), err
		}
	}
}

func quietDrops(line []byte) bool {
	for _, c := range chatter {
		if bytes.HasPrefix(line, c) {
			return true
		}
	}
	// A problem of a file is "file:line: message"; a warning or a note
	// says so after its place.
	return bytes.Contains(line, []byte(" already up to date\n")) || bytes.Contains(line, []byte(": warning: ")) || bytes.Contains(line, []byte(": note: "))
}
