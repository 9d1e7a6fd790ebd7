package compose

import "testing"

// A summary that opens with a participle phrase before its subject reads
// in the second person with the phrase kept: the role's verbs, all of
// them, are the reader's.
func TestVoiceKeepsAParticiplePhrase(t *testing.T) {
	for in, want := range map[string]string{
		"Working in a team of infrastructure specialists and engineers, a senior infrastructure engineer builds, administers, supports and maintains solutions as directed and according to departmental policy.": "Working in a team of infrastructure specialists and engineers, you will build, administer, support and maintain solutions as directed and according to departmental policy.",
		"A data engineer builds data pipelines.": "As data engineer, you will build data pipelines.",
	} {
		if got := voice(in, false); got != want {
			t.Errorf("voice(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

// In a sentence about the role holders ("They …"), each "they" is theirs,
// as "their" is: the reader's.
func TestTheyToYouThroughout(t *testing.T) {
	in := "They also receive training on the tasks they support so they can work on their own"
	want := "You will also receive training on the tasks you support so you can work on your own"
	if got := theyToYou(in); got != want {
		t.Errorf("theyToYou(%q)\n got %q\nwant %q", in, got, want)
	}
}
