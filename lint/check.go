package lint

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// Limits of the sentence-length and template rules.
const (
	// MaxSentenceWords is the longest sentence, in words, GOV.UK style
	// allows.
	MaxSentenceWords = 25
	// templateWindow is how many words apart a repeated content word is
	// still a doubled phrase.
	templateWindow = 8
	// templateMinLen is the shortest word the template rule considers.
	templateMinLen = 4
)

// checker holds one document's findings as its texts are checked.
type checker struct {
	rules    *Rules
	file     string
	sugg     *suggester // the document's spelling suggestions, shared with sub-checkers
	findings []Finding
	gender   map[string]*genderUse // by gender + stem
	order    []string              // keys of gender in first-use order
}

// genderUse counts the uses of one gender-coded stem in a document.
type genderUse struct {
	stem  codedStem
	first Finding
	count int
	words []string // distinct words as used, in first-use order
}

// word is a word of a text: its characters [start, end) in the text's runes.
type word struct {
	text       string
	start, end int
}

// sentence is a run of words of a text ending in . ? ! or the text's end.
type sentence struct {
	words []int // indexes into the text's words
}

// span is a Text prepared for checking.
type span struct {
	t         Text
	rs        []rune
	words     []word
	sentences []sentence
	startOfS  map[int]bool // word index -> first word of a sentence
	claimed   map[int]bool // word index -> reported by a phrase rule
	// The last position pos found, so that findings in reading order
	// cost a walk of the text in all, not one each.
	posK, posLine, posCol int
	posSet                bool
}

// claim marks n words from word i as reported by a phrase rule.
func (s *span) claim(i, n int) {
	if s.claimed == nil {
		s.claimed = map[int]bool{}
	}
	for k := i; k < i+n; k++ {
		s.claimed[k] = true
	}
}

var urlPattern = regexp.MustCompile(`https?://\S+|www\.\S+|\S+@\S+\.\S+`)

func (c *checker) text(t Text) {
	masked := urlPattern.ReplaceAllStringFunc(t.Text, func(s string) string {
		return strings.Repeat(string(Mask), len([]rune(s)))
	})
	s := &span{t: t, rs: []rune(masked)}
	s.words = splitWords(s.rs)
	s.sentences = c.splitSentences(s)
	s.startOfS = map[int]bool{}
	for _, se := range s.sentences {
		if len(se.words) > 0 {
			s.startOfS[se.words[0]] = true
		}
	}
	r := c.rules
	if r.runs(Punctuation) {
		c.punctuation(s)
	}
	if r.runs(RepeatedWord) {
		c.repeated(s)
	}
	if r.runs(Spelling) || r.runs(Inclusive) || r.runs(Banned) {
		c.phrases(s)
	}
	if r.runs(Spelling) {
		c.spelling(s)
	}
	if r.runs(Inclusive) {
		c.genderCoded(s)
	}
	switch {
	case t.Kind != Title:
		if r.runs(SentenceLength) {
			c.sentenceLength(s)
		}
		if r.runs(Template) {
			c.template(s)
		}
	case r.runs(Capitalisation):
		c.capitalisation(s)
	}
	if r.runs(Grammar) {
		c.grammar(s)
	}
}

// pos returns the line and column of rune k of the span.
func (s *span) pos(k int) (int, int) {
	line, col, from := s.t.Line, s.t.Col, 0
	if s.posSet && k >= s.posK {
		line, col, from = s.posLine, s.posCol, s.posK
	}
	for _, r := range s.rs[from:k] {
		if r == '\n' {
			line++
			if col != 0 {
				col = 1
			}
			continue
		}
		if col != 0 {
			col++
		}
	}
	s.posK, s.posLine, s.posCol, s.posSet = k, line, col, true
	return line, col
}

func (c *checker) add(s *span, at int, cat Category, sev Severity, suggestion, format string, args ...any) {
	line, col := s.pos(at)
	c.findings = append(c.findings, Finding{
		File: c.file, Line: line, Col: col, Category: cat, Severity: sev,
		Message: fmt.Sprintf(format, args...), Suggestion: suggestion,
	})
}

// fix records on the last finding added that writing to in place of from
// fixes it.
func (c *checker) fix(from, to string) {
	if from == "" || to == "" || from == to {
		return
	}
	f := &c.findings[len(c.findings)-1]
	f.From, f.To = from, to
}

