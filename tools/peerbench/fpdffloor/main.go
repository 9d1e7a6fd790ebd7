// Command fpdffloor is peerbench's fpdf floor: it renders jd.json with fpdf
// the way a programmer would in an afternoon (floor.go), -n times in one
// process after -warmup untimed documents, and prints one line of JSON as
// the Node peers of ../node do:
//
//	{"tool": "fpdf-core", "ms": 4.1, "cpu_ms": 4.3, "n": 150, "bytes": 52114, "pages": 4}
//
// ms is the median milliseconds per document, cpu_ms the process's CPU
// time (user and system, the collector's included) over the timed
// documents divided by their number; bytes and pages are those of the
// last document, which -out also receives.
//
// It is a module of its own so that one source builds against two fpdfs:
//
//	go run . -jd FILE -setup core|liberation [...]                       # stock fpdf v0.12.0 (go.mod)
//	go run -modfile=go.patched.mod . -jd FILE -setup core|liberation [...] # rolepack's third_party/fpdf
//
// Issue 19 sets rolepack's PDF writer against naive, that is stock, fpdf;
// the patched build shows how much of the gap rolepack's fpdf patches
// close for any fpdf program. peerbench (the parent folder) builds both
// and runs them; the main module's go build ./... does not see this
// module.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"syscall"
	"time"
)

// jdFile is the shape of jd.json, as peerbench's jd.go writes it (see
// jdFile there): the title and a flat sequence of blocks.
type jdFile struct {
	Title  string    `json:"title"`
	Blocks []jdBlock `json:"blocks"`
}

// jdBlock is one block of jd.json; Type says which fields it uses.
type jdBlock struct {
	Type    string     `json:"type"` // heading, paragraph, list or table
	Level   int        `json:"level,omitempty"`
	Text    string     `json:"text,omitempty"`
	Runs    []jdRun    `json:"runs,omitempty"`
	Ordered bool       `json:"ordered,omitempty"`
	Items   [][]jdRun  `json:"items,omitempty"`
	Header  []string   `json:"header,omitempty"`
	Rows    [][]string `json:"rows,omitempty"`
}

// jdRun is a run of text with one style.
type jdRun struct {
	Text   string `json:"text"`
	Bold   bool   `json:"bold,omitempty"`
	Italic bool   `json:"italic,omitempty"`
}

// line is the JSON line the command prints.
type line struct {
	Tool  string  `json:"tool"`
	MS    float64 `json:"ms"`
	CPUMS float64 `json:"cpu_ms"`
	N     int     `json:"n"`
	Bytes int     `json:"bytes"`
	Pages int     `json:"pages"`
}

func main() {
	jdPath := flag.String("jd", "", "jd.json to render (required)")
	n := flag.Int("n", 150, "documents measured (median ms/doc), after the warm-up")
	warmup := flag.Int("warmup", 5, "documents made before measuring")
	fontDir := flag.String("font-dir", "", "folder holding LiberationSans-{Regular,Bold,Italic,BoldItalic}.ttf (default: jd.json's folder; -setup liberation only)")
	setupName := flag.String("setup", "core", "fonts: core (core Helvetica, nothing embedded) or liberation (Liberation Sans TTF loaded into every document)")
	out := flag.String("out", "", "write the last document to this file")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: fpdffloor -jd FILE [flags]\n\nRenders jd.json with fpdf -n times and prints the median ms/doc as one line of JSON.\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if err := run(*jdPath, *n, *warmup, *fontDir, *setupName, *out); err != nil {
		fmt.Fprintln(os.Stderr, "fpdffloor:", err)
		os.Exit(1)
	}
}

// run reads jd.json and the fonts, times the documents and prints the line.
func run(jdPath string, n, warmup int, fontDir, setupName, out string) error {
	if jdPath == "" {
		return errors.New("-jd is required")
	}
	if n < 1 || warmup < 0 {
		return errors.New("-n must be at least 1, -warmup at least 0")
	}
	data, err := os.ReadFile(jdPath)
	if err != nil {
		return err
	}
	var jd jdFile
	if err := json.Unmarshal(data, &jd); err != nil {
		return fmt.Errorf("%s: %w", jdPath, err)
	}
	var setup fontSetup
	switch setupName {
	case "core":
		setup = coreHelvetica
	case "liberation":
		if fontDir == "" {
			fontDir = filepath.Dir(jdPath)
		}
		faces, err := readFaces(fontDir)
		if err != nil {
			return err
		}
		setup = liberationPerDocument(faces)
	default:
		return fmt.Errorf("-setup %q: want core or liberation", setupName)
	}

	var b bytes.Buffer
	pages := 0
	write := func() error {
		b.Reset()
		var err error
		pages, err = writeFloorPDF(&b, &jd, setup)
		return err
	}
	for range warmup {
		if err := write(); err != nil {
			return err
		}
	}
	runtime.GC() // the warm-up's garbage is not the measured documents' to collect
	samples := make([]float64, n)
	cpuStart := processCPU()
	for i := range samples {
		start := time.Now()
		if err := write(); err != nil {
			return err
		}
		samples[i] = float64(time.Since(start).Nanoseconds()) / 1e6
	}
	cpuMS := float64((processCPU() - cpuStart).Nanoseconds()) / 1e6 / float64(n)
	if out != "" {
		if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	enc, err := json.Marshal(line{Tool: "fpdf-" + setupName, MS: median(samples), CPUMS: cpuMS, N: n, Bytes: b.Len(), Pages: pages})
	if err != nil {
		return err
	}
	_, err = fmt.Printf("%s\n", enc)
	return err
}

// processCPU is the user and system time this process has used so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// median returns the middle value (the mean of the two middle ones for an
// even count).
func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
