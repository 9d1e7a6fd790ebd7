package main

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/defaults"
	"github.com/rolepack/rolepack/framework/importer"
	"github.com/rolepack/rolepack/render/compose"
)

// configFlags are the flags every command that reads config.yaml shares.
type configFlags struct {
	config string
	set    []string // KEY=VALUE overrides
}

func (f *configFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.config, "config", "", "config file (default ./config.yaml, else the embedded default; env ROLEPACK_CONFIG)")
	cmd.Flags().StringArrayVar(&f.set, "set", nil, `set any config value, e.g. --set vacancy.salary="£55,690 to £62,682" --set organisation.name="NHS Example Trust"; lists take ";" (--set vacancy.panel="Jane Smith;Raj Patel"); repeatable`)
}

// runFlags are the flags that pick what to render.
type runFlags struct {
	configFlags
	role, level, out, templates, date string
	docs, formats                     []string
}

func (f *runFlags) add(cmd *cobra.Command) {
	f.configFlags.add(cmd)
	fl := cmd.Flags()
	fl.StringVar(&f.role, "role", "", "role id from config.yaml, or FRAMEWORK/ROLE for a framework role as it is (env ROLEPACK_ROLE)")
	fl.StringVar(&f.level, "level", "", "ladder level (or the framework's level id with FRAMEWORK/ROLE) (env ROLEPACK_LEVEL)")
	fl.StringSliceVar(&f.docs, "doc", nil, "document kinds, comma-separated: jd, spec, advert, scoring, pdp (env ROLEPACK_DOC)")
	fl.StringSliceVar(&f.formats, "format", nil, "output formats, comma-separated: pdf, docx, md, html (env ROLEPACK_FORMAT)")
	fl.StringVar(&f.out, "out", "", "output folder (default dist) (env ROLEPACK_OUT)")
	fl.StringVar(&f.templates, "templates", "", "folder of template overrides, file by file (env ROLEPACK_TEMPLATES)")
	fl.StringVar(&f.date, "date", "", "document date YYYY-MM-DD (default SOURCE_DATE_EPOCH, else today) (env ROLEPACK_DATE)")
}

// loaded is a config file read, overridden by environment and flags, with
// the frameworks it names.
type loaded struct {
	cfg  *compose.Config
	dir  string // folder relative paths in the config are resolved against
	lib  *compose.Library
	date time.Time
	// dateFromClock is set when no config, flag or SOURCE_DATE_EPOCH fixed
	// the date, so it is today's.
	dateFromClock bool
}

// loadConfig reads the config file (strictly: unknown keys and syntax errors
// are file:line errors), then applies ROLEPACK_* environment variables and
// flags over it with viper, in that order of precedence.
func loadConfig(io *IO, cmd *cobra.Command, f *configFlags) (*compose.Config, string, error) {
	path := f.config
	if path == "" {
		path = io.Getenv("ROLEPACK_CONFIG")
	}
	explicit := path != ""
	if !explicit {
		if _, err := os.Stat("config.yaml"); err == nil {
			path = "config.yaml"
		}
	}
	var (
		data []byte
		dir  = "."
		err  error
	)
	if path == "" {
		data = rolepack.DefaultConfig
	} else {
		data, err = os.ReadFile(path)
		if err != nil {
			return nil, "", fmt.Errorf("config: %w", err)
		}
		dir = filepath.Dir(path)
	}
	cfg, err := compose.LoadConfig(displayName(path), data)
	if err != nil {
		return nil, "", err
	}
	v := viper.New()
	v.SetEnvPrefix("ROLEPACK")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	sets := map[string]string{}
	for _, kv := range f.set {
		k, val, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, "", fmt.Errorf("--set %q: write KEY=VALUE, e.g. --set vacancy.band=\"Band 8a\"", kv)
		}
		sets[strings.TrimSpace(k)] = val
	}
	if err := overlay(v, cmd, reflect.ValueOf(cfg).Elem(), "", sets); err != nil {
		return nil, "", err
	}
	if len(sets) > 0 {
		unknown := make([]string, 0, len(sets))
		for k := range sets {
			unknown = append(unknown, k)
		}
		sort.Strings(unknown)
		return nil, "", fmt.Errorf("--set %s: no such config key (see docs/config.md)", strings.Join(unknown, ", "))
	}
	return cfg, dir, nil
}

func displayName(path string) string {
	if path == "" {
		return "config.yaml (embedded default)"
	}
	return path
}

// flagFor maps config keys to the flag that sets them.
var flagFor = map[string]string{"role": "role", "level": "level", "documents": "doc", "formats": "format", "out": "out", "templates": "templates", "date": "date"}

// envAlias gives config keys a second, shorter environment variable.
var envAlias = map[string]string{"documents": "ROLEPACK_DOC", "formats": "ROLEPACK_FORMAT"}

