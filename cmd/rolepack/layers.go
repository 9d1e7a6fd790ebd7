package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/viper"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/internal/userfile"
)

// The config is read in layers, each over the one before, key by key:
//
//	embedded default ← $XDG_CONFIG_HOME/rolepack/config.yaml ← ./config.yaml
//	← --config FILE (or ROLEPACK_CONFIG) ← ROLEPACK_* ← flags ← --set
//
// viper holds the layers and answers which one a key's value comes from:
// the files, the environment and the flags are merged into its config
// layer in that order (MergeConfigMap merges key by key), --set is its
// override layer. Every file is first decoded on its own by
// config.LoadConfig, strictly and with its lines, so a typo or a value of
// the wrong kind is "file:line: message"; every value from a variable, a
// flag or --set is parsed strictly for its key's type, so "abc" for a
// number is an error naming where it was written. viper only ever holds
// typed values, and lower-cases only the schema's own keys: a key whose
// value is a map of the user's names (roles, organisation.clauses,
// scoring.weights …) is one value, handed to viper whole, so its keys
// keep their case; such a map is replaced, not merged, by a later layer.

// loaded is the config read from its layers, with the frameworks it names.
type loaded struct {
	cfg *config.Config
	lib *compose.Library
	// files are the config files read, lowest layer first.
	files []ConfigFile
	date  time.Time
	// dateFromClock is set when no config, flag or SOURCE_DATE_EPOCH fixed
	// the date, so it is today's.
	dateFromClock bool
	// origins holds the keys whose value came from a variable, a flag or
	// --set.
	origins map[string]origin
	// fromFile holds the keys whose value came from a file: the index in
	// files.
	fromFile map[string]int
	// planUnasked is set when the run's only plan is the embedded
	// default's (its documents: jd, pdp) and its move was dropped for a
	// role the user picked (planFollowsRole): a plan the user did not ask
	// for, which may not exist (at a role's top level).
	planUnasked bool
}

// dir is the folder the relative paths of key resolve against: the folder
// of the file that set it, else the working directory.
func (l *loaded) dir(key string) string {
	if i, ok := l.fromFile[key]; ok {
		return l.files[i].Dir
	}
	return "."
}

// fromDefault reports whether key's value is the embedded default's: no
// file, variable or flag of the user's set it.
func (l *loaded) fromDefault(key string) bool {
	i, ok := l.fromFile[key]
	return ok && i == 0
}

// path resolves a file or folder path the config gives at key: relative to
// the folder of the config file that gave it, as given otherwise.
func (l *loaded) path(key, p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	if _, ok := l.fromFile[key]; !ok {
		return p
	}
	return filepath.Join(l.dir(key), p)
}

// templatesDir is the folder of template overrides.
func (l *loaded) templatesDir() string { return l.path("templates", l.cfg.Templates) }

// embeddedName names the embedded default config in messages.
const embeddedName = "config.yaml (embedded default)"

