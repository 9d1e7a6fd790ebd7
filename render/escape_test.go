package render

import "testing"

func TestEscapeMarkdown(t *testing.T) {
	for in, want := range map[string]string{
		"plain text, as it is":         "plain text, as it is",
		"organisation’s “data” – é":    "organisation’s “data” – é",
		"a  b\n c":                     "a b c",
		"a\u00a0b\u2028":               "a b",
		"  leading and trailing ":      "leading and trailing",
		"2024 plan":                    "2024 plan",
		"12. not a list":               "12\\. not a list",
		"3) nor this":                  "3\\) nor this",
		"# hash":                       "\\# hash",
		"- dash, and a-b":              "\\- dash, and a-b",
		"*stars* and _under_":          "\\*stars\\* and \\_under\\_",
		"a|b <tag> & [link](x) `c` ~s": "a\\|b \\<tag\\> \\& \\[link\\](x) \\`c\\` \\~s",
		"":                             "",
	} {
		if got := EscapeMarkdown(in); got != want {
			t.Errorf("EscapeMarkdown(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkEscapeMarkdown(b *testing.B) {
	s := "Strategic oversight of containerization strategies and Helm chart management"
	for i := 0; i < b.N; i++ {
		EscapeMarkdown(s)
	}
}
