// The fpdf floors of peerbench, as their own module so that they build
// against stock fpdf (this file) or rolepack's patched copy
// (go.patched.mod, used with -modfile). See main.go.
module rolepack.invalid/peerbench/fpdffloor

go 1.26.8

require codeberg.org/go-pdf/fpdf v0.12.0
