package pack

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/lint"
	"github.com/rolepack/rolepack/render"
)

func TestZZDump(t *testing.T) {
	fw, lib, cfg, engine := sweepSetup(t)
	kinds, _ := render.LookupKinds(sweepKinds)
	m := compose.NewComposer(cfg, lib)
	var b strings.Builder
	for _, r := range fw.Roles {
		for _, l := range r.Levels {
			if l.Retired {
				continue
			}
			p, err := m.Prepare("ddat/"+r.ID, l.ID)
			if err != nil {
				t.Fatal(err)
			}
			rc, err := p.Context(cfg, lib, time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range kinds {
				kc, _ := k.Prepare(rc)
				d, err := engine.Document(context.Background(), k, k.Documents(kc)[0].Context)
				if err != nil {
					t.Fatal(err)
				}
				for _, tx := range lint.DocumentTexts(d) {
					b.WriteString(r.ID + "@" + l.ID + "\t" + k.ID + "\t" + tx.Place + "\t" + string(rune('0'+int(tx.Kind))) + "\t" + strings.ReplaceAll(tx.Text.Text, "\n", "⏎") + "\n")
				}
			}
		}
	}
	os.WriteFile("/tmp/wording-lines.txt", []byte(b.String()), 0o644)
}
