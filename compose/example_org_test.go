package compose

import (
	"testing"

	"github.com/rolepack/rolepack/config"
)

// The example-organisation warning names only what is still the
// example's: an organisation that set its name and website is told of
// its "about us", offer and the rest, not of its name.
func TestExampleOrganisationNamesWhatIsLeft(t *testing.T) {
	ex := exampleOrg()
	if ex.Name != ExampleOrganisationName || ex.About == "" || len(ex.Offer) == 0 {
		t.Fatalf("the embedded example organisation: %+v", ex)
	}
	all := "the organisation is the example one: set organisation.name, organisation.department, organisation.location, organisation.website, organisation.about, organisation.offer and organisation.apply"
	if got := exampleOrganisation(ex); got != all {
		t.Errorf("the example itself: %q", got)
	}
	named := ex
	named.Name = "Cyngor Sir Example"
	if got, want := exampleOrganisation(named), "the organisation's details are partly the example's: set organisation.department, organisation.location, organisation.website, organisation.about, organisation.offer and organisation.apply"; got != want {
		t.Errorf("name set:\n got %q\nwant %q", got, want)
	}
	most := config.Organisation{Name: "Cyngor Sir Example", Department: "Digital", Location: "Cardiff", Website: "https://www.example.org/jobs", About: "We are …", Offer: []string{"A pension"}, Apply: "Apply online."}
	if got, want := exampleOrganisation(most), "the organisation's details are partly the example's: set organisation.website"; got != want {
		t.Errorf("only the website left:\n got %q\nwant %q", got, want)
	}
	own := most
	own.Website = "https://www.cyngor.cymru"
	if got := exampleOrganisation(own); got != "" {
		t.Errorf("an organisation of its own: %q", got)
	}
}
