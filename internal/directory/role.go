package directory

import (
	"slices"
	"strings"
)

// Role is who a person is in the university community. Every query that takes a role accepts
// exactly these values.
type Role string

// The roles a person can state.
const (
	Undergraduate Role = "undergraduate"
	Graduate      Role = "graduate"
	Postdoc       Role = "postdoc"
	Staff         Role = "staff"
	Faculty       Role = "faculty"
)

// Roles lists every [Role] in a stable order.
var Roles = []Role{Undergraduate, Graduate, Postdoc, Staff, Faculty}

// ParseRole returns the [Role] named by s (case-insensitive, surrounding space ignored), or an
// [EInvalid] error naming the accepted values.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if slices.Contains(Roles, r) {
		return r, nil
	}
	return "", Errorf(EInvalid, "Unknown role %q: use one of undergraduate, graduate, postdoc, staff, faculty.", s)
}

// Audience is the group a resource serves, as the seed page and the curation file name it.
type Audience string

// The audiences of the default directory. "all" means every member of the community;
// "everyone-on-campus" also covers visitors and neighbours (MIT Police, EMS).
const (
	AudienceAll            Audience = "all"
	AudienceEveryone       Audience = "everyone-on-campus"
	AudienceStudents       Audience = "students"
	AudienceGraduates      Audience = "graduate-students"
	AudienceUndergraduates Audience = "undergraduates"
	AudienceEmployees      Audience = "employees"
	AudienceFaculty        Audience = "faculty"
)

var audienceRoles = map[Audience][]Role{
	AudienceAll:            Roles,
	AudienceEveryone:       Roles,
	AudienceStudents:       {Undergraduate, Graduate},
	AudienceGraduates:      {Graduate},
	AudienceUndergraduates: {Undergraduate},
	// Employees as a group include faculty and postdoctoral associates and fellows (seed page).
	AudienceEmployees: {Postdoc, Staff, Faculty},
	AudienceFaculty:   {Faculty},
}

// Valid reports whether a is a known audience.
func (a Audience) Valid() bool { _, ok := audienceRoles[a]; return ok }

// Roles returns the roles an audience includes, nil for an unknown audience.
func (a Audience) Roles() []Role { return slices.Clone(audienceRoles[a]) }

// Includes reports whether the audience includes role r.
func (a Audience) Includes(r Role) bool { return slices.Contains(audienceRoles[a], r) }

// Label is the audience in plain words.
func (a Audience) Label() string {
	switch a {
	case AudienceAll:
		return "Everyone in the community"
	case AudienceEveryone:
		return "Everyone on campus"
	case AudienceStudents:
		return "Students"
	case AudienceGraduates:
		return "Graduate students"
	case AudienceUndergraduates:
		return "Undergraduates"
	case AudienceEmployees:
		return "Employees (staff, faculty and postdocs)"
	case AudienceFaculty:
		return "Faculty"
	}
	return string(a)
}
