package wording

import "testing"

// Each descriptor shape the frameworks use, with the duty, criterion and
// question a careful HR writer would write from it.
func TestForms(t *testing.T) {
	for _, c := range []struct {
		in, duty, criterion, question string
	}{
		{"Can explain complex findings to non-specialist audiences.", "Explain complex findings to non-specialist audiences.",
			"Experience of explaining complex findings to non-specialist audiences",
			"Tell us about a time when you explained complex findings to non-specialist audiences. What did you do, and what was the result?"},
		{"responsible for the quality of the team's published statistics", "Be responsible for the quality of the team's published statistics.",
			"Experience of being responsible for the quality of the team's published statistics",
			"Tell us about a time when you were responsible for the quality of the team's published statistics. What did you do, and what was the result?"},
		{"knowledge of statistical disclosure control", "",
			"Knowledge of statistical disclosure control",
			"Give an example of how you have used your knowledge of statistical disclosure control in your work. What did you do, and what was the result?"},
		{"is able to prioritise competing requests from several services", "Prioritise competing requests from several services.",
			"Experience of prioritising competing requests from several services",
			"Tell us about a time when you prioritised competing requests from several services. What did you do, and what was the result?"},
		{"understands the principles of data protection and information governance", "",
			"Understanding of the principles of data protection and information governance",
			"Give an example of how you have used your understanding of the principles of data protection and information governance in your work. What did you do, and what was the result?"},
		{"has experience of managing small analytical projects", "",
			"Experience of managing small analytical projects",
			"Tell us about your experience of managing small analytical projects. What was your part, and what changed?"},
		{"take ownership of the analysis plan and reports progress to the service lead", "Take ownership of the analysis plan and report progress to the service lead.",
			"Experience of taking ownership of the analysis plan and reporting progress to the service lead",
			"Tell us about a time when you took ownership of the analysis plan and reported progress to the service lead. What did you do, and what was the result?"},
		{"manages significant outages and crises and reports issues to problem management", "Manage significant outages and crises and report issues to problem management.",
			"Experience of managing significant outages and crises and reporting issues to problem management",
			"Tell us about a time when you managed significant outages and crises and reported issues to problem management. What did you do, and what was the result?"},
		{"show you have a Level 3 service management framework qualification", "",
			"A Level 3 service management framework qualification",
			"Which Level 3 service management framework qualification do you hold, and how have you used what it covers in your work?"},
		{"have a degree in a numerate subject", "", "A degree in a numerate subject",
			"Which degree in a numerate subject do you hold, and how have you used what it covers in your work?"},
		{"have a high degree of autonomy", "", "A high degree of autonomy",
			"Give an example that shows a high degree of autonomy. What did you do, and what was the result?"},
		{"You will mentor junior analysts and reviews their work.", "Mentor junior analysts and review their work.",
			"Experience of mentoring junior analysts and reviewing their work",
			"Tell us about a time when you mentored junior analysts and reviewed their work. What did you do, and what was the result?"},
		{"Be inquisitive.", "", "Evidence of being inquisitive",
			"Tell us about a time when being inquisitive made a difference to your work. What did you do, and what was the result?"},
		{"working knowledge of SQL and R", "", "Working knowledge of SQL and R",
			"Give an example of how you have used your working knowledge of SQL and R in your work. What did you do, and what was the result?"},
		{"have strong communication skills and engage senior stakeholders", "Engage senior stakeholders.",
			"Strong communication skills and experience of engaging senior stakeholders",
			"Tell us about a time when you engaged senior stakeholders. What did you do, and what was the result?"},
		{"spend time shadowing other analytics engineers", "Spend time shadowing other analytics engineers.",
			"Experience of spending time shadowing other analytics engineers",
			"Tell us about a time when you spent time shadowing other analytics engineers. What did you do, and what was the result?"},
		{"set local or team-based standards for the life cycle and can select appropriate development methods", "Set local or team-based standards for the life cycle and select appropriate development methods.",
			"Experience of setting local or team-based standards for the life cycle and selecting appropriate development methods",
			"Tell us about a time when you set local or team-based standards for the life cycle and selected appropriate development methods. What did you do, and what was the result?"},
		{"collaborate with user researchers and can represent users internally", "Collaborate with user researchers and represent users internally.",
			"Experience of collaborating with user researchers and representing users internally",
			"Tell us about a time when you collaborated with user researchers and represented users internally. What did you do, and what was the result?"},
		{"an awareness of Bayesian methods", "", "Awareness of Bayesian methods",
			"Give an example of how you have used your awareness of Bayesian methods in your work. What did you do, and what was the result?"},
		{"Applies regression, time series and survey methods, and checks their assumptions.", "Apply regression, time series and survey methods, and check their assumptions.",
			"Experience of applying regression, time series and survey methods, and checking their assumptions",
			"Tell us about a time when you applied regression, time series and survey methods, and checked their assumptions. What did you do, and what was the result?"},
		{"be able to design clear charts and dashboards for different audiences", "Design clear charts and dashboards for different audiences.",
			"Experience of designing clear charts and dashboards for different audiences",
			"Tell us about a time when you designed clear charts and dashboards for different audiences. What did you do, and what was the result?"},
		{"Data catalogue", "", "Experience of data catalogue", "Give an example of your work in data catalogue. What did you do, and what was the result?"},
		{"support and coach delivery managers", "Support and coach delivery managers.", "Experience of supporting and coaching delivery managers",
			"Tell us about a time when you supported and coached delivery managers. What did you do, and what was the result?"},
		{"be the initial escalation point for the programme", "Be the initial escalation point for the programme.",
			"Experience of being the initial escalation point for the programme",
			"Tell us about a time when you were the initial escalation point for the programme. What did you do, and what was the result?"},
		{"have an in-depth knowledge of Agile and other methodologies", "", "In-depth knowledge of Agile and other methodologies",
			"Give an example of how you have used your in-depth knowledge of Agile and other methodologies in your work. What did you do, and what was the result?"},
		{"add value and can coach the organisation to inspect and adapt processes", "Add value and coach the organisation to inspect and adapt processes.",
			"Experience of adding value and coaching the organisation to inspect and adapt processes",
			"Tell us about a time when you added value and coached the organisation to inspect and adapt processes. What did you do, and what was the result?"},
		{"Lead the review of data standards and ensures they are applied", "Lead the review of data standards and ensure they are applied.",
			"Experience of leading the review of data standards and ensuring they are applied",
			"Tell us about a time when you led the review of data standards and ensured they were applied. What did you do, and what was the result?"},
		{"You are capable of having a number of articles published in national publications", "", "You are capable of having a number of articles published in national publications",
			"Give an example from your work that shows this: you are capable of having a number of articles published in national publications. What did you do, and what was the result?"},
		{"Produces dashboards and reports for managers", "Produce dashboards and reports for managers.", "Experience of producing dashboards and reports for managers",
			"Tell us about a time when you produced dashboards and reports for managers. What did you do, and what was the result?"},
		{"manage the budget you are given and make it work", "Manage the budget you are given and make it work.", "Experience of managing the budget you are given and making it work",
			"Tell us about a time when you managed the budget you were given and made it work. What did you do, and what was the result?"},
		{"Change management", "", "Experience of change management", "Give an example of your work in change management. What did you do, and what was the result?"},
	} {
		p := Parse(c.in)
		duty, ok := p.Duty()
		if !ok {
			duty = ""
		}
		if duty != c.duty {
			t.Errorf("%q (%v): duty %q, want %q", c.in, p.Shape, duty, c.duty)
		}
		if got := p.Criterion(); got != c.criterion {
			t.Errorf("%q (%v): criterion %q, want %q", c.in, p.Shape, got, c.criterion)
		}
		if got := p.Question(); got != c.question {
			t.Errorf("%q (%v): question %q\n want %q", c.in, p.Shape, got, c.question)
		}
	}
}

