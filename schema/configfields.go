package schema

import (
	"reflect"

	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/render"
)

// configFields are the config schema's descriptions (from the doc comments
// of config's types, fieldDocs, and extraDocs where a field has none) and
// the values the CLI accepts: the same lists and patterns config and the
// registries check against, so the schema rejects what rolepack rejects.
func configFields() map[string]Field {
	fields := map[string]Field{}
	for k, d := range fieldDocs {
		fields[k] = Field{Description: d}
	}
	for k, d := range extraDocs {
		fields[k] = Field{Description: d}
	}
	zero, maxSalary := 0.0, float64(config.MaxSalary)
	set := func(key string, f Field) {
		f.Description = fields[key].Description
		fields[key] = f
	}
	set("Config.Documents", Field{Enum: render.KindIDs()})
	set("Config.Formats", Field{Enum: output.FormatNames()})
	set("Config.Date", Field{Pattern: config.DatePattern})
	set("Vacancy.Posted", Field{Pattern: config.DatePattern})
	set("Vacancy.Closing", Field{Pattern: config.DatePattern})
	set("Vacancy.EmploymentType", Field{Enum: config.EmploymentTypes})
	set("Vacancy.Workplace", Field{Enum: config.Workplaces})
	set("Vacancy.SalaryMin", Field{Min: &zero, Max: &maxSalary})
	set("Vacancy.SalaryMax", Field{Min: &zero, Max: &maxSalary})
	set("ScoringConfig.Scale", Field{Enum: config.ScoreScaleNames})
	set("ActivityDef.Kind", Field{Enum: config.ActivityKinds})
	set("BilingualConfig.Layout", Field{Enum: config.BilingualLayouts})
	set("Brand.Primary", Field{Pattern: config.ColourPattern})
	set("Brand.Accent", Field{Pattern: config.ColourPattern})
	return fields
}

// configTypes are the schemas of the config's types whose YAML form is
// not their Go kind's: the language is one tag, or two (a bilingual
// document) as a list or joined with a comma.
var configTypes = map[reflect.Type]func() *Schema{
	reflect.TypeOf(config.Languages("")): func() *Schema {
		tag := func() *Schema { return &Schema{Type: "string", Pattern: languagePattern} }
		return &Schema{AnyOf: []*Schema{
			tag(),
			{Type: "array", Items: tag(), MinItems: 1, MaxItems: 2},
			{Type: "null"},
		}}
	},
}

// languagePattern is a language tag, or two joined by a comma ("cy,en").
const languagePattern = `^\s*[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*\s*(,\s*[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*\s*)?$`

