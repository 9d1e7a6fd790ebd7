// Package config is the schema of config.yaml: the Config type and its
// parts (the organisation, its brand, its level ladder, its roles as
// compositions of framework sources, the vacancy, edits, the PDP,
// development, person-specification and scoring settings), the strict
// loader (LoadConfig: unknown and duplicate keys, wrong kinds of value and
// runaway aliases are one-line file:line errors that never name a Go
// type), where each key was written (At), the key table layers are merged
// by (Keys) and the checks of values (CheckValues: dates, salaries, web
// addresses, counts, fixed choices, Welsh language categories).
//
// config says what a config may hold; compose decides what a document
// makes of it.
package config