// unmasked is the text of runes [a, b) of the span without masks.
func (s *span) unmasked(a, b int) string {
	return strings.ReplaceAll(string(s.rs[a:b]), string(Mask), "")
}

// isWordRune reports whether r can be part of a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '_'
}

// isJoiner reports whether r joins two word parts: an apostrophe, a hyphen,
// or a full stop inside a name ("GOV.UK", "e.g").
func isJoiner(r rune) bool {
	return r == '\'' || r == '’' || r == '-' || r == '.' || r == '@'
}

// splitWords finds the words of rs.
func splitWords(rs []rune) []word {
	var ws []word
	for k := 0; k < len(rs); {
		if !isWordRune(rs[k]) {
			k++
			continue
		}
		start := k
		for k < len(rs) && (isWordRune(rs[k]) || (isJoiner(rs[k]) && k+1 < len(rs) && isWordRune(rs[k+1]) && k > start)) {
			k++
		}
		ws = append(ws, word{text: string(rs[start:k]), start: start, end: k})
	}
	return ws
}

// splitSentences groups a span's words into sentences, ending one at . ? !
// (or …) followed by a space or the end, unless the word before is a known
// abbreviation.
func (c *checker) splitSentences(s *span) []sentence {
	var out []sentence
	var cur sentence
	for i, w := range s.words {
		cur.words = append(cur.words, i)
		k := w.end
		if k >= len(s.rs) {
			break
		}
		r := s.rs[k]
		if r != '.' && r != '?' && r != '!' && r != '…' {
			continue
		}
		for k < len(s.rs) && strings.ContainsRune(".?!…\"'”’)", s.rs[k]) {
			k++
		}
		if k < len(s.rs) && !unicode.IsSpace(s.rs[k]) && s.rs[k] != Mask {
			continue
		}
		if r == '.' && c.rules.abbrev[strings.ToLower(w.text)+"."] {
			continue
		}
		out = append(out, cur)
		cur = sentence{}
	}
	if len(cur.words) > 0 {
		out = append(out, cur)
	}
	return out
}

// between returns the characters between words i and i+1, masks removed.
func (s *span) between(i int) string {
	a, b := s.words[i].end, s.words[i+1].start
	return strings.ReplaceAll(string(s.rs[a:b]), string(Mask), "")
}

// wordBefore returns the word ending at rune k (or "").
func (s *span) wordBefore(k int) string {
	for _, w := range s.words {
		if w.end == k {
			return w.text
		}
	}
	return ""
}

// punctuation finds doubled punctuation ("effectiveness..", ",,") that is
// not an ellipsis, and space before , . ; : ? ! ("system .").
func (c *checker) punctuation(s *span) {
	rs := s.rs
	for k := 0; k < len(rs); k++ {
		r := rs[k]
		if !strings.ContainsRune(".,;:?!", r) {
			continue
		}
		run := k
		for run < len(rs) && rs[run] == r {
			run++
		}
		n := run - k
		prev := k - 1
		for prev >= 0 && rs[prev] == Mask {
			prev--
		}
		after := run == len(rs) || unicode.IsSpace(rs[run]) || rs[run] == Mask || strings.ContainsRune(")]\"'”’", rs[run])
		// Doubled: two full stops, or any run of , ; : ? !, after a word.
		if prev >= 0 && (isWordRune(rs[prev]) || strings.ContainsRune(")]\"'”’", rs[prev])) && after &&
			((r == '.' && (n == 2 || n > 3)) || (r != '.' && n >= 2 && r != '?' && r != '!')) {
			w := s.wordBefore(prev + 1)
			name := map[rune]string{'.': "full stop", ',': "comma", ';': "semicolon", ':': "colon"}[r]
			c.add(s, k, Punctuation, Error, w+string(r), "doubled %s %q", name, string(rs[k:run]))
			c.fix(w+string(rs[k:run]), w+string(r))
			k = run - 1
			continue
		}
		// Space before: word, spaces, then the mark followed by a space or the end.
		if after && !(r == '.' && n >= 3) {
			j := prev
			for j >= 0 && (rs[j] == ' ' || rs[j] == '\t' || rs[j] == Mask) {
				j--
			}
			if j < prev && j >= 0 && (isWordRune(rs[j]) || strings.ContainsRune(")]\"'”’", rs[j])) {
				first := j + 1
				for rs[first] == Mask {
					first++
				}
				w := s.wordBefore(j + 1)
				c.add(s, first, Punctuation, Error, w+string(rs[k:run]), "space before %q", string(rs[k:run]))
				c.fix(w+s.unmasked(j+1, run), w+string(rs[k:run]))
			}
		}
		k = run - 1
	}
}