// overlay lets viper override every scalar and list field of the config
// from ROLEPACK_<KEY> environment variables and, for the run keys, flags.
// Values given with --set (consumed from sets as they are applied) win
// over both.
func overlay(v *viper.Viper, cmd *cobra.Command, s reflect.Value, prefix string, sets map[string]string) error {
	t := s.Type()
	for i := 0; i < t.NumField(); i++ {
		tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
		if tag == "" || tag == "-" || !t.Field(i).IsExported() {
			continue
		}
		key := tag
		if prefix != "" {
			key = prefix + "." + tag
		}
		fv := s.Field(i)
		switch fv.Kind() {
		case reflect.Struct:
			if err := overlay(v, cmd, fv, key, sets); err != nil {
				return err
			}
			continue
		case reflect.String, reflect.Float64, reflect.Bool:
		case reflect.Slice:
			if fv.Type().Elem().Kind() != reflect.String {
				continue
			}
		default:
			continue
		}
		v.SetDefault(key, fv.Interface())
		envs := []string{key, "ROLEPACK_" + strings.ToUpper(strings.NewReplacer(".", "_").Replace(key))}
		if a, ok := envAlias[key]; ok {
			envs = append(envs, a)
		}
		if err := v.BindEnv(envs...); err != nil {
			return err
		}
		if name, ok := flagFor[key]; ok && cmd != nil {
			if fl := cmd.Flags().Lookup(name); fl != nil {
				if err := v.BindPFlag(key, fl); err != nil {
					return err
				}
			}
		}
		if val, ok := sets[key]; ok {
			v.Set(key, val)
			delete(sets, key)
		}
		switch fv.Kind() {
		case reflect.String:
			fv.SetString(v.GetString(key))
		case reflect.Float64:
			fv.SetFloat(v.GetFloat64(key))
		case reflect.Bool:
			fv.SetBool(v.GetBool(key))
		case reflect.Slice:
			fv.Set(reflect.ValueOf(listValue(v, key)))
		}
	}
	return nil
}

// commaLists are the list keys whose items are names (document kinds,
// formats, files): a flag or environment variable gives them comma-separated.
var commaLists = map[string]bool{"documents": true, "formats": true, "frameworks": true}

// listValue reads a list key. Items written in the config stay as they
// are (an offer may hold commas); an environment variable gives a name list
// comma-separated and any other list separated by ";".
func listValue(v *viper.Viper, key string) []string {
	if commaLists[key] {
		return splitList(v.GetStringSlice(key))
	}
	if s, ok := v.Get(key).(string); ok {
		var out []string
		for _, p := range strings.Split(s, ";") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	return v.GetStringSlice(key)
}

// splitList splits comma-separated items (an environment variable gives
// "jd,pdp" as one item) and drops empty ones.
func splitList(in []string) []string {
	var out []string
	for _, s := range in {
		for _, p := range strings.Split(s, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// templatesDir is the folder of template overrides: from --templates as
// given, or from the config relative to the config file.
func (l *loaded) templatesDir(cmd *cobra.Command) string {
	dir := l.cfg.Templates
	if dir != "" && !filepath.IsAbs(dir) && !cmd.Flags().Changed("templates") {
		dir = filepath.Join(l.dir, dir)
	}
	return dir
}

// loadAll reads the config and the frameworks it draws on, and settles
// the document date.
func loadAll(io *IO, cmd *cobra.Command, f *configFlags) (*loaded, error) {
	cfg, dir, err := loadConfig(io, cmd, f)
	if err != nil {
		return nil, err
	}
	lib, err := loadLibrary(io, cfg, dir)
	if err != nil {
		return nil, err
	}
	date, fromClock, err := documentDate(io, cfg)
	if err != nil {
		return nil, err
	}
	return &loaded{cfg: cfg, dir: dir, lib: lib, date: date, dateFromClock: fromClock}, nil
}

// loadLibrary returns the embedded default frameworks plus the ones the
// config names (canonical YAML or source documents).
func loadLibrary(io *IO, cfg *compose.Config, dir string) (*compose.Library, error) {
	builtins, err := defaults.Frameworks()
	if err != nil {
		return nil, err
	}
	var fws []*framework.Framework
	for i, p := range cfg.Frameworks {
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		fw, probs, err := importer.Import([]string{p}, importer.Options{})
		if err != nil {
			return nil, fmt.Errorf("%s: framework %s: %w", cfg.At("frameworks", i), p, err)
		}
		if framework.HasErrors(probs) {
			for _, pr := range probs {
				fmt.Fprintln(io.Err, pr.Error())
			}
			return nil, fmt.Errorf("%s: framework %s has errors (run rolepack validate %s)", cfg.At("frameworks", i), p, p)
		}
		fws = append(fws, fw)
	}
	lib, notes, err := compose.NewLibraryOver(builtins, fws)
	for _, n := range notes {
		fmt.Fprintf(io.Err, "warning: frameworks: %s\n", n)
	}
	return lib, err
}

// documentDate is the date documents carry: the config or --date, else
// SOURCE_DATE_EPOCH, else today (UTC), so that runs on one day give the
// same bytes.
func documentDate(io *IO, cfg *compose.Config) (date time.Time, fromClock bool, err error) {
	if cfg.Date != "" {
		d, err := time.Parse("2006-01-02", cfg.Date)
		if err != nil {
			return time.Time{}, false, fmt.Errorf("%s: date %q is not YYYY-MM-DD", cfg.At("date"), cfg.Date)
		}
		return d, false, nil
	}
	if s := io.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, false, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a whole number of seconds", s)
		}
		return time.Unix(n, 0).UTC(), false, nil
	}
	now := time.Now().UTC()
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC), true, nil
}
