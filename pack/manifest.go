package pack

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/render/compose"
)

// Row is one vacancy of a batch manifest: the role and level it is for and
// the vacancy details it sets. Details it leaves out fall back to the
// config's vacancy.
type Row struct {
	File string // manifest file name, for messages
	Line int    // line the row starts on (1-based)

	Role, Level string
	// Values holds the vacancy keys the row sets (canonical key names, as in
	// Columns), with the panel joined by "; ".
	Values map[string]string
	// Err is what is wrong with the row's values (a malformed date or
	// number); a row with an error fails its pack only.
	Err error
	// Plan, set by a team manifest (ReadTeam), is one person's
	// development plan: the row makes a PDP, not a role pack.
	Plan *compose.PDPConfig
}

// At is "file:line" for messages about the row.
func (r Row) At() string { return framework.Position(r.File, r.Line) }

// Columns lists the keys a manifest row may set, in index order.
var Columns = []string{
	"reference", "role", "level", "location", "band", "salary", "salaryMin", "salaryMax",
	"hours", "contract", "employmentType", "posted", "closing", "reportsTo", "contact", "panel",
}

// columnAliases maps a normalised header (lower case, no spaces, hyphens
// or underscores) to its canonical key, for headers spreadsheets tend to
// have.
var columnAliases = map[string]string{
	"ref": "reference", "vacancyreference": "reference", "jobreference": "reference",
	"grade": "band", "minsalary": "salaryMin", "maxsalary": "salaryMax",
	"closingdate": "closing", "posteddate": "posted", "reportingto": "reportsTo",
	"panelmembers": "panel", "interviewpanel": "panel", "contractype": "contract", "contracttype": "contract",
}

// canonicalColumn returns the canonical key for a header or YAML key.
func canonicalColumn(name string) (string, bool) {
	n := strings.ToLower(strings.NewReplacer(" ", "", "_", "", "-", "").Replace(strings.TrimSpace(name)))
	for _, c := range Columns {
		if strings.ToLower(c) == n {
			return c, true
		}
	}
	c, ok := columnAliases[n]
	return c, ok
}

func unknownColumn(at, kind, name string) error {
	return fmt.Errorf("%s: unknown %s %q (known: %s)", at, kind, name, strings.Join(Columns, ", "))
}

// ReadManifest reads a batch manifest: CSV (a header row, then one row per
// vacancy; a spreadsheet's byte-order mark and CRLF line ends are fine;
// the panel column separates names with ";") or YAML (a list of vacancies,
// or a mapping with a "vacancies" list). The format follows the file
// extension (.csv, .yaml, .yml), else the content. An unknown column or key,
// or a file that cannot be parsed, is an error for the whole manifest;
// a bad value only marks its row (Row.Err).
func ReadManifest(file string, data []byte) ([]Row, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	ext := strings.ToLower(filepath.Ext(file))
	isCSV := ext == ".csv"
	if ext != ".csv" && ext != ".yaml" && ext != ".yml" {
		first := strings.TrimSpace(string(data[:min(len(data), 200)]))
		isCSV = !strings.HasPrefix(first, "-") && !strings.HasPrefix(first, "vacancies:") && !strings.HasPrefix(first, "#")
	}
	var rows []Row
	var err error
	if isCSV {
		rows, err = readCSV(file, data)
	} else {
		rows, err = readYAML(file, data)
	}
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no vacancies in the manifest", file)
	}
	for i := range rows {
		rows[i].check()
	}
	return rows, nil
}

// ReadManifestFile reads the manifest at path (a regular file of at most
// userfile.Manifest bytes) with ReadManifest.
func ReadManifestFile(path string) ([]Row, error) {
	data, err := userfile.Read(path, userfile.Manifest)
	if err != nil {
		return nil, err
	}
	return ReadManifest(path, data)
}

