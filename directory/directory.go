// Package directory ships the unit directory of Tây Ninh province — every unit
// the seed plan names, with its short forms, aliases and 2025 successor — and
// resolves unit names as plans write them to units and unit groups.
//
// The package is pure: it touches no database. Storage seeds itself from
// Entries and Groups, and builds a Resolver from what it has stored.
package directory

import (
	"time"

	"ttdn"
	"ttdn/vntext"
)

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

// Entries returns the shipped units: central bodies, the province's bodies,
// its districts with their radio stations, border communes and border-gate
// information clusters, and the bodies the 2025 reforms created. The slice
// is fresh on every call; callers may change it.
func Entries() []Entry {
	var es []Entry
	es = append(es, centralEntries()...)
	es = append(es, provinceEntries()...)
	es = append(es, forceAndPressEntries()...)
	es = append(es, mergedProvinceEntries()...)
	es = append(es, departmentEntries()...)
	es = append(es, districtEntries()...)
	es = append(es, communeEntries()...)
	return es
}

// Groups returns the shipped unit groups. The slice is fresh on every call.
func Groups() []Group { return groupList() }

// Dates of the 2025 reforms.
var (
	// Nghị quyết 176/2025/QH15 and the provincial decisions under Nghị định
	// 45/2025/NĐ-CP: ministries and departments merged from 1/3/2025.
	reform2025March = day(2025, 3, 1)
	// Nghị quyết 202/2025/QH15 (Tây Ninh + Long An → tỉnh Tây Ninh) and the
	// two-level local government: districts abolished from 1/7/2025.
	reform2025July = day(2025, 7, 1)
	// Party bodies merged in early 2025; the exact provincial date is not
	// verified, so 1/2/2025 is an approximation.
	reformParty2025 = day(2025, 2, 1)
)

func day(y int, m time.Month, d int) ttdn.Date { return ttdn.Date{Year: y, Month: m, Day: d} }

// unit builds an Entry; aliases are every other way plans write the name.
// Aliases repeating the name or short name are dropped, so the data can list
// the forms plans use without caring which one became the short name.
func unit(code string, kind ttdn.UnitKind, parent, name, short string, aliases ...string) Entry {
	seen := map[string]bool{vntext.Fold(name): true, vntext.Fold(short): true}
	kept := make([]string, 0, len(aliases))
	for _, a := range aliases {
		if f := vntext.Fold(a); !seen[f] {
			seen[f] = true
			kept = append(kept, a)
		}
	}
	return Entry{
		Unit:       ttdn.Unit{Code: code, Kind: kind, Name: name, ShortName: short, Aliases: kept},
		ParentCode: parent,
	}
}

// ended marks e as ending on to (exclusive), handing over to successor.
func (e Entry) ended(to ttdn.Date, successor, note string) Entry {
	e.Unit.ValidTo = to
	e.SuccessorCode = successor
	e.Unit.Note = note
	return e
}

// from marks e as founded on from.
func (e Entry) from(from ttdn.Date, note string) Entry {
	e.Unit.ValidFrom = from
	e.Unit.Note = note
	return e
}

// noted attaches a note to e.
func (e Entry) noted(note string) Entry {
	e.Unit.Note = note
	return e
}
