// Package directory ships the unit directory of Tây Ninh province — every unit
// the seed plan names, with its short forms, aliases and 2025 successor — and
// resolves unit names as plans write them to units and unit groups.
//
// The package is pure: it touches no database. Storage seeds itself from
// Entries and Groups, and builds a Resolver from what it has stored.
package directory

import "ttdn"

// Entry is one shipped unit. Parent and successor are named by code because
// the shipped data has no database IDs yet.
type Entry struct {
	Unit          ttdn.Unit
	ParentCode    string
	SuccessorCode string
}

// Group is one shipped unit group ("các sở, ban, ngành") with its members by code.
type Group struct {
	Code        string
	Name        string
	Aliases     []string
	MemberCodes []string
}

// Entries returns the shipped units. TODO(helper A): fill.
func Entries() []Entry { return nil }

// Groups returns the shipped unit groups. TODO(helper A): fill.
func Groups() []Group { return nil }
