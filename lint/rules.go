package lint

import (
	"bufio"
	"bytes"
	"context"
	"embed"
	"fmt"
	"hash/maphash"
	"strings"
	"sync"
	"unicode"
)

//go:embed data/*.txt data/british-english.COPYRIGHT
var data embed.FS

// britishEnglish is the en-GB word list, a word a line. It is embedded as
// a string, which the program's read-only data holds: the word set's text
// is it, not a copy on the heap, where a batch's collector would leave as
// much again room beside it.
//
//go:embed data/british-english
var britishEnglish string

// Rules are the word lists the checks use: the embedded data plus the
// organisation's own words. Build them with NewRules.
type Rules struct {
	// Allow lists words and phrases the organisation accepts as written:
	// they are never reported by the spelling, inclusive or banned rules.
	Allow []string
	// Ban lists words or phrases the organisation does not use, each
	// "phrase" or "phrase => what to write instead" ("*" at the end of a
	// word matches any ending). A use is an error in category banned.
	Ban []string

	dict        *dictionary
	allow       map[string]bool
	misspelt    map[string]string
	usUK        map[string]string
	endings     [][2]string
	usUKPhrases []phrase
	jargon      []phrase
	banned      []phrase
	coded       []codedStem
	notCoded    map[string]bool // words a coded stem matches that are not coded (gender-coded.txt "not" lines)
	abbrev      map[string]bool
	stop        map[string]bool
	common      map[string]bool
	repeatOK    map[string]bool
	homograph   map[string]bool // base verbs that are also nouns or adjectives (grammar.go)

	memo *textMemo         // what checking each text found, for texts met again
	only map[Category]bool // when set, the categories whose rules run (Only)
	ctx  context.Context   // when set, checks stop once it ends (WithContext)
	// standard are rolepack's own texts, which CheckDocument leaves out
	// (WithStandard).
	standard map[string]bool
}

// WithContext returns a copy of r, sharing its memo, whose checks stop
// once ctx ends (Ctrl-C, SIGTERM): the texts not yet checked are not, and
// the caller reports ctx.Err().
func (r *Rules) WithContext(ctx context.Context) *Rules {
	c := *r
	c.ctx = ctx
	return &c
}

// cancelled reports whether the rules' context has ended.
func (r *Rules) cancelled() bool { return r.ctx != nil && r.ctx.Err() != nil }

// Only returns a copy of r that runs the rules of the given categories
// alone (e.g. Grammar and RepeatedWord, for a sweep of many documents that
// needs no spelling suggestions), with a memo of its own.
func (r *Rules) Only(cats ...Category) *Rules {
	c := *r
	c.memo = newTextMemo()
	c.only = map[Category]bool{}
	for _, cat := range cats {
		c.only[cat] = true
	}
	return &c
}

// runs reports whether the rules of category cat run.
func (r *Rules) runs(cat Category) bool { return r.only == nil || r.only[cat] }

// phrase is a sequence of word patterns and what to say when it is found.
type phrase struct {
	words      []string // lower case; a trailing * matches any ending
	text       string
	message    string
	suggestion string
}

// codedStem is one gender-coded word of Gaucher, Friesen and Kay (2011).
type codedStem struct {
	gender string // masculine or feminine
	stem   string // without the *
	prefix bool   // the entry ended in *: any word starting with stem
}

