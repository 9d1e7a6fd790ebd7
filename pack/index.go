package pack

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"iter"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/i18n"
	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/render"
)

// Index file names, in the output folder.
const (
	IndexHTML = "index.html"
	IndexCSV  = "index.csv"
)

// indexStatus is the status the index shows: a pack built now and one that
// was up to date are both ready, so an unchanged re-run gives the same
// index (and writes nothing).
func indexStatus(s Status, missing []string) string {
	switch s {
	case Built, UpToDate:
		if len(missing) > 0 {
			return "needs input: " + strings.Join(missing, ", ")
		}
		return "ready"
	case Failed:
		return "failed"
	}
	return "not built (run interrupted)"
}

// checkIndex refuses, before any work, an index or feed file that
// rolepack did not write (unless Force).
func (b *Batch) checkIndex(out *output.Folder) error { return checkIndexFiles(out, b.Force) }

// checkIndexFiles refuses, unless force, an index or feed file in out that
// rolepack did not write, or that was edited since.
func checkIndexFiles(out *output.Folder, force bool) error {
	if force {
		return nil
	}
	m, err := out.ReadManifest("")
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	for _, name := range []string{IndexHTML, IndexCSV, FeedXML, FeedJSONL} {
		cur, err := out.ReadFile(name, userfile.Output)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("output folder: %w", err)
		}
		if m[name] != output.Sum(cur) {
			return fmt.Errorf("%s exists and was not written by rolepack, or was edited since: use --force to overwrite it", out.Join(name))
		}
	}
	return nil
}

// indexSettings are what the index and the feeds say besides the packs:
// the document date, the language, and (for a batch whose packs hold an
// advert) the feeds' publisher.
type indexSettings struct {
	Date     time.Time
	Language string
	// Feed is the feeds' publisher; nil writes no feeds (a team's plans,
	// or packs without an advert).
	Feed *FeedSource
}

// indexSettings are the batch's.
func (b *Batch) indexSettings(feeds bool) indexSettings {
	ix := indexSettings{Date: b.Date, Language: string(b.Config.Language)}
	if feeds {
		ix.Feed = &FeedSource{Publisher: b.Config.Organisation.Name, PublisherURL: b.Config.Organisation.Website}
	}
	return ix
}

// writeIndex writes index.html and index.csv for every row, and the feeds
// of the ready vacancies.
func (b *Batch) writeIndex(out *output.Folder, s *Summary, feeds bool) error {
	return writeIndexFiles(out, s, b.indexSettings(feeds), b.Force)
}

// writeIndexFiles writes the index files (and the feeds, when ix has a
// publisher) of s into out; an unchanged re-run writes nothing. Each file
// is streamed to its place as it is made, never held whole: a 10,000-pack
// index.html is about 10 MB, and building the four files in memory at the
// end of a batch was the highest its memory went.
func writeIndexFiles(out *output.Folder, s *Summary, ix indexSettings, force bool) error {
	date := ix.Date.Format("2 January 2006")
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{IndexHTML, func(w io.Writer) error { return writeIndexPage(w, s, date, ix.Language) }},
		{IndexCSV, func(w io.Writer) error { return writeIndexTable(w, s) }},
	}
	if ix.Feed != nil {
		src := *ix.Feed
		files = append(files,
			struct {
				name  string
				write func(io.Writer) error
			}{FeedXML, func(w io.Writer) error { return writeFeedXML(w, s, src, ix.Date) }},
			struct {
				name  string
				write func(io.Writer) error
			}{FeedJSONL, func(w io.Writer) error { return writeFeedJSONL(w, s) }})
	}
	// Checked again just before writing, as writing the set checked it:
	// a file edited while the batch ran is not overwritten either.
	if err := checkIndexFiles(out, force); err != nil {
		return err
	}
	sums := make(map[string]string, len(files))
	any := false
	for _, f := range files {
		sum, written, err := out.WriteFileFunc(f.name, f.write)
		if err != nil {
			return fmt.Errorf("index: %w", err)
		}
		sums[f.name] = sum
		any = any || written
	}
	if !any {
		return nil // an unchanged re-run writes nothing
	}
	if err := out.Record(sums); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