// repeated finds a word written twice in a row ("that that").
func (c *checker) repeated(s *span) {
	for i := 0; i+1 < len(s.words); i++ {
		a, b := s.words[i].text, s.words[i+1].text
		if !strings.EqualFold(a, b) || strings.TrimSpace(s.between(i)) != "" || c.rules.repeatOK[strings.ToLower(a)] || !hasLetter(a) {
			continue
		}
		c.add(s, s.words[i+1].start, RepeatedWord, Error, a, "%q twice", strings.ToLower(a))
	}
}

func hasLetter(w string) bool {
	return strings.IndexFunc(w, unicode.IsLetter) >= 0
}

// phrases finds US-spelling phrases, exclusionary jargon and banned words.
func (c *checker) phrases(s *span) {
	usUK, jargon, banned := c.rules.usUKPhrases, c.rules.jargon, c.rules.banned
	if !c.rules.runs(Spelling) {
		usUK = nil
	}
	if !c.rules.runs(Inclusive) {
		jargon = nil
	}
	if !c.rules.runs(Banned) {
		banned = nil
	}
	for i := range s.words {
		for _, p := range usUK {
			if n := c.match(s, i, p); n > 0 {
				c.add(s, s.words[i].start, Spelling, Error, keepCase(c.matched(s, i, n), p.suggestion), "US spelling %q", c.matched(s, i, n))
				c.fix(c.matched(s, i, n), keepCase(c.matched(s, i, n), p.suggestion))
			}
		}
		for _, p := range jargon {
			if n := c.match(s, i, p); n > 0 {
				s.claim(i, n)
				c.add(s, s.words[i].start, Inclusive, Error, p.suggestion, "%s", strings.Replace(p.message, fmt.Sprintf("%q", p.text), fmt.Sprintf("%q", c.matched(s, i, n)), 1))
			}
		}
		for _, p := range banned {
			if n := c.match(s, i, p); n > 0 {
				s.claim(i, n)
				c.add(s, s.words[i].start, Banned, Error, p.suggestion, "%s is a word the organisation does not use", fmt.Sprintf("%q", c.matched(s, i, n)))
			}
		}
	}
}

// match returns how many words of s, from word i, phrase p matches (0 for
// none). The words must be separated by spaces only; an allowed phrase
// never matches.
func (c *checker) match(s *span, i int, p phrase) int {
	if i+len(p.words) > len(s.words) {
		return 0
	}
	for k, pw := range p.words {
		w := strings.ToLower(normaliseApostrophe(s.words[i+k].text))
		if strings.HasSuffix(pw, "*") {
			if !strings.HasPrefix(w, strings.TrimSuffix(pw, "*")) {
				return 0
			}
		} else if w != pw {
			return 0
		}
		if k > 0 && strings.TrimSpace(s.between(i+k-1)) != "" {
			return 0
		}
	}
	if c.rules.allow[strings.ToLower(c.matched(s, i, len(p.words)))] {
		return 0
	}
	return len(p.words)
}

// matched is the text of n words of s from word i, joined by single spaces.
func (c *checker) matched(s *span, i, n int) string {
	parts := make([]string, n)
	for k := range parts {
		parts[k] = s.words[i+k].text
	}
	return strings.Join(parts, " ")
}

func normaliseApostrophe(w string) string { return strings.ReplaceAll(w, "’", "'") }

// keepCase gives repl the capitalisation of orig: all capitals, a capital
// first letter, or as written.
func keepCase(orig, repl string) string {
	switch {
	case orig == strings.ToUpper(orig) && len([]rune(orig)) > 1:
		return strings.ToUpper(repl)
	case orig != "" && unicode.IsUpper([]rune(orig)[0]):
		return titleCase(repl)
	}
	return repl
}

// spelling checks every word against the misspellings list, the US
// spellings and the en-GB dictionary.
func (c *checker) spelling(s *span) {
	for i, w := range s.words {
		if s.claimed[i] {
			continue // already reported as jargon or a banned word
		}
		c.spellWord(s, w.text, w.start, s.startOfS[i])
	}
}

