// Copyright ©2026 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestGenerateFontIDMatchesJSON checks that generateFontID hashes exactly
// the JSON encoding of the definition, as it did through encoding/json.
func TestGenerateFontIDMatchesJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	big := make([]uint16, 65536)
	for i := range big {
		big[i] = uint16(rng.IntN(65536))
	}
	for _, cw := range [][]uint16{nil, {}, {0}, {5, 0, 65535}, big} {
		def := fontDefType{Tp: "UTF8", Name: `odd "Cw":null name`, Desc: FontDescType{Ascent: 905, Descent: -212, FontBBox: fontBoxType{-544, -303, 1302, 980}},
			Up: -106, Ut: 73, Cw: cw, Enc: "cp1252", File: "dropped.z", Size1: 3, OriginalSize: 9}
		want := def
		want.File = ""
		b, err := json.Marshal(&want)
		if err != nil {
			t.Fatal(err)
		}
		got, err := generateFontID(def)
		if err != nil {
			t.Fatal(err)
		}
		if w := fmt.Sprintf("%x", sha1.Sum(b)); got != w {
			t.Errorf("widths %d: id %s, JSON gives %s", len(cw), got, w)
		}
	}
}
