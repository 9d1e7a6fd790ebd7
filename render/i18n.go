package render

import (
	"strings"
	"text/template"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/i18n"
)

// translator holds the message catalogue of one execution: the template
// functions that word the document (t, tOr, lang, longDate, orBlank) read
// it, and Execute sets it from the context before each run.
type translator struct {
	cat *i18n.Catalogue
}

// messages returns the catalogue, English when none is set.
func (tr *translator) messages() *i18n.Catalogue {
	if tr == nil || tr.cat == nil {
		return i18n.English()
	}
	return tr.cat
}

// set points the functions at data's catalogue.
func (tr *translator) set(data *compose.Context) {
	tr.cat = nil
	if data != nil {
		tr.cat = data.Messages()
	}
}

// funcs are the functions bound to tr.
func (tr *translator) funcs() template.FuncMap {
	return template.FuncMap{
		// t formats a message of the catalogue: {{ t "h.jobDetails" }},
		// {{ t "jd.title" .Title }}.
		"t": func(key string, args ...any) string { return tr.messages().T(key, args...) },
		// tOr is message key, or def when the catalogue has no such key
		// (a value the organisation wrote, such as an assessment method).
		"tOr": func(key, def string) string {
			if c := tr.messages(); c.Has(key) {
				return c.T(key)
			}
			return def
		},
		// lang is the documents' base language: "en", "cy".
		"lang":     func() string { return tr.messages().Lang() },
		"longDate": func(s string) string { return tr.messages().LongDate(s) },
		"orBlank": func(s string) string {
			if strings.TrimSpace(s) == "" {
				return tr.messages().T("blank")
			}
			return EscapeMarkdown(s)
		},
	}
}

// addMessageFuncs adds the catalogue's functions, worded in English, to
// the function map: each execution's clone rebinds them to its context's
// catalogue.
func addMessageFuncs(f template.FuncMap) {
	for name, fn := range (&translator{}).funcs() {
		f[name] = fn
	}
}
