package pack

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework"
)

// TeamColumns lists the keys a team manifest row may set.
var TeamColumns = []string{"person", "manager", "role", "from", "to", "targetRole", "period"}

// teamAliases maps a normalised header (lower case, no spaces, hyphens or
// underscores) to its team column.
var teamAliases = map[string]string{
	"name": "person", "employee": "person", "linemanager": "manager",
	"currentlevel": "from", "targetlevel": "to", "torole": "targetRole", "reviewperiod": "period",
}

func teamColumn(name string) (string, bool) { return columnName(name, TeamColumns, teamAliases) }

// ReadTeam reads a team manifest: one development plan per person, as CSV
// (a header row, then one row per person) or YAML (a list of people, or
// people: [...]), with the columns person, manager, role, from, to,
// targetRole and period. A value a row leaves empty comes from the
// config (role, pdp.from, pdp.to, pdp.period …). An unknown column or a
// file that cannot be parsed is an error for the whole manifest.
func ReadTeam(file string, data []byte) ([]Row, error) {
	rows, err := teamManifest.read(file, data)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no people in the team manifest", file)
	}
	return rows, nil
}

// teamManifest reads team manifests.
var teamManifest = manifestFormat{list: "people", table: readTeamTable, yaml: readTeamYAML}

func newTeamRow(file string, line int) Row {
	return Row{File: file, Line: line, Plan: &config.PDPConfig{}}
}

// setTeam sets one team column of a row.
func (r *Row) setTeam(key, v string) {
	switch key {
	case "person":
		r.Plan.Person = v
	case "manager":
		r.Plan.Manager = v
	case "role":
		r.Role = v
	case "from":
		r.Plan.From, r.Level = v, v
	case "to":
		r.Plan.To = v
	case "targetRole":
		r.Plan.TargetRole = v
	case "period":
		r.Plan.Period = v
	}
}

// readTeamTable reads a header record and one person a record after it
// (from a CSV file or a workbook's first sheet).
func readTeamTable(file string, recs []record) ([]Row, error) {
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: empty team manifest (a header row is needed: %s)", file, strings.Join(TeamColumns, ","))
	}
	header := recs[0].fields
	keys := make([]string, len(header))
	seen := map[string]int{}
	for i, h := range header {
		if strings.TrimSpace(h) == "" {
			continue
		}
		k, ok := teamColumn(h)
		if !ok {
			return nil, fmt.Errorf("%s:%d: unknown column %q (known: %s)", file, recs[0].line, h, strings.Join(TeamColumns, ", "))
		}
		if j, dup := seen[k]; dup {
			return nil, fmt.Errorf("%s:%d: columns %d and %d are both %q", file, recs[0].line, j+1, i+1, k)
		}
		seen[k] = i
		keys[i] = k
	}
	var rows []Row
	for _, rec := range recs[1:] {
		row := newTeamRow(file, rec.line)
		blank := true
		for i, v := range rec.fields {
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			blank = false
			if i >= len(keys) || keys[i] == "" {
				row.Err = fmt.Errorf("%s: value %q in column %d, which has no header", row.At(), v, i+1)
				continue
			}
			row.setTeam(keys[i], v)
		}
		if !blank {
			rows = append(rows, row)
		}
	}
	return rows, nil
}

func readTeamYAML(file string, data []byte) ([]Row, error) {
	list, err := yamlList(file, data, "people", "person")
	if list == nil || err != nil {
		return nil, err
	}
	var rows []Row
	for _, item := range list.Content {
		if item.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("%s:%d: a person is a mapping of keys (%s)", file, item.Line, strings.Join(TeamColumns, ", "))
		}
		row := newTeamRow(file, item.Line)
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			key, ok := teamColumn(k.Value)
			if !ok {
				return nil, fmt.Errorf("%s: unknown key %q (known: %s)", framework.Position(file, k.Line), k.Value, strings.Join(TeamColumns, ", "))
			}
			if v.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("%s:%d: %s is a single value", file, v.Line, key)
			}
			if v.Tag != "!!null" {
				row.setTeam(key, strings.TrimSpace(v.Value))
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// planRow settles a team row's plan: the config's pdp with the row's
// values over it, the person naming the pack (as a reference names a role
// pack).
func planRow(j *job, row Row, cfg *config.Config) {
	p := cfg.PDP
	planRole := p.Role
	if planRole == "" {
		planRole = cfg.Role
	}
	if row.Role != "" && row.Role != planRole && strings.Contains(row.Role, "/") {
		// The config's move is between levels of its own role; a
		// framework role's levels are its own ("data-scientist", not
		// "mid"): a row for another such role starts from its own from
		// and goes to its own to, or the next level up.
		p.From, p.To = "", ""
	}
	for _, f := range []struct {
		dst *string
		src string
	}{{&p.Person, row.Plan.Person}, {&p.Manager, row.Plan.Manager}, {&p.From, row.Plan.From},
		{&p.To, row.Plan.To}, {&p.TargetRole, row.Plan.TargetRole}, {&p.Period, row.Plan.Period}} {
		if f.src != "" {
			*f.dst = f.src
		}
	}
	if row.Role != "" {
		p.Role = "" // the row's role is the current role
	}
	if row.Level == "" {
		j.res.Level = p.From
	}
	if p.Person != row.Plan.Person {
		p.Person = row.Plan.Person // a person is never taken from the config
	}
	j.plan = &p
	j.res.Reference = p.Person
}
