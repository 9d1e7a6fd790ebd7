package render

import (
	"strings"
	"unicode"

	"github.com/rolepack/rolepack/careermap"
)

// markedDescriptor writes a career-map descriptor as Markdown: a sentence,
// with what is new at its rung in bold.
func markedDescriptor(d careermap.Descriptor) string {
	var b strings.Builder
	for i, p := range d.Parts {
		text := p.Text
		if i == 0 {
			text = strings.TrimLeftFunc(text, unicode.IsSpace)
			if text != "" {
				text = strings.ToUpper(text[:1]) + text[1:]
			}
		}
		if i == len(d.Parts)-1 {
			text = strings.TrimRightFunc(text, unicode.IsSpace)
			if text != "" && !strings.ContainsAny(text[len(text)-1:], ".!?") {
				text += "."
			}
		}
		// Escaping trims, so the white space around each part is kept
		// aside and put back.
		core := strings.TrimSpace(text)
		if core == "" {
			b.WriteString(text)
			continue
		}
		lead := text[:strings.Index(text, core)]
		trail := text[len(lead)+len(core):]
		if p.New {
			core = "**" + EscapeMarkdown(core) + "**"
		} else {
			core = EscapeMarkdown(core)
		}
		b.WriteString(lead + core + trail)
	}
	return b.String()
}
