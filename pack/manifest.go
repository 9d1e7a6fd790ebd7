package pack

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unique"

	"go.yaml.in/yaml/v3"

	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/textprep"
	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/internal/yamlpos"
)

// Row is one vacancy of a batch manifest: the role and level it is for and
// the vacancy details it sets. Details it leaves out fall back to the
// config's vacancy.
type Row struct {
	File string // manifest file name, for messages
	Line int    // line the row starts on (1-based)

	Role, Level string
	// values holds the vacancy keys the row sets (canonical key names, as
	// in Columns), with the panel joined by "; ": read them with Value.
	values rowValues
	// Extra holds the row's values in columns (or keys) that are not
	// vacancy fields, by heading as written ("Notes"): templates get them
	// as .Vacancy.Extra.
	Extra map[string]string
	// ExtraColumns lists those headings, in column order: the same for
	// every row of a manifest.
	ExtraColumns []string
	// Err is what is wrong with the row's values (a malformed date or
	// number); a row with an error fails its pack only.
	Err error
	// Plan, set by a team manifest (ReadTeam), is one person's
	// development plan: the row makes a PDP, not a role pack.
	Plan *config.PDPConfig
}

// At is "file:line" for messages about the row.
func (r Row) At() string { return framework.Position(r.File, r.Line) }

// rowValues are the values a row sets, kept compact: a 10,000-row
// manifest is held for the whole of its batch, and a map a row (with the
// CSV record its values were cut from) was about 550 bytes of it, against
// about 200 for the row as it is kept now (TestRowsAreCompact).
type rowValues struct {
	set  uint32 // bit i: columns[i].key is set
	data string // the values set, in column order, each ended by a NUL (values hold no control characters)
}

// columnIndex is each key's place in columns.
var columnIndex = func() map[string]int {
	m := make(map[string]int, len(columns))
	for i, c := range columns {
		m[c.key] = i
	}
	return m
}()

// get is the value of key, and whether the row sets it.
func (v rowValues) get(key string) (string, bool) {
	i, ok := columnIndex[key]
	if !ok || v.set&(1<<i) == 0 {
		return "", false
	}
	data := v.data
	for range bits.OnesCount32(v.set & (1<<i - 1)) {
		data = data[strings.IndexByte(data, 0)+1:]
	}
	return data[:strings.IndexByte(data, 0)], true
}

// put sets key (one of columns) to s, which holds no NUL.
func (v *rowValues) put(key, s string) {
	i := columnIndex[key]
	var b strings.Builder
	b.Grow(len(v.data) + len(s) + 1)
	data := v.data
	for k := range len(columns) {
		switch {
		case k == i:
			b.WriteString(s)
			b.WriteByte(0)
			if v.set&(1<<k) != 0 {
				data = data[strings.IndexByte(data, 0)+1:]
			}
		case v.set&(1<<k) != 0:
			end := strings.IndexByte(data, 0) + 1
			b.WriteString(data[:end])
			data = data[end:]
		}
	}
	v.set |= 1 << i
	v.data = b.String()
}

// asMap is the values as a map by key.
func (v rowValues) asMap() map[string]string {
	m := map[string]string{}
	for _, c := range columns {
		if s, ok := v.get(c.key); ok {
			m[c.key] = s
		}
	}
	return m
}

// Value is the value the row sets for key (a canonical key name, as in
// Columns; the panel's names joined by "; "), and whether it sets one.
func (r Row) Value(key string) (string, bool) { return r.values.get(key) }

