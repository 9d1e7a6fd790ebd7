package compose

import (
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/rolepack/rolepack/config"
)

func composerConfig(t *testing.T) (*config.Config, *Library) {
	t.Helper()
	cfg, err := config.LoadConfig("cfg.yaml", []byte(testConfig))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Organisation.Location = "Leeds"
	return cfg, testLibrary(t)
}

// A Composer prepares a role and level once however many goroutines ask,
// shares the result, and keeps each vacancy's facts its own.
func TestComposerPreparesOnce(t *testing.T) {
	cfg, lib := composerConfig(t)
	m := NewComposer(cfg, lib)
	const n = 8
	got := make([]*Prepared, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, err := m.Prepare("eng", "senior")
			if err != nil {
				t.Error(err)
			}
			got[i] = p
		}()
	}
	wg.Wait()
	for _, p := range got[1:] {
		if p != got[0] {
			t.Fatal("two Prepared for one role and level")
		}
	}
	if m.Len() != 1 {
		t.Errorf("Len = %d, want 1", m.Len())
	}
	date := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	a, b := *cfg, *cfg
	a.Vacancy.ReportsTo, a.Vacancy.Location, a.Vacancy.Salary = "Alice Head", "Aberdeen", "£40,000"
	b.Vacancy.ReportsTo, b.Vacancy.Location, b.Vacancy.Salary = "", "", ""
	ca, err := got[0].Context(&a, lib, date)
	if err != nil {
		t.Fatal(err)
	}
	cb, err := got[0].Context(&b, lib, date)
	if err != nil {
		t.Fatal(err)
	}
	if ca.Role != cb.Role || ca.Selected != cb.Selected {
		t.Error("contexts of one Prepared should share the composed role and selection")
	}
	if ca.Vacancy.ReportsTo != "Alice Head" || cb.Vacancy.ReportsTo != ca.Role.ReportsTo {
		t.Errorf("reports to: %q and %q, want Alice Head and the role's %q", ca.Vacancy.ReportsTo, cb.Vacancy.ReportsTo, ca.Role.ReportsTo)
	}
	if ca.Vacancy.Location != "Aberdeen" || cb.Vacancy.Location != cfg.Organisation.Location {
		t.Errorf("location: %q and %q", ca.Vacancy.Location, cb.Vacancy.Location)
	}
	if len(cb.Blanks) != len(ca.Blanks)+1 || cb.Blanks[0].Key != "vacancy.salary" {
		t.Errorf("blanks: %v and %v", ca.Blanks, cb.Blanks)
	}
	// the one-call form makes the same context
	one, err := NewContext(&a, lib, "eng", "senior", date)
	if err != nil {
		t.Fatal(err)
	}
	j1, _ := json.Marshal(one)
	j2, _ := json.Marshal(ca)
	if string(j1) != string(j2) {
		t.Error("Prepare then Context differs from NewContext")
	}
}

// A Composer gives every caller the error of a role it cannot compose,
// as NewContext words it.
func TestComposerError(t *testing.T) {
	cfg, lib := composerConfig(t)
	m := NewComposer(cfg, lib)
	_, want := NewContext(cfg, lib, "no-such-role", "senior", time.Now())
	for range 2 {
		_, err := m.Prepare("no-such-role", "senior")
		if err == nil || want == nil || err.Error() != want.Error() {
			t.Fatalf("err = %v, want %v", err, want)
		}
	}
}
