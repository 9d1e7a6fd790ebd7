// Package compose decides what goes into a document. It owns the
// organisation's config schema (Config: the ladder, roles composed from
// framework sources, vacancy, organisation, selection, edits, PDP and
// scoring settings) and the library of frameworks; it merges a role's
// sources at one rung into a Composed role with the provenance of every
// entry, selects what candidate-facing documents carry, words criteria and
// questions, and builds the person specification, the score scale, the
// development plan between two rungs and the career map across every rung.
// The result is the Context every template receives (and `rolepack show
// --json` prints).
//
// compose knows nothing of templates, formats or files.
package compose
