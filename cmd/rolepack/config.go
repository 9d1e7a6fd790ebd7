package main

import (
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/rolepack/rolepack/compose"
)

// ConfigOptions are the inputs every command that reads config.yaml
// shares.
type ConfigOptions struct {
	File string   // --config: the config file ("" to search for one)
	Sets []string // --set KEY=VALUE overrides
}

func (o *ConfigOptions) addFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.File, "config", "", "config file (default ./config.yaml, else $XDG_CONFIG_HOME/rolepack/config.yaml, else the embedded default; env ROLEPACK_CONFIG)")
	cmd.Flags().StringArrayVar(&o.Sets, "set", nil, `set any config value, e.g. --set vacancy.salary="£55,690 to £62,682" --set organisation.name="NHS Example Trust"; lists take ";" (--set vacancy.panel="Jane Smith;Raj Patel"); repeatable`)
}

// flagValue is a config key given by a command-line flag, as typed.
type flagValue struct {
	key    string   // config key, e.g. "formats"
	flag   string   // flag name, e.g. "format"
	values []string // the flag's values (one for a scalar)
}

// stringFlag is the flag value of a scalar key, none when the flag was not
// given (empty).
func stringFlag(key, flag, value string) []flagValue {
	if value == "" {
		return nil
	}
	return []flagValue{{key: key, flag: flag, values: []string{value}}}
}

// listFlag is the flag value of a list key, none when the flag was not
// given.
func listFlag(key, flag string, values []string) []flagValue {
	if len(values) == 0 {
		return nil
	}
	return []flagValue{{key: key, flag: flag, values: values}}
}

// origin is where a config value came from when not from the config file:
// a flag, an environment variable or --set, as it was written, so that an
// error about the value names it ("--format odt", "ROLEPACK_FORMAT=odt").
type origin struct {
	key   string // config key, e.g. "formats"
	flag  string // flag name, when from a flag
	env   string // variable name, when from the environment
	set   bool   // from --set
	value string // the value as given
}

func (o origin) String() string {
	v := o.value
	if v == "" || strings.ContainsAny(v, " \t\"'") {
		v = strconv.Quote(v)
	}
	switch {
	case o.set:
		return "--set " + o.key + "=" + v
	case o.flag != "":
		return "--" + o.flag + " " + v
	default:
		return o.env + "=" + v
	}
}

// loaded is a config file read, overridden by environment and flags, with
// the frameworks it names.
type loaded struct {
	cfg  *compose.Config
	file ConfigFile
	lib  *compose.Library
	date time.Time
	// dateFromClock is set when no config, flag or SOURCE_DATE_EPOCH fixed
	// the date, so it is today's.
	dateFromClock bool
	// origins holds the keys whose value did not come from the file.
	origins map[string]origin
}

// path resolves a file or folder path the config gives at key: relative to
// the config file's folder when the file gave it, as given otherwise.
func (l *loaded) path(key, p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	if _, ok := l.origins[key]; ok {
		return p
	}
	return filepath.Join(l.file.Dir, p)
}

// templatesDir is the folder of template overrides.
func (l *loaded) templatesDir() string { return l.path("templates", l.cfg.Templates) }

// loadConfig reads the config file (strictly: unknown keys, duplicate keys,
// second documents and syntax errors are file:line errors), then applies
// ROLEPACK_* environment variables, flags and --set over it, in that order
// of precedence, and checks the values. Each value that does not come from
// the file keeps its origin, so an error about it names the flag or
// variable.
func (f *Factory) loadConfig(co ConfigOptions, flags []flagValue) (*compose.Config, ConfigFile, map[string]origin, error) {
	path := co.File
	if path == "" {
		path = f.Getenv("ROLEPACK_CONFIG")
	}
	file, err := f.Config(path)
	if err != nil {
		return nil, ConfigFile{}, nil, err
	}
	cfg, err := compose.LoadConfig(file.Name, file.Data)
	if err != nil {
		return nil, ConfigFile{}, nil, err
	}
	sets := map[string]string{}
	var setOrder []string // keys as typed
	for _, kv := range co.Sets {
		k, val, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, ConfigFile{}, nil, fmt.Errorf("--set %q: write KEY=VALUE, e.g. --set vacancy.band=\"Band 8a\"", kv)
		}
		k = strings.TrimSpace(k)
		if _, seen := sets[strings.ToLower(k)]; !seen {
			setOrder = append(setOrder, k)
		}
		sets[strings.ToLower(k)] = val
	}
	o := &overlay{getenv: f.Getenv, sets: sets, flags: map[string]flagValue{}, origins: map[string]origin{}}
	for _, fv := range flags {
		o.flags[fv.key] = fv
	}
	if err := o.apply(reflect.ValueOf(cfg).Elem(), ""); err != nil {
		return nil, ConfigFile{}, nil, err
	}
	var unknown []string
	for _, k := range setOrder {
		if !o.used[strings.ToLower(k)] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, ConfigFile{}, nil, fmt.Errorf("--set %s: no such config key (see docs/config.md)", strings.Join(unknown, ", "))
	}
	for k, or := range o.origins {
		cfg.SetOrigin(k, or.String())
	}
	if err := cfg.CheckValues(); err != nil {
		return nil, ConfigFile{}, nil, err
	}
	return cfg, file, o.origins, nil
}

