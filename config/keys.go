package config

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/rolepack/rolepack/internal/yamlpos"
)

// Key is one key of the config schema that a layer sets as a whole: a
// field that is not itself a group of keys (a scalar, a list, or a map
// keyed by the user's own names such as roles or organisation.clauses).
type Key struct {
	Name  string       // dotted, as written in config.yaml: "vacancy.salaryMin"
	Index []int        // the field's index path in Config
	Type  reflect.Type // the field's type
}

// Map reports whether the key holds a map keyed by the user's names
// (roles, organisation.clauses, scoring.weights …), whose keys are data
// and keep their case.
func (k Key) Map() bool { return k.Type.Kind() == reflect.Map }

// Scalar reports whether a flag, a variable or --set can give the key's
// value as text: a string, a number, a boolean or a list of strings.
func (k Key) Scalar() bool {
	switch k.Type.Kind() {
	case reflect.String, reflect.Float64, reflect.Int, reflect.Bool:
		return true
	case reflect.Slice:
		return k.Type.Elem().Kind() == reflect.String
	}
	return false
}

var configKeys = sync.OnceValue(func() []Key {
	var keys []Key
	var walk func(t reflect.Type, prefix string, index []int)
	walk = func(t reflect.Type, prefix string, index []int) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
			if tag == "" || tag == "-" || !f.IsExported() {
				continue
			}
			name := yamlpos.Join(prefix, tag)
			idx := append(append([]int(nil), index...), i)
			if f.Type.Kind() == reflect.Struct {
				walk(f.Type, name, idx)
				continue
			}
			keys = append(keys, Key{Name: name, Index: idx, Type: f.Type})
		}
	}
	walk(reflect.TypeOf(Config{}), "", nil)
	return keys
})

// Keys lists every key of the config schema, in the order of the Config
// struct.
func Keys() []Key { return configKeys() }

// LookupKey returns the schema key of a dotted name, matched without
// regard to case ("vacancy.salarymin" is vacancy.salaryMin).
func LookupKey(name string) (Key, bool) {
	for _, k := range configKeys() {
		if strings.EqualFold(k.Name, name) {
			return k, true
		}
	}
	return Key{}, false
}

// Field returns the value of key k in c, settable.
func (c *Config) Field(k Key) reflect.Value {
	return reflect.ValueOf(c).Elem().FieldByIndex(k.Index)
}

// Nearest returns the candidate closest to name (by edit distance, without
// regard to case), or "" when none is close enough to be a likely typo.
func Nearest(name string, candidates []string) string {
	best, bestD := "", -1
	lname := strings.ToLower(name)
	for _, c := range candidates {
		d := editDistance(lname, strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if bestD < 0 || bestD > max(2, len(name)/3) {
		return ""
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// fieldsOf lists the YAML keys of every struct type the config holds, by
// the type's name as the YAML decoder reports it ("config.Vacancy").
var fieldsOf = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return
		}
		if _, done := out[t.String()]; done {
			return
		}
		out[t.String()] = nil
		var names []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
			if tag == "" || tag == "-" || !f.IsExported() {
				continue
			}
			names = append(names, tag)
			walk(f.Type)
		}
		out[t.String()] = names
	}
	walk(reflect.TypeOf(Config{}))
	return out
})

var (
	unknownField = regexp.MustCompile(`^field (\S+) not found in type (\S+)$`)
	cannotDecode = regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `(.*)`)? into (\\S+)$")
)

// decodeError turns a YAML decoding error into one line that names the
// file, the line and the key in the config's own words: an unknown key
// with the nearest known one, or a value of the wrong kind ("vacancy.salaryMin:
// "abc" is not a number"). It never names a Go type.
func (c *Config) decodeError(file string, err error) error {
	line, msg := yamlpos.Split(err)
	where := file
	if line > 0 {
		where = fmt.Sprintf("%s:%d", file, line)
	}
	if m := unknownField.FindStringSubmatch(msg); m != nil {
		text := fmt.Sprintf("unknown key %q", m[1])
		if near := Nearest(m[1], fieldsOf()[m[2]]); near != "" {
			text += fmt.Sprintf(" (did you mean %q?)", near)
		}
		if parent := c.keyAt(line, true); parent != "" {
			text += " in " + parent
		}
		return fmt.Errorf("%s: %s", where, text)
	}
	if m := cannotDecode.FindStringSubmatch(msg); m != nil {
		key := c.keyAt(line, false)
		if key != "" {
			key += ": "
		}
		return fmt.Errorf("%s: %s%s", where, key, wrongKind(m[1], m[2], m[3]))
	}
	if strings.Contains(msg, " into ") || strings.Contains(msg, "config.") {
		return fmt.Errorf("%s: a value of the wrong kind (see docs/config.md)", where)
	}
	return yamlpos.Error(file, err)
}

