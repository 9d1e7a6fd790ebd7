package compose

import "testing"

// TestAbilityKeepsOtherPeoplesTheir: a descriptor already in the second
// person keeps "their" about other people ("win their hearts and minds").
func TestAbilityKeepsOtherPeoplesTheir(t *testing.T) {
	if !speaksToHolder("You are able to win their hearts and minds") || speaksToHolder("A data engineer leads their team") {
		t.Fatal("speaksToHolder")
	}
}

// TestSameWords: a duty filled from a skill's descriptor is the same text
// as the descriptor, reworded only at its start; another is not.
func TestSameWords(t *testing.T) {
	skill := []map[string]bool{wordSet("Can use data visualisation platforms such as Power BI to create dashboards.")}
	if !sameWords(wordSet("Use data visualisation platforms such as Power BI to create dashboards."), skill) {
		t.Error("the same text is not found")
	}
	if sameWords(wordSet("Lead the development of containerisation policies."), skill) {
		t.Error("another text is taken for the same")
	}
}
