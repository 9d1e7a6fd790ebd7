// Package templates holds the default document templates, embedded so the
// binary works with no files beside it. A user overrides them file by file
// with --templates DIR (`rolepack templates export DIR` writes them out).
package templates

import "embed"

// FS holds the default templates: one <kind>.md.tmpl per document kind,
// extra outputs such as advert.jsonld.tmpl, and shared partials named
// _*.tmpl.
//
//go:embed *.tmpl
var FS embed.FS
