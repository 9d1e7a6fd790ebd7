package careermap

import (
	"fmt"
	"regexp"
	"time"

	"github.com/rolepack/rolepack/i18n"
)

var (
	onlyRE  = regexp.MustCompile(`^(.+) only$`)
	andRE   = regexp.MustCompile(`^(.+) and (.+)$`)
	rangeRE = regexp.MustCompile(`^(.+) to (.+)$`)
)

// rungsIn words a run of rungs as the career map writes it ("Every
// level", "Head only", "Senior and Head", "Mid to Head") from cat.
func rungsIn(cat *i18n.Catalogue, at string) string {
	if at == "Every level" {
		return cat.T("ladder.everyLevel")
	}
	if m := onlyRE.FindStringSubmatch(at); m != nil {
		return cat.T("ladder.only", m[1])
	}
	if m := rangeRE.FindStringSubmatch(at); m != nil {
		return cat.T("ladder.range", m[1], m[2])
	}
	if m := andRE.FindStringSubmatch(at); m != nil {
		return cat.T("ladder.pair", m[1], m[2])
	}
	return at
}

// localiseLadder words the career map's section titles, the rungs each
// row is asked at, the spans and the footer from cat.
func localiseLadder(l *Ladder, cat *i18n.Catalogue, date time.Time) {
	for i := range l.Sections {
		sec := &l.Sections[i]
		sec.Title = cat.T("ladder.section." + sec.Kind)
		for j := range sec.Groups {
			for k := range sec.Groups[j].Rows {
				r := &sec.Groups[j].Rows[k]
				if r.Steady {
					r.At = rungsIn(cat, r.At)
				}
			}
		}
	}
	for i := range l.Spans {
		l.Spans[i].Label = rungsIn(cat, l.Spans[i].Label)
	}
	span := l.Rungs[0].Label
	if len(l.Rungs) > 1 {
		span = cat.T("ladder.range", l.Rungs[0].Label, l.Rungs[len(l.Rungs)-1].Label)
	}
	l.footer = fmt.Sprintf("%s · %s · %s", l.Title, span, cat.Date(date))
}