// envAlias gives config keys a second, shorter environment variable.
var envAlias = map[string]string{"documents": "ROLEPACK_DOC", "formats": "ROLEPACK_FORMAT"}

// commaLists are the list keys whose items are names (document kinds,
// formats, files): a flag or environment variable gives them
// comma-separated; other lists are separated by ";".
var commaLists = map[string]bool{"documents": true, "formats": true, "frameworks": true}

// overlay sets config fields from --set, flags and ROLEPACK_<KEY>
// environment variables, in that order of precedence, parsing each value
// for its field's type.
type overlay struct {
	getenv  func(string) string
	sets    map[string]string // lower-case key -> value
	used    map[string]bool   // sets applied
	flags   map[string]flagValue
	origins map[string]origin
}

// envNames lists the environment variables of a config key, first wins.
func envNames(key string) []string {
	names := []string{"ROLEPACK_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))}
	if a, ok := envAlias[key]; ok {
		names = append(names, a)
	}
	return names
}

// source returns the value given for key outside the file, if any.
func (o *overlay) source(key string) (origin, []string, bool) {
	if v, ok := o.sets[strings.ToLower(key)]; ok {
		if o.used == nil {
			o.used = map[string]bool{}
		}
		o.used[strings.ToLower(key)] = true
		return origin{key: key, set: true, value: v}, []string{v}, true
	}
	if fv, ok := o.flags[key]; ok {
		return origin{key: key, flag: fv.flag, value: strings.Join(fv.values, ",")}, fv.values, true
	}
	for _, name := range envNames(key) {
		if v := o.getenv(name); v != "" {
			return origin{key: key, env: name, value: v}, []string{v}, true
		}
	}
	return origin{}, nil, false
}

func (o *overlay) apply(s reflect.Value, prefix string) error {
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
			if err := o.apply(fv, key); err != nil {
				return err
			}
			continue
		case reflect.String, reflect.Float64, reflect.Bool, reflect.Int:
		case reflect.Slice:
			if fv.Type().Elem().Kind() != reflect.String {
				continue
			}
		default:
			continue
		}
		or, values, ok := o.source(key)
		if !ok {
			continue
		}
		if err := setField(fv, key, or, values); err != nil {
			return err
		}
		o.origins[key] = or
	}
	return nil
}

// setField parses values for the field's type and sets it; a value that
// does not parse is an error naming where it came from and the key.
func setField(fv reflect.Value, key string, or origin, values []string) error {
	raw := strings.TrimSpace(strings.Join(values, ","))
	switch fv.Kind() {
	case reflect.String:
		fv.SetString(strings.Join(values, ","))
	case reflect.Float64:
		n, err := strconv.ParseFloat(strings.ReplaceAll(raw, "_", ""), 64)
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
			return fmt.Errorf("%s: %s must be a number, e.g. 55690", or, key)
		}
		fv.SetFloat(n)
	case reflect.Int:
		n, err := strconv.Atoi(raw)
		if err != nil {
			return fmt.Errorf("%s: %s must be a whole number", or, key)
		}
		fv.SetInt(int64(n))
	case reflect.Bool:
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return fmt.Errorf("%s: %s must be true or false", or, key)
		}
		fv.SetBool(b)
	case reflect.Slice:
		sep := ";"
		if commaLists[key] || or.flag != "" {
			sep = ","
		}
		var items []string
		for _, v := range values {
			for _, p := range strings.Split(v, sep) {
				if p = strings.TrimSpace(p); p != "" {
					items = append(items, p)
				}
			}
		}
		fv.Set(reflect.ValueOf(items))
	}
	return nil
}

