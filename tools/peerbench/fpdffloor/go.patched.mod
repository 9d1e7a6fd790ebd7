// The fpdf floors of peerbench built against rolepack's patched fpdf
// (third_party/fpdf, see its PATCHES.md): use with
// go build -modfile=go.patched.mod. The copy needs only the standard
// library, so there is no go.patched.sum. See main.go.
module rolepack.invalid/peerbench/fpdffloor

go 1.26.8

require codeberg.org/go-pdf/fpdf v0.12.0

replace codeberg.org/go-pdf/fpdf => ../../../third_party/fpdf