func readCSV(file string, data []byte) ([]Row, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty manifest (a header row is needed: %s)", file, strings.Join(Columns, ","))
	}
	if err != nil {
		return nil, csvError(file, err)
	}
	keys := make([]string, len(header))
	seen := map[string]int{}
	for i, h := range header {
		if strings.TrimSpace(h) == "" {
			continue // an empty trailing column a spreadsheet added
		}
		k, ok := canonicalColumn(h)
		if !ok {
			return nil, unknownColumn(fmt.Sprintf("%s:1", file), "column", h)
		}
		if j, dup := seen[k]; dup {
			return nil, fmt.Errorf("%s:1: columns %d and %d are both %q", file, j+1, i+1, k)
		}
		seen[k] = i
		keys[i] = k
	}
	var rows []Row
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(file, err)
		}
		line, _ := r.FieldPos(0)
		row := Row{File: file, Line: line, Values: map[string]string{}}
		blank := true
		var extra []string // cells in columns without a header
		for i, v := range rec {
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			blank = false
			if i >= len(keys) || keys[i] == "" {
				extra = append(extra, fmt.Sprintf("%q in column %d", v, i+1))
				continue
			}
			row.set(keys[i], v)
		}
		switch {
		case len(extra) == 1:
			row.Err = fmt.Errorf("%s: value %s, which has no header", row.At(), extra[0])
		case len(extra) > 1:
			row.Err = fmt.Errorf("%s: %d values in columns without a header: %s", row.At(), len(extra), strings.Join(extra, ", "))
		}
		if !blank {
			rows = append(rows, row)
		}
	}
	return rows, nil
}

func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d: %v", file, pe.Line, pe.Err)
	}
	return fmt.Errorf("%s: %w", file, err)
}

// yamlSyntaxError re-words the YAML parser's error as file:line: message.
func yamlSyntaxError(file string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if l, rest, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(l, "line ") {
		return fmt.Errorf("%s:%s: %s", file, strings.TrimPrefix(l, "line "), rest)
	}
	return fmt.Errorf("%s: %s", file, oneLine(msg))
}

// oneLine folds a multi-line message onto one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// noAliases refuses YAML aliases anywhere in n: a manifest has no use for
// them, and expanding them can multiply a small file into gigabytes.
func noAliases(file string, n *yaml.Node) error {
	if n.Kind == yaml.AliasNode {
		return fmt.Errorf("%s:%d: YAML aliases (*%s) are not supported in a manifest; write the value out", file, n.Line, n.Value)
	}
	for _, c := range n.Content {
		if err := noAliases(file, c); err != nil {
			return err
		}
	}
	return nil
}

