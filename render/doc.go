// Package render turns a composed context into a document tree: it owns
// the registry of document kinds (Kinds: each kind's template, scope,
// extras, checks, copies and formats), the template engine (text/template
// with sprig's hermetic functions and rolepack's own, run within a time,
// output and size budget), and the parser that turns a template's Markdown
// into the tree (doc) every writer walks.
//
// What goes into a document (composition, selection, the person
// specification, plans, career maps) is decided in compose; how a
// tree is laid out on a page is decided in doc; how it is drawn is
// each writer's job (output/*).
package render