// columns are the keys a manifest row may set, in index order, each with
// what it sets on the row's vacancy (nil for the keys that are not vacancy
// fields: role and level, which pick the role, and language, the
// documents' language, Row.Language). Values reach a setter as the row
// holds them after Row.check (dates as YYYY-MM-DD, a Welsh category
// canonical).
var columns = []struct {
	key string
	set func(v *config.Vacancy, s string, r Row)
}{
	{"reference", func(v *config.Vacancy, s string, _ Row) { v.Reference = s }},
	{"role", nil},
	{"level", nil},
	{"location", func(v *config.Vacancy, s string, _ Row) { v.Location = s }},
	{"band", func(v *config.Vacancy, s string, _ Row) { v.Band = s }},
	{"salary", func(v *config.Vacancy, s string, _ Row) { v.Salary = s }},
	{"salaryMin", func(v *config.Vacancy, s string, _ Row) { v.SalaryMin, _ = parseAmount(s) }},
	{"salaryMax", func(v *config.Vacancy, s string, _ Row) { v.SalaryMax, _ = parseAmount(s) }},
	{"hours", func(v *config.Vacancy, s string, _ Row) { v.Hours = s }},
	{"contract", func(v *config.Vacancy, s string, _ Row) { v.Contract = s }},
	{"employmentType", func(v *config.Vacancy, s string, _ Row) { v.EmploymentType = s }},
	{"posted", func(v *config.Vacancy, s string, _ Row) { v.Posted = s }},
	{"closing", func(v *config.Vacancy, s string, _ Row) { v.Closing = s }},
	{"reportsTo", func(v *config.Vacancy, s string, _ Row) { v.ReportsTo = s }},
	{"contact", func(v *config.Vacancy, s string, _ Row) { v.Contact = s }},
	{"panel", func(v *config.Vacancy, s string, _ Row) { v.Panel = panelNames(s) }},
	{"welsh", func(v *config.Vacancy, s string, _ Row) { v.Welsh = s }},
	{"language", nil},
}

// Columns lists the keys a manifest row may set, in index order.
var Columns = func() []string {
	out := make([]string, len(columns))
	for i, c := range columns {
		out[i] = c.key
	}
	return out
}()

// columnAliases maps a normalised header (lower case, no spaces, hyphens
// or underscores) to its canonical key, for headers spreadsheets tend to
// have.
var columnAliases = map[string]string{
	"ref": "reference", "vacancyreference": "reference", "jobreference": "reference",
	"grade": "band", "minsalary": "salaryMin", "maxsalary": "salaryMax",
	"closingdate": "closing", "posteddate": "posted", "reportingto": "reportsTo",
	"panelmembers": "panel", "interviewpanel": "panel", "welshlanguage": "welsh", "welshlanguageskills": "welsh", "welshcategory": "welsh", "contractype": "contract", "contracttype": "contract",
	"lang": "language", "documentlanguage": "language", "iaith": "language",
}

// canonicalColumn returns the canonical key for a header or YAML key.
func canonicalColumn(name string) (string, bool) { return columnName(name, Columns, columnAliases) }

// ReadManifest reads a batch manifest: CSV (a header row, then one row per
// vacancy; a spreadsheet's byte-order mark and CRLF line ends are fine;
// the panel column separates names with ";") or YAML (a list of vacancies,
// or a mapping with a "vacancies" list). The format follows the file
// extension (.csv, .yaml, .yml), else the content. An unknown column or key,
// or a file that cannot be parsed, is an error for the whole manifest;
// a bad value only marks its row (Row.Err).
func ReadManifest(file string, data []byte) ([]Row, error) {
	rows, err := vacancyManifest.read(file, data)
	return finish(file, rows, err)
}

// vacancyManifest reads vacancy manifests.
var vacancyManifest = manifestFormat{list: "vacancies", table: readTable, yaml: readYAML}

// manifestFormat is how one kind of manifest reads its three forms: a
// workbook's first sheet and CSV as a table of records, and YAML.
type manifestFormat struct {
	list  string // the key of a YAML mapping that holds the list, e.g. "vacancies"
	table func(file string, recs []record) ([]Row, error)
	yaml  func(file string, data []byte) ([]Row, error)
}

