package compare

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/rolepack/rolepack/render"
	"github.com/rolepack/rolepack/textdiff"
)

// Title is the report's heading: what was compared with what.
func (r *Report) Title() string { return fmt.Sprintf("What changed: %s → %s", r.From, r.To) }

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteMarkdown writes the report as GitHub-flavoured Markdown: deleted
// words ~~struck through~~, inserted words in **bold**.
func (r *Report) WriteMarkdown(w io.Writer) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n\n**%s**\n", render.EscapeMarkdown(r.Title()), render.EscapeMarkdown(r.Summary))
	kind := ""
	for _, c := range r.Changes {
		if c.Kind != kind {
			kind = c.Kind
			fmt.Fprintf(&b, "\n## %s\n\n", render.EscapeMarkdown(capital(KindName(kind, 2))))
		}
		fmt.Fprintf(&b, "- **%s: %s**", capital(string(c.Status)), render.EscapeMarkdown(c.Title))
		if c.Scope != "" {
			fmt.Fprintf(&b, " (%s)", render.EscapeMarkdown(c.Scope))
		}
		b.WriteByte('\n')
		switch c.Status {
		case Added:
			for _, d := range c.Entry.Descriptors {
				fmt.Fprintf(&b, "  - %s\n", render.EscapeMarkdown(d))
			}
		case Changed:
			for _, f := range c.Fields {
				fmt.Fprintf(&b, "  - %s: %s → %s\n", capital(f.Field), mdOrNone(f.Old), mdOrNone(f.New))
			}
			for _, d := range c.Descriptors {
				switch d.Status {
				case Added:
					fmt.Fprintf(&b, "  - Added: %s\n", wrapMD(d.New, "**"))
				case Removed:
					fmt.Fprintf(&b, "  - Removed: %s\n", wrapMD(d.Old, "~~"))
				default:
					fmt.Fprintf(&b, "  - Reworded: %s\n", wordsMD(d.Words))
				}
			}
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

func mdOrNone(s string) string {
	if s == "" {
		return "*(none)*"
	}
	return render.EscapeMarkdown(s)
}

// wordsMD writes a word comparison: deletions struck through, insertions
// in bold, delimiters inside the white space.
func wordsMD(d textdiff.Diff) string {
	var b strings.Builder
	for _, s := range d {
		switch s.Op {
		case textdiff.Equal:
			core := strings.TrimSpace(s.Text)
			if core == "" {
				b.WriteString(s.Text)
				continue
			}
			lead := s.Text[:strings.Index(s.Text, core)]
			b.WriteString(lead + render.EscapeMarkdown(core) + s.Text[len(lead)+len(core):])
		case textdiff.Delete:
			b.WriteString(wrapMD(s.Text, "~~"))
		case textdiff.Insert:
			b.WriteString(wrapMD(s.Text, "**"))
		}
	}
	return b.String()
}

// wrapMD escapes text and puts delim around it, inside its white space.
func wrapMD(text, delim string) string {
	core := strings.TrimSpace(text)
	if core == "" {
		return text
	}
	lead := text[:strings.Index(text, core)]
	return lead + delim + render.EscapeMarkdown(core) + delim + text[len(lead)+len(core):]
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// WriteHTML writes the report as a standalone HTML page: deleted words in
// <del>, inserted words in <ins>.
func (r *Report) WriteHTML(w io.Writer) error {
	type group struct {
		Name    string
		Changes []Change
	}
	var groups []group
	for _, c := range r.Changes {
		if len(groups) == 0 || groups[len(groups)-1].Changes[0].Kind != c.Kind {
			groups = append(groups, group{Name: capital(KindName(c.Kind, 2))})
		}
		groups[len(groups)-1].Changes = append(groups[len(groups)-1].Changes, c)
	}
	return reportPage.Execute(w, map[string]any{"R": r, "Groups": groups})
}

var reportPage = template.Must(template.New("diff").Funcs(template.FuncMap{
	"capital": capital,
	"str":     func(s Status) string { return string(s) },
	"isDel":   func(s textdiff.Segment) bool { return s.Op == textdiff.Delete },
	"isIns":   func(s textdiff.Segment) bool { return s.Op == textdiff.Insert },
}).Parse(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{{ .R.Title }}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
h1{font-size:1.6rem}h2{font-size:1.25rem;border-bottom:1px solid #ccc;margin-top:2rem}
.change{margin:1rem 0}.status{font-weight:bold;text-transform:capitalize}.scope{color:#555}
del{background:#fde2e1;color:#8a1c1c}ins{background:#dff3e4;color:#14532d;text-decoration:none;font-weight:bold}
ul{margin:.25rem 0}
</style>
</head>
<body>
<h1>{{ .R.Title }}</h1>
<p><strong>{{ .R.Summary }}</strong></p>
{{- range .Groups }}
<h2>{{ .Name }}</h2>
{{- range .Changes }}
<div class="change {{ str .Status }}">
<p><span class="status">{{ str .Status }}:</span> <strong>{{ .Title }}</strong>{{ with .Scope }} <span class="scope">({{ . }})</span>{{ end }}</p>
<ul>
{{- if eq (str .Status) "added" }}{{ range .Entry.Descriptors }}
<li><ins>{{ . }}</ins></li>{{ end }}{{ end }}
{{- if eq (str .Status) "removed" }}{{ range .Entry.Descriptors }}
<li><del>{{ . }}</del></li>{{ end }}{{ end }}
{{- range .Fields }}
<li>{{ capital .Field }}: <del>{{ or .Old "(none)" }}</del> <ins>{{ or .New "(none)" }}</ins></li>{{ end }}
{{- range .Descriptors }}
<li>{{ if eq (str .Status) "added" }}Added: <ins>{{ .New }}</ins>{{ else if eq (str .Status) "removed" }}Removed: <del>{{ .Old }}</del>{{ else }}Reworded: {{ range .Words }}{{ if isDel . }}<del>{{ .Text }}</del>{{ else if isIns . }}<ins>{{ .Text }}</ins>{{ else }}{{ .Text }}{{ end }}{{ end }}{{ end }}</li>{{ end }}
</ul>
</div>
{{- end }}
{{- end }}
</body>
</html>
`))
