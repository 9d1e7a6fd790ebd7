package main

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// packZipFile reads the file name of the pack dir from its zip in out,
// as rolepack pack writes a pack by default.
func packZipFile(t *testing.T, out, dir, name string) ([]byte, error) {
	t.Helper()
	zr, err := zip.OpenReader(filepath.Join(out, dir+".zip"))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	f, err := zr.Open(dir + "/" + name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var b bytes.Buffer
	_, err = b.ReadFrom(f)
	return b.Bytes(), err
}

// packCLI runs `rolepack pack` in-process with a fixed document date and
// returns stderr and the error.
func packCLI(t *testing.T, ctx context.Context, terminal bool, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	env := map[string]string{"SOURCE_DATE_EPOCH": "1794528000"}
	io := &IO{In: strings.NewReader(""), Out: &out, Err: &errb, Terminal: terminal}
	cmd := NewCmdRoot(NewFactory(io, func(k string) string { return env[k] }, time.Now))
	args = append([]string{"pack"}, args...)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(ctx)
	if out.Len() > 0 {
		t.Errorf("pack wrote to stdout: %q", out.String())
	}
	return errb.String(), err
}

func exitCode(err error) int {
	var ex *exitError
	if errors.As(err, &ex) {
		return ex.code
	}
	if err != nil {
		return 1
	}
	return 0
}

func writeManifest(t *testing.T, name, data string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPackCommandReportsEachPackAndFails(t *testing.T) {
	m := writeManifest(t, "vacancies.csv", "\ufeffreference,role,level,closing,panel\r\n"+
		"REF-1,data-engineer,head,2026-12-01,Jane Smith;Raj Patel\r\n"+
		"REF-2,data-engineer,head,31/13/2026,\r\n"+
		"REF-3,data-engineer,senior,,\r\n")
	out := t.TempDir()
	stderr, err := packCLI(t, context.Background(), false, m, "--out", out, "--format", "md,html", "--jobs", "2")
	if exitCode(err) != 1 {
		t.Fatalf("exit status %d (%v), want 1; stderr:\n%s", exitCode(err), err, stderr)
	}
	if !strings.Contains(err.Error(), "1 of 3 packs failed") {
		t.Errorf("closing error = %q", err)
	}
	for _, want := range []string{
		"] REF-1 data-engineer head: ok (13 files)\n",
		"] " + m + `:3: closing date "31/13/2026" is not a date (write 14/12/2026, 14 December 2026 or 2026-12-14)` + "\n",
		"] REF-3 data-engineer senior: ok (11 files)\n",
		"3 packs: 2 built, 1 failed, 0 skipped (up to date); 2 files written in ", // a zip a pack
		"index: " + filepath.Join(out, "index.html") + "\n",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	// Editorial warnings: a summary per document and role-level, after the packs.
	var plain []string
	for _, line := range strings.SplitAfter(stderr, "\n") {
		if !strings.HasPrefix(line, "warning: ") {
			plain = append(plain, line)
		}
	}
	if !strings.Contains(stderr, "warning: spec.md of data-engineer at head, in 1 pack: editorial checks: ") {
		t.Errorf("no editorial summary for the person specification:\n%s", stderr)
	}
	if strings.Count(strings.Join(plain, ""), "\n") != 5 || strings.Contains(stderr, "\r") {
		t.Errorf("want one plain line per pack and a two-line summary:\n%s", stderr)
	}
	for _, f := range []string{"REF-1-data-engineer-head.zip", "REF-3-data-engineer-senior.zip", "index.csv", ".rolepack-packs"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "REF-1-data-engineer-head")); err == nil {
		t.Errorf("a pack folder without --unpacked")
	}
	// --unpacked: each pack's folder beside its zip.
	unpacked := t.TempDir()
	stderr, _ = packCLI(t, context.Background(), false, m, "--out", unpacked, "--format", "md,html", "--unpacked")
	if !strings.Contains(stderr, "3 packs: 2 built, 1 failed, 0 skipped (up to date); 26 files written in ") {
		t.Errorf("--unpacked:\n%s", stderr)
	}
	for _, f := range []string{"REF-1-data-engineer-head/scoring-raj-patel.html", "REF-3-data-engineer-senior.zip"} {
		if _, err := os.Stat(filepath.Join(unpacked, f)); err != nil {
			t.Errorf("--unpacked: missing %s: %v", f, err)
		}
	}
	// Zips into the unpacked batch's folder: refused, naming --unpacked.
	if _, err := packCLI(t, context.Background(), false, m, "--out", unpacked, "--format", "md,html"); err == nil || !strings.Contains(err.Error(), "--unpacked") {
		t.Errorf("zips over an unpacked batch: %v", err)
	}

	// Again, quietly: the good packs are up to date; only the bad row speaks.
	stderr, err = packCLI(t, context.Background(), false, m, "--out", out, "--format", "md,html", "--quiet")
	if exitCode(err) != 1 {
		t.Fatalf("exit status %d, want 1", exitCode(err))
	}
	if want := m + `:3: closing date "31/13/2026" is not a date (write 14/12/2026, 14 December 2026 or 2026-12-14)` + "\n"; stderr != want {
		t.Errorf("--quiet stderr = %q, want %q", stderr, want)
	}
}

func TestPackCommandProgressBarOnTerminal(t *testing.T) {
	m := writeManifest(t, "v.yaml", "- {reference: A-1, role: data-engineer, level: head}\n- {reference: A-2, role: data-engineer, level: mid, closing: 2026-02-30}\n")
	stderr, err := packCLI(t, context.Background(), true, m, "--out", t.TempDir(), "--format", "md")
	if exitCode(err) != 1 {
		t.Fatalf("exit status %d (%v)", exitCode(err), err)
	}
	if !strings.Contains(stderr, "\r[") || !strings.Contains(stderr, "2/2 packs") || !strings.Contains(stderr, " left") {
		t.Errorf("no progress bar:\n%q", stderr)
	}
	if strings.Contains(stderr, "[1/2]") || !strings.Contains(stderr, m+":2: closing date") {
		t.Errorf("a terminal gets the bar and the problems, not per-pack lines:\n%q", stderr)
	}
}

func TestPackCommandInterrupted(t *testing.T) {
	m := writeManifest(t, "v.csv", "reference,role,level\nR-1,data-engineer,head\nR-2,data-engineer,head\n")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := t.TempDir()
	_, err := packCLI(t, ctx, false, m, "--out", out, "--format", "md")
	if exitCode(err) != 130 || !strings.Contains(err.Error(), "interrupted: 0 of 2 packs finished") || !strings.Contains(err.Error(), "run the same command again") {
		t.Fatalf("err = %v (status %d)", err, exitCode(err))
	}
	stderr, err := packCLI(t, context.Background(), false, m, "--out", out, "--format", "md")
	if err != nil || !strings.Contains(stderr, "2 packs: 2 built, 0 failed") {
		t.Errorf("re-run: %v\n%s", err, stderr)
	}
}

func TestPackCommandRejectsBadManifest(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"v.csv", "reference,role,level,salry\nR-1,data-engineer,head,1\n", `v.csv:1: unknown column "salry" (known: reference, role, level`},
		{"v.yaml", "- reference: R-1\n  grade: 7\n  closng: 2027-01-10\n", `v.yaml:3: unknown key "closng"`},
	}
	for _, tt := range tests {
		m := writeManifest(t, tt.name, tt.data)
		out := filepath.Join(t.TempDir(), "packs")
		_, err := packCLI(t, context.Background(), false, m, "--out", out)
		if err == nil || !strings.HasPrefix(err.Error(), m[:len(m)-len(tt.name)]+tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: a rejected manifest still created the output folder", tt.name)
		}
	}
}

