package lint

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/doc"
)

// grammarOf returns the grammar and repeated-word findings of one text.
func grammarOf(t *testing.T, rules *Rules, kind Kind, label bool, text string) []Finding {
	t.Helper()
	var out []Finding
	for _, f := range CheckTexts("t.md", []Text{{Line: 1, Col: 1, Kind: kind, Text: text, Label: label}}, rules) {
		if f.Category == Grammar || f.Category == RepeatedWord {
			out = append(out, f)
		}
	}
	return out
}

// TestGrammarFindsBrokenSentences holds sentences from the documents
// rolepack generated for the DDaT corpus (issue 24) and one written by an
// organisation in the DDaT page format, each with the finding it must
// give: the message's start and, where the rule knows it, the fix.
func TestGrammarFindsBrokenSentences(t *testing.T) {
	rules := defaultRules()
	tests := []struct {
		kind    Kind
		label   bool
		text    string
		message string // the start of the finding's message
		sev     Severity
		fix     string // the Suggestion, when one is known
	}{
		{Prose, false, "Experience of have strong communication skills and engage senior stakeholders", `base verb "have" after "of"`, Error, "of having"},
		{Prose, false, "Tell us about your experience of spend time shadowing other analytics engineers.", `question asks about your experience of base verb "spend"`, Error, "of spending"},
		{Prose, false, "Experience of explain the concepts and principles of data modelling.", `base verb "explain" after "of"`, Error, "of explaining"},
		{Prose, false, "Experience of review the quality of data products.", `base verb "review" after "of"`, Error, "of reviewing"},
		{Prose, false, "Experience in identify and manage risks to data quality.", `base verb "identify" after "in"`, Error, "in identifying"},
		{Prose, false, "How would you set local or team-based standards and can select appropriate development methods in this role?", `"can select" after "and" mixes forms with "set"`, Error, "and select"},
		{Prose, false, "How would you collaborate with user researchers and can represent users internally in this role?", `"can represent" after "and" mixes forms with "collaborate"`, Error, "and represent"},
		{Duty, false, "Lead the review of data standards and ensures they are followed.", `"ensures" after "and" mixes forms with "Lead"`, Error, "and ensure"},
		{Duty, false, "Take ownership of the data catalogue and reports progress to the board.", `"reports" after "and" mixes forms with "Take"`, Error, "and report"},
		// A job purpose: "you will" and an object that is a plural noun the
		// homographs know ("issues"), as the major incident manager's was.
		{Prose, false, "As major incident manager, you will manage significant outages and crises and reports issues to problem management.", `"reports" after "and" mixes forms with "manage"`, Error, "and report"},
		{Prose, false, "You will design data pipelines and builds models for analysts.", `"builds" after "and" mixes forms with "design"`, Error, "and build"},
		{Duty, false, "Manage outages and reports issues.", `"reports" after "and" mixes forms with "Manage"`, Error, "and report"},
		{Prose, false, "Experience of building data pipelines and ensures they meet standards.", `"ensures" after "and" mixes forms with "building"`, Error, "and ensuring"},
		{Prose, false, "You can represents users in the team.", `"represents" after "can": a modal takes the base form`, Error, "can represent"},
		{Prose, false, "How would you led a data team in this role?", `"led" after "would you": a modal takes the base form`, Error, "would you lead"},
		{Prose, false, "Ability to ensures compliance with data protection law.", `"ensures" after "to": "to" takes the base form`, Error, "to ensure"},
		{Duty, false, "Can explain the concepts and principles of data modelling.", `duty starts with "Can", a modal`, Error, ""},
		{Duty, false, "Responsible for the design of data pipelines.", `duty starts with "Responsible", not a verb`, Error, ""},
		{Duty, false, "Knowledge of data protection legislation.", `duty starts with "Knowledge", not a verb`, Error, ""},
		{Duty, false, "Understands the data types used by the service.", `duty starts with "Understands", a verb in the third person`, Error, "start with Understand"},
		{Duty, false, "Is able to explain data models to users.", `duty starts with "Is", a verb in the third person`, Error, "start with Be"},
		{Duty, false, "Has experience of leading engineering teams.", `duty starts with "Has", a verb in the third person`, Error, "start with Have"},
		{Duty, false, "Leading the data engineering community.", `duty starts with "Leading", an -ing form`, Warning, "start with Lead"},
		{Item, true, "Service focus", `list item "Service focus" is a bold label with no text after it`, Error, ""},
		{Item, true, "Incident management:", `list item "Incident management" is a bold label with no text after it`, Error, ""},
		{Item, false, "", "list item with no text", Error, ""},
		{Prose, false, "Build the the data platform.", `"the" twice`, Error, "the"},
		{Prose, false, "You will also need understanding of the impact of decisions, balancing requirements and deciding between approaches.", `"understanding" after "need" lacks its article`, Error, "need an understanding"},
		{Prose, false, "It would also help to have ability to lead a team.", `"ability" after "have" lacks its article`, Error, "have the ability"},
		{Duty, false, "Understand the concepts and principles of data modelling and can produce relevant data models.", `"can produce" after "and" mixes forms with "Understand"`, Error, "and produce"},
		{Duty, false, "Show an awareness of Agile tools and are starting to use them intelligently.", `"are" after "and" mixes forms with "Show"`, Error, ""},
		{Duty, false, "Keep up to date with new developments in data science and can match those to opportunities in your organisation.", `"can match" after "and" mixes forms with "Keep"`, Error, "and match"},
		{Prose, false, "Experience of breaking down complexity and produce clear outputs", `"produce" after "and" mixes forms with "breaking"`, Error, "and producing"},
		{Prose, false, "Experience of preparing documentation and obtain support to progress new ideas", `"obtain" after "and" mixes forms with "preparing"`, Error, "and obtaining"},
		{Item, false, "Use a wide range of user research methods, and can help teams to adopt them.", `"can help" after "and" mixes forms with "Use"`, Error, "and help"},
		{Prose, false, "Experience of remove blockers and act as an escalation point for important issues", `base verb "remove" after "of"`, Error, "of removing"},
		{Item, false, "Communication (security architect): demonstrate a deep understanding of security concepts and can apply them to a technical level.", `"can apply" after "and" mixes forms with "demonstrate"`, Error, "and apply"},
	}
	for _, tc := range tests {
		fs := grammarOf(t, rules, tc.kind, tc.label, tc.text)
		if len(fs) != 1 {
			t.Errorf("%q: %d findings, want 1: %v", tc.text, len(fs), fs)
			continue
		}
		f := fs[0]
		if !strings.HasPrefix(f.Message, tc.message) || f.Severity != tc.sev {
			t.Errorf("%q:\n got %s %q\nwant %s %q…", tc.text, f.Severity, f.Message, tc.sev, tc.message)
		}
		if tc.fix != "" && f.Suggestion != tc.fix {
			t.Errorf("%q: suggestion %q, want %q", tc.text, f.Suggestion, tc.fix)
		}
	}
}