func readYAML(file string, data []byte) ([]Row, error) {
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil && err != io.EOF {
		return nil, yamlSyntaxError(file, err)
	}
	var second yaml.Node
	switch err := dec.Decode(&second); {
	case err == nil:
		return nil, fmt.Errorf("%s:%d: a second YAML document (after ---); a manifest is one document: put every vacancy in one list", file, second.Line)
	case err != io.EOF:
		return nil, yamlSyntaxError(file, err)
	}
	if err := noAliases(file, &root); err != nil {
		return nil, err
	}
	if len(root.Content) == 0 {
		return nil, nil
	}
	list := root.Content[0]
	if list.Kind == yaml.MappingNode {
		var found *yaml.Node
		for i := 0; i+1 < len(list.Content); i += 2 {
			k := list.Content[i]
			if k.Value != "vacancies" {
				return nil, fmt.Errorf("%s:%d: unknown key %q (a manifest is a list of vacancies, or vacancies: [...])", file, k.Line, k.Value)
			}
			if found != nil {
				return nil, fmt.Errorf("%s:%d: duplicate key \"vacancies\" (first at line %d)", file, k.Line, list.Content[i-2].Line)
			}
			found = list.Content[i+1]
		}
		if found == nil {
			return nil, nil
		}
		list = found
	}
	if list.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s:%d: expected a list of vacancies", file, list.Line)
	}
	var rows []Row
	for _, item := range list.Content {
		if item.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("%s:%d: a vacancy is a mapping of keys (%s)", file, item.Line, strings.Join(Columns, ", "))
		}
		row := Row{File: file, Line: item.Line, Values: map[string]string{}}
		keyLine := map[string]int{}
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			key, ok := canonicalColumn(k.Value)
			if !ok {
				return nil, unknownColumn(framework.Position(file, k.Line), "key", k.Value)
			}
			if first, dup := keyLine[key]; dup {
				return nil, fmt.Errorf("%s:%d: duplicate key %q in a vacancy (first at line %d)", file, k.Line, key, first)
			}
			keyLine[key] = k.Line
			switch v.Kind {
			case yaml.ScalarNode:
				if v.Tag != "!!null" {
					row.set(key, strings.TrimSpace(v.Value))
				}
			case yaml.SequenceNode:
				if key != "panel" {
					return nil, fmt.Errorf("%s:%d: %s is a single value, not a list", file, v.Line, key)
				}
				var names []string
				for _, n := range v.Content {
					if n.Kind != yaml.ScalarNode {
						return nil, fmt.Errorf("%s:%d: a panel member is a name", file, n.Line)
					}
					names = append(names, strings.TrimSpace(n.Value))
				}
				row.set(key, strings.Join(names, "; "))
			default:
				return nil, fmt.Errorf("%s:%d: %s is a single value, not a mapping", file, v.Line, key)
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func (r *Row) set(key, v string) {
	switch key {
	case "role":
		r.Role = v
	case "level":
		r.Level = v
	default:
		if v != "" {
			r.Values[key] = v
		}
	}
}

// check validates dates and numbers, recording the first problem in Err.
func (r *Row) check() {
	if r.Err != nil {
		return
	}
	for _, k := range []string{"posted", "closing"} {
		if v, ok := r.Values[k]; ok {
			if _, err := time.Parse("2006-01-02", v); err != nil {
				r.Err = fmt.Errorf("%s: %s date %q is not a date in the form YYYY-MM-DD", r.At(), k, v)
				return
			}
		}
	}
	for _, k := range []string{"salaryMin", "salaryMax"} {
		if v, ok := r.Values[k]; ok {
			if _, err := parseAmount(v); err != nil {
				r.Err = fmt.Errorf("%s: %s %q is not an amount (e.g. 45000)", r.At(), k, v)
				return
			}
		}
	}
}

// parseAmount reads a salary figure such as "45000", "45,000" or "£45,000.00".
func parseAmount(s string) (float64, error) {
	s = strings.NewReplacer(",", "", "£", "", "$", "", "€", "", " ", "").Replace(s)
	return strconv.ParseFloat(s, 64)
}

// Panel lists the panel members the row names, or nil.
func (r Row) Panel() []string {
	v, ok := r.Values["panel"]
	if !ok {
		return nil
	}
	var out []string
	for _, p := range strings.Split(v, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Vacancy returns base (the config's vacancy) with the row's values set
// over it.
func (r Row) Vacancy(base compose.Vacancy) compose.Vacancy {
	v := base
	v.Panel = append([]string(nil), base.Panel...)
	keys := make([]string, 0, len(r.Values))
	for k := range r.Values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		s := r.Values[k]
		switch k {
		case "reference":
			v.Reference = s
		case "location":
			v.Location = s
		case "band":
			v.Band = s
		case "salary":
			v.Salary = s
		case "salaryMin":
			v.SalaryMin, _ = parseAmount(s)
		case "salaryMax":
			v.SalaryMax, _ = parseAmount(s)
		case "hours":
			v.Hours = s
		case "contract":
			v.Contract = s
		case "employmentType":
			v.EmploymentType = s
		case "posted":
			v.Posted = s
		case "closing":
			v.Closing = s
		case "reportsTo":
			v.ReportsTo = s
		case "contact":
			v.Contact = s
		case "panel":
			v.Panel = r.Panel()
		}
	}
	return v
}