func (c *checker) spellWord(s *span, text string, at int, sentenceStart bool) {
	w := normaliseApostrophe(text)
	if c.rules.allow[strings.ToLower(w)] {
		return
	}
	if strings.ContainsAny(w, "0123456789_@.") {
		return
	}
	lw := strings.ToLower(w)
	if fix, ok := c.rules.misspelt[lw]; ok {
		c.add(s, at, Spelling, Error, keepCase(w, fix), "misspelt %q", text)
		c.fix(text, keepCase(w, fix))
		return
	}
	if fix, ok := c.rules.usUK[lw]; ok {
		c.add(s, at, Spelling, Error, keepCase(w, fix), "US spelling %q", text)
		c.fix(text, keepCase(w, fix))
		return
	}
	if strings.Contains(w, "-") {
		if c.rules.dict.known(w) || c.rules.dict.known(strings.ReplaceAll(w, "-", "")) {
			return // "pre-empt"
		}
		if isIdentifier(c.rules.dict, w) {
			return // "uk-gdad-pcf-roles", "sde-skills": an id, not words
		}
		off := 0
		for _, part := range strings.Split(w, "-") {
			if part != "" {
				c.spellWord(s, part, at+off, sentenceStart && off == 0)
			}
			off += len([]rune(part)) + 1
		}
		return
	}
	base := strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'")
	rs := []rune(base)
	if len(rs) < 2 || isAcronym(rs) || c.rules.dict.known(base) || c.rules.dict.known(w) {
		return
	}
	lb := strings.ToLower(base)
	for _, e := range c.rules.endings {
		if strings.HasSuffix(lb, e[0]) {
			uk := lb[:len(lb)-len(e[0])] + e[1]
			if c.rules.dict.isLower(uk) {
				c.add(s, at, Spelling, Error, keepCase(base, uk), "US spelling %q", base)
				c.fix(base, keepCase(base, uk))
				return
			}
		}
	}
	if unicode.IsUpper(rs[0]) && !sentenceStart {
		c.add(s, at, Spelling, Warning, c.suggest(base), "unknown word %q (a name? add it to the allowed words)", base)
		return
	}
	fix := c.suggest(base)
	c.add(s, at, Spelling, Error, fix, "unknown word %q", base)
	c.fix(base, fix)
}

// suggest is the document's suggestion for an unknown word.
func (c *checker) suggest(w string) string {
	if c.sugg == nil {
		c.sugg = &suggester{dict: c.rules.dict}
	}
	return c.sugg.suggest(w)
}