// fakeTerminal is a screen: it applies what a terminal does with "\r"
// (back to the line's start), "\n" (next line) and "\x1b[K" (erase to the
// end of the line) and fails the test on any other escape code, so a
// test reads what a user sees, not the bytes.
type fakeTerminal struct {
	t     *testing.T
	lines [][]rune
	row   int
	col   int
}

func (f *fakeTerminal) Write(p []byte) (int, error) {
	rs := []rune(string(p))
	for i := 0; i < len(rs); i++ {
		for len(f.lines) <= f.row {
			f.lines = append(f.lines, nil)
		}
		switch r := rs[i]; {
		case r == '\r':
			f.col = 0
		case r == '\n':
			f.row, f.col = f.row+1, 0
		case r == '\x1b':
			if i+2 < len(rs) && rs[i+1] == '[' && rs[i+2] == 'K' {
				if f.col < len(f.lines[f.row]) {
					f.lines[f.row] = f.lines[f.row][:f.col]
				}
				i += 2
				continue
			}
			f.t.Errorf("unexpected escape code %q", string(rs[i:min(i+6, len(rs))]))
		default:
			line := f.lines[f.row]
			for len(line) <= f.col {
				line = append(line, ' ')
			}
			line[f.col] = r
			f.lines[f.row], f.col = line, f.col+1
		}
	}
	return len(p), nil
}

// screen is the terminal's lines, the last one unfinished if the cursor
// is on it.
func (f *fakeTerminal) screen() []string {
	out := make([]string, len(f.lines))
	for i, l := range f.lines {
		out[i] = string(l)
	}
	return out
}

