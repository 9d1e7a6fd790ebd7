package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Set by the linker (make build: -ldflags "-X main.buildVersion=…"); a
// plain go build leaves them empty and the Go tool's build information
// says what it can.
var (
	buildVersion string // e.g. v1.2.0 or git describe's 0adcbdb-dirty
	buildCommit  string // the commit built, e.g. 0adcbdb12345
	buildDate    string // the commit's date, RFC 3339
)

// versionString is what --version prints after the name: the version,
// the commit and its date, from the linker's values when make build set
// them, else from the Go tool's build information.
func versionString() string {
	info, ok := debug.ReadBuildInfo()
	return versionOf(buildVersion, buildCommit, buildDate, info, ok)
}

// versionOf is versionString's work, on its inputs.
func versionOf(ver, commit, date string, info *debug.BuildInfo, ok bool) string {
	if ver == "" && commit == "" {
		return version(info, ok)
	}
	if ver == "" {
		ver = "(devel)"
		if ok && info != nil && info.Main.Version != "" {
			ver = info.Main.Version
		}
	}
	var parts []string
	if commit != "" {
		parts = append(parts, "commit "+commit)
	}
	if date != "" {
		parts = append(parts, date)
	}
	if len(parts) == 0 {
		return ver
	}
	return ver + " (" + strings.Join(parts, ", ") + ")"
}

// unknownCommand is the root's argument check: rolepack takes no
// arguments of its own, so one is a mistyped command, said with cobra's
// suggestions ("did you mean generate?").
func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q", args[0])
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += ": did you mean " + strings.Join(s, " or ") + "?"
	}
	return errors.New(msg + " (rolepack --help lists the commands)")
}

// argHint is the annotation a command's missing-argument message ends
// with, e.g. "rolepack list roles lists them".
const argHint = "rolepack:args-hint"

// helpfulArgs makes every command's argument-count error say what is
// missing and how to write the command, in place of cobra's "accepts 1
// arg(s), received 0".
func helpfulArgs(c *cobra.Command) {
	for _, sub := range c.Commands() {
		helpfulArgs(sub)
	}
	inner := c.Args
	if inner == nil || c.Parent() == nil {
		return
	}
	c.Args = func(cmd *cobra.Command, args []string) error {
		err := inner(cmd, args)
		if err == nil || !strings.Contains(err.Error(), "arg(s)") {
			return err
		}
		what := argNames(cmd)
		var msg string
		switch {
		case len(args) == 0 && what != "":
			msg = "missing " + what
		case len(args) == 0:
			msg = "missing an argument"
		default:
			msg = fmt.Sprintf("too many arguments (%s)", strings.Join(args, " "))
		}
		hint := cmd.CommandPath() + " --help says more"
		if h := cmd.Annotations[argHint]; h != "" {
			hint = h
		}
		return fmt.Errorf("%s: %s (usage: %s); %s", cmd.Name(), msg, strings.TrimSuffix(cmd.UseLine(), " [flags]"), hint)
	}
}

// argNames are the upper-case words of a command's use line, its
// arguments: "ROLE" for "show ROLE --level LEVEL".
func argNames(cmd *cobra.Command) string {
	var names []string
	fields := strings.Fields(cmd.Use)
	for i, f := range fields[1:] {
		if strings.HasPrefix(f, "-") {
			break
		}
		if strings.Contains(f, "|") {
			names = append(names, joinOr(strings.Split(f, "|"))) // schema framework|config|show
			break
		}
		if i > 0 && strings.HasPrefix(fields[i], "--") {
			continue // a flag's value, e.g. LEVEL in --level LEVEL
		}
		if f == strings.ToUpper(f) {
			names = append(names, strings.Trim(f, "[]."))
		}
	}
	return strings.Join(names, " ")
}

// completeRoles completes a role (a config role, or FRAMEWORK/ROLE) from
// the config and the frameworks it loads; completeLevels completes a
// level of the ladder. Either reads the config as a run would (with
// --config when given) and prints nothing of its own.
func (f *Factory) completeRoles(cmd *cobra.Command, typed string) ([]string, cobra.ShellCompDirective) {
	l, err := f.quietLoad(cmd)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, id := range l.cfg.RoleIDs() {
		out = append(out, id+"\t"+l.cfg.Roles[id].Title)
	}
	for _, fw := range l.lib.Frameworks() {
		for _, r := range fw.Roles {
			out = append(out, fw.ID+"/"+r.ID+"\t"+r.Title)
		}
	}
	return prefixed(out, typed), cobra.ShellCompDirectiveNoFileComp
}

func (f *Factory) completeLevels(cmd *cobra.Command, typed string) ([]string, cobra.ShellCompDirective) {
	l, err := f.quietLoad(cmd)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, r := range l.cfg.Ladder {
		out = append(out, r.ID+"\t"+r.Label)
	}
	return prefixed(out, typed), cobra.ShellCompDirectiveNoFileComp
}

// quietLoad loads the config and frameworks for completion, with its
// warnings dropped (a shell completing a word must print candidates only).
func (f *Factory) quietLoad(cmd *cobra.Command) (*loaded, error) {
	var co ConfigOptions
	if fl := cmd.Flags().Lookup("config"); fl != nil {
		co.File = fl.Value.String()
	}
	g := *f
	g.IO = &IO{In: f.IO.In, Out: io.Discard, Err: io.Discard}
	g.Environ = nil
	return g.loadAll(co, nil)
}

// prefixed keeps the candidates that start with typed.
func prefixed(cands []string, typed string) []string {
	var out []string
	for _, c := range cands {
		if strings.HasPrefix(c, typed) {
			out = append(out, c)
		}
	}
	return out
}

// addRoleCompletion completes --role and --level (when cmd has them), and
// the first argument when roleArg is set.
func (f *Factory) addRoleCompletion(cmd *cobra.Command, roleArg bool) {
	if cmd.Flags().Lookup("role") != nil {
		_ = cmd.RegisterFlagCompletionFunc("role", func(c *cobra.Command, _ []string, typed string) ([]string, cobra.ShellCompDirective) {
			return f.completeRoles(c, typed)
		})
	}
	if cmd.Flags().Lookup("level") != nil {
		_ = cmd.RegisterFlagCompletionFunc("level", func(c *cobra.Command, _ []string, typed string) ([]string, cobra.ShellCompDirective) {
			return f.completeLevels(c, typed)
		})
	}
	if roleArg {
		cmd.ValidArgsFunction = func(c *cobra.Command, args []string, typed string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return f.completeRoles(c, typed)
		}
	}
}

// browseURL is the address to open in a browser for a listener: one
// listening on every interface (0.0.0.0, ::) is reached on this computer
// as localhost, not at http://[::]:18089/.
func browseURL(a net.Addr) string {
	if t, ok := a.(*net.TCPAddr); ok && (t.IP == nil || t.IP.IsUnspecified()) {
		return fmt.Sprintf("http://localhost:%d/", t.Port)
	}
	return "http://" + a.String() + "/"
}
