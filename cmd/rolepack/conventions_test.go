package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// TestConventions: a mistyped command names the one meant, a missing
// argument says what is missing and how to write the command, --version
// names the commit and date make build links in, and a server on every
// interface is opened at localhost.
func TestConventions(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"generat"}, `unknown command "generat": did you mean generate? (rolepack --help lists the commands)`},
		{[]string{"gnerate"}, `unknown command "gnerate": did you mean generate? (rolepack --help lists the commands)`},
		{[]string{"valdate", "ddat.yaml"}, `unknown command "valdate": did you mean validate? (rolepack --help lists the commands)`},
		{[]string{"improt"}, `unknown command "improt": did you mean import? (rolepack --help lists the commands)`},
		{[]string{"show"}, "show: missing ROLE (usage: rolepack show ROLE --level LEVEL); rolepack list roles lists the roles"},
		{[]string{"schema"}, "schema: missing framework, config or show (usage: rolepack schema framework|config|show); rolepack schema --help says more"},
		{[]string{"show", "a", "b"}, "show: too many arguments (a b) (usage: rolepack show ROLE --level LEVEL); rolepack list roles lists the roles"},
	} {
		if _, _, err := run(t, nil, tc.args...); err == nil || err.Error() != tc.want {
			t.Errorf("%v: %v\nwant %s", tc.args, err, tc.want)
		}
	}

	info := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}
	if got, want := versionOf("v1.3.0", "0adcbdb12345", "2026-11-13T09:00:00Z", info, true), "v1.3.0 (commit 0adcbdb12345, 2026-11-13T09:00:00Z)"; got != want {
		t.Errorf("version from ldflags = %q, want %q", got, want)
	}
	if got := versionOf("", "", "", info, true); got != "(devel) (no commit recorded: make build records the commit and its date)" {
		t.Errorf("version without ldflags or VCS = %q", got)
	}
	mk, err := os.ReadFile("../../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"main.buildVersion", "main.buildCommit", "main.buildDate"} {
		if !strings.Contains(string(mk), v) {
			t.Errorf("make build does not set %s", v)
		}
	}

	for addr, want := range map[string]string{
		"0.0.0.0:18089": "http://localhost:18089/", "[::]:18089": "http://localhost:18089/", "127.0.0.1:18089": "http://127.0.0.1:18089/",
	} {
		a, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := browseURL(a); got != want {
			t.Errorf("browseURL(%s) = %q, want %q", addr, got, want)
		}
	}
}

// TestCompletionOfRolesLevelsAndKinds: --role, --level and show ROLE
// complete from the loaded config and frameworks, not file names.
func TestCompletionOfRolesLevelsAndKinds(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "generate", "--role", ""}, []string{"data-engineer\tData engineer", "ddat/data-engineer\t"}},
		{[]string{"__complete", "generate", "--level", ""}, []string{"entry\tEntry", "head\tHead"}},
		{[]string{"__complete", "show", "ddat/"}, []string{"ddat/data-engineer\t"}},
		{[]string{"__complete", "generate", "--doc", ""}, []string{"jd\n", "pdp\n"}},
		{[]string{"__complete", "generate", "--doc", "jd,"}, []string{"jd,spec\n", "jd,pdp\n"}},
		{[]string{"__complete", "generate", "--format", "pdf,docx,"}, []string{"pdf,docx,md\n", "pdf,docx,html\n"}},
		{[]string{"__complete", "import", "--from", ""}, []string{"auto\n", "ddat\n", "sheet\n"}},
		{[]string{"__complete", "pack", "--kind", ""}, []string{"role\n", "pdp\n"}},
		{[]string{"__complete", "diff", "--format", ""}, []string{"text\n", "html\n"}},
		{[]string{"__complete", "lint", "--format", ""}, []string{"json\n"}},
		{[]string{"__complete", "lint", "--from", ""}, []string{"text\n", "matrix\n"}},
		{[]string{"__complete", "translate", "export", "--doc", ""}, []string{"jd\n", "advert\n"}},
	} {
		stdout, _, err := run(t, nil, tc.args...)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(stdout, w) {
				t.Errorf("%v: no %q in\n%s", tc.args, w, stdout)
			}
		}
		// A name the list has already is not offered again.
		if typed := tc.args[len(tc.args)-1]; strings.HasSuffix(typed, ",") {
			for _, n := range strings.Split(strings.TrimSuffix(typed, ","), ",") {
				if strings.Contains(stdout, typed+n+"\n") {
					t.Errorf("%v: offers %s again:\n%s", tc.args, n, stdout)
				}
			}
		}
		lines := strings.Split(strings.TrimSpace(stdout), "\n")
		if d, err := strconv.Atoi(strings.TrimPrefix(lines[len(lines)-1], ":")); err != nil || d&int(cobra.ShellCompDirectiveNoFileComp) == 0 {
			t.Errorf("%v: completes file names:\n%s", tc.args, stdout)
		}
	}
}

// TestDiffOnATerminalIsPlainText: on a terminal diff prints plain text,
// its summary once; --format md prints Markdown.
func TestDiffOnATerminalIsPlainText(t *testing.T) {
	diff := func(args ...string) (string, string) {
		var out, errb bytes.Buffer
		f := NewFactory(&IO{In: strings.NewReader(""), Out: &out, Err: &errb}, func(k string) string { return fixedDate[k] }, time.Now)
		f.StdoutTerminal = true
		cmd := NewCmdRoot(f)
		cmd.SetArgs(append([]string{"diff", "data-engineer", "--from", "mid", "--to", "senior"}, args...))
		_ = cmd.ExecuteContext(context.Background()) // exit status 1: they differ
		return out.String(), errb.String()
	}
	text, stderr := diff()
	if strings.Contains(text, `\`) || strings.Contains(text, "**") || strings.Contains(text, "# ") || !strings.Contains(text, "{+") {
		t.Errorf("diff on a terminal is not plain text:\n%.600s", text)
	}
	summary := strings.Split(text, "\n")[1]
	if strings.Count(text+stderr, summary) != 1 {
		t.Errorf("the summary %q is printed more than once", summary)
	}
	if md, _ := diff("--format", "md"); !strings.HasPrefix(md, "# What changed") || !strings.Contains(md, "**") {
		t.Errorf("--format md on a terminal:\n%.300s", md)
	}
}