// TestStatusLineKeepsMessagesAboveTheBar: a message written while the bar
// is on screen takes the bar's line and the bar is drawn again below it;
// a message written in two pieces is not drawn over; the bar stays once
// the run finishes and what follows goes below it.
func TestStatusLineKeepsMessagesAboveTheBar(t *testing.T) {
	term := &fakeTerminal{t: t}
	s := &statusLine{w: term}
	fmt.Fprintln(s, "before any bar")
	s.set("[##....] 1/3 packs")
	fmt.Fprintln(s, "warning: a.md: editorial checks: 0 errors, 1 warning")
	s.set("[####..] 2/3 packs")
	fmt.Fprint(s, "a message ")
	fmt.Fprint(s, "in two writes")
	s.set("[######] 3/3 packs")
	fmt.Fprintln(s, "v.csv:4: closing date: not a date")
	s.finish()
	fmt.Fprintln(s, "3 packs: 2 built, 1 failed")
	want := []string{
		"before any bar",
		"warning: a.md: editorial checks: 0 errors, 1 warning",
		"a message in two writes",
		"v.csv:4: closing date: not a date",
		"[######] 3/3 packs",
		"3 packs: 2 built, 1 failed",
	}
	if got := term.screen(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("screen:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestPackProgressOnATerminalAndAPipe: on a terminal, pack's bar counts
// the rows with a rate and the time left, and the problems and --verbose
// details printed while it runs are whole lines above it, the bar last;
// on a pipe there is no bar and no escape code, one line per row; with
// --quiet, no bar.
func TestPackProgressOnATerminalAndAPipe(t *testing.T) {
	m := writeManifest(t, "v.yaml", "- {reference: A-1, role: data-engineer, level: senior}\n- {reference: A-2, role: data-engineer, level: mid, closing: 2026-02-30}\n- {reference: A-3, role: data-engineer, level: head}\n")
	stderr, err := packCLI(t, context.Background(), true, m, "--out", t.TempDir(), "--format", "md", "--verbose")
	if exitCode(err) != 1 {
		t.Fatalf("exit status %d (%v)", exitCode(err), err)
	}
	term := &fakeTerminal{t: t}
	term.Write([]byte(stderr))
	screen := term.screen()
	var bars, warnings []string
	failed := false
	for _, l := range screen {
		switch {
		case strings.Contains(l, " packs  "):
			bars = append(bars, l)
		case strings.HasPrefix(l, "warning: "):
			warnings = append(warnings, l)
		case strings.HasPrefix(l, m+":2: closing date"):
			failed = true
		}
	}
	if len(bars) != 1 || !strings.Contains(bars[0], "3/3 packs") || !strings.Contains(bars[0], "/s") || !strings.Contains(bars[0], " left") {
		t.Errorf("want one bar on screen, at 3/3 with a rate and the time left, got %q:\n%s", bars, strings.Join(screen, "\n"))
	}
	if !failed || len(warnings) == 0 {
		t.Errorf("the failed row or --verbose's editorial lines are not whole lines on screen:\n%s", strings.Join(screen, "\n"))
	}
	for _, w := range warnings {
		if !strings.Contains(w, "editorial checks") {
			t.Errorf("a warning line was drawn over: %q", w)
		}
	}
	barAt, lastWarning := -1, -1
	for i, l := range screen {
		if strings.Contains(l, " packs  ") {
			barAt = i
		}
		if strings.HasPrefix(l, "warning: ") || strings.HasPrefix(l, m+":") {
			lastWarning = i
		}
	}
	if barAt < lastWarning {
		t.Errorf("the bar is not below the messages:\n%s", strings.Join(screen, "\n"))
	}

	stderr, err = packCLI(t, context.Background(), false, m, "--out", t.TempDir(), "--format", "md")
	if exitCode(err) != 1 {
		t.Fatalf("pipe: exit status %d (%v)", exitCode(err), err)
	}
	if strings.ContainsAny(stderr, "\r\x1b") || strings.Contains(stderr, " packs  ") || !strings.Contains(stderr, "[3/3] ") {
		t.Errorf("a pipe gets a bar or escape codes, or no line per row:\n%q", stderr)
	}
	stderr, _ = packCLI(t, context.Background(), true, m, "--out", t.TempDir(), "--format", "md", "--quiet")
	if strings.ContainsAny(stderr, "\r\x1b") || !strings.Contains(stderr, m+":2: closing date") {
		t.Errorf("--quiet on a terminal: want the problem only, no bar:\n%q", stderr)
	}
}
