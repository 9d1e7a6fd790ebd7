package deflate

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	kzlib "github.com/klauspost/compress/zlib"
)

var update = flag.Bool("update", false, "write table.go from testdata/contents.gz (TestTable)")

// samples are the page content streams in testdata/contents.gz: pages of
// every kind of rolepack document, English and Welsh, the default role
// and corpus roles (not the default role's English JD, the benchmark's).
func samples(t testing.TB) [][]byte {
	t.Helper()
	f, err := os.Open("testdata/contents.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(zr)
	var out [][]byte
	for {
		l, err := br.ReadString('\n')
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		n, err := strconv.Atoi(strings.TrimSpace(l))
		if err != nil {
			t.Fatal(err)
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(br, b); err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
}

// inflate reads a zlib stream with the standard library's reader, which
// checks the Adler-32 checksum.
func inflate(t testing.TB, z []byte) []byte {
	t.Helper()
	zr, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatalf("zlib header: %v", err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("inflate: %v", err)
	}
	if err := zr.Close(); err != nil {
		t.Fatalf("inflate: %v", err)
	}
	return b
}

// roundTrip compresses src with e (and with a new Encoder) and checks
// that the stream inflates to src and that both give the same bytes.
func roundTrip(t testing.TB, e *Encoder, src []byte) []byte {
	t.Helper()
	z := e.AppendZlib([]byte("prefix"), src)
	if !bytes.HasPrefix(z, []byte("prefix")) {
		t.Fatal("dst's bytes were not kept")
	}
	z = z[len("prefix"):]
	if got := inflate(t, z); !bytes.Equal(got, src) {
		t.Fatalf("%d bytes came back as %d different ones", len(src), len(got))
	}
	if fresh := new(Encoder).AppendZlib(nil, src); !bytes.Equal(fresh, z) {
		t.Fatalf("a reused Encoder and a new one wrote different bytes for %d bytes", len(src))
	}
	return z
}

func TestRoundTrip(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	randBytes := func(n int, alphabet int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rnd.IntN(alphabet))
		}
		return b
	}
	cases := map[string][]byte{
		"empty":     {},
		"one byte":  {'x'},
		"15 bytes":  []byte("BT 1 2 Td ET\nq\n"),
		"16 bytes":  []byte("BT 1 2 Td ET\nq\nQ"),
		"zeros 1M":  make([]byte, 1<<20),
		"run 259":   bytes.Repeat([]byte{'a'}, 259), // a match of 258 and one byte
		"run 262":   bytes.Repeat([]byte{'a'}, 262), // 258 would leave 3: 258 + 3, or 257 + 4
		"run 263":   bytes.Repeat([]byte{'b'}, 263),
		"random":    randBytes(100_000, 256), // incompressible: stored
		"random 4":  randBytes(200_000, 4),   // long input, short matches
		"random 70": randBytes(70_000, 256),  // two stored blocks
		"far match": append(append(randBytes(40_000, 256), randBytes(1000, 256)...), randBytes(40_000, 256)...),
	}
	period := randBytes(33_000, 256) // repeats just beyond the window
	cases["period beyond window"] = append(append([]byte{}, period...), period...)
	period = randBytes(32_760, 256) // repeats just within it
	cases["period within window"] = append(append([]byte{}, period...), period...)
	for i, s := range samples(t) {
		cases[fmt.Sprintf("sample %d", i)] = s
	}
	var e Encoder
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			z := roundTrip(t, &e, src)
			if max := storedSize(len(src)) + 6; len(z) > max {
				t.Errorf("%d bytes took %d, more than stored (%d)", len(src), len(z), max)
			}
		})
	}
}

// TestSmallerThanInput checks the table suits what it is for: every
// sample page compresses to under a third of its size.
func TestSmallerThanInput(t *testing.T) {
	var e Encoder
	for i, s := range samples(t) {
		z := e.AppendZlib(nil, s)
		if 3*len(z) > len(s) {
			t.Errorf("sample %d: %d bytes to %d", i, len(s), len(z))
		}
	}
}

// TestClearsTableBeforeOverflow runs the table's positions up to the limit
// and checks streams stay correct across the clearing.
func TestClearsTableBeforeOverflow(t *testing.T) {
	var e Encoder
	s := samples(t)[0]
	e.cur = curLimit - int32(len(s)) - maxDist - 10
	for range 3 {
		roundTrip(t, &e, s)
	}
	if e.cur > int32(3*(len(s)+maxDist)) {
		t.Errorf("table not cleared: cur %d", e.cur)
	}
}