// TestGrammarLeavesCorrectSentencesAlone holds correct sentences of the
// same shapes, many from the generated documents: nouns that look like
// verbs after a preposition ("of change", "data modelling"), plural nouns
// after "and", gerunds after "to", questions with "would you".
func TestGrammarLeavesCorrectSentencesAlone(t *testing.T) {
	rules := defaultRules()
	tests := []struct {
		kind Kind
		text string
	}{
		{Prose, "Experience of data modelling and design."},
		{Prose, "Knowledge of change management and of the process of test automation."},
		{Prose, "Tell us about a time when you improved a data pipeline."},
		{Prose, "Tell us about your experience of data modelling."},
		{Prose, "How would you design a data model in this role?"},
		{Prose, "Can you give an example of how you led a team?"},
		{Duty, "Produce dashboards and reports for senior stakeholders."},
		{Duty, "Lead the data engineering team and ensure standards are met."},
		{Prose, "Experience of building pipelines and managing teams."},
		{Prose, "You will work with data architects and analysts."},
		{Duty, "Design, build and test data products."},
		{Prose, "Knowledge of open data standards and the use of cloud platforms."},
		{Prose, "Ability to explain technical concepts to a non-technical audience."},
		{Prose, "We are committed to improving services and to developing our people."},
		{Prose, "Access to reports and dashboards is given on request."},
		{Duty, "Ensure that data is managed well and that it reports what users need."},
		{Prose, "Experience in research and analysis, with a focus on user needs."},
		{Prose, "The role is responsible for the design of data pipelines."},
		{Duty, "Maintain plans and models used by delivery teams."},
		{Prose, "As major incident manager, you will manage significant outages and crises and report issues to problem management."},
		{Prose, "A major incident manager manages significant outages and crises and reports issues to problem management."},
		{Duty, "Produce dashboards and reports for services, and plans for their changes."},
		{Item, "Service focus: understand what users need and design services for them."},
		{Duty, "Manage the data platform so that it scales and meets demand."},
		{Prose, "Experience of work in an agile team, in line with the service standard."},
		{Duty, "Champion data ethics across the organisation."},
		{Duty, "You will lead a team of data engineers."},
		{Prose, "Give an example of a time you had to change how a team worked."},
		{Prose, "The closing date is 1 May 2026."},
		{Duty, "Set standards for data quality and review them with the data owners."},
		{Prose, "Experience of working with a more senior digital evaluator to plan and deliver evaluations"},
		{Prose, "Experience of planning, directing and co-ordinating activities, engaging with other stakeholders to manage and implement a programme"},
		{Prose, "At this level, you will have limited skills and will work with others or under supervision."},
		{Prose, "You will have an understanding of the role and can show potential."},
		{Prose, "You will also need an understanding of the impact of decisions."},
		{Prose, "Users need understanding and patience from the team."},
		{Prose, "You will have the ability to lead, and will need awareness training."},
		{Prose, "Explain how your work aligns to the organisation's priorities and delivers business impact."},
		{Prose, "Explain the importance of making government content and services inclusive, accessible and environmentally sustainable."},
		{Item, "Content concepts and prototyping: show an awareness of prototyping and explain why and when to use it."},
		{Prose, "Experience of ensuring all tools are fit for purpose and meet business requirements"},
		{Prose, "Experience of programming and build (data engineering)"},
		{Duty, "Ensure data for analysis meets data quality standards and is interoperable with other data sets, enabling reuse."},
		{Prose, "Negotiate with and influence stakeholders, and manage relationships effectively. Influence decisions, deal with challenging situations and remove blockers."},
	}
	for _, tc := range tests {
		if fs := grammarOf(t, rules, tc.kind, false, tc.text); len(fs) > 0 {
			t.Errorf("%q: %v", tc.text, fs)
		}
	}
}

