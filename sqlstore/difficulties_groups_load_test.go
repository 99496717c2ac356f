package sqlstore_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// The groups page and difficulty lists load groups in two queries; each
// group they return equals the one the group's own page loads, members in
// order, and the number of statements does not grow with the groups.
func TestDifficultyGroupsLoadedTogether(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		s := sqlstore.NewDifficultyService(db)
		coord := as(w.coordinator)
		statementsFor := func(groups int) (uint64, []*ttdn.DifficultyGroup) {
			for len(mustGroups(t, s, coord)) < groups {
				var members []int64
				for i := range 3 {
					d := &ttdn.Difficulty{UnitID: w.unitA.ID, Title: fmt.Sprintf("Khó khăn %d", i), Text: "Chưa có kinh phí."}
					if err := s.CreateDifficulty(as(w.officerA), d); err != nil {
						t.Fatal(err)
					}
					members = append(members, d.ID)
				}
				if err := s.GroupDifficulties(coord, &ttdn.DifficultyGroup{Title: "Nhóm", Proposal: "Đề xuất.", MemberIDs: members}); err != nil {
					t.Fatal(err)
				}
			}
			before := sqlstore.Statements()
			list := mustGroups(t, s, coord)
			return sqlstore.Statements() - before, list
		}
		few, _ := statementsFor(1)
		many, list := statementsFor(4)
		if many != few || len(list) != 4 {
			t.Fatalf("%d statements for 1 group, %d for %d", few, many, len(list))
		}
		for _, g := range list {
			one, err := s.FindDifficultyGroupByID(coord, g.ID)
			if err != nil || !reflect.DeepEqual(one, g) {
				t.Fatalf("group %d in the list %+v, on its own %+v (%v)", g.ID, g, one, err)
			}
		}
		ds, _, err := s.FindDifficulties(coord, ttdn.DifficultyFilter{Limit: 100})
		if err != nil || len(ds) != 12 {
			t.Fatalf("%d difficulties, %v", len(ds), err)
		}
		for _, d := range ds {
			one, err := s.FindDifficultyGroupByID(coord, d.GroupID)
			if err != nil || !reflect.DeepEqual(one, d.Group) {
				t.Fatalf("difficulty %d's group %+v, on its own %+v (%v)", d.ID, d.Group, one, err)
			}
		}
	})
}

func mustGroups(t *testing.T, s *sqlstore.DifficultyService, ctx context.Context) []*ttdn.DifficultyGroup {
	t.Helper()
	list, _, err := s.FindDifficultyGroups(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	return list
}