func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte("BT /F1 9.50 Tf ET\n0.043 0.047 0.047 rg\nBT 61.80 631.13 Td (\x00J\x00o\x00b)Tj ET\n"))
	f.Add(bytes.Repeat([]byte("ab"), 300))
	var e Encoder
	f.Fuzz(func(t *testing.T, src []byte) {
		roundTrip(t, &e, src)
	})
}

// TestTable checks that table.go holds the code lengths the samples give
// (regenerate it with -update after changing the samples or the matcher),
// and that they make complete prefix codes, as inflaters require.
func TestTable(t *testing.T) {
	var stats [numLit + numDist]uint32
	e := Encoder{stats: &stats}
	for _, s := range samples(t) {
		e.AppendZlib(nil, s)
	}
	// Every symbol can occur in some input: none may go without a code.
	for i := range stats {
		stats[i] = stats[i]*4 + 1
	}
	lit := huffLengths(stats[:numLit], 15)
	dist := huffLengths(stats[numLit:], 15)
	src := tableSource(lit, dist)
	if *update {
		if err := os.WriteFile("table.go", src, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	old, err := os.ReadFile("table.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(old, src) {
		t.Error("table.go is not what the samples give: go test ./internal/deflate -run TestTable -update")
	}
	for name, l := range map[string][]uint8{"literal/length": litLengths[:], "distance": distLengths[:]} {
		sum := 0.0
		for _, n := range l {
			if n == 0 || n > 15 {
				t.Fatalf("%s code: a length of %d", name, n)
			}
			sum += 1 / float64(uint(1)<<n)
		}
		if sum != 1 {
			t.Errorf("%s code not complete: Kraft sum %v", name, sum)
		}
	}
}

// tableSource is table.go for the lengths.
func tableSource(lit, dist []uint8) []byte {
	var b bytes.Buffer
	list := func(l []uint8) {
		for i := 0; i < len(l); i += 32 {
			b.WriteString("\t")
			for j := i; j < min(i+32, len(l)); j++ {
				fmt.Fprintf(&b, "%d,", l[j])
				if j+1 < min(i+32, len(l)) {
					b.WriteString(" ")
				}
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("package deflate\n\n// Code generated by TestTable (go test ./internal/deflate -run TestTable -update); DO NOT EDIT.\n\n")
	b.WriteString("// litLengths are the code lengths of the literal/length symbols, from the\n// symbols' counts in testdata/contents.gz (each count times four, plus one).\nvar litLengths = [numLit]uint8{\n")
	list(lit)
	b.WriteString("}\n\n// distLengths are the code lengths of the distance symbols, made the same way.\nvar distLengths = [numDist]uint8{\n")
	list(dist)
	b.WriteString("}\n")
	return b.Bytes()
}

// BenchmarkAppendZlib compresses the sample pages with an Encoder and,
// beside it, with klauspost/compress's zlib at its fastest level (what
// rolepack's PDF writer used before), reporting the compressed size as a
// share of the input.
func BenchmarkAppendZlib(b *testing.B) {
	s := samples(b)
	n := 0
	for _, p := range s {
		n += len(p)
	}
	b.Run("deflate", func(b *testing.B) {
		b.SetBytes(int64(n))
		var e Encoder
		var dst []byte
		out := 0
		for b.Loop() {
			out = 0
			for _, p := range s {
				dst = e.AppendZlib(dst[:0], p)
				out += len(dst)
			}
		}
		b.ReportMetric(float64(out)/float64(n), "size/input")
	})
	b.Run("klauspost-zlib-1", func(b *testing.B) {
		b.SetBytes(int64(n))
		var buf bytes.Buffer
		zw, err := kzlib.NewWriterLevel(&buf, kzlib.BestSpeed)
		if err != nil {
			b.Fatal(err)
		}
		out := 0
		for b.Loop() {
			out = 0
			for _, p := range s {
				buf.Reset()
				zw.Reset(&buf)
				if _, err := zw.Write(p); err != nil {
					b.Fatal(err)
				}
				if err := zw.Close(); err != nil {
					b.Fatal(err)
				}
				out += buf.Len()
			}
		}
		b.ReportMetric(float64(out)/float64(n), "size/input")
	})
}