// configLayers returns the config files of a run, lowest first: the
// embedded default, then the user's and the working directory's
// config.yaml where they exist, then the file given (by --config or
// ROLEPACK_CONFIG), which must exist.
func (f *Factory) configLayers(given string) ([]ConfigFile, error) {
	files := []ConfigFile{{Layer: "default", Name: embeddedName, Dir: ".", Data: rolepack.DefaultConfig}}
	seen := map[string]bool{}
	add := func(layer, path string, must bool) error {
		abs, err := filepath.Abs(path)
		if err == nil && seen[abs] {
			return nil
		}
		seen[abs] = true
		if !must {
			if _, err := os.Stat(path); err != nil {
				return nil
			}
		}
		data, err := userfile.Read(path, userfile.Config)
		if err != nil {
			return fmt.Errorf("config: %w", err)
		}
		files = append(files, ConfigFile{Layer: layer, Path: path, Name: path, Dir: filepath.Dir(path), Data: data})
		return nil
	}
	search := f.configSearch() // ./config.yaml, then the user's file
	for i := len(search) - 1; i >= 0; i-- {
		layer := "local"
		if i > 0 {
			layer = "user"
		}
		if err := add(layer, search[i], false); err != nil {
			return nil, err
		}
	}
	if given != "" {
		if err := add("given", given, true); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// loadConfig reads the config's layers (see the top of this file) and
// checks the values. Each value keeps its origin, so an error about it
// names the file and line, the flag or the variable.
func (f *Factory) loadConfig(co ConfigOptions, flags []flagValue) (*loaded, error) {
	given := co.File
	if given == "" {
		given = f.Getenv("ROLEPACK_CONFIG")
	}
	files, err := f.Config(given)
	if err != nil {
		return nil, err
	}
	l := &loaded{files: files, origins: map[string]origin{}, fromFile: map[string]int{}}
	v := viper.New()
	byFile := make([]*config.Config, len(files))
	for i, file := range files {
		c, err := config.LoadConfig(file.Name, file.Data)
		if err != nil {
			return nil, err
		}
		byFile[i] = c
		m := map[string]any{}
		for _, k := range config.Keys() {
			if c.Has(k.Name) {
				setNested(m, k.Name, c.Field(k).Interface())
				l.fromFile[k.Name] = i
			}
		}
		if err := v.MergeConfigMap(m); err != nil {
			return nil, fmt.Errorf("%s: %w", file.Name, err)
		}
	}

	// ROLEPACK_* variables, then flags, over the files.
	env := map[string]any{}
	for _, k := range config.Keys() {
		if !k.Scalar() {
			continue
		}
		for _, name := range envNames(k.Name) {
			if val := f.Getenv(name); val != "" {
				or := origin{key: k.Name, env: name, value: val}
				x, err := parseValue(k, or, []string{val})
				if err != nil {
					return nil, err
				}
				setNested(env, k.Name, x)
				l.origins[k.Name] = or
				break
			}
		}
	}
	if err := v.MergeConfigMap(env); err != nil {
		return nil, err
	}
	fm := map[string]any{}
	for _, fv := range flags {
		k, ok := config.LookupKey(fv.key)
		if !ok {
			return nil, fmt.Errorf("--%s: no config key %s", fv.flag, fv.key) // a flag table out of step with the schema
		}
		or := origin{key: k.Name, flag: fv.flag, value: strings.Join(fv.values, ",")}
		x, err := parseValue(k, or, fv.values)
		if err != nil {
			return nil, err
		}
		setNested(fm, k.Name, x)
		l.origins[k.Name] = or
	}
	if err := v.MergeConfigMap(fm); err != nil {
		return nil, err
	}

	// --set, over everything.
	for _, kv := range co.Sets {
		name, val, ok := strings.Cut(kv, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, fmt.Errorf("--set %q: write KEY=VALUE, e.g. --set vacancy.band=\"Band 8a\"", kv)
		}
		k, ok := config.LookupKey(name)
		if !ok {
			return nil, fmt.Errorf("--set %s: no such config key%s (see docs/config.md)", name, didYouMean(name, keyNames()))
		}
		or := origin{key: k.Name, set: true, value: val}
		if !k.Scalar() {
			return nil, fmt.Errorf("%s: %s is a mapping or a list of mappings: set it in a config file", or, k.Name)
		}
		x, err := parseValue(k, or, []string{val})
		if err != nil {
			return nil, err
		}
		v.Set(k.Name, x)
		l.origins[k.Name] = or
	}

	// The merged config: each key's value from the highest layer that set
	// it, with the lines of the file it came from.
	cfg := &config.Config{}
	for _, k := range config.Keys() {
		x := v.Get(k.Name)
		if x == nil {
			continue
		}
		rv := reflect.ValueOf(x)
		if !rv.Type().AssignableTo(k.Type) {
			if !rv.Type().ConvertibleTo(k.Type) {
				return nil, fmt.Errorf("config: %s: the layers gave a value of the wrong kind (a bug: please report it)", k.Name)
			}
			rv = rv.Convert(k.Type)
		}
		cfg.Field(k).Set(rv)
		if _, ok := l.origins[k.Name]; ok {
			delete(l.fromFile, k.Name)
			continue
		}
		if i, ok := l.fromFile[k.Name]; ok {
			cfg.Adopt(k.Name, byFile[i])
		}
	}
	cfg.File = files[len(files)-1].Name
	l.planFollowsRole(cfg, byFile[0])
	for k, or := range l.origins {
		cfg.SetOrigin(k, or.String())
	}
	if err := cfg.CheckValues(); err != nil {
		return nil, err
	}
	l.cfg = cfg
	if f.Environ != nil {
		for _, w := range unknownVariables(f.Environ()) {
			fmt.Fprintf(f.IO.Err, "warning: %s\n", w)
		}
	}
	return l, nil
}

// planFollowsRole drops the embedded default's development plan move
// (pdp.from, pdp.to: levels of its own role) when a user's layer picks
// another role and sets neither: the plan then starts at the level chosen
// and goes to the next one up, as it does with no move set, rather than
// failing on a level ("mid") the user's role does not have.
func (l *loaded) planFollowsRole(cfg, embedded *config.Config) {
	if l.fromDefault("role") || cfg.Role == embedded.Role {
		return
	}
	if l.fromDefault("pdp.from") {
		cfg.PDP.From = ""
		delete(l.fromFile, "pdp.from")
	}
	if l.fromDefault("pdp.to") {
		cfg.PDP.To = ""
		delete(l.fromFile, "pdp.to")
	}
	l.planUnasked = l.fromDefault("documents") && cfg.PDP.From == "" && cfg.PDP.To == ""
}

// setNested sets m's value at a dotted key, making the maps on the way.
func setNested(m map[string]any, key string, val any) {
	parts := strings.Split(key, ".")
	for _, p := range parts[:len(parts)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	m[parts[len(parts)-1]] = val
}

// keyNames lists the config's keys that a variable, flag or --set can set.
func keyNames() []string {
	var names []string
	for _, k := range config.Keys() {
		if k.Scalar() {
			names = append(names, k.Name)
		}
	}
	return names
}

// didYouMean is ` (did you mean "x"?)` for the nearest of names, or "".
func didYouMean(name string, names []string) string {
	if near := config.Nearest(name, names); near != "" {
		return fmt.Sprintf(" (did you mean %q?)", near)
	}
	return ""
}

// envAlias gives config keys a second, shorter environment variable.
var envAlias = map[string]string{"documents": "ROLEPACK_DOC", "formats": "ROLEPACK_FORMAT"}

// otherVariables are the ROLEPACK_ variables that are not config keys.
var otherVariables = []string{"ROLEPACK_CONFIG", "ROLEPACK_SERVE_TOKEN", "ROLEPACK_REQUIRE_TOOLS", "ROLEPACK_SWEEP_STRICT", "ROLEPACK_TAGGED_SAMPLE"}

// commaLists are the list keys whose items are names (document kinds,
// formats, files): a flag or environment variable gives them
// comma-separated; other lists are separated by ";".
var commaLists = map[string]bool{"documents": true, "formats": true, "frameworks": true}

// envNames lists the environment variables of a config key, first wins.
func envNames(key string) []string {
	names := []string{envName(key)}
	if a, ok := envAlias[key]; ok {
		names = append(names, a)
	}
	return names
}

// envName is a key's own variable: ROLEPACK_VACANCY_SALARYMIN.
func envName(key string) string {
	return "ROLEPACK_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// unknownVariables warns of each ROLEPACK_ variable of environ that names
// no config key, with the nearest variable that does.
func unknownVariables(environ []string) []string {
	known := slices.Clone(otherVariables)
	for _, k := range keyNames() {
		known = append(known, envNames(k)...)
	}
	var out []string
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, "ROLEPACK_") || slices.Contains(known, name) {
			continue
		}
		msg := name + " is not a rolepack variable: ignored"
		if near := config.Nearest(name, known); near != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", near)
		}
		out = append(out, msg)
	}
	sort.Strings(out)
	return out
}

// parseValue parses values, as a flag, a variable or --set gave them, for
// key's type; a value that does not parse is an error naming where it came
// from and the key.
func parseValue(k config.Key, or origin, values []string) (any, error) {
	raw := strings.TrimSpace(strings.Join(values, ","))
	key := k.Name
	switch k.Type.Kind() {
	case reflect.String:
		return strings.Join(values, ","), nil
	case reflect.Float64:
		n, err := strconv.ParseFloat(strings.ReplaceAll(raw, "_", ""), 64)
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
			return nil, fmt.Errorf("%s: %s must be a number, e.g. 55690", or, key)
		}
		return n, nil
	case reflect.Int:
		n, err := strconv.Atoi(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: %s must be a whole number", or, key)
		}
		return n, nil
	case reflect.Bool:
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: %s must be true or false", or, key)
		}
		return b, nil
	case reflect.Slice:
		sep := ";"
		if commaLists[key] || or.flag != "" {
			sep = ","
		}
		items := []string{}
		for _, v := range values {
			for _, p := range strings.Split(v, sep) {
				if p = strings.TrimSpace(p); p != "" {
					items = append(items, p)
				}
			}
		}
		return items, nil
	}
	return nil, fmt.Errorf("%s: %s cannot be given this way: set it in a config file", or, key)
}
