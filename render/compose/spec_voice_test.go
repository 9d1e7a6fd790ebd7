package compose

import "testing"

// TestAbilityKeepsOtherPeoplesTheir: a descriptor already in the second
// person keeps "their" about other people ("win their hearts and minds").
func TestAbilityKeepsOtherPeoplesTheir(t *testing.T) {
	if !speaksToHolder("You are able to win their hearts and minds") || speaksToHolder("A data engineer leads their team") {
		t.Fatal("speaksToHolder")
	}
}