// wrongKind says what a value of YAML kind tag (str, int, seq, map …),
// written as value, is not, for a field of Go type want.
func wrongKind(tag, value, want string) string {
	var need string
	switch {
	case want == "float64":
		need = "a number"
	case want == "int":
		need = "a whole number"
	case want == "bool":
		need = "true or false"
	case want == "string":
		need = "text"
	case want == "*bool":
		need = "true or false"
	case strings.HasPrefix(want, "[]"):
		need = "a list"
	default:
		need = "a mapping of keys to values"
	}
	got := map[string]string{"seq": "a list", "map": "a mapping", "str": "text", "int": "a number", "float": "a number", "bool": "true or false", "null": "empty"}[tag]
	if value != "" {
		return fmt.Sprintf("%q is not %s", value, need)
	}
	if got == "" {
		got = "this value"
	}
	return fmt.Sprintf("%s where %s is expected", got, need)
}

// keyAt returns the dotted key written at line: the deepest one, or, with
// parent, the key that holds the one at line (for an unknown key, which
// the index records too).
func (c *Config) keyAt(line int, parent bool) string {
	if line == 0 {
		return ""
	}
	var at []string
	for k, p := range c.pos {
		if p.line == line {
			at = append(at, k)
		}
	}
	if len(at) == 0 {
		return ""
	}
	// The deepest key, preferring a mapping key to a list item of its
	// value written on the same line ("name: [a, b]").
	item := func(k string) bool {
		_, err := strconv.Atoi(k[strings.LastIndexByte(k, '.')+1:])
		return err == nil
	}
	sort.Slice(at, func(i, j int) bool {
		if item(at[i]) != item(at[j]) {
			return !item(at[i])
		}
		return len(at[i]) > len(at[j])
	})
	k := at[0]
	if parent {
		i := strings.LastIndexByte(k, '.')
		if i < 0 {
			return ""
		}
		return k[:i]
	}
	return k
}

// The values keys of a fixed set take (besides "", not stated); the
// schema (rolepack schema config) lists the same.
var (
	// EmploymentTypes are schema.org's JobPosting employmentType values.
	EmploymentTypes = []string{"FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER"}
	// Workplaces are vacancy.workplace's values.
	Workplaces = []string{WorkplaceOnsite, WorkplaceHybrid, WorkplaceRemote}
	// ScoreScaleNames are scoring.scale's values.
	ScoreScaleNames = []string{"civil-service", "civil-service-1-7", "0-4", "custom"}
	// ActivityKinds are development.activities' kinds (70-20-10).
	ActivityKinds = []string{"job", "others", "course"}
)

// Patterns of the text keys of a fixed form, as the schema writes them.
const (
	// DatePattern is a YYYY-MM-DD date between 1900 and 2200 (ParseDate
	// also checks the day exists).
	DatePattern = `^(19[0-9]{2}|2[01][0-9]{2}|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$`
	// ColourPattern is a hex colour: #1d4f91, 1d4f91 or #17a.
	ColourPattern = `^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`
)

var colour = regexp.MustCompile(ColourPattern)

// checkChoices checks the keys of a fixed set of values or of a fixed form
// that CheckValues does not parse: employment type, workplace, score
// scale, activity kinds and brand colours.
func (c *Config) checkChoices() error {
	for _, ch := range []struct {
		key   []any
		value string
		known []string
		fold  bool // compared without regard to case
	}{
		{[]any{"vacancy", "employmentType"}, c.Vacancy.EmploymentType, EmploymentTypes, false},
		{[]any{"vacancy", "workplace"}, c.Vacancy.Workplace, Workplaces, true},
		{[]any{"scoring", "scale"}, c.Scoring.Scale, ScoreScaleNames, true},
	} {
		v := strings.TrimSpace(ch.value)
		if v == "" || slices.Contains(ch.known, v) || ch.fold && slices.Contains(ch.known, strings.ToLower(v)) {
			continue
		}
		key := fmt.Sprint(ch.key[0], ".", ch.key[1])
		msg := fmt.Sprintf("%s: %s %q is not one of %s", c.At(ch.key...), key, ch.value, strings.Join(ch.known, ", "))
		if near := Nearest(v, ch.known); near != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", near)
		}
		return errors.New(msg)
	}
	for i, a := range c.Development.Activities {
		if a.Kind != "" && !slices.Contains(ActivityKinds, strings.ToLower(strings.TrimSpace(a.Kind))) {
			return fmt.Errorf("%s: development.activities kind %q is not one of %s", c.At("development", "activities", i, "kind"), a.Kind, strings.Join(ActivityKinds, ", "))
		}
	}
	for _, b := range []struct{ key, v string }{{"primary", c.Brand.Primary}, {"accent", c.Brand.Accent}} {
		if v := strings.TrimSpace(b.v); v != "" && !colour.MatchString(v) {
			return fmt.Errorf("%s: brand.%s: %q is not a hex colour such as #1d4f91", c.At("brand", b.key), b.key, b.v)
		}
	}
	return nil
}
