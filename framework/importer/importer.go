// Package importer reads framework source documents of any supported
// format (DDaT role-level summaries, FEDIP/NCF job profiles, MkDocs skills
// matrices) or a canonical framework file, recognising the format from the
// content, and checks them. It is what `rolepack import` and `rolepack
// validate` call.
package importer

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/ddat"
	"github.com/rolepack/rolepack/framework/matrix"
	"github.com/rolepack/rolepack/framework/profile"
	"github.com/rolepack/rolepack/framework/sheet"
	"github.com/rolepack/rolepack/framework/textprep"
)

// Format names a source format.
type Format string

// The formats Import reads. FormatAuto recognises the format from the
// content; FormatCanonical is rolepack's own framework YAML (or JSON).
const (
	FormatAuto      Format = "auto"
	FormatDDaT      Format = "ddat"
	FormatProfile   Format = "profile"
	FormatMatrix    Format = "matrix"
	FormatSheet     Format = "sheet"
	FormatCanonical Format = "yaml"
)

// formats describes the source formats in detection order.
var formats = []struct {
	format Format
	what   string
	detect func(*textprep.Doc) bool
}{
	{FormatDDaT, "a DDaT role-level summary", ddat.Detect},
	{FormatProfile, "a FEDIP/NCF job profile", profile.Detect},
	{FormatMatrix, "a skills matrix", matrix.Detect},
	{FormatSheet, "a spreadsheet (CSV or XLSX)", nil},
	{FormatCanonical, "a rolepack framework YAML file", looksCanonical},
}

// Formats lists the names --from accepts, in order.
var Formats = []Format{FormatAuto, FormatDDaT, FormatProfile, FormatMatrix, FormatSheet, FormatCanonical}

