package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rolepack/rolepack/pack"
)

// PackMergeOptions are the inputs of `rolepack pack merge`.
type PackMergeOptions struct {
	*Factory
	Out   string   // the output folder the shards wrote their packs into
	Parts []string // the shards' part indexes
	Force bool
}

// NewCmdPackMerge returns the pack merge command; runF, when not nil, runs
// in place of runPackMerge.
func NewCmdPackMerge(f *Factory, runF func(context.Context, *PackMergeOptions) error) *cobra.Command {
	opts := &PackMergeOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "merge OUT PART...",
		Short: "Write the index and feeds of a run built in shards (rolepack pack --shard I/N)",
		Long: `merge finishes a run of rolepack pack built as N shards (--shard I/N, or
--shards N on a Kubernetes Indexed Job, an AWS Batch array job or a GitLab
parallel job; see docs/scale.md). OUT is the output folder every shard wrote
its packs into (or into which each shard's output was copied); each PART is
a shard's part index, OUT/parts/part-I-of-N.json.

merge checks that every one of the N parts is there, once, and that all of
them are of the same manifest and were built from the same inputs (config,
frameworks, templates, document date, formats), and that the packs they list
are in OUT; then it writes OUT/index.html, OUT/index.csv, OUT/feed.xml and
OUT/feed.jsonl: the same bytes a run on one machine writes, whatever the
number of shards and the order of the parts. A missing, duplicate or foreign
part is an error and nothing is written. The exit status is 1 when a pack of
the run failed, as for rolepack pack.`,
		Example: `  rolepack pack merge dist/packs dist/packs/parts/*.json`,
		Args:    cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Out, opts.Parts = args[0], args[1:]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runPackMerge(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite index and feed files rolepack did not write")
	return cmd
}

func runPackMerge(ctx context.Context, opts *PackMergeOptions) error {
	if fi, err := os.Stat(opts.Out); err == nil && !fi.IsDir() {
		return fmt.Errorf("merge: %s is a file: give the output folder the shards wrote into first, then the parts (rolepack pack merge OUT PART...)", opts.Out)
	}
	s, err := pack.Merge(ctx, opts.Out, opts.Parts, opts.Force)
	if err != nil {
		return err
	}
	total := len(s.Results)
	if !opts.Quiet {
		fmt.Fprintf(opts.IO.Err, "%s from %s: %d built, %d failed, %d up to date\nindex: %s\n",
			plural(total, "pack"), plural(len(opts.Parts), "part"), s.Built, s.Failed, s.UpToDate, filepath.Join(opts.Out, pack.IndexHTML))
	}
	if s.Failed > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d of %s failed (see %s)", s.Failed, plural(total, "pack"), filepath.Join(opts.Out, pack.IndexCSV))}
	}
	return nil
}

// shardIndexes are the variables a batch engine gives each task of an
// array of N its index in, and the index of the first task.
var shardIndexes = []struct {
	name  string
	first int
}{
	{"JOB_COMPLETION_INDEX", 0},      // Kubernetes Indexed Job
	{"AWS_BATCH_JOB_ARRAY_INDEX", 0}, // AWS Batch array job
	{"CI_NODE_INDEX", 1},             // GitLab CI parallel job
}

// packShard settles the shard a pack run builds: --shard I/N; else with
// --shards N the index an engine's variable gives; else GitLab's
// CI_NODE_INDEX of CI_NODE_TOTAL when a parallel job sets both. The zero
// Shard is the whole run; from says where the shard came from.
func packShard(opts *PackOptions) (sh pack.Shard, from string, err error) {
	if opts.Shards < 0 {
		return sh, "", fmt.Errorf("--shards %d: the number of shards must be at least 1", opts.Shards)
	}
	if opts.Shard != "" {
		sh, err := pack.ParseShard(opts.Shard)
		if err != nil {
			return sh, "", fmt.Errorf("--shard %s: %w", opts.Shard, err)
		}
		if opts.Shards > 0 && opts.Shards != sh.Of {
			return sh, "", fmt.Errorf("--shard %s and --shards %d disagree on the number of shards", opts.Shard, opts.Shards)
		}
		return sh, "--shard", nil
	}
	n := opts.Shards
	if n == 0 {
		total, index := opts.Getenv("CI_NODE_TOTAL"), opts.Getenv("CI_NODE_INDEX")
		if total == "" || index == "" {
			return pack.Shard{}, "", nil
		}
		if n, err = strconv.Atoi(strings.TrimSpace(total)); err != nil || n < 1 {
			return sh, "", fmt.Errorf("CI_NODE_TOTAL=%s: not a number of shards", total)
		}
		if n == 1 {
			return pack.Shard{}, "", nil
		}
	}
	for _, v := range shardIndexes {
		s := strings.TrimSpace(opts.Getenv(v.name))
		if s == "" {
			continue
		}
		i, err := strconv.Atoi(s)
		if err != nil {
			return sh, "", fmt.Errorf("%s=%s: not a shard index", v.name, s)
		}
		sh = pack.Shard{Index: i + 1 - v.first, Of: n}
		if sh.Index < 1 || sh.Index > n {
			return sh, "", fmt.Errorf("%s=%s: not a shard of %d (%d to %d)", v.name, s, n, v.first, n-1+v.first)
		}
		if t := opts.Getenv("CI_NODE_TOTAL"); v.name == "CI_NODE_INDEX" && t != "" && t != strconv.Itoa(n) {
			return sh, "", fmt.Errorf("--shards %d, but CI_NODE_TOTAL=%s", n, t)
		}
		return sh, v.name, nil
	}
	return sh, "", fmt.Errorf("--shards %d: no shard index: give --shard I/%d, or run where JOB_COMPLETION_INDEX (Kubernetes Indexed Job), AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch) or CI_NODE_INDEX (GitLab) is set", n, n)
}

// checkFeedURL refuses a --feed-url that is not an absolute http(s)
// address.
func checkFeedURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("--feed-url %s: give the absolute http(s) address the output folder is published at, e.g. https://jobs.example.org/packs/", s)
	}
	return nil
}
