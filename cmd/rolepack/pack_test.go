package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

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
		"3 packs: 2 built, 1 failed, 0 skipped (up to date); 26 files written in ",
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
	if !strings.Contains(stderr, "warning: advert.md of data-engineer at head, in 1 pack: editorial checks: ") {
		t.Errorf("no editorial summary for the advert:\n%s", stderr)
	}
	if strings.Count(strings.Join(plain, ""), "\n") != 5 || strings.Contains(stderr, "\r") {
		t.Errorf("want one plain line per pack and a two-line summary:\n%s", stderr)
	}
	for _, f := range []string{"REF-1-data-engineer-head/scoring-raj-patel.html", "REF-3-data-engineer-senior.zip", "index.csv"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
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
