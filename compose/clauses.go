package compose

// DefaultClauses are the standard clauses a job description carries when
// the organisation's config sets none (`organisation.clauses`); an empty
// map (`clauses: {}`) leaves them out. nhs words confidentiality for
// patients: only when NHS-specific entries were named in select.
func DefaultClauses(nhs bool) map[string]string {
	people := "the people the organisation serves, staff and others"
	if nhs {
		people = "patients, staff and other service users"
	}
	return map[string]string{
		"Confidentiality": "You must maintain the confidentiality of information about " + people +
			", in line with the Data Protection Act 2018 and the UK GDPR.",
		"Information governance": "You are responsible for the accuracy, security and lawful use of the records " +
			"and data you create or handle, and for completing mandatory information governance training each year.",
		"Health and safety": "You must take reasonable care of your own health and safety and that of others " +
			"affected by your work, and follow the organisation's policies.",
		"Equality, diversity and inclusion": "You must treat everyone with dignity and respect and support the " +
			"organisation's commitment to equality, diversity and inclusion.",
		"Safeguarding": "Everyone has a duty to safeguard children and adults at risk, and to report concerns " +
			"in line with the organisation's safeguarding policies.",
	}
}
