package compose

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/config"
)

func TestEditsCorrectFrameworkTextAndAreRecorded(t *testing.T) {
	cfg, err := config.LoadConfig("cfg.yaml", []byte(testConfig+`
edits:
  - {framework: b, kind: skill, title: Pipelines, replace: build, with: design and build}
  - {framework: a, replace: lead the team, with: lead the data team}
  - {kind: skill, title: Data Modelling, retitle: Data Modelling And Design}
  - {kind: skill, title: Data Modelling, sentenceCase: true}
`))
	if err != nil {
		t.Fatal(err)
	}
	c, err := Compose(cfg, testLibrary(t), "eng", "senior")
	if err != nil {
		t.Fatal(err)
	}
	var pipes, model *Item
	for _, it := range c.Items {
		switch {
		case strings.HasPrefix(it.Title, "Pipelines"):
			pipes = it
		case strings.HasPrefix(it.Title, "Data"):
			model = it
		}
	}
	if pipes == nil || model == nil {
		t.Fatalf("entries missing: %+v", c.Items)
	}
	if got := pipes.Descriptors[0]; got != "design and build pipelines" {
		t.Errorf("replace: descriptor %q", got)
	}
	if len(pipes.Edits) != 1 || !strings.Contains(pipes.Edits[0], `replaced "build" with "design and build" (edited by the organisation, cfg.yaml:20)`) {
		t.Errorf("replace not recorded: %q", pipes.Edits)
	}
	if model.Title != "Data modelling and design" {
		t.Errorf("retitle then sentence case: title %q", model.Title)
	}
	if len(model.Edits) != 2 || !strings.Contains(model.Edits[1], "sentence case") || !strings.Contains(model.Edits[1], "cfg.yaml:23") {
		t.Errorf("edits on the title not recorded: %q", model.Edits)
	}
	if c.Responsibilities[0] != "lead the data team" || len(c.Edits) != 1 || !strings.Contains(c.Edits[0], "cfg.yaml:21") {
		t.Errorf("role text edit: %q, recorded %q", c.Responsibilities, c.Edits)
	}
	// The library's frameworks are not changed.
	lib := testLibrary(t)
	c2, err := Compose(&config.Config{Ladder: cfg.Ladder, Roles: cfg.Roles}, lib, "eng", "senior")
	if err != nil {
		t.Fatal(err)
	}
	if c2.Responsibilities[0] != "lead the team" {
		t.Errorf("an unedited compose sees edited text: %q", c2.Responsibilities)
	}
}

func TestEditsThatMatchNothingNameTheirLine(t *testing.T) {
	tests := []struct {
		edit string
		want string
	}{
		{`{kind: skill, title: Pipelinez, replace: a, with: b}`, `cfg.yaml:19: edit 1 matches nothing: no skill titled "Pipelinez" has the text "a"`},
		{`{framework: b, replace: nowhere to be found, with: b}`, `cfg.yaml:19: edit 1 matches nothing: no entry in framework "b" has the text "nowhere to be found"`},
		{`{title: Pipelines}`, `cfg.yaml:19: edit 1 does nothing`},
		{`{title: Pipelines, replace: build}`, `cfg.yaml:19: edit 1 replace needs with`},
		{`{retitle: X}`, `cfg.yaml:19: edit 1 retitle needs title`},
		{`{kind: skil, title: X, sentenceCase: true}`, `cfg.yaml:19: edit 1 unknown entry kind "skil"`},
	}
	for _, tt := range tests {
		cfg, err := config.LoadConfig("cfg.yaml", []byte(testConfig+"edits:\n  - "+tt.edit+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = Compose(cfg, testLibrary(t), "eng", "senior")
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %v, want %q...", tt.edit, err, tt.want)
		}
	}
	// An edit of an entry another role or level has is not an error here.
	cfg, _ := config.LoadConfig("cfg.yaml", []byte(testConfig+"edits:\n  - {kind: skill, title: Pipelines, replace: build, with: make}\n"))
	if _, err := Compose(cfg, testLibrary(t), "eng", "mid"); err != nil {
		t.Errorf("an edit for another level: %v", err)
	}
}