// isAcronym reports whether a word is written in capitals after its first
// letter ("NHS", "IT", "SQLMesh", "DevOps"): names the dictionary cannot know.
func isAcronym(rs []rune) bool {
	for _, r := range rs[1:] {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// genderCoded counts the words of the gender-coded lists.
func (c *checker) genderCoded(s *span) {
	for _, w := range s.words {
		lw := strings.ToLower(normaliseApostrophe(w.text))
		if c.rules.allow[lw] {
			continue
		}
		st, ok := c.codedStem(lw)
		if !ok && strings.Contains(lw, "-") {
			// "well-supported": the parts of a hyphenated word.
			for _, part := range strings.Split(lw, "-") {
				if st, ok = c.codedStem(part); ok {
					break
				}
			}
		}
		if !ok {
			continue
		}
		key := st.gender + " " + st.stem
		u := c.gender[key]
		if u == nil {
			line, col := s.pos(w.start)
			u = &genderUse{stem: st, first: Finding{File: c.file, Line: line, Col: col, Category: Inclusive, Severity: Warning}}
			c.gender[key] = u
			c.order = append(c.order, key)
		}
		u.count++
		if !containsString(u.words, lw) {
			u.words = append(u.words, lw)
		}
	}
}

func (c *checker) codedStem(lw string) (codedStem, bool) {
	lw = strings.TrimSuffix(lw, "'s")
	if c.rules.notCoded[lw] {
		return codedStem{}, false
	}
	for _, st := range c.rules.coded {
		if lw == st.stem || (st.prefix && strings.HasPrefix(lw, st.stem)) {
			return st, true
		}
	}
	return codedStem{}, false
}

func containsString(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// genderFindings reports, when the document's balance of gender-coded
// words leans one way, that balance and each stem of the gender it leans
// to once, at its first use; a document that reads neutral has no
// finding. Gaucher, Friesen and Kay (2011) measured the balance of
// the whole text: a coded word in a text that reads neutral is not a
// finding, and in a text that leans masculine the feminine-coded words are
// not what to change (nor the reverse).
func (c *checker) genderFindings() []Finding {
	if len(c.order) == 0 {
		return nil
	}
	counts := map[string]int{}
	for _, key := range c.order {
		u := c.gender[key]
		counts[u.stem.gender] += u.count
	}
	m, fm := counts["masculine"], counts["feminine"]
	var lean, leans string
	switch {
	case fm == 0:
		lean, leans = "strongly masculine-coded", "masculine"
	case m == 0:
		lean, leans = "strongly feminine-coded", "feminine"
	case m > fm:
		lean, leans = "masculine-coded", "masculine"
	case fm > m:
		lean, leans = "feminine-coded", "feminine"
	default:
		lean = "neutral"
	}
	if leans == "" {
		return nil // a text that reads neutral has nothing to change
	}
	var out []Finding
	for _, key := range c.order {
		u := c.gender[key]
		if u.stem.gender != leans {
			continue
		}
		f := u.first
		stem := u.stem.stem
		if u.stem.prefix {
			stem += "*"
		}
		uses := "1 use"
		if u.count > 1 {
			uses = fmt.Sprintf("%d uses", u.count)
		}
		f.Message = fmt.Sprintf("%s-coded word %q (%s: %s in this document: %s)", u.stem.gender, u.words[0], stem, uses, strings.Join(u.words, ", "))
		out = append(out, f)
	}
	out = append(out, Finding{File: c.file, Category: Inclusive, Severity: Warning,
		Message: fmt.Sprintf("gender-coded wording: %d masculine-coded and %d feminine-coded words; the text reads %s (Gaucher, Friesen and Kay, 2011)", m, fm, lean)})
	return out
}

// sentenceLength finds sentences over MaxSentenceWords words. What a
// reader does not read as part of the sentence is not counted: a run-in
// label ("Data modelling:" before an item's text, Text.Lead) and the
// thousands of a number ("1,000" is one word). A sentence that is a list
// of three or more parts joined by semicolons ("includes coaching; team
// dynamics; and research assignments") is measured part by part, the
// lead-in with the first part: each part over the limit is the finding.
func (c *checker) sentenceLength(s *span) {
	for _, se := range s.sentences {
		var parts []int // words per semicolon-separated part
		n := 0
		for pos, i := range se.words {
			w := s.words[i]
			if pos > 0 && s.gapHas(i-1, ';') {
				parts, n = append(parts, n), 0
			}
			if w.start < s.t.Lead || !(hasLetter(w.text) || unicode.IsDigit([]rune(w.text)[0])) {
				continue
			}
			if pos > 0 && isThousands(s, i) {
				continue // "000" of "1,000"
			}
			n++
		}
		parts = append(parts, n)
		if len(parts) < 3 {
			total := 0
			for _, p := range parts {
				total += p
			}
			if total > MaxSentenceWords {
				c.add(s, s.words[se.words[0]].start, SentenceLength, Warning, "split it", "sentence of %d words, over %d", total, MaxSentenceWords)
			}
			continue
		}
		for _, p := range parts {
			if p > MaxSentenceWords {
				c.add(s, s.words[se.words[0]].start, SentenceLength, Warning, "split it", "part of a list joined by semicolons of %d words, over %d", p, MaxSentenceWords)
				break
			}
		}
	}
}

// isThousands reports whether word i is three digits written right after
// a number and a comma: the "000" of "1,000" or "250,000".
func isThousands(s *span, i int) bool {
	w, prev := s.words[i].text, s.words[i-1].text
	return len(w) == 3 && allDigits(w) && allDigits(prev) && s.words[i].start-s.words[i-1].end == 1 && s.rs[s.words[i-1].end] == ','
}

// gapHas reports whether the characters between words i and i+1 hold r.
func (s *span) gapHas(i int, r rune) bool {
	for _, c := range s.rs[s.words[i].end:s.words[i+1].start] {
		if c == r {
			return true
		}
	}
	return false
}

func allDigits(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}

// template finds the first content word of a sentence used again within a
// few words ("Experience that shows you can have experience in"): the mark
// of text assembled from a template stem and a descriptor.
func (c *checker) template(s *span) {
	for _, se := range s.sentences {
		first := -1
		for pos, i := range se.words {
			lw := strings.ToLower(normaliseApostrophe(s.words[i].text))
			if first < 0 {
				if len([]rune(lw)) >= templateMinLen && !c.rules.stop[lw] && !c.rules.common[lw] && hasLetter(lw) &&
					!(i+1 < len(s.words) && strings.Contains(s.between(i), ":")) { // "Hours: 37.5 hours" is a label and its value
					first = pos
				}
				continue
			}
			if pos-first > templateWindow {
				break
			}
			if pos-first > 1 && strings.EqualFold(s.words[i].text, s.words[se.words[first]].text) {
				c.add(s, s.words[i].start, Template, Warning, "", "%q again %d words after %q: a doubled phrase?", s.words[i].text, pos-first, s.words[se.words[first]].text)
				break
			}
		}
	}
}

// capitalisation finds Title Case names of three or more words: two or more
// words after the first capitalised that are ordinary lower-case words.
// The suggestion is the name in sentence case, acronyms and names kept.
func (c *checker) capitalisation(s *span) {
	if len(s.words) < 3 {
		return
	}
	lower := c.rules.capitalised(s)
	if len(lower) < 2 {
		return
	}
	first := s.words[0].start
	name := strings.TrimSpace(strings.ReplaceAll(string(s.rs[first:]), string(Mask), ""))
	fix := strings.TrimSpace(strings.ReplaceAll(string(lowered(s, lower)[first:]), string(Mask), ""))
	c.add(s, first, Capitalisation, Warning, fix, "Title Case %q: names are written in sentence case", name)
	c.fix(name, fix)
}

// capitalised lists the words of a name after its first that are
// capitalised but would be lower case in sentence case: ordinary words the
// dictionary writes in lower case, not acronyms, names of the trade,
// allowed words or a qualifier in brackets.
func (r *Rules) capitalised(s *span) []int {
	var lower []int
	for i, w := range s.words {
		if i == 0 {
			continue
		}
		rs := []rune(w.text)
		if !unicode.IsUpper(rs[0]) || isAcronym(rs) || strings.ContainsAny(w.text, "0123456789") {
			continue
		}
		if pre := string(s.rs[:w.start]); strings.Count(pre, "(") > strings.Count(pre, ")") {
			continue // a qualifier in brackets names a subject: "Advice (Data Ethics)"
		}
		lw := strings.ToLower(w.text)
		if r.dict.keepCaps[w.text] || r.allow[lw] {
			continue // a name of the trade: "Python", "Kubernetes"
		}
		ok := true
		for _, part := range strings.Split(lw, "-") {
			if !r.dict.isLower(part) && !r.stop[part] {
				ok = false // not a word the dictionary writes in lower case
			}
		}
		if ok { // a word the dictionary writes in lower case ("Data", "Senior")
			lower = append(lower, i)
		}
	}
	return lower
}

// lowered returns the span's runes with the words at the given indexes in
// lower case.
func lowered(s *span, words []int) []rune {
	rs := append([]rune(nil), s.rs...)
	for _, i := range words {
		w := s.words[i]
		copy(rs[w.start:w.end], []rune(strings.ToLower(w.text)))
	}
	return rs
}

// SentenceCase writes a name in sentence case: every word after the first
// that the dictionary writes in lower case is lower-cased; acronyms, names
// of the trade ("Python"), allowed words and a qualifier in brackets keep
// their capitals. "Data Orientated Infrastructure" becomes "Data orientated
// infrastructure".
func (r *Rules) SentenceCase(name string) string {
	s := &span{rs: []rune(name)}
	s.words = splitWords(s.rs)
	return string(lowered(s, r.capitalised(s)))
}

// isIdentifier reports whether a hyphenated word is an id (a framework or
// file slug such as "sde-skills"): written in lower case, with a part of
// three letters or fewer the dictionary does not know.
func isIdentifier(d *dictionary, w string) bool {
	if w != strings.ToLower(w) {
		return false
	}
	for _, part := range strings.Split(w, "-") {
		if n := len([]rune(part)); n > 0 && n <= 3 && !d.known(part) {
			return true
		}
	}
	return false
}