// read reads a manifest in whichever form it is: the file extension
// (.xlsx, .csv, .yaml, .yml) decides, else the content.
func (m manifestFormat) read(file string, data []byte) ([]Row, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	ext := strings.ToLower(filepath.Ext(file))
	if ext == ".xlsx" || bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		recs, err := xlsxRecords(file, data)
		if err != nil {
			return nil, err
		}
		return m.table(file, recs)
	}
	isCSV := ext == ".csv"
	if ext != ".csv" && ext != ".yaml" && ext != ".yml" {
		first := strings.TrimSpace(string(data[:min(len(data), 200)]))
		isCSV = !strings.HasPrefix(first, "-") && !strings.HasPrefix(first, m.list+":") && !strings.HasPrefix(first, "#")
	}
	if !isCSV {
		return m.yaml(file, data)
	}
	recs, err := csvRecords(file, data)
	if err != nil {
		return nil, err
	}
	return m.table(file, recs)
}

// yamlList finds the list of a YAML manifest: the document itself, or the
// list under key (a mapping with that one key). A manifest is one document
// with no aliases and no repeated key. The list is nil when the manifest is
// empty; what names one element ("vacancy") in messages.
func yamlList(file string, data []byte, key, what string) (*yaml.Node, error) {
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil && err != io.EOF {
		return nil, yamlpos.Error(file, err)
	}
	var second yaml.Node
	switch err := dec.Decode(&second); {
	case err == nil:
		return nil, fmt.Errorf("%s:%d: a second YAML document (after ---); a manifest is one document: put every %s in one list", file, second.Line, what)
	case err != io.EOF:
		return nil, yamlpos.Error(file, err)
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
			if k.Value != key {
				return nil, fmt.Errorf("%s:%d: unknown key %q (a manifest is a list, or %s: [...])", file, k.Line, k.Value, key)
			}
			if found != nil {
				return nil, fmt.Errorf("%s:%d: duplicate key %q (first at line %d)", file, k.Line, key, list.Content[i-2].Line)
			}
			found = list.Content[i+1]
		}
		if found == nil {
			return nil, nil
		}
		list = found
	}
	if list.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s:%d: expected a list (%s: [...])", file, list.Line, key)
	}
	return list, nil
}

// csvRecords reads CSV into records, each with the line it starts on.
func csvRecords(file string, data []byte) ([]record, error) {
	data = textprep.LoneCR(data)
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = headerDelimiter(data)
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	var recs []record
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			return nil, csvError(file, err)
		}
		line, _ := r.FieldPos(0)
		recs = append(recs, record{line, rec})
	}
}

// headerDelimiter is the field separator of a CSV manifest, read from its
// header line: a comma, or the semicolon a spreadsheet set to a
// European locale writes (or a tab) when the header has more of them.
// Only the header is read, since values (a salary "40.000,00", a
// description) may hold any of them.
func headerDelimiter(data []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for _, b := range data {
		if b == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if b == '\n' {
			if len(counts) > 0 {
				break
			}
			continue // a blank line before the header
		}
		if b == ',' || b == ';' || b == '\t' {
			counts[b]++
		}
	}
	best := byte(',')
	for _, d := range []byte{';', '\t'} {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return rune(best)
}

// columnName returns the column a header names: one of columns, compared
// without case, spaces, hyphens or underscores, or an alias.
func columnName(name string, columns []string, aliases map[string]string) (string, bool) {
	n := strings.ToLower(strings.NewReplacer(" ", "", "_", "", "-", "").Replace(strings.TrimSpace(name)))
	for _, c := range columns {
		if strings.ToLower(c) == n {
			return c, true
		}
	}
	c, ok := aliases[n]
	return c, ok
}

// finish checks the rows a reader gave.
func finish(file string, rows []Row, err error) ([]Row, error) {
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no vacancies in the manifest", file)
	}
	for i := range rows {
		rows[i].stripControls()
		rows[i].check()
	}
	return rows, nil
}

