package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// common is what every page shows: its title, the CSRF token for its
// forms, and which section of the site it is in.
type common struct {
	Title string
	CSRF  string
	Nav   string // home, batch, frameworks, organisation or saved
}

// parsePages parses every page with the base layout.
func parsePages() (map[string]*template.Template, error) {
	names, err := fs.Glob(pageFiles, "pages/*.html")
	if err != nil {
		return nil, err
	}
	funcs := template.FuncMap{
		"join":   strings.Join,
		"format": formatLabel,
		"lower":  strings.ToLower,
		"list3":  func() []string { return []string{"essential", "desirable", "none"} },
		"choiceLabel": func(v string) string {
			return map[string]string{"essential": "Essential", "desirable": "Desirable", "none": "Not assessed"}[v]
		},
	}
	out := map[string]*template.Template{}
	for _, n := range names {
		base := path.Base(n)
		if base == "base.html" {
			continue
		}
		t, err := template.New(base).Funcs(funcs).ParseFS(pageFiles, "pages/base.html", n)
		if err != nil {
			return nil, fmt.Errorf("web: page %s: %w", base, err)
		}
		out[strings.TrimSuffix(base, ".html")] = t
	}
	return out, nil
}

// page renders a page whole before writing it, so a template error is a
// 500 and never half a page.
func (s *Server) page(w http.ResponseWriter, status int, name string, data any) {
	var b bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&b, "base", data); err != nil {
		fmt.Fprintf(s.opts.Log, "page %s: %v\n", name, err)
		http.Error(w, "Internal error: the page could not be shown.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}

// errorPage is a problem the person can act on.
type errorPage struct {
	common
	Status  int
	Message string
	Back    *link // the page the problem came from, when it is one to go back to
}

// fail shows a one-line problem with the status.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, msg string) {
	title := "There is a problem"
	switch status {
	case http.StatusNotFound:
		title = "Page not found"
	case http.StatusForbidden:
		title = "Form refused"
	case http.StatusServiceUnavailable:
		title = "Try again in a moment"
	case http.StatusRequestEntityTooLarge:
		title = "The file is too large"
	}
	s.page(w, status, "error", errorPage{common: common{Title: title}, Status: status, Message: msg})
}

// failBack is fail with a link back to the page whose form was wrong.
func (s *Server) failBack(w http.ResponseWriter, status int, msg string, back link) {
	s.page(w, status, "error", errorPage{common: common{Title: "There is a problem"}, Status: status, Message: msg, Back: &back})
}