// indexRow is one pack as the index shows it.
type indexRow struct {
	Line                   int
	Reference, Role, Level string
	Title, LevelLabel      string // job title and level as the documents name them
	Location               string
	Language               string // the documents' language tag ("cy", "en-GB")
	Closing, ClosingText   string // YYYY-MM-DD, and as people read it
	Manager                string // a plan's line manager
	Status                 string
	Rebuilt                string
	Folder                 string
	Zip                    string
	Files                  []string
	Error                  string
}

// indexRows are the index's rows of s, one a result in manifest order,
// each made as it is read.
func indexRows(s *Summary) iter.Seq[indexRow] {
	return func(yield func(indexRow) bool) {
		for i := range s.Results {
			if !yield(newIndexRow(&s.Results[i], s.zips)) {
				return
			}
		}
	}
}

// newIndexRow is how the index shows r: a pack of zips (Batch.Zips) has
// no folder.
func newIndexRow(r *Result, zips bool) indexRow {
	ir := indexRow{Line: r.Row.Line, Reference: r.Reference, Role: r.Role, Level: r.Level, Status: indexStatus(r.Status, r.Missing),
		Title: r.Title, LevelLabel: r.LevelLabel, Location: r.Location, Language: r.Language, Closing: r.Closing, ClosingText: r.Closing, Rebuilt: r.Rebuilt}
	if d, err := time.Parse("2006-01-02", r.Closing); err == nil {
		ir.ClosingText = d.Format("2 Jan 2006")
	}
	if ir.Title == "" {
		ir.Title = r.Role
	}
	if ir.LevelLabel == "" {
		ir.LevelLabel = r.Level
	}
	if p := r.Row.Plan; p != nil {
		ir.Manager = p.Manager
		if p.TargetRole != "" && p.TargetRole != r.Role {
			ir.Role += " to " + p.TargetRole
		}
		if p.To != "" {
			ir.Level += " to " + p.To
		}
	}
	if r.Status == Built || r.Status == UpToDate {
		ir.Folder, ir.Zip, ir.Files = r.Name, r.Name+".zip", r.Files
		if zips {
			ir.Folder = ""
		}
	}
	if r.Err != nil {
		ir.Error = r.Err.Error()
	}
	return ir
}

