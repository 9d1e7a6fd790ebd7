package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// shardCLIManifest has ready rows, one needing input and one failing.
const shardCLIManifest = "reference,role,level,location,band,salary,closing,panel\n" +
	"C-1,data-engineer,head,Leeds (hybrid),Band 8c,£74k,2026-12-14,Jane Smith\n" +
	"C-2,data-engineer,senior,Remote (UK),Band 8a,£60k,2026-12-14,\n" +
	"C-3,data-engineer,mid,York,Band 7,,2026-12-21,\n" +
	"C-4,data-engineer,mid,York,Band 7,£40k,2026-31-12,\n" +
	"C-5,data-engineer,senior,Bristol,Band 8a,£52k,2026-12-28,\n" +
	"C-6,data-engineer,mid,Sheffield,Band 7,£45k,2026-12-21,\n"

// packEnv runs rolepack in-process with env (and a fixed date) and returns
// stderr and the error.
func packEnv(t *testing.T, env map[string]string, args ...string) (string, error) {
	t.Helper()
	all := map[string]string{"SOURCE_DATE_EPOCH": "1794528000"}
	for k, v := range env {
		all[k] = v
	}
	var out, errb bytes.Buffer
	io := &IO{In: strings.NewReader(""), Out: &out, Err: &errb}
	cmd := NewCmdRoot(NewFactory(io, func(k string) string { return all[k] }, time.Now))
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(context.Background())
	return errb.String(), err
}

// outputFiles lists every file under dir but the part indexes, with its
// bytes.
func outputFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			if rel == "parts" {
				return filepath.SkipDir
			}
			return nil
		}
		b, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func compareOutputs(t *testing.T, what, want, got string) {
	t.Helper()
	w, g := outputFiles(t, want), outputFiles(t, got)
	if len(w) < 10 {
		t.Fatalf("the one-machine run wrote only %d files", len(w))
	}
	for name, b := range w {
		if !bytes.Equal(g[name], b) {
			t.Errorf("%s: %s is not the one-machine run's", what, name)
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			t.Errorf("%s: %s is not in the one-machine run", what, name)
		}
	}
}

