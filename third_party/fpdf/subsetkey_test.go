package fpdf

import "testing"

// TestSubsetKey: the key of patch 30 tells sets of used runes apart
// exactly: the same pairs give the same key whatever the order they were
// added in, and any added, dropped or changed pair another key.
func TestSubsetKey(t *testing.T) {
	base := map[int]int{}
	for r := 0; r < 128; r++ {
		base[r] = r
	}
	for _, r := range []int{0x2019, 0x201C, 0x2013, 0x0175, 0x3001, 0x1F600} {
		base[r] = r
	}
	clone := func(m map[int]int) map[int]int {
		c := map[int]int{}
		for k, v := range m {
			c[k] = v
		}
		return c
	}
	key := subsetKey(base)
	if subsetKey(clone(base)) != key {
		t.Fatal("the same runes give another key")
	}
	seen := map[string]string{key: "base"}
	for name, edit := range map[string]func(map[int]int){
		"one rune more":           func(m map[int]int) { m[0x00E9] = 0x00E9 },
		"one rune less":           func(m map[int]int) { delete(m, 'a') },
		"a rune above the set":    func(m map[int]int) { m[0x4E00] = 0x4E00 },
		"a value changed":         func(m map[int]int) { m['a'] = 'b' },
		"a high value changed":    func(m map[int]int) { m[0x1F600] = 1 },
		"low rune to another":     func(m map[int]int) { m[5] = 0x3005 },
		"negative key":            func(m map[int]int) { m[-1] = -1 },
		"last word of the set":    func(m map[int]int) { m[runesSeenLimit-1] = runesSeenLimit - 1 },
		"first rune past the set": func(m map[int]int) { m[runesSeenLimit] = runesSeenLimit },
	} {
		m := clone(base)
		edit(m)
		k := subsetKey(m)
		if other, ok := seen[k]; ok {
			t.Errorf("%s: same key as %s", name, other)
		}
		seen[k] = name
	}
	if subsetKey(map[int]int{}) == subsetKey(map[int]int{0: 0}) {
		t.Error("empty and {0} share a key")
	}
}
