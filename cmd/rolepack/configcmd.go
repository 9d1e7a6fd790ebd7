package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/rolepack/rolepack/config"
	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"
)

// ConfigCmdOptions are the inputs of `rolepack config`.
type ConfigCmdOptions struct {
	*Factory
	Config ConfigOptions
	JSON   bool
}

// NewCmdConfig returns the config command; runF, when not nil, runs in
// place of runConfig.
func NewCmdConfig(f *Factory, runF func(context.Context, *ConfigCmdOptions) error) *cobra.Command {
	opts := &ConfigCmdOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Print the merged config, with where each value came from",
		Long: `config prints every key a run would use and where its value came from: the
embedded default, $XDG_CONFIG_HOME/rolepack/config.yaml, ./config.yaml,
--config FILE (each as file:line), a ROLEPACK_* variable, or --set, in that
order of precedence (docs/config.md, "Layers"). It reads the config as a run
would, so a bad value is the same one-line error.`,
		Example: `  rolepack config
  rolepack config --json | jq '.keys[] | select(.layer != "default")'
  ROLEPACK_LEVEL=senior rolepack config --set vacancy.band="Band 8a"`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runConfig(cmd.Context(), opts)
		},
	}
	opts.Config.addFlags(cmd)
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON: {files, keys: [{key, value, layer, origin}]}")
	return cmd
}

// configValue is one key of the merged config, for `rolepack config`.
type configValue struct {
	Key    string `json:"key"`
	Value  any    `json:"value"`
	Layer  string `json:"layer"`  // default, user, local, given, environment, flag, set
	Origin string `json:"origin"` // file:line, ROLEPACK_X=value, --flag value, --set key=value
}

// configFileJSON names a config file read, for `rolepack config --json`.
type configFileJSON struct {
	Layer string `json:"layer"`
	Name  string `json:"name"`
}

// values lists every key some layer set, in schema order, with its origin.
func (l *loaded) values() []configValue {
	var out []configValue
	for _, k := range config.Keys() {
		cv := configValue{Key: k.Name, Value: plain(l.cfg.Field(k).Interface())}
		if or, ok := l.origins[k.Name]; ok {
			cv.Layer, cv.Origin = or.layer(), or.String()
		} else if i, ok := l.fromFile[k.Name]; ok {
			cv.Layer, cv.Origin = l.files[i].Layer, l.cfg.At(k.Name)
		} else {
			continue
		}
		out = append(out, cv)
	}
	return out
}

func runConfig(_ context.Context, opts *ConfigCmdOptions) error {
	l, err := opts.loadConfig(opts.Config, nil)
	if err != nil {
		return err
	}
	w := &stdout{w: opts.IO.Out}
	vals := l.values()
	if opts.JSON {
		files := make([]configFileJSON, len(l.files))
		for i, f := range l.files {
			files[i] = configFileJSON{Layer: f.Layer, Name: f.Name}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			Files []configFileJSON `json:"files"`
			Keys  []configValue    `json:"keys"`
		}{files, vals}); err != nil && w.err == nil {
			return fmt.Errorf("config: %w", err)
		}
		return w.result()
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, v := range vals {
		b, err := json.Marshal(v.Value)
		if err != nil {
			return fmt.Errorf("config: %s: %w", v.Key, err)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", v.Key, clip(string(b), 60), v.Origin)
	}
	if err := tw.Flush(); err != nil && w.err == nil {
		return err
	}
	return w.result()
}

// plain is v as YAML would write it (its keys as config.yaml spells them),
// as maps, lists and scalars that encode as JSON.
func plain(v any) any {
	b, err := yaml.Marshal(v)
	if err != nil {
		return v
	}
	var out any
	if err := yaml.Unmarshal(b, &out); err != nil {
		return v
	}
	return out
}

// clip shortens s to at most n characters, ending it with "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
