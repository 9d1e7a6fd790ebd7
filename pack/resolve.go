package pack

import (
	"strings"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
)

// ResolveRole returns the role id a manifest names as people write it:
// a config role by id or title, in any case ("Data Engineer"), or a
// framework role FRAMEWORK/ROLE by ids or role title in any case. A name
// that matches nothing is returned as it is (composing it then says what
// is known).
func ResolveRole(cfg *config.Config, lib *compose.Library, name string) string {
	n := strings.TrimSpace(name)
	if _, ok := cfg.Roles[n]; ok {
		return n
	}
	for _, id := range cfg.RoleIDs() {
		if strings.EqualFold(id, n) || strings.EqualFold(cfg.Roles[id].Title, n) {
			return id
		}
	}
	fwID, roleName, ok := strings.Cut(n, "/")
	if !ok || lib == nil {
		return n
	}
	for _, fw := range lib.Frameworks() {
		if !strings.EqualFold(fw.ID, fwID) {
			continue
		}
		for _, r := range fw.Roles {
			if strings.EqualFold(r.ID, roleName) || strings.EqualFold(r.Title, roleName) {
				return fw.ID + "/" + r.ID
			}
		}
	}
	return n
}

// ResolveLevel returns the level id a manifest names: a ladder rung by id
// or label in any case ("Senior"), or, for a framework role, one of its
// levels by id or title.
func ResolveLevel(cfg *config.Config, lib *compose.Library, role, name string) string {
	n := strings.TrimSpace(name)
	fwID, roleID, isFW := strings.Cut(role, "/")
	if !isFW {
		if _, ok := cfg.Rung(n); ok {
			return n
		}
		for _, r := range cfg.Ladder {
			if strings.EqualFold(r.ID, n) || strings.EqualFold(r.Label, n) {
				return r.ID
			}
		}
		return n
	}
	if lib == nil {
		return n
	}
	fw, err := lib.Framework(fwID)
	if err != nil {
		return n
	}
	for _, r := range fw.Roles {
		if r.ID != roleID {
			continue
		}
		for _, l := range r.Levels {
			if l.ID == n {
				return n
			}
		}
		for _, l := range r.Levels {
			if strings.EqualFold(l.ID, n) || strings.EqualFold(l.Title, n) {
				return l.ID
			}
		}
	}
	return n
}
