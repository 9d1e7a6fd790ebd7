package main

import (
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkColdStart measures `rolepack generate --doc jd --format pdf` as
// one process, start to exit, the way a user runs it: the binary is built
// once, then run once an iteration in an empty folder with the default
// config (the default role's JD and its composition record, both PDF).
// Besides wall time it reports cpu-ms/run (user + system time of the
// process), which stays meaningful on a busy machine.
func BenchmarkColdStart(b *testing.B) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		b.Skip("no go command to build the binary with")
	}
	dir := b.TempDir()
	bin := filepath.Join(dir, "rolepack")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	work := filepath.Join(dir, "work")
	var cpu time.Duration
	start := time.Now()
	for b.Loop() {
		cmd := exec.Command(bin, "generate", "--doc", "jd", "--format", "pdf", "--out", work, "--force", "--date", "2026-11-21")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("generate: %v\n%s", err, out)
		}
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/run")
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/run")
}
