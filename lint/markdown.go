package lint

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// SplitMarkdown cuts a plain-text or Markdown document into the Texts
// Check lints: paragraphs (joined across their lines), list items, table
// cells, block quotes and headings (as Titles). Front matter, fenced code, HTML comments, table rules and the markup within lines
// (list marks, emphasis, code spans, link targets, URLs) are left out: they
// become Mask characters, so every word keeps its line and column.
func SplitMarkdown(text []byte) []Text { return splitMarkdown(text, nil) }

// splitMarkdown is SplitMarkdown, masking each line's inline markup through
// memo (which may be nil).
func splitMarkdown(text []byte, memo *textMemo) []Text {
	lines := strings.Split(strings.TrimPrefix(string(text), "\ufeff"), "\n")
	var out []Text
	var para *Text // the paragraph or list item being joined
	// duties: the section's list items are duties (a duties heading);
	// lead: the paragraph before was a "you will:" lead.
	duties, lead := false, false
	// more holds the lines joined to para, joined once when it ends
	// (joining them one by one was quadratic: 100,000 lines of one
	// paragraph took minutes).
	var more []string
	flush := func() {
		if para != nil && len(more) > 0 {
			para.Text += "\n" + strings.Join(more, "\n")
			more = more[:0]
		}
		if para != nil {
			if para.Kind == Prose {
				lead = dutiesLead.MatchString(strings.TrimSpace(strings.ReplaceAll(para.Text, string(Mask), "")))
			}
			out = append(out, *para)
			para = nil
		}
	}
	fence := ""
	inComment := false
	for i, raw := range lines {
		n := i + 1
		line := strings.TrimSuffix(raw, "\r")
		trimmed := strings.TrimSpace(line)
		switch {
		case i == 0 && trimmed == "---":
			// YAML front matter: skip to its closing line.
			fence = "---front"
			continue
		case fence == "---front":
			if trimmed == "---" || trimmed == "..." {
				fence = ""
			}
			continue
		case fence != "":
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			flush()
			fence = trimmed[:3]
			continue
		case inComment:
			if strings.Contains(line, "-->") {
				inComment = false
			}
			continue
		case strings.HasPrefix(trimmed, "<!--"):
			flush()
			inComment = !strings.Contains(trimmed, "-->")
			continue
		case trimmed == "":
			flush()
			continue
		}
		masked := memo.maskInline(line)
		switch {
		case headingMark.MatchString(line):
			flush()
			m := headingMark.FindStringIndex(line)
			h := maskRange(masked, 0, m[1])
			h = strings.TrimRight(h, "# ")
			out = append(out, Text{Line: n, Col: 1, Kind: Title, Text: h})
			duties, lead = dutiesHeading.MatchString(strings.TrimRight(strings.TrimSpace(strings.ReplaceAll(h, string(Mask), "")), ":")), false
		case strings.HasPrefix(trimmed, "|") || (para == nil && strings.Count(line, "|") >= 2 && tableRule.MatchString(lines[min(i+1, len(lines)-1)])):
			flush()
			if tableRule.MatchString(line) {
				continue
			}
			for _, cell := range tableCells(masked) {
				out = append(out, Text{Line: n, Col: cell + 1, Kind: Prose, Text: cellText(masked, cell)})
			}
		case listMark.MatchString(line) || quoteMark.MatchString(line):
			flush()
			m := listMark.FindStringIndex(line)
			if m == nil {
				m = quoteMark.FindStringIndex(line)
			}
			kind := Item
			if duties || lead {
				kind = Duty
			}
			if quoteMark.MatchString(line) && !listMark.MatchString(line) {
				kind = Prose
			}
			para = &Text{Line: n, Col: 1, Kind: kind, Text: maskRange(masked, 0, m[1]), Label: boldLabel.MatchString(line[m[1]:])}
			if l := runInMark.FindStringIndex(line[m[1]:]); l != nil && !para.Label {
				para.Lead = utf8.RuneCountInString(line[:m[1]+l[1]]) // the label's words are not the sentence's
			}
		case para != nil:
			more = append(more, masked)
		default:
			lead = false
			para = &Text{Line: n, Col: 1, Kind: Prose, Text: masked}
		}
	}
	flush()
	return out
}

var (
	headingMark = regexp.MustCompile(`^ {0,3}#{1,6}(\s+|$)`)
	listMark    = regexp.MustCompile(`^\s*([-*+]|\d{1,9}[.)])\s+(\[[ xX]\]\s+)?`)
	quoteMark   = regexp.MustCompile(`^\s*(>\s?)+`)
	// boldLabel is a list item's text that is only a bold label.
	boldLabel = regexp.MustCompile(`^\s*(\*\*[^*]+\*\*|__[^_]+__)\s*:?\s*$`)
	// runInMark is a list item's bold run-in label ending in a colon,
	// inside the emphasis or after it ("**Data modelling:** produce …").
	runInMark = regexp.MustCompile(`^\s*(\*\*[^*]+:\*\*|__[^_]+:__|\*\*[^*]+\*\*\s*:|__[^_]+__\s*:)`)
	tableRule = regexp.MustCompile(`^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$`)
	// inlineMarkup is what maskInline removes: URLs and autolinks, code
	// spans, link targets, images' "!", emphasis marks at word edges, HTML
	// tags, backslash escapes and the brackets of link text.
	inlineMarkup = regexp.MustCompile("<https?://[^>]*>|https?://[^\\s)>\\]]+|www\\.[^\\s)>\\]]+|`[^`]*`|\\]\\([^)]*\\)|</?[a-zA-Z][^>]*>|!\\[|\\\\|\\[|\\]|\\*+|(?:^|\\b|\\s)_+|_+(?:\\b|\\s|$)")
)

// maskInline replaces inline markup in a line by Mask characters, one per
// character, so the rest keeps its columns.
func maskInline(line string) string {
	rs := []rune(line)
	for _, m := range inlineMarkup.FindAllStringIndex(line, -1) {
		from := len([]rune(line[:m[0]]))
		to := from + len([]rune(line[m[0]:m[1]]))
		for k := from; k < to; k++ {
			if rs[k] != ' ' && rs[k] != '\t' {
				rs[k] = Mask
			}
		}
	}
	return string(rs)
}

// maskRange masks the bytes [from, to) of s (block markup at the start of
// a line), rune for rune.
func maskRange(s string, from, to int) string {
	rs := []rune(s)
	a, b := len([]rune(s[:from])), len([]rune(s[:to]))
	for k := a; k < b; k++ {
		rs[k] = Mask
	}
	return string(rs)
}

// tableCells returns the rune offset of the start of each cell of a table
// row (the character after each separating pipe).
func tableCells(row string) []int {
	rs := []rune(row)
	var starts []int
	start := 0
	lead := true
	for k, r := range rs {
		if r == '|' && (k == 0 || rs[k-1] != '\\') {
			if !lead || strings.TrimSpace(string(rs[start:k])) != "" {
				starts = append(starts, start)
			}
			start = k + 1
			lead = false
		}
	}
	if strings.Trim(string(rs[start:]), " \t\x00") != "" {
		starts = append(starts, start)
	}
	return starts
}

// cellText is the text of the cell starting at rune offset start, up to the
// next pipe.
func cellText(row string, start int) string {
	rs := []rune(row)[start:]
	for k, r := range rs {
		if r == '|' && (k == 0 || rs[k-1] != '\\') {
			return string(rs[:k])
		}
	}
	return string(rs)
}
