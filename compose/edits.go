package compose

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/lint"
)

// editMatchesItem reports whether the edit's selector picks an entry whose
// title before any edit was title.
func editMatchesItem(e config.EditDef, it *Item, title string) bool {
	if e.Kind != "" && it.Kind != e.Kind {
		return false
	}
	if e.Title != "" && framework.NormalTitle(e.Title) != framework.NormalTitle(title) &&
		framework.NormalTitle(e.Title) != framework.NormalTitle(it.Title) {
		return false
	}
	if e.Framework == "" && e.Role == "" {
		return true
	}
	for _, o := range it.Origins {
		if editMatchesSource(e, o.Framework, o.Role, o.Catalogue) {
			return true
		}
	}
	return false
}

// editMatchesSource reports whether the edit's framework and role pick text
// of framework fw, role or catalogue roleOrCat.
func editMatchesSource(e config.EditDef, fw string, roleOrCat ...string) bool {
	if e.Framework != "" && e.Framework != fw {
		return false
	}
	if e.Role == "" {
		return true
	}
	for _, r := range roleOrCat {
		if r != "" && r == e.Role {
			return true
		}
	}
	return false
}

// editReplaceIn replaces the edit's text in *s, reporting whether it changed.
func editReplaceIn(e config.EditDef, s *string) bool {
	if e.Replace == "" || !hasText(*s, e.Replace) {
		return false
	}
	var b strings.Builder
	rest := *s
	for {
		i := wordIndex(rest, e.Replace)
		if i < 0 {
			break
		}
		b.WriteString(rest[:i])
		b.WriteString(*e.With)
		rest = rest[i+len(e.Replace):]
	}
	b.WriteString(rest)
	*s = b.String()
	return true
}

// hasText reports whether s has the text find, not as part of a longer
// word (see wordIndex).
func hasText(s, find string) bool { return wordIndex(s, find) >= 0 }

// wordIndex returns the first index of find in s where it is not part of
// a longer word: when find starts (ends) with a letter or digit, the
// character before (after) it is not one. -1 when there is none.
func wordIndex(s, find string) int {
	if find == "" {
		return -1
	}
	first, _ := utf8.DecodeRuneInString(find)
	last, _ := utf8.DecodeLastRuneInString(find)
	for off := 0; off <= len(s); {
		i := strings.Index(s[off:], find)
		if i < 0 {
			return -1
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(find):])
		if !(isWordChar(first) && i > 0 && isWordChar(before)) &&
			!(isWordChar(last) && i+len(find) < len(s) && isWordChar(after)) {
			return i
		}
		off = i + 1
	}
	return -1
}

func isWordChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// applyEdits makes the config's edits to a composed role, in config order,
// and records each change. An edit that changes nothing here is checked
// against every framework of the library: one that matches no text at all
// is an error (it is mistyped, or the framework changed).
func applyEdits(cfg *config.Config, lib *Library, c *Composed) error {
	if len(cfg.Edits) == 0 {
		return nil
	}
	var rules *lint.Rules
	original := make(map[*Item]string, len(c.Items))
	for _, it := range c.Items {
		original[it] = it.Title
	}
	for i, e := range cfg.Edits {
		at := cfg.At("edits", i)
		if field, err := e.Check(); err != nil {
			if field != "" {
				at = cfg.At("edits", i, field)
			}
			return fmt.Errorf("%s: edit %d %w", at, i+1, err)
		}
		note := " (edited by the organisation, " + at + ")"
		matched := false
		for _, it := range c.Items {
			if !editMatchesItem(e, it, original[it]) {
				continue
			}
			if e.Replace != "" {
				changed := editReplaceIn(e, &it.Title)
				for k := range it.Descriptors {
					changed = editReplaceIn(e, &it.Descriptors[k]) || changed
				}
				if changed {
					it.Edits = append(it.Edits, fmt.Sprintf("replaced %q with %q", e.Replace, *e.With)+note)
				} else if e.Retitle == "" && !e.SentenceCase {
					continue // the entry does not have the text
				}
			}
			matched = true
			if e.Retitle != "" && it.Title != e.Retitle {
				it.Edits = append(it.Edits, fmt.Sprintf("retitled %q as %q", it.Title, e.Retitle)+note)
				it.formerTitles = append(it.formerTitles, it.Title)
				it.Title = e.Retitle
			}
			if e.SentenceCase {
				if rules == nil {
					r, err := lint.NewRules(cfg.Editorial.Allow, nil)
					if err != nil {
						return err
					}
					rules = r
				}
				if sc := rules.SentenceCase(it.Title); sc != it.Title {
					it.Edits = append(it.Edits, fmt.Sprintf("%q written in sentence case as %q", it.Title, sc)+note)
					it.Title = sc
				}
			}
		}
		if !e.SelectsEntries() && e.Replace != "" && roleTextFrom(c, e) {
			changed := false
			for _, list := range [][]string{c.Description, c.Duties, c.Summary, c.Responsibilities} {
				for k := range list {
					changed = editReplaceIn(e, &list[k]) || changed
				}
			}
			if changed {
				matched = true
				c.Edits = append(c.Edits, fmt.Sprintf("replaced %q with %q in the role's text", e.Replace, *e.With)+note)
			}
		}
		if !matched && !lib.hasEditText(e) {
			return fmt.Errorf("%s: edit %d matches nothing: %s", at, i+1, editDescribe(e))
		}
	}
	return nil
}

