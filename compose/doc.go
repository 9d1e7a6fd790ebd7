// Package compose decides what goes into a document. From the
// organisation's config (package config) and the library of frameworks, it
// merges a role's sources at one rung into a Composed role with the
// provenance of every entry, applies the config's edits, selects what
// candidate-facing documents carry, words criteria and questions, and
// builds the person specification, the score scale, the development plan
// between two rungs and the career map across every rung. The result is
// the Context every template receives (and `rolepack show --json` prints).
//
// compose knows nothing of templates, formats or files.
package compose