// stripControls removes control characters (NUL, BEL, ESC, …) from the
// row's role, level and extra values (set strips the others), before they
// reach a document, a pack name or index.csv. The role and level, the
// same in many rows, are kept once.
func (r *Row) stripControls() {
	r.Role, r.Level = intern(textprep.StripControls(r.Role)), intern(textprep.StripControls(r.Level))
	for k, v := range r.Extra {
		if c := textprep.StripControls(v); c != v {
			r.Extra[k] = c
		}
	}
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

// record is one row of a table manifest with the line (or sheet row) it
// starts on.
type record struct {
	line   int
	fields []string
}

// readTable reads a header record and one vacancy a record after it.
// Columns that are not vacancy fields are kept as Extra.
func readTable(file string, recs []record) ([]Row, error) {
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: empty manifest (a header row is needed: %s)", file, strings.Join(Columns, ","))
	}
	header := recs[0]
	at := framework.Position(file, header.line)
	keys := make([]string, len(header.fields))
	extraAt := map[int]string{}
	var extraCols []string
	seen := map[string]int{}
	for i, h := range header.fields {
		h = strings.TrimSpace(h)
		if h == "" {
			continue // an empty trailing column a spreadsheet added
		}
		k, ok := canonicalColumn(h)
		if !ok {
			if near := nearColumn(h); near != "" {
				return nil, fmt.Errorf("%s: unknown column %q (known: %s); did you mean %s?", at, h, strings.Join(Columns, ", "), near)
			}
			k = "extra:" + h
			extraAt[i] = h
			extraCols = append(extraCols, h)
		}
		if j, dup := seen[strings.ToLower(k)]; dup {
			return nil, fmt.Errorf("%s: columns %d and %d are both %q", at, j+1, i+1, strings.TrimPrefix(k, "extra:"))
		}
		seen[strings.ToLower(k)] = i
		keys[i] = k
	}
	rows := make([]Row, 0, len(recs)-1) // a batch holds them to its end: no slack, no copies as they grow
	for _, rec := range recs[1:] {
		row := Row{File: file, Line: rec.line, ExtraColumns: extraCols}
		blank := true
		var extra []string // cells in columns without a header
		for i, v := range rec.fields {
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			blank = false
			if i >= len(keys) || keys[i] == "" {
				extra = append(extra, fmt.Sprintf("%q in column %d", v, i+1))
				continue
			}
			if h, ok := extraAt[i]; ok {
				row.setExtra(h, v)
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

// nearColumn returns the vacancy field a heading is one or two typing
// slips away from ("salry": salary), or "": such a heading is a mistake
// to point out, not a column of notes to keep.
func nearColumn(h string) string {
	n := strings.ToLower(strings.NewReplacer(" ", "", "_", "", "-", "").Replace(strings.TrimSpace(h)))
	for _, c := range Columns {
		limit := 1
		if len(c) >= 7 {
			limit = 2
		}
		if d := editDistance(n, strings.ToLower(c)); d > 0 && d <= limit {
			return c
		}
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// setExtra keeps a value of a column that is not a vacancy field.
func (r *Row) setExtra(heading, v string) {
	if r.Extra == nil {
		r.Extra = map[string]string{}
	}
	r.Extra[heading] = v
}

// Notes says, once for a manifest, what a reader kept that is not a
// vacancy field: "v.csv: columns Notes, Hiring manager are not vacancy
// fields: kept for templates as .Vacancy.Extra".
func Notes(rows []Row) []string {
	if len(rows) == 0 || len(rows[0].ExtraColumns) == 0 {
		return nil
	}
	cols := rows[0].ExtraColumns
	what := "column " + strings.Join(cols, ", ") + " is not a vacancy field"
	if len(cols) > 1 {
		what = "columns " + strings.Join(cols, ", ") + " are not vacancy fields"
	}
	return []string{fmt.Sprintf("%s: note: %s: kept for templates as .Vacancy.Extra (known columns: %s)", rows[0].File, what, strings.Join(Columns, ", "))}
}

func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d: %v", file, pe.Line, pe.Err)
	}
	return fmt.Errorf("%s: %w", file, err)
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
	list, err := yamlList(file, data, "vacancies", "vacancy")
	if list == nil || err != nil {
		return nil, err
	}
	var rows []Row
	var extraKeys []string
	defer func() {
		for i := range rows {
			rows[i].ExtraColumns = extraKeys
		}
	}()
	for _, item := range list.Content {
		if item.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("%s:%d: a vacancy is a mapping of keys (%s)", file, item.Line, strings.Join(Columns, ", "))
		}
		row := Row{File: file, Line: item.Line}
		keyLine := map[string]int{}
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			key, ok := canonicalColumn(k.Value)
			if !ok {
				if near := nearColumn(k.Value); near != "" {
					return nil, fmt.Errorf("%s:%d: unknown key %q (known: %s); did you mean %s?", file, k.Line, k.Value, strings.Join(Columns, ", "), near)
				}
				if v.Kind != yaml.ScalarNode {
					return nil, fmt.Errorf("%s:%d: %s is not a vacancy field, and a value kept for templates is a single value, not a list or mapping (known: %s)", file, k.Line, k.Value, strings.Join(Columns, ", "))
				}
				if v.Tag != "!!null" {
					row.setExtra(k.Value, strings.TrimSpace(v.Value))
				}
				if !slices.Contains(extraKeys, k.Value) {
					extraKeys = append(extraKeys, k.Value)
				}
				continue
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

// set sets one column of a vacancy row: a value without its control
// characters, in a string of its own (not the record it was read from,
// which the row would otherwise keep).
func (r *Row) set(key, v string) {
	switch key {
	case "role":
		r.Role = v
	case "level":
		r.Level = v
	default:
		if v != "" {
			r.values.put(key, textprep.StripControls(v))
		}
	}
}

// intern is s, kept once however many rows hold it.
func intern(s string) string { return unique.Make(s).Value() }

// check validates dates and numbers, recording the first problem in Err.
func (r *Row) check() {
	if r.Err != nil {
		return
	}
	for _, k := range []string{"posted", "closing"} {
		if v, ok := r.values.get(k); ok {
			d, err := ParseManifestDate(v)
			if err != nil {
				r.Err = fmt.Errorf("%s: %s date %q is not a date (write 14/12/2026, 14 December 2026 or 2026-12-14)", r.At(), k, v)
				return
			}
			r.values.put(k, d.Format("2006-01-02"))
		}
	}
	if v, ok := r.values.get("welsh"); ok {
		w, err := config.ParseWelsh(v)
		if err != nil {
			r.Err = fmt.Errorf("%s: welsh %w", r.At(), err)
			return
		}
		r.values.put("welsh", w)
	}
	if v, ok := r.values.get("language"); ok {
		l, err := ParseLanguage(v)
		if err != nil {
			r.Err = fmt.Errorf("%s: language %w", r.At(), err)
			return
		}
		r.values.put("language", l)
	}
	for _, k := range []string{"salaryMin", "salaryMax"} {
		if v, ok := r.values.get(k); ok {
			if _, err := parseAmount(v); err != nil {
				r.Err = fmt.Errorf("%s: %s %q is not an amount (e.g. 45000)", r.At(), k, v)
				return
			}
		}
	}
}

// ParseLanguage reads a document language as people write it in a
// manifest ("cy", "Welsh", "Cymraeg", "en", "English", "en-GB", in any
// case) and gives its canonical tag: "cy" or "en-GB". Two languages make
// a bilingual pack, first language first: "cy,en", "en/cy", "Welsh and
// English"; "bilingual" (dwyieithog) is Welsh first, as many Welsh bodies
// publish: "cy,en-GB".
func ParseLanguage(s string) (string, error) {
	k := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "_", "-"))
	if k == "bilingual" || k == "dwyieithog" {
		return "cy,en-GB", nil
	}
	parts := languageSep.Split(k, -1)
	if len(parts) == 2 {
		a, errA := parseOneLanguage(parts[0])
		b, errB := parseOneLanguage(parts[1])
		switch {
		case errA != nil || errB != nil:
		case a == b:
			return "", fmt.Errorf("%q names one language twice: a bilingual pack is in two (e.g. cy,en)", s)
		default:
			return a + "," + b, nil
		}
	}
	if l, err := parseOneLanguage(k); err == nil {
		return l, nil
	}
	return "", fmt.Errorf("%q is not a language rolepack writes documents in: use cy (Welsh, Cymraeg), en-GB (English), or both for a bilingual pack (cy,en or en,cy)", s)
}

// languageSep separates the two languages of a bilingual pack as people
// write them: "cy,en", "cy/en", "Welsh and English", "Cymraeg a Saesneg".
var languageSep = regexp.MustCompile(`\s*(?:[,/;&+]|\band\b|\ba\b)\s*`)

func parseOneLanguage(k string) (string, error) {
	switch strings.TrimSpace(k) {
	case "cy", "cy-gb", "welsh", "cymraeg":
		return "cy", nil
	case "en", "en-gb", "english", "saesneg":
		return "en-GB", nil
	}
	return "", fmt.Errorf("unknown")
}

// Language is the language the row's documents are written in: its
// language column, canonical (Row.check), or def (the config's) when it
// has none; "" stands for en-GB.
func (r Row) Language(def string) string {
	if l, ok := r.values.get("language"); ok {
		return l
	}
	if def == "" {
		return "en-GB"
	}
	return def
}

// ParseManifestDate reads a date as people write it in a spreadsheet:
// ISO (2026-12-14), UK day first (14/12/2026, 14-12-2026, 14.12.2026,
// 4/1/2027) or in words (14 December 2026, 14 Dec 2026, 14th December
// 2026). Day-first is the UK reading: 01/10/2027 is 1 October.
func ParseManifestDate(s string) (time.Time, error) {
	s = strings.Join(strings.Fields(strings.TrimSpace(s)), " ")
	if m := ordinal.FindStringSubmatchIndex(s); m != nil {
		s = s[:m[3]] + s[m[1]:] // "14th December" → "14 December"
	}
	for _, layout := range []string{"2006-01-02", "2/1/2006", "2-1-2006", "2.1.2006", "2 January 2006", "2 Jan 2006", "Monday 2 January 2006", "Mon 2 Jan 2006", "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if d, err := time.Parse(layout, s); err == nil && !d.Before(config.MinDate) && !d.After(config.MaxDate) {
			return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	if d, err := time.Parse("2 January 2006", upperMonth(s)); err == nil {
		return d, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date", s)
}

// ordinal matches a day with an ordinal suffix ("14th", "1st").
var ordinal = regexp.MustCompile(`^(\d{1,2})(st|nd|rd|th)\b`)

// upperMonth capitalises a month name written in lower case ("14 december
// 2026"), which time.Parse does not accept.
func upperMonth(s string) string {
	f := strings.Fields(s)
	if len(f) == 3 && f[1] != "" {
		f[1] = strings.ToUpper(f[1][:1]) + strings.ToLower(f[1][1:])
	}
	return strings.Join(f, " ")
}

// parseAmount reads a salary figure such as "45000", "45,000" or "£45,000.00".
func parseAmount(s string) (float64, error) {
	s = strings.NewReplacer(",", "", "£", "", "$", "", "€", "", " ", "").Replace(s)
	return strconv.ParseFloat(s, 64)
}

// Panel lists the panel members the row names, or nil.
func (r Row) Panel() []string {
	v, ok := r.values.get("panel")
	if !ok {
		return nil
	}
	return panelNames(v)
}

// panelNames are the names of a panel column ("Alex Example; Sam Sample").
func panelNames(v string) []string {
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
func (r Row) Vacancy(base config.Vacancy) config.Vacancy {
	v := base
	v.Panel = append([]string(nil), base.Panel...)
	if len(r.Extra) > 0 {
		v.Extra = make(map[string]string, len(r.Extra))
		for k, x := range r.Extra {
			v.Extra[k] = x
		}
	}
	for _, c := range columns {
		if s, ok := r.values.get(c.key); ok && c.set != nil {
			c.set(&v, s, r)
		}
	}
	return v
}
