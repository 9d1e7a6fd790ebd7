package config

import (
	"fmt"
	"net/url"
	"strings"
)

// Bounds of the config's counts, as the web form holds them: far above
// any document, low enough that a slip (scoring.max=-1, 100000) is
// caught where it was made.
const (
	// MaxScored is the most criteria a scoring sheet may score.
	MaxScored = 50
	// MaxWeight is the largest weight of a scored criterion or group.
	MaxWeight = 100
)

// MaxPlanEntries is the most entries a PDP (or a career map) lists. A
// plan is a conversation between two people about one move; a target
// role of thousands of entries (a whole skills matrix taken as one role)
// would make a document of hundreds of pages nobody could agree, so it is
// refused with one line before any work is done (docs/config.md,
// "Development plans").
const MaxPlanEntries = 2000

// CheckURL says why s is not a web address a document may link to (the
// web form's rule: http or https, with a host), or "" when it is.
// javascript:, data: and file: addresses are refused.
func CheckURL(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Sprintf("%q is not a web address starting https:// (or http://)", s)
	}
	return ""
}

// checkLimits checks the config's web addresses (CheckURL) and counts
// (scoring.max, scoring.weights), naming where a wrong value came from.
func (c *Config) checkLimits() error {
	o := c.Organisation
	for _, u := range []struct {
		key []any
		v   string
	}{{[]any{"organisation", "website"}, o.Website}, {[]any{"organisation", "logoUrl"}, o.LogoURL}} {
		if u.v == "" {
			continue
		}
		if why := CheckURL(u.v); why != "" {
			return fmt.Errorf("%s: %s %s", c.At(u.key...), u.key[0].(string)+"."+u.key[1].(string), why)
		}
	}
	for i, v := range o.SameAs {
		if why := CheckURL(v); why != "" {
			return fmt.Errorf("%s: organisation.sameAs %s", c.At("organisation", "sameAs", i), why)
		}
	}
	if m := c.Scoring.Max; m < 0 || m > MaxScored {
		return fmt.Errorf("%s: scoring.max %d is not from 1 to %d (0 or unset: the default, 8)", c.At("scoring", "max"), m, MaxScored)
	}
	for k, w := range c.Scoring.Weights {
		if w < 0 || w > MaxWeight {
			return fmt.Errorf("%s: scoring.weights %s %d is not from 0 to %d", c.At("scoring", "weights", k), k, w, MaxWeight)
		}
	}
	return nil
}