// loadAll reads the config and the frameworks it draws on, and settles
// the document date.
func (f *Factory) loadAll(co ConfigOptions, flags []flagValue) (*loaded, error) {
	cfg, file, origins, err := f.loadConfig(co, flags)
	if err != nil {
		return nil, err
	}
	l := &loaded{cfg: cfg, file: file, origins: origins}
	dir := file.Dir
	if _, ok := origins["frameworks"]; ok {
		dir = "."
	}
	if l.lib, err = f.Library(cfg, dir); err != nil {
		return nil, err
	}
	if l.date, l.dateFromClock, err = f.documentDate(cfg); err != nil {
		return nil, err
	}
	return l, nil
}

// documentDate is the date documents carry: the config or --date, else
// SOURCE_DATE_EPOCH, else today (UTC), so that runs on one day give the
// same bytes.
func (f *Factory) documentDate(cfg *compose.Config) (date time.Time, fromClock bool, err error) {
	if cfg.Date != "" {
		d, err := compose.ParseDate(cfg.Date)
		if err != nil {
			return time.Time{}, false, fmt.Errorf("%s: date %w", cfg.At("date"), err)
		}
		return d, false, nil
	}
	if s := f.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, false, fmt.Errorf("SOURCE_DATE_EPOCH=%s: not a whole number of seconds", s)
		}
		if n < compose.MinDate.Unix() || n > compose.MaxDate.Unix() {
			return time.Time{}, false, fmt.Errorf("SOURCE_DATE_EPOCH=%s: the date must lie between %d and %d", s, compose.MinDate.Year(), compose.MaxDate.Year())
		}
		return time.Unix(n, 0).UTC(), false, nil
	}
	now := f.Now().UTC()
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC), true, nil
}

// checkNames checks each name against the known ones of a registry; an
// unknown one is an error naming where the list came from (the flag,
// variable or file line) and listing the known names.
func checkNames(cfg *compose.Config, key, what string, names, known []string, origins map[string]origin) error {
	if or, ok := origins[key]; ok {
		return checkOrigin(or, what, names, known)
	}
	for _, n := range names {
		if n = strings.ToLower(strings.TrimSpace(n)); !slices.Contains(known, n) {
			return fmt.Errorf("%s: unknown %s %q (known: %s)", cfg.At(key), what, n, strings.Join(known, ", "))
		}
	}
	return nil
}

// checkOrigin checks names given by a flag or variable: "--format odt:
// unknown format (known: …)", or, in a list, "--doc jd,cv: unknown
// document kind "cv" (known: …)".
func checkOrigin(or origin, what string, names, known []string) error {
	for _, n := range names {
		n = strings.ToLower(strings.TrimSpace(n))
		if slices.Contains(known, n) {
			continue
		}
		if strings.EqualFold(strings.TrimSpace(or.value), n) {
			return fmt.Errorf("%s: unknown %s (known: %s)", or, what, strings.Join(known, ", "))
		}
		return fmt.Errorf("%s: unknown %s %q (known: %s)", or, what, n, strings.Join(known, ", "))
	}
	return nil
}

// splitList splits comma-separated items (a flag may give "jd,pdp" as one
// item) and drops empty ones.
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

// checkRoleLevel checks a role and level that a flag or variable gave
// against the config's roles and ladder, so that the error names the flag
// ("--level chief: unknown level (the ladder has: …)"); values from the
// file, and FRAMEWORK/ROLE ids, are left to composition, whose errors
// name the config line.
func checkRoleLevel(l *loaded, role, level string) error {
	if strings.Contains(role, "/") {
		return nil
	}
	if or, ok := l.origins["role"]; ok && or.value == role {
		if _, ok := l.cfg.Roles[role]; !ok {
			return fmt.Errorf("%s: unknown role (available: %s, or FRAMEWORK/ROLE: see rolepack list roles)", or, strings.Join(l.cfg.RoleIDs(), ", "))
		}
	}
	if or, ok := l.origins["level"]; ok && or.value == level {
		if _, ok := l.cfg.Rung(level); !ok {
			return fmt.Errorf("%s: unknown level (the ladder has: %s)", or, strings.Join(l.cfg.RungIDs(), ", "))
		}
	}
	return nil
}