// TestCheckDocumentNamesThePlace checks a tree's texts are checked where
// they stand: findings carry the section and the item, row or paragraph,
// duties are read as duties only under a duties heading or lead, and a
// bold label alone is reported.
func TestCheckDocumentNamesThePlace(t *testing.T) {
	plain := func(s string) []doc.Inline { return []doc.Inline{{Text: s}} }
	item := func(runs ...doc.Inline) doc.ListItem {
		return doc.ListItem{Blocks: []doc.Block{&doc.Paragraph{Text: runs}}}
	}
	d := &doc.Document{Blocks: []doc.Block{
		&doc.Heading{Level: 1, Text: plain("Head of data engineering")},
		&doc.Heading{Level: 2, Text: plain("Job purpose")},
		&doc.Paragraph{Text: plain("As head of data engineering, you will manage outages and reports issues to problem management.")},
		&doc.Heading{Level: 2, Text: plain("Key responsibilities")},
		&doc.List{Ordered: true, Start: 1, Items: []doc.ListItem{
			item(doc.Inline{Text: "Lead the team."}),
			item(doc.Inline{Text: "Responsible for the platform."}),
		}},
		&doc.Heading{Level: 2, Text: plain("Working relationships")},
		&doc.List{Items: []doc.ListItem{item(doc.Inline{Text: "Data architects"})}},
		&doc.Heading{Level: 2, Text: plain("Skills and knowledge")},
		&doc.List{Items: []doc.ListItem{
			item(doc.Inline{Text: "Data modelling:", Style: doc.Bold}, doc.Inline{Text: " explain data models"}),
			item(doc.Inline{Text: "Service focus", Style: doc.Bold}),
		}},
		&doc.Heading{Level: 2, Text: plain("Scores")},
		&doc.Table{Header: []doc.Cell{{Text: plain("Id")}, {Text: plain("Criterion and question")}},
			Rows: [][]doc.Cell{{{Text: plain("S1")}, {Text: []doc.Inline{
				{Text: "Experience of data modelling"}, {Break: true},
				{Text: "Suggested question:", Style: doc.Italic}, {Text: " Tell us about your experience of spend time shadowing."}}}}}},
	}}
	var got []string
	for _, f := range CheckDocument("jd.md", d, nil) {
		if f.Category == Grammar {
			got = append(got, f.String())
		}
	}
	want := []string{
		`jd.md: Job purpose, paragraph 1, col 58: grammar: "reports" after "and" mixes forms with "manage": write "report" (and report)`,
		`jd.md: Key responsibilities, item 2: grammar: duty starts with "Responsible", not a verb: a duty starts with a verb (start with the verb of the duty, as an instruction ("Lead …", "Explain …"))`,
		`jd.md: Skills and knowledge, item 2: grammar: list item "Service focus" is a bold label with no text after it (give the point its text, or leave it out)`,
		`jd.md: Scores, row 1, Criterion and question, line 2, col 51: grammar: question asks about your experience of base verb "spend" (after "of"): write the -ing form, or ask for an example (of spending)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestMarkdownListsAreItemsAndDuties checks a Markdown file's list items
// are read as the tree's are: duties under a duties heading, bold labels
// alone reported.
func TestMarkdownListsAreItemsAndDuties(t *testing.T) {
	md := "# Job\n\n## What you will do\n\n- Can explain data models\n\n## What you will bring\n\n- **Service focus**\n- **Data:** explain data\n"
	var got []string
	for _, f := range Check("advert.md", []byte(md), nil) {
		if f.Category == Grammar {
			got = append(got, short(f))
		}
	}
	want := []string{
		`5:3: grammar: duty starts with "Can", a modal: a duty starts with a verb (start with the verb of the duty, as an instruction ("Lead …", "Explain …"))`,
		`9:5: grammar: list item "Service focus" is a bold label with no text after it (give the point its text, or leave it out)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestOnlyRunsTheCategoriesNamed checks Rules.Only: grammar alone reports
// the grammar findings, none of the spelling ones.
func TestOnlyRunsTheCategoriesNamed(t *testing.T) {
	text := []Text{{Line: 1, Col: 1, Kind: Prose, Text: "Experience of have a colorful organizaton in the the team."}}
	all := CheckTexts("t.md", text, defaultRules())
	only := CheckTexts("t.md", text, defaultRules().Only(Grammar))
	var want []Finding
	cats := map[Category]bool{}
	for _, f := range all {
		cats[f.Category] = true
		if f.Category == Grammar {
			want = append(want, f)
		}
	}
	if !cats[Spelling] || !cats[RepeatedWord] || len(want) != 1 {
		t.Fatalf("the text needs spelling, repeated-word and one grammar finding: %v", all)
	}
	if len(only) != 1 || only[0] != want[0] {
		t.Errorf("Only(Grammar): %v, want %v", only, want)
	}
}
