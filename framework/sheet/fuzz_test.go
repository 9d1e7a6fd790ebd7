package sheet

import (
	"strings"
	"testing"
	"time"
)

// FuzzCSV feeds arbitrary bytes to the CSV path (reading, header search,
// long and wide shapes): it must never panic, must answer quickly, and
// every error is one line naming the file.
func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		longCSV,
		"Skill,Entry,Senior\nA,\"x\ny\",z\n",
		"Title\n\nCategory;Skill;Level;Descriptor\nC;S;L1;d\n;;L2;e\n",
		"Skill\tLevel 1\tLevel 2\nSec\t\t\nThreat\ta\tb\n",
		"\xEF\xBB\xBFSkill,Level,Descriptor\r\nA,\"unterminated\r\n",
		"Skill,Level,Descriptor\nâ€™,\x93q\x94,d\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		tab, err := ReadCSV("in.csv", data)
		if err == nil {
			_, _, err = Parse([]*Table{tab}, Options{})
		}
		if err != nil && (!strings.HasPrefix(err.Error(), "in.csv:") || strings.Contains(err.Error(), "\n")) {
			t.Errorf("error %q is not one line naming the file", err)
		}
		if d := time.Since(start); d > 20*time.Second { // far past linear: a hang, not load
			t.Errorf("took %v for %d bytes", d, len(data))
		}
	})
}