var indexTemplate = template.Must(template.New("index").Funcs(template.FuncMap{
	"href": func(parts ...string) string {
		for i, p := range parts {
			parts[i] = url.PathEscape(p)
		}
		return strings.Join(parts, "/")
	},
	"languageName": languageName,
	"fileKind":     fileKind,
	"langAttr":     langAttr,
}).Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body { font-family: system-ui, sans-serif; font-size: 0.875rem; line-height: 1.3; margin: 1rem 1.5rem; color: #1b1b1b; }
h1 { font-size: 1.4rem; margin: 0 0 0.3rem; }
p { margin: 0.3rem 0; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 0.2rem 0.4rem; text-align: left; vertical-align: top; }
thead th { background: #f3f2f1; position: sticky; top: 0; white-space: nowrap; }
thead button { font: inherit; font-weight: bold; background: none; border: 0; padding: 0; cursor: pointer; }
thead button::after { content: " \2195"; color: #505a5f; }
th[aria-sort=ascending] button::after { content: " \2191"; }
th[aria-sort=descending] button::after { content: " \2193"; }
td.date, td.docs { white-space: nowrap; }
tbody tr:nth-child(even) { background: #f8f8f8; }
details { display: inline-block; vertical-align: top; }
summary { cursor: pointer; color: #1d70b8; display: inline; }
ul { margin: 0.2rem 0; padding-left: 1.1rem; }
.failed { color: #a4111e; font-weight: bold; }
.needs-input { color: #6f3900; font-weight: bold; }
.problem { color: #a4111e; }
.note { color: #505a5f; }
#filter { font: inherit; padding: 0.2rem 0.4rem; width: 20rem; max-width: 100%; }
a:focus, button:focus, input:focus, summary:focus { outline: 3px solid #fd0; }
</style>
</head>
<body>
<main>
<h1>{{.Title}}</h1>
<p>{{.Total}} {{if .Plans}}{{if eq .Total 1}}plan{{else}}plans{{end}}{{else}}{{if eq .Total 1}}pack{{else}}packs{{end}}{{end}}: {{.Ready}} ready, {{if .NeedsInput}}{{.NeedsInput}} need input, {{end}}{{.Failed}} failed{{if .NotRun}}, {{.NotRun}} not built{{end}}. Documents dated {{.Date}}.</p>
<p id="tools"></p>
<table id="packs">
<caption>{{if .Plans}}Every person in the team manifest{{else}}Every vacancy in the manifest{{end}}, in manifest order</caption>
<thead>
<tr>{{if .Plans}}<th scope="col">Person</th><th scope="col">Line manager</th><th scope="col">Role</th><th scope="col">Level</th>{{else}}<th scope="col">Reference</th><th scope="col">Job title</th><th scope="col">Level</th><th scope="col">Language</th><th scope="col">Location</th><th scope="col">Closing date</th>{{end}}<th scope="col">Status</th><th scope="col">Problems</th><th scope="col">Documents</th></tr>
</thead>
<tbody>
{{- range .Rows}}
<tr>
<th scope="row">{{if .Reference}}{{.Reference}}{{else}}(line {{.Line}}){{end}}</th>
{{- if $.Plans}}
<td>{{.Manager}}</td>
<td>{{.Role}}</td>
<td>{{.Level}}</td>
{{- else}}
<td>{{.Title}}</td>
<td>{{.LevelLabel}}</td>
<td{{with langAttr .Language}} lang="{{.}}"{{end}}>{{languageName .Language}}</td>
<td>{{.Location}}</td>
<td class="date" data-sort="{{.Closing}}">{{.ClosingText}}</td>
{{- end}}
<td class="status{{if eq .Status "failed"}} failed{{else if ne .Status "ready"}} needs-input{{end}}">{{.Status}}</td>
<td>{{if .Error}}<span class="problem">{{.Error}}</span>{{end}}{{if .Rebuilt}}<span class="note">rebuilt: {{.Rebuilt}}</span>{{end}}</td>
<td class="docs">{{if .Zip}}<a href="{{href .Zip}}">zip</a> · <details><summary>{{len .Files}} files{{if not .Folder}} in the zip{{end}}</summary><ul>{{$f := .Folder}}{{range .Files}}<li>{{if $f}}<a href="{{href $f .}}">{{.}}</a>{{else}}{{.}} <span class="note">{{fileKind .}}</span>{{end}}</li>{{end}}</ul></details>{{end}}</td>
</tr>
{{- end}}
</tbody>
</table>
</main>
<script>
// Sorting and filtering; without scripts the table is complete, in manifest order.
(function () {
  var table = document.getElementById("packs");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var tools = document.getElementById("tools");
  var label = document.createElement("label");
  label.textContent = "Show only rows containing ";
  var input = document.createElement("input");
  input.type = "search";
  input.id = "filter";
  label.appendChild(input);
  var count = document.createElement("span");
  count.setAttribute("aria-live", "polite");
  tools.appendChild(label);
  tools.appendChild(document.createTextNode(" "));
  tools.appendChild(count);
  input.addEventListener("input", function () {
    var q = input.value.toLowerCase(), shown = 0;
    rows.forEach(function (r) {
      var hit = r.textContent.toLowerCase().indexOf(q) >= 0;
      r.hidden = !hit;
      if (hit) shown++;
    });
    count.textContent = q ? shown + " of " + rows.length + " shown" : "";
  });
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, col) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(b);
    b.addEventListener("click", function () {
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
      var key = function (r) { var c = r.cells[col]; return c.getAttribute("data-sort") || c.textContent.trim(); };
      rows.sort(function (x, y) { return dir * key(x).localeCompare(key(y), undefined, {numeric: true}); });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
})();
</script>
</body>
</html>
`))

// IndexPage renders the batch's index.html: an accessible table of every
// pack with its status, links to its files and zip, and its problem.
func IndexPage(s *Summary, date, lang string) ([]byte, error) {
	var b bytes.Buffer
	if err := writeIndexPage(&b, s, date, lang); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeIndexPage writes IndexPage's page to w.
func writeIndexPage(w io.Writer, s *Summary, date, lang string) error {
	if lang == "" {
		lang = "en-GB"
	}
	plans := len(s.Results) > 0 && s.Results[0].Row.Plan != nil
	title := "Role packs"
	if plans {
		title = "Personal development plans"
	}
	data := struct {
		Lang, Date, Title                        string
		Plans                                    bool
		Total, Ready, NeedsInput, Failed, NotRun int
		Rows                                     iter.Seq[indexRow]
	}{Lang: lang, Date: date, Title: title, Plans: plans, Total: len(s.Results), Failed: s.Failed, NotRun: s.NotRun, Rows: indexRows(s)}
	for _, r := range s.Results {
		if r.Status == Built || r.Status == UpToDate {
			if len(r.Missing) > 0 {
				data.NeedsInput++
			} else {
				data.Ready++
			}
		}
	}
	if err := indexTemplate.Execute(w, data); err != nil {
		return fmt.Errorf("index.html: %w", err)
	}
	return nil
}

// IndexTable renders the batch's index.csv: one row per pack with the
// manifest line, reference, role, level, language (the documents' tag,
// "cy" or "en-GB"), status, folder, zip, files (";"-separated) and
// problem; a team manifest's plans have no language column.
func IndexTable(s *Summary) ([]byte, error) {
	var b bytes.Buffer
	if err := writeIndexTable(&b, s); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeIndexTable writes IndexTable's table to out.
func writeIndexTable(out io.Writer, s *Summary) error {
	w := csv.NewWriter(out)
	w.UseCRLF = true // what spreadsheets expect
	rec := func(fields ...string) {
		for i, f := range fields {
			fields[i] = cellSafe(f)
		}
		_ = w.Write(fields) // w.Error reports a failed write
	}
	plans := len(s.Results) > 0 && s.Results[0].Row.Plan != nil
	if plans {
		rec("line", "person", "manager", "role", "level", "status", "folder", "zip", "files", "error")
	} else {
		rec("line", "reference", "role", "level", "language", "status", "folder", "zip", "files", "error")
	}
	for r := range indexRows(s) {
		if plans {
			rec(strconv.Itoa(r.Line), r.Reference, r.Manager, r.Role, r.Level, r.Status, r.Folder, r.Zip, strings.Join(r.Files, ";"), r.Error)
			continue
		}
		rec(strconv.Itoa(r.Line), r.Reference, r.Role, r.Level, r.Language, r.Status, r.Folder, r.Zip, strings.Join(r.Files, ";"), r.Error)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return fmt.Errorf("index.csv: %w", err)
	}
	return nil
}

// languageName is a language tag as the index names it, in its own
// language: "Cymraeg (cy)", "English (en-GB)".
func languageName(tag string) string {
	if tag == "" {
		return "" // a part index written before packs had a language
	}
	if tags := config.Languages(tag).Tags(); len(tags) == 2 {
		// a bilingual pack: "Cymraeg, English (cy, en)"
		return strings.TrimSuffix(languageName(tags[0]), " ("+tags[0]+")") + ", " + strings.TrimSuffix(languageName(tags[1]), " ("+tags[1]+")") +
			" (" + i18n.Base(tags[0]) + ", " + i18n.Base(tags[1]) + ")"
	}
	switch i18n.Base(tag) {
	case "cy":
		return "Cymraeg (" + tag + ")"
	case "en":
		return "English (" + tag + ")"
	}
	return tag
}

// langAttr is a pack's language as an HTML lang attribute: its tag, or
// none for a bilingual pack (whose cell names both languages).
func langAttr(tag string) string {
	if strings.Contains(tag, ",") {
		return ""
	}
	return tag
}

// cellSafe stops a spreadsheet reading a cell as a formula: a cell that
// starts with =, +, -, @, a tab or a carriage return gets a single quote
// in front, as the OWASP guidance on CSV injection says.
func cellSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// fileKind says what a pack's file is, for the index of zips, whose
// files have no links: "Job description, PDF". A file of no known kind
// has its format alone.
func fileKind(name string) string {
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	format := strings.ToUpper(strings.TrimPrefix(ext, "."))
	switch ext {
	case ".docx":
		format = "Word"
	case ".md":
		format = "Markdown"
	case ".jsonld":
		format = "JSON-LD (schema.org JobPosting)"
	case ".xlsx":
		format = "Excel"
	case ".txt":
		format = "text"
	}
	for _, k := range render.Kinds {
		if stem == k.ID || strings.HasPrefix(stem, k.ID+"-") {
			return k.Title + ", " + format
		}
	}
	return format
}
