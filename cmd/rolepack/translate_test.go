package main

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	rolepack "github.com/rolepack/rolepack"
)

// translateSetup writes the default config naming cy.yaml as its
// translations file into a folder, and returns the config's path.
func translateSetup(t *testing.T) (dir, cfg string) {
	t.Helper()
	dir = t.TempDir()
	cfg = filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, append(append([]byte(nil), rolepack.DefaultConfig...), "\ntranslations: [cy.yaml]\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, cfg
}

const (
	dutyID     = "ddat.data-engineer.head-of-data-engineering.responsibility-1.duty"
	dutyCy     = "Ysbrydoli arfer gorau ar gyfer cynhyrchion a gwasanaethau data yn eich timau."
	purposeID  = "ddat.data-engineer.head-of-data-engineering.purpose-1"
	responsID2 = "ddat.data-engineer.head-of-data-engineering.responsibility-2.duty"
)

// fillUnit gives the unit id a target in an exported XLIFF document, and,
// when source is not "", a different English source (as if the framework
// had changed since).
func fillUnit(t *testing.T, doc, id, source, target string) string {
	t.Helper()
	re := regexp.MustCompile(`(?s)(<unit id="` + regexp.QuoteMeta(id) + `">.*?<segment)(>\s*<source>)(.*?)(</source>)`)
	if !re.MatchString(doc) {
		t.Fatalf("no unit %s in the export", id)
	}
	return re.ReplaceAllStringFunc(doc, func(m string) string {
		p := re.FindStringSubmatch(m)
		src := p[3]
		if source != "" {
			src = source
		}
		return p[1] + ` state="translated"` + p[2] + src + p[4] + "\n        <target>" + target + "</target>"
	})
}

// unitSource is the English of the unit id in doc.
func unitSource(t *testing.T, doc, id string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<unit id="` + regexp.QuoteMeta(id) + `">.*?<source>(.*?)</source>`).FindStringSubmatch(doc)
	if m == nil {
		t.Fatalf("no unit %s", id)
	}
	return html.UnescapeString(m[1])
}

// unitLine is the line of the unit id in doc.
func unitLine(t *testing.T, doc, id string) int {
	t.Helper()
	i := strings.Index(doc, `<unit id="`+id+`">`)
	if i < 0 {
		t.Fatalf("no unit %s", id)
	}
	return strings.Count(doc[:i], "\n") + 1
}

// TestTranslateRoundTrip: export for the default role, fill one target
// and one stale unit, import, generate the Welsh JD: the translation is
// in the Markdown and the DOCX, the stale and missing units are reported
// at their lines, and the stale one is not used.
func TestTranslateRoundTrip(t *testing.T) {
	dir, cfg := translateSetup(t)
	xlf := filepath.Join(dir, "cy.xlf")
	// No translations file yet: the first runs name none.
	if _, _, err := run(t, fixedDate, "translate", "export", "--lang", "cy", "--config", cfg, "--set", "translations=", "-o", xlf); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(xlf)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	if !strings.Contains(doc, `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-GB" trgLang="cy">`) {
		t.Fatalf("not an XLIFF 2.0 document from en-GB to cy:\n%.300s", doc)
	}
	for _, want := range []string{dutyID, purposeID, "a key responsibility of a Head of data engineering"} {
		if !strings.Contains(doc, want) {
			t.Errorf("the export has no %q", want)
		}
	}
	// Same config, same bytes.
	again, _, err := run(t, fixedDate, "translate", "export", "--lang", "cy", "--config", cfg, "--set", "translations=", "-o", "-")
	if err != nil || again != doc {
		t.Errorf("a second export differs (%v)", err)
	}

	done := fillUnit(t, doc, dutyID, "", dutyCy)
	done = fillUnit(t, done, responsID2, "Build data engineering skills for the community.", "Meithrin sgiliau peirianneg data.")
	filled := filepath.Join(dir, "cy-done.xlf")
	if err := os.WriteFile(filled, []byte(done), 0o644); err != nil {
		t.Fatal(err)
	}
	yml := filepath.Join(dir, "cy.yaml")
	_, stderr, err := run(t, fixedDate, "translate", "import", filled, "--config", cfg, "--set", "translations=", "-o", yml)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, stderr)
	}
	stale := filled + ":" + itoa(unitLine(t, done, responsID2)) + ": stale: unit " + responsID2 + ": the English is now "
	missing := filled + ":" + itoa(unitLine(t, done, purposeID)) + ": missing: unit " + purposeID + ": no translation"
	for _, want := range []string{stale, missing, "wrote " + yml + " (1 unit): imported 1 translation for role data-engineer at level head, development plan from mid to senior; not imported: "} {
		if !strings.Contains(stderr, want) {
			t.Errorf("import did not report %q:\n%.2000s", want, stderr)
		}
	}
	for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if !strings.HasPrefix(l, filled+":") && !strings.HasPrefix(l, "wrote ") {
			t.Errorf("a report line that names no file:line: %q", l)
		}
	}
	tr, _ := os.ReadFile(yml)
	if !strings.Contains(string(tr), dutyCy) || strings.Contains(string(tr), "Meithrin") {
		t.Errorf("translations file:\n%s", tr)
	}

	out := filepath.Join(dir, "dist")
	_, stderr, err = run(t, fixedDate, "generate", "--config", cfg, "--lang", "cy", "--doc", "jd", "--format", "md,docx", "--out", out)
	if err != nil {
		t.Fatalf("generate: %v\n%s", err, stderr)
	}
	md, _ := os.ReadFile(filepath.Join(out, "jd.md"))
	if !strings.Contains(string(md), "1. "+dutyCy+"\n") {
		t.Errorf("the Welsh JD does not give the translated duty:\n%.1500s", md)
	}
	if !strings.Contains(string(md), "2. Build data engineering capability") {
		t.Error("the duty whose translation is stale is not in English")
	}
	if !strings.Contains(string(md), "Mae peth o destun y fframwaith") {
		t.Error("the JD does not say once that some framework text is English")
	}
	if !strings.Contains(docxText(t, filepath.Join(out, "jd.docx")), dutyCy) {
		t.Error("the DOCX does not give the translated duty")
	}
	rec, _ := os.ReadFile(filepath.Join(out, "record.md"))
	if strings.Contains(string(rec), "- Inspire best practice") || !strings.Contains(string(rec), "- Build data engineering capability") {
		t.Error("the record's list of untranslated strings is wrong")
	}

	// Exporting again pre-fills the translation.
	again, _, err = run(t, fixedDate, "translate", "export", "--lang", "cy", "--config", cfg, "-o", "-")
	if err != nil || !strings.Contains(again, "<segment state=\"translated\">\n        <source>Inspire best practice for data products and services within your teams.</source>\n        <target>"+dutyCy+"</target>") {
		t.Errorf("the export does not pre-fill the translation (%v)", err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestTranslateImportChecksTheExportsDocuments: a file exported for
// another level than the config's is checked against that level (the
// file's scope note) unless flags say otherwise; bad input writes nothing.
func TestTranslateImportChecksTheExportsDocuments(t *testing.T) {
	dir, cfg := translateSetup(t)
	xlf := filepath.Join(dir, "senior.xlf")
	if _, _, err := run(t, fixedDate, "translate", "export", "--lang", "cy", "--level", "senior", "--config", cfg, "--set", "translations=", "-o", xlf); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(xlf)
	doc := fillUnit(t, string(data), "role.data-engineer.senior.title", "", "Peiriannydd data uwch")
	if err := os.WriteFile(xlf, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	yml := filepath.Join(dir, "cy.yaml")
	_, stderr, err := run(t, fixedDate, "translate", "import", xlf, "--config", cfg, "--set", "translations=", "-o", yml)
	if err != nil || strings.Contains(stderr, "unknown:") || !strings.Contains(stderr, "imported 1 translation for role data-engineer at level senior") {
		t.Errorf("import without flags: %v\n%.600s", err, stderr)
	}
	_, stderr, _ = run(t, fixedDate, "translate", "import", xlf, "--config", cfg, "--set", "translations=", "--level", "head", "-o", filepath.Join(dir, "head.yaml"), "--force")
	if !strings.Contains(stderr, "unknown: unit role.data-engineer.senior.title") {
		t.Errorf("import --level head did not find the senior units unknown:\n%.600s", stderr)
	}
	// A different translation of a unit the file has needs --force.
	other := strings.Replace(doc, "Peiriannydd data uwch", "Uwch beiriannydd data", 1)
	if err := os.WriteFile(xlf, []byte(other), 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(yml)
	_, _, err = run(t, fixedDate, "translate", "import", xlf, "--config", cfg, "--set", "translations=", "-o", yml)
	if err == nil || !strings.Contains(err.Error(), "1 translation would replace a different one already there (first role.data-engineer.senior.title): use --force") {
		t.Errorf("replacing a translation without --force: %v", err)
	}
	if after, _ := os.ReadFile(yml); string(after) != string(before) {
		t.Error("a refused import changed the translations file")
	}
	if _, _, err := run(t, fixedDate, "translate", "import", xlf, "--config", cfg, "--set", "translations=", "-o", yml, "--force"); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(yml); !strings.Contains(string(after), "Uwch beiriannydd data") {
		t.Error("--force did not replace the translation")
	}
	// A malformed document: file:line, nothing written.
	bad := filepath.Join(dir, "bad.xlf")
	os.WriteFile(bad, []byte(strings.Replace(doc, "</source>", "</sorce>", 1)), 0o644)
	_, _, err = run(t, fixedDate, "translate", "import", bad, "--config", cfg, "-o", filepath.Join(dir, "new.yaml"))
	if err == nil || !strings.HasPrefix(err.Error(), bad+":") || strings.Contains(err.Error(), "\n") {
		t.Errorf("malformed XLIFF: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "new.yaml")); err == nil {
		t.Error("a malformed document wrote a translations file")
	}
	// An existing -o that is not a translations file is not replaced.
	notes := filepath.Join(dir, "notes.yaml")
	os.WriteFile(notes, []byte("my: notes\n"), 0o644)
	if _, _, err := run(t, fixedDate, "translate", "import", xlf, "--config", cfg, "-o", notes); err == nil {
		t.Error("import replaced a file that is not a translations file")
	}
	if b, _ := os.ReadFile(notes); string(b) != "my: notes\n" {
		t.Error("the user's file changed")
	}
	// The export refuses to replace a file without --force.
	if _, _, err := run(t, fixedDate, "translate", "export", "--lang", "cy", "--config", cfg, "-o", notes); err == nil || !strings.Contains(err.Error(), "exists: use --force") {
		t.Errorf("export over a file: %v", err)
	}
}

// TestTranslateExportOneLanguage: a bilingual --lang (cy,en) is refused
// with one line and writes no file, rather than an XLIFF document whose
// trgLang ("cy,en-GB") is not a language tag a translator's tool reads.
func TestTranslateExportOneLanguage(t *testing.T) {
	dir, cfg := translateSetup(t)
	for _, lang := range []string{"cy,en", "en/cy", "bilingual"} {
		xlf := filepath.Join(dir, "cy.xlf")
		_, _, err := run(t, fixedDate, "translate", "export", "--lang", lang, "--config", cfg, "--set", "translations=", "-o", xlf)
		if err == nil || !strings.Contains(err.Error(), "one language") || strings.Contains(err.Error(), "\n") {
			t.Errorf("--lang %s: err = %v, want a one-line error asking for one language", lang, err)
		}
		if _, serr := os.Stat(xlf); serr == nil {
			t.Errorf("--lang %s: wrote %s", lang, xlf)
		}
	}
}

// TestTranslateImportNamesTheExportsManifest: an import run where the
// manifest the file was exported for cannot be read says that the file
// names it, since the user did not.
func TestTranslateImportNamesTheExportsManifest(t *testing.T) {
	dir, cfg := translateSetup(t)
	manifest := filepath.Join(dir, "v.csv")
	if err := os.WriteFile(manifest, []byte("reference,role,level\nR1,data-engineer,head\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	xlf := filepath.Join(dir, "cy.xlf")
	if _, _, err := run(t, fixedDate, "translate", "export", "--lang", "cy", "--config", cfg, "--set", "translations=", manifest, "-o", xlf); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(manifest); err != nil {
		t.Fatal(err)
	}
	_, _, err := run(t, fixedDate, "translate", "import", xlf, "--config", cfg, "--set", "translations=", "-o", filepath.Join(dir, "cy.yaml"))
	want := xlf + " was exported for manifest=" + manifest + ": "
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "--manifest") || strings.Contains(err.Error(), "\n") {
		t.Errorf("err = %v, want one line starting %q and naming --manifest", err, want)
	}
}

const (
	catalogue     = "sde-skills.data-management-engineering.skill-data-catalogue.title"
	catalogueAt   = "sde-skills.data-management-engineering.senior.skill-data-catalogue."
	catalogueCy   = "Catalog data"
	objectiveCy   = "Arwain y gwaith o ddatblygu polisïau catalog data ac arferion gorau."
	briefCy       = "Arwain y gwaith o ddatblygu polisïau catalog data"
	actionJobCy   = "Ymgymryd â darn o waith lle rydych chi'n arwain polisïau catalog data"
	visualisation = "sde-skills.data-management-engineering.skill-data-visualisation.title"
)

// TestTranslatePDPRoundTrip: export the development plan's units for a
// move, fill an entry's name, brief and objective (one group), one
// action, a stale action and one name alone of another entry's group,
// import, generate the Welsh PDP: the translations are in the Markdown
// and the DOCX, the stale, missing and half-translated are English
// whole, reported at their lines, and listed in the record.
func TestTranslatePDPRoundTrip(t *testing.T) {
	dir, cfg := translateSetup(t)
	xlf := filepath.Join(dir, "pdp.xlf")
	args := []string{"translate", "export", "--lang", "cy", "--doc", "pdp", "--from", "mid", "--to", "senior", "--config", cfg, "--set", "translations="}
	if _, _, err := run(t, fixedDate, append(args, "-o", xlf)...); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(xlf)
	doc := string(data)
	for _, want := range []string{`docs=pdp from=mid to=senior</note>`, catalogue, catalogueAt + "pdp-objective", catalogueAt + "pdp-action-job",
		"an objective in a development plan from Data engineer, Mid to Data engineer, Senior, for “Data catalogue”"} {
		if !strings.Contains(doc, want) {
			t.Errorf("the export has no %q", want)
		}
	}
	if strings.Contains(doc, dutyID) {
		t.Error("an export for the PDP alone has the JD's duties")
	}
	if again, _, err := run(t, fixedDate, append(args, "-o", "-")...); err != nil || again != doc {
		t.Errorf("a second export differs (%v)", err)
	}
	// the action builder's wording, whatever it is
	others := unitSource(t, doc, catalogueAt+"pdp-action-others")
	done := fillUnit(t, doc, catalogue, "", catalogueCy)
	done = fillUnit(t, done, catalogueAt+"pdp-brief", "", briefCy)
	done = fillUnit(t, done, catalogueAt+"pdp-objective", "", objectiveCy)
	done = fillUnit(t, done, catalogueAt+"pdp-action-job", "", actionJobCy)
	done = fillUnit(t, done, catalogueAt+"pdp-action-others", "Be mentored by a colleague as you lead data catalogue work", "Cael eich mentora")
	done = fillUnit(t, done, visualisation, "", "Delweddu data")
	filled := filepath.Join(dir, "pdp-done.xlf")
	if err := os.WriteFile(filled, []byte(done), 0o644); err != nil {
		t.Fatal(err)
	}
	yml := filepath.Join(dir, "cy.yaml")
	_, stderr, err := run(t, fixedDate, "translate", "import", filled, "--config", cfg, "--set", "translations=", "-o", yml)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, stderr)
	}
	for _, want := range []string{
		filled + ":" + itoa(unitLine(t, done, catalogueAt+"pdp-action-others")) + ": stale: unit " + catalogueAt + "pdp-action-others: the English is now \"",
		filled + ":" + itoa(unitLine(t, done, catalogueAt+"pdp-action-course")) + ": missing: unit " + catalogueAt + "pdp-action-course: no translation",
		"wrote " + yml + " (5 units): imported 5 translations for role data-engineer at level mid, development plan from mid to senior; not imported: ",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("import did not report %q:\n%s", want, stderr)
		}
	}
	out := filepath.Join(dir, "dist")
	_, stderr, err = run(t, fixedDate, "generate", "--config", cfg, "--lang", "cy", "--doc", "pdp,record", "--from", "mid", "--to", "senior", "--format", "md,docx", "--out", out)
	if err != nil {
		t.Fatalf("generate: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "warning: language cy: the development plan has ") {
		t.Errorf("generate does not warn of the plan's English text:\n%s", stderr)
	}
	md, _ := os.ReadFile(filepath.Join(out, "pdp.md"))
	for _, want := range []string{
		"| **" + catalogueCy + "** | " + briefCy + " | Mawr |",
		"**" + catalogueCy + "**: " + objectiveCy,
		"| " + catalogueCy + "<br>*Yn y gwaith* | " + actionJobCy + " |",
		// stale: the English whole
		"| " + catalogueCy + "<br>*Dysgu gan eraill* | " + others + " |",
		// a name whose group (brief, objective) is not all translated stays English
		"**Data visualisation**: Use data visualisation platforms",
		"*Mae peth o destun y fframwaith",
	} {
		if !strings.Contains(string(md), want) {
			t.Errorf("the Welsh PDP has no %q", want)
		}
	}
	if strings.Contains(string(md), "Delweddu data") {
		t.Error("a name is Welsh while its brief and objective are English")
	}
	if x := docxText(t, filepath.Join(out, "pdp.docx")); !strings.Contains(x, objectiveCy) || !strings.Contains(x, actionJobCy) {
		t.Error("the DOCX does not give the translated objective and action")
	}
	rec, _ := os.ReadFile(filepath.Join(out, "record.md"))
	if !strings.Contains(string(rec), "## Development plan text with no translation") || !strings.Contains(string(rec), "\n- "+others+"\n") ||
		strings.Contains(string(rec), "\n- Data catalogue\n") {
		t.Errorf("the record's list of the plan's untranslated strings is wrong:\n%s", rec)
	}
	// the career map's English strings: a warning and the record's list
	out = filepath.Join(dir, "map")
	_, stderr, err = run(t, fixedDate, "generate", "--config", cfg, "--lang", "cy", "--doc", "progression,record", "--format", "md", "--out", out)
	if err != nil {
		t.Fatalf("generate: %v\n%s", err, stderr)
	}
	rec, _ = os.ReadFile(filepath.Join(out, "record.md"))
	if !strings.Contains(stderr, "warning: language cy: the career map has ") || !strings.Contains(string(rec), "## Career map text with no translation") || !strings.Contains(string(rec), "\n- Column storage databases\n") {
		t.Errorf("the map's untranslated strings are not warned of and listed:\n%s", stderr)
	}
}