// extraDocs describe the config fields whose Go declaration has no comment.
var extraDocs = map[string]string{
	"Config.Document":              "The line every candidate-facing document ends with: version and owner.",
	"Config.Editorial":             "The organisation's own words for the editorial checks: words allowed and banned.",
	"Config.BehavioursAt":          "Replaces behaviours at the levels it names (a ladder rung, or a framework level id for FRAMEWORK/ROLE).",
	"Organisation.Name":            "The organisation's name, as the documents print it.",
	"Organisation.Department":      "The department or directorate the post is in.",
	"Organisation.Location":        "Where the organisation is, e.g. Leeds (hybrid).",
	"Organisation.Website":         "The organisation's website, https://…",
	"Brand.FontFiles":              "TrueType files of the brand typeface (only regular is required).",
	"FontFiles.Regular":            "The regular face's .ttf file.",
	"FontFiles.Bold":               "The bold face's .ttf file (default: the regular).",
	"FontFiles.Italic":             "The italic face's .ttf file (default: the regular).",
	"FontFiles.BoldItalic":         "The bold italic face's .ttf file (default: the regular).",
	"Rung.ID":                      "The rung's id, as roles' levels maps and --level name it.",
	"Rung.Label":                   "The rung's name, as the documents print it.",
	"RoleDef.Title":                "The job title (default: the framework level's title).",
	"RoleDef.Family":               "The job family, e.g. Data.",
	"RoleDef.Purpose":              "The job's purpose, in a sentence or two (default: the framework's description).",
	"RoleDef.ReportsTo":            "Who the post reports to.",
	"RoleDef.ResponsibleFor":       "Who or what the post is responsible for (its reports).",
	"RoleDef.Relationships":        "The post's working relationships, one a line.",
	"RoleDef.Dimensions":           "The job's dimensions (budget, team size …), one a line.",
	"RoleDef.Experience":           "Experience the person specification asks for, one a line.",
	"RoleDef.Sources":              "The framework roles and catalogues the role is composed from, each with a level for every rung.",
	"RoleDef.Add":                  "Entries the organisation adds to the role.",
	"RoleDef.Remove":               "Entries to leave out of the role.",
	"RoleDef.SelectAt":             "Replaces select at the rungs it names.",
	"RoleDef.BehavioursAt":         "Replaces the role's behaviours at the rungs it names.",
	"SourceDef.Framework":          "The framework's id (ddat, sde-skills, ncf, or one of frameworks:).",
	"SourceDef.Role":               "A role of the framework.",
	"SourceDef.Catalogue":          "Or a catalogue of the framework (a skills matrix area).",
	"SourceDef.Levels":             "Every ladder rung mapped to a level of the framework, or to none.",
	"EntryDef.Kind":                "The entry's kind: skill, knowledge, behaviour, leadership, qualification, experience …",
	"EntryDef.Group":               "The group the entry is listed under.",
	"EntryDef.Title":               "The entry's title.",
	"EntryDef.Descriptors":         "What the entry asks for, one descriptor a line.",
	"EntryDef.Essential":           "true for an essential criterion, false for a desirable one.",
	"EntryRef.Kind":                "The kind of the entry to remove.",
	"EntryRef.Title":               "The title of the entry to remove.",
	"Vacancy.Reference":            "The vacancy's reference, e.g. DE-042.",
	"Vacancy.Band":                 "The pay band or grade, e.g. Band 8a.",
	"Vacancy.Salary":               "The salary as the documents print it, e.g. £55,690 to £62,682.",
	"Vacancy.SalaryMin":            "The salary's lower bound, a number (0: not stated), for the advert's JSON-LD.",
	"Vacancy.SalaryMax":            "The salary's upper bound, a number (0: not stated), for the advert's JSON-LD.",
	"Vacancy.Hours":                "The hours, e.g. 37.5 hours a week.",
	"Vacancy.Location":             "Where the post is based (default organisation.location).",
	"Vacancy.ReportsTo":            "Who the post reports to (default the role's reportsTo).",
	"Vacancy.Contact":              "Who to ask about the post.",
	"Vacancy.Panel":                "The interview panel: one scoring sheet each.",
	"Vacancy.Version":              "The documents' version (default 1.0).",
	"Vacancy.Currency":             "The salary's ISO 4217 currency code (default: its symbol's, else GBP).",
	"PDPConfig.Person":             "Whose development plan it is.",
	"PDPConfig.Manager":            "Their line manager.",
	"PDPConfig.TargetRole":         "The target role, for a move between roles (default: the same role).",
	"DevelopmentConfig.Activities": "The organisation's development activities, which a PDP draws on.",
	"ActivityDef.Title":            "The activity's name.",
	"ScoringConfig.Anchors":        "The points of a custom scale: score, label, what it means.",
	"ScoreAnchor.Score":            "The score, a whole number.",
	"ScoreAnchor.Label":            "The score's label, e.g. Strong.",
	"ScoreAnchor.Means":            "What the score means.",
	"BehavioursDef.Catalogue":      "Or a catalogue of the framework.",
	"PersonSpecConfig.Assessment":  "How each criterion group is assessed (application, interview, test …).",
	"EditorialConfig.Allow":        "Words and phrases accepted as written (names, terms of the trade).",
	"DocumentControl.Version":      "The document version (default vacancy.version, else 1.0).",
	"JDConfig.IncludeSpec":         "true appends the person specification to the JD as an annex.",
	"Config.Organisation":          "Who issues the documents.",
	"Config.Brand":                 "The organisation's look: letterhead, colours, logo, header, typeface.",
	"Config.Ladder":                "The organisation's own ladder of levels, lowest first.",
	"Config.Roles":                 "The organisation's roles, by id, composed from framework sources.",
	"Config.Vacancy":               "The vacancy the advert, the JD and the scoring sheets describe.",
	"Config.PDP":                   "Whose development plan it is, and between which levels.",
	"Config.Development":           "The organisation's catalogue of development activities.",
	"Config.PersonSpec":            "How person-specification criteria are assessed.",
	"Config.Scoring":               "The interview score scale.",
	"Config.JD":                    "The job description's shape.",
	"Config.Edits":                 "Corrections to framework text, applied as roles are composed.",
	"Config.Behaviours":            "Behaviours for every role that has none at the level run.",
	"RoleDef.Select":               "What the candidate-facing documents carry, per kind.",
	"RoleDef.Behaviours":           "Behaviours from a framework at the rungs where the sources give none.",
	"SelectDef.Leadership":         "Leadership expectations to assess.",
	"EditDef.Framework":            "The framework whose text the edit corrects.",
	"EditDef.Role":                 "The framework role (default: every role).",
	"EditDef.Kind":                 "The entry kind the edit applies to.",
	"EditDef.Title":                "The entry's title.",
	"EditDef.Replace":              "The text to replace.",
	"EditDef.With":                 "What to write instead (\"\" deletes it).",
	"EditDef.Retitle":              "A new title for the entry.",
	"EditDef.SentenceCase":         "true writes the entry's title in sentence case.",
}