// ParseFormat returns the Format named s ("" means auto; csv and xlsx mean
// sheet); the error lists the known names.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "":
		return FormatAuto, nil
	case "csv", "xlsx", "spreadsheet":
		return FormatSheet, nil
	}
	for _, f := range Formats {
		if strings.EqualFold(s, string(f)) {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown source format %q (known: %s)", s, strings.Join(names, ", "))
}

func describe(f Format) string {
	for _, x := range formats {
		if x.format == f {
			return x.what
		}
	}
	return string(f)
}

// Options controls an import.
type Options struct {
	// From forces a format; "" or FormatAuto recognises it from the content.
	From Format
	// Title is the role title of a profile that has no title line.
	Title string
	// Sheet names the worksheet of an XLSX workbook to read, in any case;
	// "" reads the one that holds the framework, passing over cover,
	// read-me, notes and other sheets without a header row. Only
	// spreadsheets take it.
	Sheet string
	// Columns names spreadsheet columns ("skill=Competency"); see
	// sheet.Options.
	Columns []string
	// ID and Name, when set, replace the imported framework's id and name.
	ID, Name string
	// Publisher, Licence and URL, when set, replace what the source says
	// of itself.
	Publisher, Licence, URL string
	// Note, when set, is told what the import chose that the user should
	// know, one line each: which worksheet of a workbook was read and
	// which were passed over (`read sheet "Skills" of book.xlsx (skipped
	// "Read me": no header row)`).
	Note func(string)
}

// apply sets what the options say over what the files said.
func (o Options) apply(f *framework.Framework) {
	if o.ID != "" {
		f.ID = o.ID
	}
	if o.Name != "" {
		f.Name = o.Name
	}
	if o.Publisher != "" {
		f.Source.Publisher = o.Publisher
	}
	if o.Licence != "" {
		f.Source.Licence = o.Licence
	}
	if o.URL != "" {
		f.Source.URL = o.URL
	}
}

// CheckID refuses a framework id that is not a slug (lower-case letters,
// digits and single hyphens), as role references need.
func CheckID(id string) error {
	if id != "" && framework.Slug(id) != id {
		return fmt.Errorf("framework id %q: use lower-case letters, digits and hyphens, e.g. %q", id, framework.Slug(id))
	}
	return nil
}

// Detect recognises the format of a prepared document. The error, at the
// document's first non-blank line, says which formats were tried.
func Detect(d *textprep.Doc) (Format, error) {
	for _, f := range formats {
		if f.detect != nil && f.detect(d) {
			return f.format, nil
		}
	}
	return "", d.Errorf(d.FirstTextLine(), "not a DDaT role-level summary, FEDIP/NCF profile, skills matrix or rolepack framework YAML file (formats tried: ddat, profile, matrix, yaml)")
}

// canonicalKey is a top-level key of the canonical YAML form.
var canonicalKey = regexp.MustCompile(`^(id|name|version|format|source|levels|roles|catalogues):(\s|$)`)

// looksCanonical reports whether d starts like a canonical framework file:
// its first line that is not blank, a comment or "---" is a top-level model
// key, or a JSON object opens it.
func looksCanonical(d *textprep.Doc) bool {
	for _, l := range d.Lines {
		t := l.Text
		switch {
		case textprep.Trim(t) == "", strings.HasPrefix(t, "#"), t == "---":
			continue
		case strings.HasPrefix(t, "{"):
			return true
		}
		return canonicalKey.MatchString(t)
	}
	return false
}

func hasYAMLExt(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// input is one file with its recognised format.
type input struct {
	path   string
	format Format
	doc    *textprep.Doc // nil for canonical files and sheets
	table  *sheet.Table  // sheets only
}

// line is where a message about the whole input points.
func (in input) line() int {
	if in.doc != nil {
		return in.doc.FirstTextLine()
	}
	return 0
}

// isSheetName reports whether a file name says it is a spreadsheet.
func isSheetName(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".tsv", ".xlsx", ".xlsm":
		return true
	}
	return false
}

// sheetNotSheet is the error for --sheet given with a file that is not
// read as a spreadsheet.
func sheetNotSheet(path, sheet string) error {
	return framework.Errorf(path, 0, "--sheet %q given, but this is not read as a spreadsheet, so it has no worksheets; --sheet is for XLSX workbooks", sheet)
}

// classify reads and recognises each file.
func classify(paths []string, opt Options) ([]input, error) {
	from := opt.From
	if from == "" {
		from = FormatAuto
	}
	from, err := ParseFormat(string(from))
	if err != nil {
		return nil, err
	}
	if err := CheckID(opt.ID); err != nil {
		return nil, err
	}
	ins := make([]input, 0, len(paths))
	for _, p := range paths {
		if from == FormatCanonical || (from == FormatAuto && hasYAMLExt(p)) {
			if opt.Sheet != "" {
				return nil, sheetNotSheet(p, opt.Sheet)
			}
			ins = append(ins, input{path: p, format: FormatCanonical})
			continue
		}
		if from == FormatSheet || (from == FormatAuto && isSheetName(p)) {
			t, err := sheet.ReadFile(p, opt.Sheet, sheet.Options{Columns: opt.Columns})
			if err != nil {
				return nil, err
			}
			if n := t.Note(); n != "" && opt.Note != nil {
				opt.Note(n)
			}
			ins = append(ins, input{path: p, format: FormatSheet, table: t})
			continue
		}
		if opt.Sheet != "" {
			return nil, sheetNotSheet(p, opt.Sheet)
		}
		d, err := textprep.ReadFile(p)
		if err != nil {
			return nil, err
		}
		f := from
		if f == FormatAuto {
			if f, err = Detect(d); err != nil {
				return nil, err
			}
		}
		if f == FormatCanonical {
			d = nil
		}
		ins = append(ins, input{path: p, format: f, doc: d})
	}
	return ins, nil
}

// Import reads one or more files of one format into one framework. Matrix
// pages of one area become one catalogue; several profiles or DDaT
// summaries become several roles. A canonical framework file is loaded
// (and validated) as it is, and must then be the only file. The returned
// problems are warnings (and, for a canonical file, its validation
// problems); a file that cannot be read gives an error naming file and line.
// The framework's Format says which format was read.
func Import(paths []string, opt Options) (*framework.Framework, []framework.Problem, error) {
	if len(paths) == 0 {
		return nil, nil, errors.New("import: no files given")
	}
	ins, err := classify(paths, opt)
	if err != nil {
		return nil, nil, err
	}
	for _, in := range ins {
		if in.format == FormatCanonical {
			if len(ins) > 1 {
				return nil, nil, framework.Errorf(in.path, 0, "a rolepack framework file cannot be imported together with other files; give it on its own")
			}
			f, probs, err := framework.Load(in.path)
			if f != nil {
				opt.apply(f)
			}
			return f, probs, err
		}
	}
	f, probs, err := parse(ins, opt)
	if err == nil && f != nil {
		opt.apply(f)
	}
	return f, probs, err
}

// parse imports source documents that are all of one format.
func parse(ins []input, opt Options) (*framework.Framework, []framework.Problem, error) {
	first := ins[0]
	docs := make([]*textprep.Doc, 0, len(ins))
	var tables []*sheet.Table
	var probs []framework.Problem
	for _, in := range ins {
		if in.format != first.format {
			return nil, nil, framework.Errorf(in.path, in.line(), "is %s, but %s is %s; import files of one format at a time",
				describe(in.format), first.path, describe(first.format))
		}
		if in.table != nil {
			tables = append(tables, in.table) // its warnings come with the catalogue
			continue
		}
		docs = append(docs, in.doc)
		probs = append(probs, in.doc.Warnings...)
	}
	var (
		f    *framework.Framework
		more []framework.Problem
		err  error
	)
	switch first.format {
	case FormatDDaT:
		f, more, err = ddat.Parse(docs)
	case FormatProfile:
		f, more, err = profile.Parse(docs, profile.Options{Title: opt.Title})
	case FormatMatrix:
		f, more, err = matrix.Parse(docs)
	case FormatSheet:
		f, more, err = sheet.Parse(tables, sheet.Options{Columns: opt.Columns})
	default:
		return nil, nil, fmt.Errorf("import: unsupported format %q", first.format)
	}
	probs = append(probs, more...)
	sortByFile(probs, ins)
	probs = framework.Condense(probs) // the document's warnings may come twice
	if err != nil {
		return nil, probs, err
	}
	if f != nil && f.Format == "" {
		f.Format = string(first.format)
	}
	return f, probs, nil
}

// sortByFile orders problems by the order of the files given, then line.
func sortByFile(ps []framework.Problem, ins []input) {
	order := make(map[string]int, len(ins))
	for i, in := range ins {
		if _, ok := order[in.path]; !ok {
			order[in.path] = i
		}
	}
	sort.SliceStable(ps, func(i, j int) bool {
		oi, iok := order[ps[i].File]
		oj, jok := order[ps[j].File]
		if !iok {
			oi = len(ins)
		}
		if !jok {
			oj = len(ins)
		}
		if oi != oj {
			return oi < oj
		}
		return ps[i].Line < ps[j].Line
	})
}

// Validate checks files as `rolepack validate` does: each canonical
// framework file on its own, and the source documents of each format
// together (imported as by Import, then validated). Everything wrong, including a file that
// cannot be read or recognised, is one problem in the result, and the other
// files are still checked. Problems come in the order of the files given,
// then by line. Warnings do not make a framework unusable
// (framework.HasErrors tells).
func Validate(paths []string, opt Options) []framework.Problem {
	if len(paths) == 0 {
		return []framework.Problem{{Severity: framework.SeverityError, Message: "validate: no files given"}}
	}
	var probs []framework.Problem
	var sources []input
	all := make([]input, 0, len(paths))
	for _, p := range paths {
		all = append(all, input{path: p})
		ins, err := classify([]string{p}, opt)
		if err != nil {
			probs = append(probs, asProblem(p, err))
			continue
		}
		if ins[0].format == FormatCanonical {
			_, ps, err := framework.Load(p)
			probs = append(probs, ps...)
			if err != nil {
				probs = append(probs, asProblem(p, err))
			}
			continue
		}
		sources = append(sources, ins[0])
	}
	// Sources of one format are imported together, as Import would.
	var order []Format
	groups := map[Format][]input{}
	for _, in := range sources {
		if _, ok := groups[in.format]; !ok {
			order = append(order, in.format)
		}
		groups[in.format] = append(groups[in.format], in)
	}
	for _, format := range order {
		group := groups[format]
		f, ps, err := parse(group, opt)
		probs = append(probs, ps...)
		if err != nil {
			probs = append(probs, asProblem(group[0].path, err))
			continue
		}
		probs = append(probs, framework.Validate(f, nil)...)
	}
	sortByFile(probs, all)
	return framework.Condense(probs)
}

// asProblem turns an error into a problem, keeping its file and line.
func asProblem(path string, err error) framework.Problem {
	var p *framework.Problem
	if errors.As(err, &p) {
		return *p
	}
	return framework.Problem{File: path, Severity: framework.SeverityError, Message: err.Error()}
}