// TestPackShardsThroughEveryEngineThenMerge: four shards, each told its
// index another way (--shard, a Kubernetes Indexed Job, AWS Batch, GitLab),
// then pack merge with the parts in another order, write every file one
// run writes, byte for byte; a shard with a failed row still exits 0, the
// merge exits 1 as the one run does; a missing part is refused in one line.
func TestPackShardsThroughEveryEngineThenMerge(t *testing.T) {
	m := writeManifest(t, "vacancies.csv", shardCLIManifest)
	flags := []string{"--format", "md,html", "--jobs", "1", "--feed-url", "https://jobs.example.org/packs"}
	one := t.TempDir()
	if _, err := packEnv(t, nil, append([]string{"pack", m, "--out", one}, flags...)...); exitCode(err) != 1 {
		t.Fatalf("one run: exit %d (%v), want 1 (a row fails)", exitCode(err), err)
	}
	out := t.TempDir()
	for _, c := range []struct {
		env  map[string]string
		args []string
		from string
	}{
		{nil, []string{"--shard", "1/4"}, "shard 1/4 (--shard)"},
		{map[string]string{"JOB_COMPLETION_INDEX": "1"}, []string{"--shards", "4"}, "shard 2/4 (JOB_COMPLETION_INDEX)"},
		{map[string]string{"AWS_BATCH_JOB_ARRAY_INDEX": "2"}, []string{"--shards", "4"}, "shard 3/4 (AWS_BATCH_JOB_ARRAY_INDEX)"},
		{map[string]string{"CI_NODE_INDEX": "4", "CI_NODE_TOTAL": "4"}, nil, "shard 4/4 (CI_NODE_INDEX)"},
	} {
		stderr, err := packEnv(t, c.env, append(append([]string{"pack", m, "--out", out}, flags...), c.args...)...)
		if err != nil {
			t.Fatalf("%s: %v\n%s", c.from, err, stderr)
		}
		if !strings.Contains(stderr, c.from) || !strings.Contains(stderr, "part: ") {
			t.Errorf("%s: stderr does not say the shard and its part:\n%s", c.from, stderr)
		}
	}
	parts := func(order ...int) []string {
		var ps []string
		for _, i := range order {
			ps = append(ps, filepath.Join(out, "parts", fmt.Sprintf("part-%d-of-4.json", i)))
		}
		return ps
	}
	stderr, err := packEnv(t, nil, append([]string{"pack", "merge", out}, parts(1, 3, 4)...)...)
	if err == nil || !strings.Contains(err.Error(), "part 2 of 4 missing") || strings.Contains(err.Error(), "\n") {
		t.Errorf("merge without part 2: %v, want one line refusing it\n%s", err, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err == nil {
		t.Error("a refused merge wrote the index")
	}
	if _, err := packEnv(t, nil, append([]string{"pack", "merge"}, parts(1, 2, 3, 4)...)...); err == nil || !strings.Contains(err.Error(), "is a file: give the output folder") {
		t.Errorf("merge without OUT: %v", err)
	}
	stderr, err = packEnv(t, nil, append([]string{"pack", "merge", out}, parts(3, 1, 4, 2)...)...)
	if exitCode(err) != 1 || !strings.Contains(stderr, "6 packs from 4 parts: 5 built, 1 failed") {
		t.Fatalf("merge: exit %d (%v), want 1 (a row failed)\n%s", exitCode(err), err, stderr)
	}
	compareOutputs(t, "4 shards merged", one, out)
}

// TestPackShardFlags: the shard from each source, and the mistakes.
func TestPackShardFlags(t *testing.T) {
	for _, c := range []struct {
		shard  string
		shards int
		env    map[string]string
		want   string // the shard, or the start of the error
	}{
		{"", 0, nil, "0/0"},
		{"2/3", 0, nil, "2/3"},
		{"2/3", 3, nil, "2/3"},
		{"", 3, map[string]string{"JOB_COMPLETION_INDEX": "0"}, "1/3"},
		{"", 3, map[string]string{"AWS_BATCH_JOB_ARRAY_INDEX": "2"}, "3/3"},
		{"", 0, map[string]string{"CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "5"}, "2/5"},
		{"", 0, map[string]string{"CI_NODE_INDEX": "1", "CI_NODE_TOTAL": "1"}, "0/0"},
		{"", 0, map[string]string{"JOB_COMPLETION_INDEX": "1"}, "0/0"}, // an Indexed Job not sharding rolepack
		{"2/3", 4, nil, "--shard 2/3 and --shards 4 disagree"},
		{"4/3", 0, nil, "--shard 4/3: shard 4/3: the shard must be from 1 to 3"},
		{"two", 0, nil, `--shard two: "two" is not a shard`},
		{"", 3, nil, "--shards 3: no shard index"},
		{"", 3, map[string]string{"JOB_COMPLETION_INDEX": "3"}, "JOB_COMPLETION_INDEX=3: not a shard of 3 (0 to 2)"},
		{"", 3, map[string]string{"CI_NODE_INDEX": "0"}, "CI_NODE_INDEX=0: not a shard of 3 (1 to 3)"},
		{"", 3, map[string]string{"CI_NODE_INDEX": "1", "CI_NODE_TOTAL": "4"}, "--shards 3, but CI_NODE_TOTAL=4"},
		{"", -1, nil, "--shards -1"},
	} {
		f := NewFactory(&IO{}, func(k string) string { return c.env[k] }, time.Now)
		sh, _, err := packShard(&PackOptions{Factory: f, Shard: c.shard, Shards: c.shards})
		got := sh.String()
		if err != nil {
			got = err.Error()
		}
		if !strings.HasPrefix(got, c.want) {
			t.Errorf("--shard %q --shards %d %v: %s, want %s", c.shard, c.shards, c.env, got, c.want)
		}
	}
	if err := checkFeedURL("jobs.example.org"); err == nil {
		t.Error("--feed-url without a scheme accepted")
	}
}

// TestPackShardsAsProcesses builds the binary and runs four shard
// processes at once into one folder, then merges: the same bytes as one
// process.
func TestPackShardsAsProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "rolepack")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	m := writeManifest(t, "vacancies.csv", shardCLIManifest)
	env := append(os.Environ(), "SOURCE_DATE_EPOCH=1794528000")
	command := func(args ...string) *exec.Cmd {
		c := exec.Command(bin, args...)
		c.Env, c.Dir = env, filepath.Dir(m)
		return c
	}
	flags := []string{"--format", "md,html", "--jobs", "1", "-q"}
	one := t.TempDir()
	if out, err := command(append([]string{"pack", m, "--out", one}, flags...)...).CombinedOutput(); err == nil || !strings.Contains(string(out), "failed") {
		t.Fatalf("one run: %v\n%s", err, out)
	}
	out := t.TempDir()
	var procs []*exec.Cmd
	var logs []*bytes.Buffer
	for i := 1; i <= 4; i++ {
		c := command(append([]string{"pack", m, "--out", out, "--shard", fmt.Sprintf("%d/4", i)}, flags...)...)
		var b bytes.Buffer
		c.Stdout, c.Stderr = &b, &b
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		procs, logs = append(procs, c), append(logs, &b)
	}
	for i, c := range procs {
		if err := c.Wait(); err != nil {
			t.Fatalf("shard %d/4: %v\n%s", i+1, err, logs[i])
		}
	}
	parts, _ := filepath.Glob(filepath.Join(out, "parts", "part-*-of-4.json"))
	if o, err := command(append([]string{"pack", "merge", out}, parts...)...).CombinedOutput(); err == nil {
		t.Fatalf("merge exited 0, want 1 (a row failed)\n%s", o)
	}
	compareOutputs(t, "4 processes merged", one, out)
}
