package web

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"sort"
	"strings"
)

// A revision is what each field of a form held when its page was made, as
// a short hash of the value by the field's key: the details form, the
// organisation text and a role's selection all carry one (the hidden
// input "rev"), so that a save can tell a field typed on this page from
// one changed since in another tab or window, and neither tab saves over
// the other's typing.
type revision map[string]string

// revisionOf is the revision of values, in its form's encoding: each
// key (query-escaped, so that it holds no ":" or ",") and its value's
// hash, "key:hash" in key order, joined by commas. It needs no escaping
// in HTML, and the same values give the same string.
func revisionOf(values map[string]string) string {
	parts := make([]string, 0, len(values))
	for k, x := range values {
		parts = append(parts, url.QueryEscape(k)+":"+valueHash(x))
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

func valueHash(v string) string {
	sum := sha256.Sum256([]byte(v))
	return hex.EncodeToString(sum[:4])
}

// parseRevision reads revisionOf's encoding: nil for a form without one,
// which then replaces what it covers whole.
func parseRevision(s string) revision {
	if s == "" {
		return nil
	}
	out := revision{}
	for _, part := range strings.Split(s, ",") {
		k, h, ok := strings.Cut(part, ":")
		if !ok {
			continue
		}
		if key, err := url.QueryUnescape(k); err == nil {
			out[key] = h
		}
	}
	return out
}

// merge merges typed, posted by a form whose page was made when the
// fields were as base says, with saved, the fields now. For each key of
// either: a field the form did not have keeps its saved value (a clause
// added in another tab); a field the form left as it was opened takes its
// saved value, changed since elsewhere or not; a field typed here and not
// changed elsewhere is typed's; and a field changed both here and
// elsewhere, to different values, keeps what was typed and is a conflict,
// listed in key order. A missing value is "" (a clause taken out is one
// cleared). With no base, typed is the whole answer.
func (base revision) merge(typed, saved map[string]string) (map[string]string, []string) {
	if base == nil {
		return typed, nil
	}
	out := map[string]string{}
	var conflicts []string
	keys := map[string]bool{}
	for k := range typed {
		keys[k] = true
	}
	for k := range saved {
		keys[k] = true
	}
	for k := range keys {
		t, posted := typed[k] // a field on the page and not posted is empty
		sv := saved[k]
		b, known := base[k]
		switch {
		case !posted && !known:
			out[k] = sv // not on the page: added elsewhere since
		case !known || t == sv || valueHash(sv) == b:
			out[k] = t // nothing changed elsewhere, or both the same
		case valueHash(t) == b:
			out[k] = sv // changed elsewhere only
		default:
			out[k] = t
			conflicts = append(conflicts, k)
		}
	}
	sort.Strings(conflicts)
	return out, conflicts
}
