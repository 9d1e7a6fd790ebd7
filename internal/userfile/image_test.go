package userfile

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/internal/hostile"
)

func TestCheckImageHostile(t *testing.T) {
	side := 30000
	if testing.Short() {
		side = 8000
	}
	full := hostile.PNG(200, 100)
	for _, c := range []struct {
		name, want string
		data       []byte
	}{
		{"claim.png", "claim.png: the image is 65535×65535 pixels", hostile.PNGClaiming(65535, 65535)},
		{"huge.png", "huge.png: the image is", hostile.PNG(side, side)},
		{"truncated.png", "truncated.png: cannot decode the png image", full[:len(full)/2]},
		{"text.png", "text.png: not a PNG or JPEG image", []byte("hello")},
	} {
		t.Run(c.name, func(t *testing.T) {
			runtime.GC()
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			start := time.Now()
			err := CheckImage(c.name, c.data)
			el := time.Since(start)
			runtime.ReadMemStats(&m1)
			if err == nil || !strings.HasPrefix(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("err = %v, want %q…", err, c.want)
			}
			if el > time.Second {
				t.Errorf("took %s", el)
			}
			if mb := (m1.TotalAlloc - m0.TotalAlloc) >> 20; mb > 16 {
				t.Errorf("allocated %d MiB", mb)
			}
		})
	}
	if err := CheckImage("ok.png", full); err != nil {
		t.Fatal(err)
	}
}