// NewRules returns the embedded rules with the organisation's allowed and
// banned words added. The error names a ban entry that cannot be read.
func NewRules(allow, ban []string) (*Rules, error) {
	dict, err := loadDictionary()
	if err != nil {
		return nil, err
	}
	r := &Rules{Allow: allow, Ban: ban, dict: dict, allow: map[string]bool{}, memo: newTextMemo()}
	for _, a := range allow {
		if a = strings.TrimSpace(a); a != "" {
			r.allow[strings.ToLower(a)] = true
		}
	}
	lists := []struct {
		file string
		read func(fields []string, line string) error
	}{
		{"misspellings.txt", r.pairInto(&r.misspelt)},
		{"us-uk.txt", r.pairInto(&r.usUK)},
		{"us-uk-endings.txt", func(f []string, line string) error {
			if len(f) != 2 {
				return fmt.Errorf("want \"US-ending UK-ending\", found %q", line)
			}
			r.endings = append(r.endings, [2]string{f[0], f[1]})
			return nil
		}},
		{"us-uk-phrases.txt", func(_ []string, line string) error {
			p, err := parsePhrase(line, "=>", "US spelling %q")
			if err == nil {
				r.usUKPhrases = append(r.usUKPhrases, p)
			}
			return err
		}},
		{"exclusionary.txt", func(_ []string, line string) error {
			p, err := parsePhrase(line, "|", "exclusionary %q: %s")
			if err == nil {
				r.jargon = append(r.jargon, p)
			}
			return err
		}},
		{"gender-coded.txt", func(f []string, line string) error {
			if len(f) == 2 && f[0] == "not" {
				// a word that starts with a coded stem but names a subject or
				// a job, not a trait: "analytics", "analyst"
				if r.notCoded == nil {
					r.notCoded = map[string]bool{}
				}
				r.notCoded[f[1]] = true
				return nil
			}
			if len(f) != 2 || (f[0] != "masculine" && f[0] != "feminine") {
				return fmt.Errorf("want \"masculine|feminine STEM\" or \"not WORD\", found %q", line)
			}
			s := codedStem{gender: f[0], stem: strings.TrimSuffix(f[1], "*"), prefix: strings.HasSuffix(f[1], "*")}
			r.coded = append(r.coded, s)
			return nil
		}},
		{"abbreviations.txt", r.setInto(&r.abbrev)},
		{"stopwords.txt", r.setInto(&r.stop)},
		{"template-common.txt", r.setInto(&r.common)},
		{"repeated-ok.txt", r.setInto(&r.repeatOK)},
		{"grammar-homographs.txt", r.setInto(&r.homograph)},
	}
	for _, l := range lists {
		if err := readList(l.file, l.read); err != nil {
			return nil, err
		}
	}
	for i, b := range ban {
		if strings.TrimSpace(b) == "" {
			continue
		}
		p, err := parsePhrase(b, "=>", "banned %q")
		if err != nil {
			return nil, fmt.Errorf("ban entry %d: %w", i+1, err)
		}
		if p.suggestion != "" {
			p.suggestion = "write " + p.suggestion
		}
		r.banned = append(r.banned, p)
	}
	return r, nil
}

// defaultRules are the embedded rules with no organisation words. The
// embedded data is known good (a test loads it), so an error here is a
// build fault.
func defaultRules() *Rules {
	r, err := NewRules(nil, nil)
	if err != nil {
		panic("lint: embedded rules: " + err.Error())
	}
	return r
}

func (r *Rules) pairInto(m *map[string]string) func([]string, string) error {
	*m = map[string]string{}
	return func(f []string, line string) error {
		if len(f) < 2 {
			return fmt.Errorf("want \"wrong right\", found %q", line)
		}
		(*m)[strings.ToLower(f[0])] = strings.Join(f[1:], " ")
		return nil
	}
}

func (r *Rules) setInto(m *map[string]bool) func([]string, string) error {
	*m = map[string]bool{}
	return func(f []string, _ string) error {
		for _, w := range f {
			(*m)[strings.ToLower(w)] = true
		}
		return nil
	}
}