// A qualification is something a person holds: the certificate shows it at
// application, so it is no example to ask for at interview, and a plan has
// it gained, not developed.
func TestCredential(t *testing.T) {
	for in, want := range map[string]bool{
		"show you have a Level 3 service management framework qualification": true,
		"have a degree in a numerate subject or equivalent experience":       true,
		"have a high degree of autonomy":                                     false,
		"have strong communication skills":                                   false,
		"have a recognised qualification and coach others":                   false,
	} {
		if got := Parse(in).Credential(); got != want {
			t.Errorf("%q: Credential %v, want %v", in, got, want)
		}
	}
	if got, want := Parse("show you have a Level 3 service management framework qualification").Objective(), "Gain a Level 3 service management framework qualification."; got != want {
		t.Errorf("objective %q, want %q", got, want)
	}
}

func TestCorpusSlips(t *testing.T) {
	for in, want := range map[string]string{
		"apply apply modern development standards principles under guidance": "Experience of applying modern development standards principles under guidance",
		"awareness of prototyping and explain why and when to use it":        "Awareness of prototyping and experience of explaining why and when to use it",
		"address risks and deal with, or escalate, issues":                   "Experience of addressing risks and dealing with, or escalating, issues",
		"break down complexity and produce clear outputs":                    "Experience of breaking down complexity and producing clear outputs",
		"build and reach consensus with stakeholders":                        "Experience of building and reaching consensus with stakeholders",
		"treat people with dignity, respect and fairness":                    "Experience of treating people with dignity, respect and fairness",
		"lead, coach and develop teams":                                      "Experience of leading, coaching and developing teams",
	} {
		if got := Parse(in).Criterion(); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

func TestExperienceKeepsItsPreposition(t *testing.T) {
	p := Parse("have experience in identifying opportunities, and in challenging the status quo")
	if got, want := p.Criterion(), "Experience in identifying opportunities, and in challenging the status quo"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}

func TestVerbSequences(t *testing.T) {
	for in, want := range map[string]string{
		"produce, maintain and update relevant data models": "Tell us about a time when you produced, maintained and updated relevant data models. What did you do, and what was the result?",
		"plan, test and release changes":                    "Tell us about a time when you planned, tested and released changes. What did you do, and what was the result?",
	} {
		if got := Parse(in).Question(); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

func TestSeveralSentences(t *testing.T) {
	for in, want := range map[string]string{
		"Familiarity with data security and privacy regulations. Can set permissions for pipelines appropriate to usage.": "Familiarity with data security and privacy regulations and experience of setting permissions for pipelines appropriate to usage",
		"You understand when mapping is appropriate. You can produce dynamic maps based on changing data.":                "Understanding of when mapping is appropriate and experience of producing dynamic maps based on changing data",
	} {
		if got := Parse(in).Criterion(); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

// A key responsibility is work the job holder does: a skill descriptor
// that says what a candidate knows or can show is none, and a
// coordination keeps its clauses of work.
func TestJobDuty(t *testing.T) {
	for in, want := range map[string]string{
		"Understand the concepts and principles of data modelling":                                                         "",
		"explain the concepts and principles of data modelling":                                                            "",
		"explain the importance of making government content and services inclusive":                                       "",
		"describe who your stakeholders are and the importance of managing relationships":                                  "",
		"recognise when to ask for further guidance and support":                                                           "",
		"demonstrate experience in meeting the needs of users across a variety of channels":                                "",
		"see the bigger picture by taking groups of services and investigating how to get the best of underlying services": "",
		"show an awareness of prototyping and explain why and when to use it":                                              "",
		"understand and apply business architectural principles, techniques, and tools to business challenges":             "Apply business architectural principles, techniques, and tools to business challenges.",
		"understand the concepts and principles of data modelling and produce relevant data models":                        "Produce relevant data models.",
		"Understand, teach and supervise a wide range of analysis techniques":                                              "Teach and supervise a wide range of analysis techniques.",
		"explain complex findings to non-specialist audiences":                                                             "Explain complex findings to non-specialist audiences.",
		"specify a comprehensive architecture that addresses the clients' expressed and implied requirements, and understand additional elements such as networking, security, regulatory, compliance, backup and restore": "Specify a comprehensive architecture that addresses the clients' expressed and implied requirements.",
		"explain design decisions":                          "Explain design decisions.",
		"produce relevant data models":                      "Produce relevant data models.",
		"be the initial escalation point for the programme": "Be the initial escalation point for the programme.",
		"knowledge of statistical disclosure control":       "",
	} {
		got, ok := Parse(in).JobDuty()
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("%q: JobDuty %q, want %q", in, got, want)
		}
	}
}

// Coordinations the corpus has that are not lists of verbs: plural nouns
// that are also verbs' third-person forms ("services", "challenges"), a
// passive after a bracketing comma ("…, such as spending reviews, are
// supported"), and the verbs of a relative clause ("activities that
// improve …, increase … and increase …"), which stay in it.
func TestCoordinationsOfNouns(t *testing.T) {
	for in, want := range map[string]string{
		"ensure strategic demands, such as spending reviews, are supported":                                                   "Experience of ensuring strategic demands, such as spending reviews, are supported",
		"promote sustained investment of user-centred approaches to ensure products and services meet user needs":             "Experience of promoting sustained investment of user-centred approaches to ensure products and services meet user needs",
		"ensure complex needs and challenges are understood, prioritised and communicated":                                    "Experience of ensuring complex needs and challenges are understood, prioritised and communicated",
		"explore the perspectives, challenges and ambitions of teams to shape a pipeline of opportunities":                    "Experience of exploring the perspectives, challenges and ambitions of teams to shape a pipeline of opportunities",
		"lead activities that improve relationship maturity, increase value, improve user experience and increase efficiency": "Experience of leading activities that improve relationship maturity, increase value, improve user experience and increase efficiency",
		"be an expert practitioner who can define and assure best practice":                                                   "Experience of being an expert practitioner who can define and assure best practice",
		"is an expert practitioner who influences and mentors others":                                                         "Experience of being an expert practitioner who influences and mentors others",
		"builds, administers, supports and maintains solutions as directed":                                                   "Experience of building, administering, supporting and maintaining solutions as directed",
		"supports and maintains infrastructure solutions and services as directed":                                            "Experience of supporting and maintaining infrastructure solutions and services as directed",
		"understanding of the whole system and take responsibility for teaching this to others":                               "Understanding of the whole system and experience of taking responsibility for teaching this to others",
		"tailor communication to stakeholders' needs and work with them to build relationships":                               "Experience of tailoring communication to stakeholders' needs and working with them to build relationships",
		"have the opportunity to develop an understanding of the wider analytics context, tools and techniques":               "Experience of developing an understanding of the wider analytics context, tools and techniques",
		"be aware of but not responsible for security":                                                                        "Awareness of security",
		"lead the team and reports progress to the board":                                                                     "Experience of leading the team and reporting progress to the board",
		"take ownership of the analysis plan and reports progress to the service lead":                                        "Experience of taking ownership of the analysis plan and reporting progress to the service lead",
		"Understanding of LAN, WAN, network-specific security and remote access technologies and approaches":                  "Understanding of LAN, WAN, network-specific security and remote access technologies and approaches",
		"awareness of how data science techniques can be used and have a basic knowledge of those key techniques":             "Awareness of how data science techniques can be used and a basic knowledge of those key techniques",
	} {
		if got := Parse(in).Criterion(); got != want {
			t.Errorf("%q:\n got %q\nwant %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"ensure strategic demands, such as spending reviews, are supported":                                       "Ensure strategic demands, such as spending reviews, are supported.",
		"promote sustained investment of user-centred approaches to ensure products and services meet user needs": "Promote sustained investment of user-centred approaches to ensure products and services meet user needs.",
		"ensures complex needs and challenges are understood":                                                     "Ensure complex needs and challenges are understood.",
		"Explores the perspectives, challenges and ambitions of teams":                                            "Explore the perspectives, challenges and ambitions of teams.",
	} {
		if got, _ := Parse(in).Duty(); got != want {
			t.Errorf("%q:\n got %q\nwant %q", in, got, want)
		}
	}
}

// "Hold a … certification", "holds a … qualification" name something the
// holder has, as "have a … qualification" does.
func TestHoldsACredential(t *testing.T) {
	for in, want := range map[string]string{
		"hold a Level 3 service management framework certification": "A Level 3 service management framework certification",
		"Holds a recognised project management qualification.":      "A recognised project management qualification",
		"holding a degree in a numerate subject":                    "A degree in a numerate subject",
	} {
		p := Parse(in)
		if !p.Credential() {
			t.Errorf("%q (%v): not a credential", in, p.Shape)
		}
		if got := p.Criterion(); got != want {
			t.Errorf("%q: criterion %q, want %q", in, got, want)
		}
		if d, ok := p.Duty(); ok {
			t.Errorf("%q: a duty %q", in, d)
		}
	}
	if Parse("hold regular meetings with stakeholders").Credential() {
		t.Errorf("holding meetings is no credential")
	}
}

// Shapes of the second awkward page: clauses joined by semicolons, a
// "have" that is something done (a later clause refers back to it), and an
// outcome in the passive, which the job holder ensures.
func TestSemicolonsHavesAndPassives(t *testing.T) {
	for in, want := range map[string][2]string{
		"organises the service desk's work; agrees priorities with service owners; and is accountable for the desk's performance": {
			"Organise the service desk's work; agree priorities with service owners; and be accountable for the desk's performance.",
			"Experience of organising the service desk's work; agreeing priorities with service owners; and being accountable for the desk's performance"},
		"Has regular one-to-ones with analysts and agrees their development goals.": {
			"Have regular one-to-ones with analysts and agree their development goals.",
			"Experience of having regular one-to-ones with analysts and agreeing their development goals"},
		"Incidents are logged, categorised and resolved within agreed timescales.": {
			"Ensure incidents are logged, categorised and resolved within agreed timescales.",
			"Experience of ensuring incidents are logged, categorised and resolved within agreed timescales"},
		"Can analyse, prioritise and escalate incidents; coordinates major incidents with the on-call team.": {
			"Analyse, prioritise and escalate incidents; coordinate major incidents with the on-call team.",
			"Experience of analysing, prioritising and escalating incidents and coordinating major incidents with the on-call team"},
		"Manage the desk's work: triage; escalation; follow-up; closure.": {
			"Manage the desk's work: triage; escalation; follow-up; closure.",
			"Experience of managing the desk's work: triage; escalation; follow-up; closure"},
	} {
		p := Parse(in)
		if got, _ := p.JobDuty(); got != want[0] {
			t.Errorf("%q (%v): duty\n got %q\nwant %q", in, p.Shape, got, want[0])
		}
		if got := p.Criterion(); got != want[1] {
			t.Errorf("%q (%v): criterion\n got %q\nwant %q", in, p.Shape, got, want[1])
		}
	}
}

// A question asks about a time past: "is" and "are" of its clauses are
// too; "is required to", "is allowed to" frame the duty they lead to.
func TestQuestionsInThePast(t *testing.T) {
	for in, want := range map[string]string{
		"ensure strategic demands, such as spending reviews, are supported": "Tell us about a time when you ensured strategic demands, such as spending reviews, were supported. What did you do, and what was the result?",
		"stay calm and courteous when users are frustrated":                 "Tell us about a time when you stayed calm and courteous when users were frustrated. What did you do, and what was the result?",
	} {
		if got := Parse(in).Question(); got != want {
			t.Errorf("%q:\n got %q\nwant %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"is required to address issues across IT operations": "Address issues across IT operations.",
		"Is allowed to address issues across IT operations.": "Address issues across IT operations.",
	} {
		if got, _ := Parse(in).Duty(); got != want {
			t.Errorf("%q: duty %q, want %q", in, got, want)
		}
	}
}

// A third-person form that ends a descriptor after an object is a plural
// noun coordinated with it, not a verb: "approaches" stays "approaches".
func TestThirdPersonNounAtTheEnd(t *testing.T) {
	for src, want := range map[string]string{
		"find and use emerging technologies and approaches":          "Find and use emerging technologies and approaches.",
		"identify appropriate contractual frameworks and approaches": "Identify appropriate contractual frameworks and approaches.",
	} {
		d, ok := Parse(src).Duty()
		if !ok || d != want {
			t.Errorf("%q: duty %q (%v), want %q", src, d, ok, want)
		}
	}
}

// TestLowerWords checks names put inside a sentence keep their acronyms,
// one-letter names and proper nouns.
func TestLowerWords(t *testing.T) {
	for in, want := range map[string]string{
		"IT operations":                   "IT operations",
		"Quality assurance testing (QAT)": "quality assurance testing (QAT)",
		"User-centred design":             "user-centred design",
		"Data Engineering":                "data engineering",
		"Chief digital and data":          "chief digital and data",
		"Statistics in R":                 "statistics in R",
		"":                                "",
	} {
		if got := LowerWords(in); got != want {
			t.Errorf("LowerWords(%q) = %q, want %q", in, got, want)
		}
	}
}

// Descriptors an organisation writes by hand (testdata/awkward's
// accessibility specialist): nouns of action, passives, a frame's "and
// to", abbreviations, a bracket with a list in it, a colon after
// "including" and US spellings, each as a careful HR writer would word
// it, the framework's spellings kept.
func TestHandWrittenDescriptors(t *testing.T) {
	for _, c := range []struct {
		in, duty, criterion, question string
	}{
		{"Delivery of training for designers, developers, content designers, etc.", "Deliver training for designers, developers, content designers, etc.",
			"Experience of delivering training for designers, developers, content designers, etc.",
			"Tell us about a time when you delivered training for designers, developers, content designers, etc. What did you do, and what was the result?"},
		{"Ownership of the accessibility statement for each service (reviewed annually).", "Own the accessibility statement for each service (reviewed annually).",
			"Experience of owning the accessibility statement for each service (reviewed annually)",
			"Tell us about a time when you owned the accessibility statement for each service (reviewed annually). What did you do, and what was the result?"},
		{"Management of relationships with suppliers of assistive technology.", "Manage relationships with suppliers of assistive technology.",
			"Experience of managing relationships with suppliers of assistive technology",
			"Tell us about a time when you managed relationships with suppliers of assistive technology. What did you do, and what was the result?"},
		{"Coordination of user research across teams", "Coordinate user research across teams.", "Experience of coordinating user research across teams",
			"Tell us about a time when you coordinated user research across teams. What did you do, and what was the result?"},
		{"Accessibility issues are triaged, tracked and fixed before a service goes live.", "Ensure accessibility issues are triaged, tracked and fixed before a service goes live.",
			"Experience of ensuring accessibility issues are triaged, tracked and fixed before a service goes live",
			"Tell us about a time when you ensured accessibility issues were triaged, tracked and fixed before a service went live. What did you do, and what was the result?"},
		{"Coaching of junior specialists is provided.", "Ensure coaching of junior specialists is provided.",
			"Experience of ensuring coaching of junior specialists is provided",
			"Tell us about a time when you ensured coaching of junior specialists was provided. What did you do, and what was the result?"},
		{"Expected to organize research with disabled people, e.g. screen reader users, and to analyze the findings.",
			"Organize research with disabled people, e.g. screen reader users, and analyze the findings.",
			"Experience of organizing research with disabled people, e.g. screen reader users, and analyzing the findings",
			"Tell us about a time when you organized research with disabled people, e.g. screen reader users, and analyzed the findings. What did you do, and what was the result?"},
		{"Works closely with suppliers to make sure that they are met (see the Service Standard, points 5 and 12).",
			"Work closely with suppliers to make sure that they are met (see the Service Standard, points 5 and 12).",
			"Experience of working closely with suppliers to make sure that they are met (see the Service Standard, points 5 and 12)",
			"Tell us about a time when you worked closely with suppliers to make sure that they were met (see the Service Standard, points 5 and 12). What did you do, and what was the result?"},
		{"Responsible for the team's work, including: planning, prioritization, quality assurance and reporting.",
			"Be responsible for the team's work, including planning, prioritization, quality assurance and reporting.",
			"Experience of being responsible for the team's work, including planning, prioritization, quality assurance and reporting",
			"Tell us about a time when you were responsible for the team's work, including planning, prioritization, quality assurance and reporting. What did you do, and what was the result?"},
		{"The ability to test with assistive technologies (e.g. JAWS, NVDA, VoiceOver, etc.).", "Test with assistive technologies (e.g. JAWS, NVDA, VoiceOver, etc.).",
			"Experience of testing with assistive technologies (e.g. JAWS, NVDA, VoiceOver, etc.)",
			"Tell us about a time when you tested with assistive technologies (e.g. JAWS, NVDA, VoiceOver, etc.). What did you do, and what was the result?"},
		{"Is able to advise on color contrast, typography and the behavior of interactive components.", "Advise on color contrast, typography and the behavior of interactive components.",
			"Experience of advising on color contrast, typography and the behavior of interactive components",
			"Tell us about a time when you advised on color contrast, typography and the behavior of interactive components. What did you do, and what was the result?"},
		{"Testing", "", "Experience of testing", "Give an example of your work in testing. What did you do, and what was the result?"},
		{"Advocacy.", "", "Experience of advocacy", "Give an example of your work in advocacy. What did you do, and what was the result?"},
		{"Responsible for: planning, budgeting and reporting.", "Be responsible for planning, budgeting and reporting.",
			"Experience of being responsible for planning, budgeting and reporting",
			"Tell us about a time when you were responsible for planning, budgeting and reporting. What did you do, and what was the result?"},
		{"Excellent communication skills.", "", "Excellent communication skills",
			"Give an example that shows your excellent communication skills. What did you do, and what was the result?"},
		{"Strong stakeholder management.", "", "Strong stakeholder management",
			"Give an example that shows your strong stakeholder management. What did you do, and what was the result?"},
		{"Willingness to learn new tools.", "", "Willingness to learn new tools",
			"Give an example that shows your willingness to learn new tools. What did you do, and what was the result?"},
		{"Provision of expert advice to senior leaders.", "Provide expert advice to senior leaders.", "Experience of providing expert advice to senior leaders",
			"Tell us about a time when you provided expert advice to senior leaders. What did you do, and what was the result?"},
		{"Analysis of user research data.", "Analyse user research data.", "Experience of analysing user research data",
			"Tell us about a time when you analysed user research data. What did you do, and what was the result?"},
		{"Implementation of the new case management system.", "Implement the new case management system.", "Experience of implementing the new case management system",
			"Tell us about a time when you implemented the new case management system. What did you do, and what was the result?"},
		{"Use of data to improve services", "", "Experience of use of data to improve services",
			"Give an example of your work in use of data to improve services. What did you do, and what was the result?"},
		// "and to" continues an infinitive the clause has of its own
		{"work with suppliers to agree contracts and to monitor them", "Work with suppliers to agree contracts and to monitor them.",
			"Experience of working with suppliers to agree contracts and to monitor them",
			"Tell us about a time when you worked with suppliers to agree contracts and to monitor them. What did you do, and what was the result?"},
		// after a comma alone, "to" is a purpose
		{"frame problems so they can easily be understood, and troubleshoot where required, to support the business",
			"Frame problems so they can easily be understood, and troubleshoot where required, to support the business.",
			"Experience of framing problems so they can easily be understood, and troubleshooting where required, to support the business",
			"Tell us about a time when you framed problems so they could easily be understood, and troubleshot where required, to support the business. What did you do, and what was the result?"},
		// "Measurement" names no measuring the list tells from the noun
		{"Measurement of service performance", "", "Experience of measurement of service performance",
			"Give an example of your work in measurement of service performance. What did you do, and what was the result?"},
	} {
		p := Parse(c.in)
		duty, ok := p.Duty()
		if !ok {
			duty = ""
		}
		if duty != c.duty {
			t.Errorf("%q (%v): duty %q, want %q", c.in, p.Shape, duty, c.duty)
		}
		if got := p.Criterion(); got != c.criterion {
			t.Errorf("%q (%v): criterion %q, want %q", c.in, p.Shape, got, c.criterion)
		}
		if got := p.Question(); got != c.question {
			t.Errorf("%q (%v): question %q\n want %q", c.in, p.Shape, got, c.question)
		}
	}
}

// An abbreviation's stop ends no sentence ("e.g. JAWS"), but "etc."
// before a capital does; a word that is also an abbreviation elsewhere
// ("no.") ends one.
func TestSentences(t *testing.T) {
	for in, want := range map[string][]string{
		"Set standards (i.e. websites and apps). Lead a team.": {"Set standards (i.e. websites and apps).", "Lead a team."},
		"Test with tools, e.g. JAWS. Report issues.":           {"Test with tools, e.g. JAWS.", "Report issues."},
		"Keep up to date with WCAG etc. Review audits.":        {"Keep up to date with WCAG etc.", "Review audits."},
		"Train designers, developers, etc. and testers.":       {"Train designers, developers, etc. and testers."},
		"Learn when to say no. Prioritise the work.":           {"Learn when to say no.", "Prioritise the work."},
	} {
		got := Sentences(in)
		if len(got) != len(want) {
			t.Errorf("%q: %q, want %q", in, got, want)
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%q: %q, want %q", in, got, want)
				break
			}
		}
	}
	p := Parse("Keeps up to date with changes to WCAG etc. Reviews audit reports.")
	if d, _ := p.Duty(); d != "Keep up to date with changes to WCAG etc. and review audit reports." {
		t.Errorf("two sentences after etc.: duty %q", d)
	}
}

// A question in the past puts the verb an "ensure" governs in the past
// too, reads a list of infinitives as one list (through "when
// appropriate"), and a verb after a verb and its adverb as the next verb.
func TestQuestionsKeepTheirTense(t *testing.T) {
	for _, c := range []struct{ in, criterion, question string }{
		{"ensure test coverage aligns with business risk", "Experience of ensuring test coverage aligns with business risk",
			"Tell us about a time when you ensured test coverage aligned with business risk. What did you do, and what was the result?"},
		{"ensure that teams take a user-centred, evidence-based approach", "Experience of ensuring that teams take a user-centred, evidence-based approach",
			"Tell us about a time when you ensured that teams took a user-centred, evidence-based approach. What did you do, and what was the result?"},
		{"ensure the team works to standards for communication", "Experience of ensuring the team works to standards for communication",
			"Tell us about a time when you ensured the team worked to standards for communication. What did you do, and what was the result?"},
		{"ensure a design meets appropriate standards", "Experience of ensuring a design meets appropriate standards",
			"Tell us about a time when you ensured a design met appropriate standards. What did you do, and what was the result?"},
		{"ensure that the support team undertakes development", "Experience of ensuring that the support team undertakes development",
			"Tell us about a time when you ensured that the support team undertook development. What did you do, and what was the result?"},
		{"ensure the right conditions for developers to work effectively", "Experience of ensuring the right conditions for developers to work effectively",
			"Tell us about a time when you ensured the right conditions for developers to work effectively. What did you do, and what was the result?"},
		{"ensure that the right actions are taken to investigate, resolve and anticipate problems", "Experience of ensuring that the right actions are taken to investigate, resolve and anticipate problems",
			"Tell us about a time when you ensured that the right actions were taken to investigate, resolve and anticipate problems. What did you do, and what was the result?"},
		{"lead a team of analytics engineers to design, build and maintain data models", "Experience of leading a team of analytics engineers to design, build and maintain data models",
			"Tell us about a time when you led a team of analytics engineers to design, build and maintain data models. What did you do, and what was the result?"},
		{"work independently, share information and assist others with requests for service", "Experience of working independently, sharing information and assisting others with requests for service",
			"Tell us about a time when you worked independently, shared information and assisted others with requests for service. What did you do, and what was the result?"},
		{"regularly collaborate and find agreement with senior stakeholders, providing direction and challenge",
			"Experience of regularly collaborating and finding agreement with senior stakeholders, providing direction and challenge",
			"Tell us about a time when you regularly collaborated and found agreement with senior stakeholders, providing direction and challenge. What did you do, and what was the result?"},
		{"own an issue until a new owner has been found or the problem has been mitigated", "Experience of owning an issue until a new owner has been found or the problem has been mitigated",
			"Tell us about a time when you owned an issue until a new owner had been found or the problem had been mitigated. What did you do, and what was the result?"},
		{"review the plan before it starts", "Experience of reviewing the plan before it starts",
			"Tell us about a time when you reviewed the plan before it started. What did you do, and what was the result?"},
		{"take preventative action when risks become unacceptable", "Experience of taking preventative action when risks become unacceptable",
			"Tell us about a time when you took preventative action when risks became unacceptable. What did you do, and what was the result?"},
		{"ask for advice when you find a problem", "Experience of asking for advice when you find a problem",
			"Tell us about a time when you asked for advice when you found a problem. What did you do, and what was the result?"},
		{"lead teams in the design, implementation, administration and support of infrastructure solutions", "Experience of leading teams in the design, implementation, administration and support of infrastructure solutions",
			"Tell us about a time when you led teams in the design, implementation, administration and support of infrastructure solutions. What did you do, and what was the result?"},
		{"use data to inform decisions and share findings with colleagues", "Experience of using data to inform decisions and sharing findings with colleagues",
			"Tell us about a time when you used data to inform decisions and shared findings with colleagues. What did you do, and what was the result?"},
	} {
		p := Parse(c.in)
		if got := p.Criterion(); got != c.criterion {
			t.Errorf("%q: criterion %q, want %q", c.in, got, c.criterion)
		}
		if got := p.Question(); got != c.question {
			t.Errorf("%q: question %q\n want %q", c.in, got, c.question)
		}
	}
	p := Parse("have excellent problem solving skills to diagnose, evaluate and resolve complex problem situations or, when appropriate, escalate or route them to IT resolver groups")
	if d, ok := p.JobDuty(); ok {
		t.Errorf("a possession's skills to … give the duty %q", d)
	}
	if got, want := p.Criterion(), "Excellent problem solving skills to diagnose, evaluate and resolve complex problem situations or, when appropriate, escalate or route them to IT resolver groups"; got != want {
		t.Errorf("criterion %q, want %q", got, want)
	}
}
