package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rolepack/rolepack/config"
	"github.com/spf13/cobra"
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

// layer names the layer of the origin, for `rolepack config --json`.
func (o origin) layer() string {
	switch {
	case o.set:
		return "set"
	case o.flag != "":
		return "flag"
	default:
		return "environment"
	}
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

// loadAll reads the config and the frameworks it draws on, and settles
// the document date.
func (f *Factory) loadAll(co ConfigOptions, flags []flagValue) (*loaded, error) {
	l, err := f.loadConfig(co, flags)
	if err != nil {
		return nil, err
	}
	cfg := l.cfg
	if l.lib, err = f.Library(cfg, l.dir("frameworks")); err != nil {
		return nil, err
	}
	if err := config.LoadTranslations(cfg, l.dir("translations")); err != nil {
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
func (f *Factory) documentDate(cfg *config.Config) (date time.Time, fromClock bool, err error) {
	if cfg.Date != "" {
		d, err := config.ParseDate(cfg.Date)
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
		if n < config.MinDate.Unix() || n > config.MaxDate.Unix() {
			return time.Time{}, false, fmt.Errorf("SOURCE_DATE_EPOCH=%s: the date must lie between %d and %d", s, config.MinDate.Year(), config.MaxDate.Year())
		}
		return time.Unix(n, 0).UTC(), false, nil
	}
	now := f.Now().UTC()
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC), true, nil
}

// checkNames checks each name against the known ones of a registry; an
// unknown one is an error naming where the list came from (the flag,
// variable or file line) and listing the known names.
func checkNames(cfg *config.Config, key, what string, names, known []string, origins map[string]origin) error {
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