// roleTextFrom reports whether the role's own text came from a source the
// edit picks.
func roleTextFrom(c *Composed, e config.EditDef) bool {
	for _, s := range c.Sources {
		if s.Role != "" && editMatchesSource(e, s.Framework, s.Role) {
			return true
		}
	}
	return false
}

// editDescribe says what an edit looks for, for an error.
func editDescribe(e config.EditDef) string {
	var b strings.Builder
	b.WriteString("no ")
	if e.Kind != "" {
		b.WriteString(e.Kind)
	} else {
		b.WriteString("entry")
	}
	if e.Title != "" {
		fmt.Fprintf(&b, " titled %q", e.Title)
	}
	if e.Framework != "" {
		fmt.Fprintf(&b, " in framework %q", e.Framework)
	}
	if e.Role != "" {
		fmt.Fprintf(&b, " role or catalogue %q", e.Role)
	}
	if e.Replace != "" {
		fmt.Fprintf(&b, " has the text %q", e.Replace)
	}
	if e.Framework != "" && e.Role == "" && e.Title == "" && e.Kind == "" {
		return b.String()
	}
	return b.String() + " (check the spelling against rolepack show or the framework file)"
}

// hasEditText reports whether any framework of the library has text the
// edit picks: an entry (or catalogue skill) it selects that has the text to
// replace, or, for an edit of text alone, a role whose own text has it.
func (l *Library) hasEditText(e config.EditDef) bool {
	entry := func(fw, roleOrCat, kind, title string, texts ...[]string) bool {
		if e.Kind != "" && e.Kind != kind {
			return false
		}
		if e.Title != "" && framework.NormalTitle(e.Title) != framework.NormalTitle(title) {
			return false
		}
		if !editMatchesSource(e, fw, roleOrCat) {
			return false
		}
		if e.Replace == "" || hasText(title, e.Replace) {
			return true
		}
		for _, t := range texts {
			for _, s := range t {
				if hasText(s, e.Replace) {
					return true
				}
			}
		}
		return false
	}
	for _, fw := range l.list {
		for _, r := range fw.Roles {
			if !e.SelectsEntries() && editMatchesSource(e, fw.ID, r.ID) && containsText(e.Replace, r.Description, r.Duties) {
				return true
			}
			for _, rl := range r.Levels {
				if !e.SelectsEntries() && editMatchesSource(e, fw.ID, r.ID) && containsText(e.Replace, rl.Summary, rl.Responsibilities) {
					return true
				}
				for _, en := range rl.Entries {
					if entry(fw.ID, r.ID, string(en.Kind), en.Title, en.Descriptors) {
						return true
					}
				}
			}
		}
		for _, cat := range fw.Catalogues {
			for _, cg := range cat.Categories {
				for _, sk := range cg.Skills {
					var texts [][]string
					for _, sl := range sk.Levels {
						texts = append(texts, sl.Descriptors)
					}
					if entry(fw.ID, cat.ID, string(framework.KindSkill), sk.Title, texts...) {
						return true
					}
				}
			}
		}
	}
	return false
}

// containsText reports whether any of the texts contains s.
func containsText(s string, lists ...[]string) bool {
	if s == "" {
		return false
	}
	for _, l := range lists {
		for _, t := range l {
			if hasText(t, s) {
				return true
			}
		}
	}
	return false
}