// readList calls read for every line of an embedded list that is not blank
// or a # comment.
func readList(file string, read func(fields []string, line string) error) error {
	b, err := data.ReadFile("data/" + file)
	if err != nil {
		return fmt.Errorf("lint data %s: %w", file, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := read(strings.Fields(line), line); err != nil {
			return fmt.Errorf("lint data %s:%d: %w", file, n, err)
		}
	}
	return nil
}

// parsePhrase reads "phrase SEP note". msg formats the message from the
// phrase (and, with a second verb, the note's first part); the note's part
// after a ";" is the suggestion. With SEP "=>" the note is the replacement.
func parsePhrase(line, sep, msg string) (phrase, error) {
	text, note, _ := strings.Cut(line, sep)
	text = strings.TrimSpace(text)
	note = strings.TrimSpace(note)
	words := strings.Fields(strings.ToLower(text))
	if len(words) == 0 {
		return phrase{}, fmt.Errorf("no words in %q", line)
	}
	p := phrase{words: words, text: strings.TrimSuffix(text, "*")}
	if sep == "=>" {
		p.message = fmt.Sprintf(msg, p.text)
		p.suggestion = note
		return p, nil
	}
	why, instead, _ := strings.Cut(note, ";")
	p.message = fmt.Sprintf(msg, p.text, strings.TrimSpace(why))
	p.suggestion = strings.TrimSpace(instead)
	return p, nil
}

// dictionary is the en-GB word list (SCOWL's british-english, as Debian's
// wbritish package ships it) with rolepack's words of the trade.
type dictionary struct {
	words wordSet // british-english, then words.txt, as written
	// keepCaps are rolepack's names of the trade (words.txt) written with
	// capitals, kept so in sentence-case suggestions.
	keepCaps map[string]bool
}

// isLower reports whether w is a word the dictionary writes in lower case.
func (d *dictionary) isLower(w string) bool { return w == strings.ToLower(w) && d.words.has(w) }

// isName reports whether w is a word the dictionary writes with capitals
// (a name), as written.
func (d *dictionary) isName(w string) bool { return w != strings.ToLower(w) && d.words.has(w) }

// wordSet is a set of words held in newline-separated text (two texts, the
// second read as if it followed the first, so that the embedded list need
// not be copied to add words to it), found through an open-addressing hash
// table of offsets into it. It is built about ten
// times faster than a map[string]bool of the same 133,000 words (which took
// a third of a cold `rolepack generate`) and looks words up as fast. Each
// slot holds a word's offset and, in the bits the offset does not need,
// some bits of its hash (a tag), so that a probe reads the text only when
// the tags agree: the table can then be half full (1 MB for the
// dictionary's 133,000 words) rather than a quarter (2 MB) for the same
// speed. It is read by every check of a batch, from its first pack to its
// last, and the collector's room doubles what it holds.
type wordSet struct {
	text  string
	more  string   // words read as if they followed text (words.txt after the embedded list, which is not copied to add them)
	slots []uint32 // (1 + the offset in text+more of a word) | tag<<offBits, 0 for an empty slot; len is a power of two
	bits  uint     // offBits: the bits of a slot the offset takes
	seed  maphash.Seed
}

// newWordSet returns the set of the non-blank lines of text and more, which
// must have no spaces around them. Neither is copied when it ends with a
// newline.
func newWordSet(text, more string) wordSet {
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	if more != "" && !strings.HasSuffix(more, "\n") {
		more += "\n"
	}
	size := 1
	for size < 3*(strings.Count(text, "\n")+strings.Count(more, "\n"))/2 {
		size <<= 1
	}
	bits := uint(1)
	for 1<<bits <= len(text)+len(more) {
		bits++
	}
	s := wordSet{text: text, more: more, seed: maphash.MakeSeed(), slots: make([]uint32, size), bits: bits}
	for base, t := range [2]string{text, more} {
		if base == 1 {
			base = len(text)
		}
		for off := 0; off < len(t); {
			n := strings.IndexByte(t[off:], '\n')
			if n > 0 {
				s.insert(base+off, t[off:off+n])
			}
			off += n + 1
		}
	}
	return s
}

// slot is where w's search starts and the tag its slots carry.
func (s *wordSet) slot(w string) (i uint64, tag uint32) {
	h := maphash.String(s.seed, w)
	if s.bits < 32 {
		tag = uint32(h>>(32+s.bits)) << s.bits // the hash's top (32 - bits) bits, above the offset
	}
	return h & uint64(len(s.slots)-1), tag
}

// insert records that w starts at offset off of the text being built.
func (s *wordSet) insert(off int, w string) {
	mask := uint64(len(s.slots) - 1)
	i, tag := s.slot(w)
	for ; ; i = (i + 1) & mask {
		if s.slots[i] == 0 {
			s.slots[i] = uint32(off+1) | tag
			return
		}
	}
}

// has reports whether w is in the set.
func (s *wordSet) has(w string) bool {
	if w == "" || len(s.slots) == 0 {
		return false
	}
	mask := uint64(len(s.slots) - 1)
	offMask := uint32(1)<<s.bits - 1
	i, tag := s.slot(w)
	for ; s.slots[i] != 0; i = (i + 1) & mask {
		if s.slots[i]&^offMask != tag {
			continue
		}
		off, t := int(s.slots[i]&offMask-1), s.text
		if off >= len(t) {
			off, t = off-len(t), s.more
		}
		if off+len(w) < len(t) && t[off+len(w)] == '\n' && t[off:off+len(w)] == w {
			return true
		}
	}
	return false
}

// Preload starts building the dictionary's word set in the background
// (a few milliseconds of CPU), so that a command that is going to check
// text finds it ready; NewRules waits for it if it is not.
func Preload() { go loadDictionary() }

// loadDictionary builds the dictionary once; it never changes after.
var loadDictionary = sync.OnceValues(func() (*dictionary, error) {
	d := &dictionary{keepCaps: map[string]bool{}}
	var trade strings.Builder
	err := readList("words.txt", func(f []string, _ string) error {
		for _, w := range f {
			trade.WriteString(w + "\n")
			if w != strings.ToLower(w) {
				d.keepCaps[w] = true
			}
		}
		return nil
	})
	d.words = newWordSet(britishEnglish, trade.String())
	return d, err
})

// known reports whether the dictionary has word w as written (a lower-case
// word in any capitalisation; a name with its capitals).
func (d *dictionary) known(w string) bool {
	lw := strings.ToLower(w)
	if d.isLower(lw) || d.isName(w) {
		return true
	}
	// "DATA" or "Data" for a name written "Data".
	return w != lw && d.isName(titleCase(lw))
}

// titleCase upper-cases the first letter of a lower-case word.
func titleCase(w string) string {
	for i, r := range w {
		return string(unicode.ToUpper(r)) + w[i+len(string(r)):]
	}
	return w
}
