package ttdn_test

import (
	"fmt"
	"testing"

	"ttdn"
)

// users returns one user per role, all in unit 10 whose scope includes unit 11
// (a unit below it), plus an anonymous (nil) and a disabled user.
func policyUsers() map[string]*ttdn.User {
	m := map[string]*ttdn.User{"anonymous": nil}
	for i, r := range ttdn.Roles {
		m[string(r)] = &ttdn.User{ID: int64(i + 1), Username: string(r), Role: r, UnitID: 10, ScopeUnitIDs: []int64{11}}
	}
	m["disabled"] = &ttdn.User{ID: 99, Username: "off", Role: ttdn.RoleCoordinator, UnitID: 10, Disabled: true}
	return m
}

func TestCanReadByClassification(t *testing.T) {
	own := []int64{11} // a unit below the users' unit
	other := []int64{20}
	tests := []struct {
		who   string
		class ttdn.Classification
		units []int64
		want  bool
	}{
		{"anonymous", ttdn.Public, other, true},
		{"anonymous", ttdn.Internal, other, false},
		{"anonymous", ttdn.Secret, own, false},
		{"disabled", ttdn.Internal, own, false},
		{"unit_officer", ttdn.Internal, other, true},
		{"unit_officer", ttdn.Secret, other, false},
		{"unit_officer", ttdn.Secret, own, true},
		{"finance", ttdn.Secret, other, false},
		{"monitor", ttdn.Secret, other, false},
		{"admin", ttdn.Secret, other, false}, // IT staff have no blanket right to secrets
		{"admin", ttdn.Secret, own, true},
		{"coordinator", ttdn.Secret, other, true},
		{"leader", ttdn.Secret, other, true},
	}
	users := policyUsers()
	for _, tt := range tests {
		r := ttdn.Resource{Kind: ttdn.ResourceTask, Classification: tt.class, UnitIDs: tt.units}
		if got := ttdn.Can(users[tt.who], ttdn.ActionRead, r); got != tt.want {
			t.Errorf("%s read %s task of units %v = %v, want %v", tt.who, tt.class, tt.units, got, tt.want)
		}
	}
}

func TestCanWrite(t *testing.T) {
	users := policyUsers()
	task := func(units ...int64) ttdn.Resource {
		return ttdn.Resource{Kind: ttdn.ResourceTask, Classification: ttdn.Internal, UnitIDs: units}
	}
	budget := func(units ...int64) ttdn.Resource {
		return ttdn.Resource{Kind: ttdn.ResourceBudget, Classification: ttdn.Internal, UnitIDs: units}
	}
	rebuttal := func(c ttdn.Classification, units ...int64) ttdn.Resource {
		return ttdn.Resource{Kind: ttdn.ResourceCase, Classification: c, UnitIDs: units}
	}
	difficulty := func(units ...int64) ttdn.Resource {
		return ttdn.Resource{Kind: ttdn.ResourceDifficulty, Classification: ttdn.Internal, UnitIDs: units}
	}
	tests := []struct {
		who  string
		act  ttdn.Action
		r    ttdn.Resource
		want bool
	}{
		{"unit_officer", ttdn.ActionUpdate, task(10), true},
		{"unit_officer", ttdn.ActionUpdate, task(11), true},
		{"unit_officer", ttdn.ActionUpdate, task(20), false},
		{"unit_officer", ttdn.ActionCreate, task(10), false},
		{"unit_officer", ttdn.ActionDelete, task(10), false},
		{"coordinator", ttdn.ActionCreate, task(20), true},
		{"leader", ttdn.ActionUpdate, task(10), false},
		{"admin", ttdn.ActionUpdate, task(20), false},
		{"anonymous", ttdn.ActionUpdate, ttdn.Resource{Kind: ttdn.ResourceTask}, false},
		{"coordinator", ttdn.ActionCreate, ttdn.Resource{Kind: ttdn.ResourcePlan, Classification: ttdn.Internal}, true},
		{"unit_officer", ttdn.ActionCreate, ttdn.Resource{Kind: ttdn.ResourcePlan, Classification: ttdn.Internal}, false},
		{"admin", ttdn.ActionCreate, ttdn.Resource{Kind: ttdn.ResourceUser}, true},
		{"coordinator", ttdn.ActionCreate, ttdn.Resource{Kind: ttdn.ResourceUser}, false},
		{"coordinator", ttdn.ActionRead, ttdn.Resource{Kind: ttdn.ResourceUser, OwnerUserID: 77}, true},
		{"unit_officer", ttdn.ActionRead, ttdn.Resource{Kind: ttdn.ResourceUser, OwnerUserID: 77}, false},
		{"unit_officer", ttdn.ActionRead, ttdn.Resource{Kind: ttdn.ResourceUser, OwnerUserID: 3}, true}, // itself
		{"admin", ttdn.ActionUpdate, ttdn.Resource{Kind: ttdn.ResourceUnit, Classification: ttdn.Public}, true},
		{"monitor", ttdn.ActionUpdate, ttdn.Resource{Kind: ttdn.ResourceUnit, Classification: ttdn.Public}, false},
		{"leader", ttdn.ActionRead, ttdn.Resource{Kind: ttdn.ResourceAudit}, true},
		{"coordinator", ttdn.ActionRead, ttdn.Resource{Kind: ttdn.ResourceAudit}, false},
		// Budget estimates: a unit its own, finance all; coordinators and leaders read.
		{"unit_officer", ttdn.ActionUpdate, budget(11), true},
		{"unit_officer", ttdn.ActionRead, budget(20), false},
		{"unit_officer", ttdn.ActionUpdate, budget(20), false},
		{"finance", ttdn.ActionUpdate, budget(20), true},
		{"finance", ttdn.ActionRead, budget(20), true},
		{"coordinator", ttdn.ActionRead, budget(20), true},
		{"coordinator", ttdn.ActionUpdate, budget(20), false},
		{"leader", ttdn.ActionRead, budget(20), true},
		{"leader", ttdn.ActionUpdate, budget(10), false},
		{"admin", ttdn.ActionRead, budget(20), false},
		{"monitor", ttdn.ActionRead, budget(20), false},
		// Difficulties: a unit raises its own, the coordinator handles all.
		{"unit_officer", ttdn.ActionCreate, difficulty(10), true},
		{"unit_officer", ttdn.ActionRead, difficulty(20), false},
		{"coordinator", ttdn.ActionUpdate, difficulty(20), true},
		{"leader", ttdn.ActionRead, difficulty(20), true},
		{"leader", ttdn.ActionUpdate, difficulty(20), false},
		{"finance", ttdn.ActionRead, difficulty(20), false},
		{"anonymous", ttdn.ActionRead, difficulty(20), false},
		// Press monitoring: monitors, coordinators and leaders read; monitors
		// and coordinators manage sources, watch terms and reviews.
		{"monitor", ttdn.ActionRead, ttdn.PressResource(ttdn.ResourceArticle), true},
		{"leader", ttdn.ActionRead, ttdn.PressResource(ttdn.ResourceArticle), true},
		{"unit_officer", ttdn.ActionRead, ttdn.PressResource(ttdn.ResourceArticle), false},
		{"admin", ttdn.ActionRead, ttdn.PressResource(ttdn.ResourceArticle), false},
		{"anonymous", ttdn.ActionRead, ttdn.PressResource(ttdn.ResourceArticle), false},
		{"monitor", ttdn.ActionUpdate, ttdn.PressResource(ttdn.ResourceArticle), false},
		{"monitor", ttdn.ActionCreate, ttdn.PressResource(ttdn.ResourcePressSource), true},
		{"coordinator", ttdn.ActionUpdate, ttdn.PressResource(ttdn.ResourceWatchTerm), true},
		{"monitor", ttdn.ActionUpdate, ttdn.PressResource(ttdn.ResourcePressReview), true},
		{"leader", ttdn.ActionUpdate, ttdn.PressResource(ttdn.ResourcePressReview), false},
		{"unit_officer", ttdn.ActionCreate, ttdn.PressResource(ttdn.ResourcePressSource), false},
		// Rebuttal cases: monitors and the coordinator open and assign them;
		// the people of its units work on it; the coordinator and leaders
		// approve responses; secret cases stay with their units.
		{"monitor", ttdn.ActionCreate, rebuttal(ttdn.Internal), true},
		{"coordinator", ttdn.ActionAssign, rebuttal(ttdn.Internal, 20), true},
		{"unit_officer", ttdn.ActionCreate, rebuttal(ttdn.Internal, 10), false},
		{"unit_officer", ttdn.ActionAssign, rebuttal(ttdn.Internal, 10), false},
		{"unit_officer", ttdn.ActionRead, rebuttal(ttdn.Internal, 20), false},
		{"unit_officer", ttdn.ActionRead, rebuttal(ttdn.Public, 20), true},
		{"unit_officer", ttdn.ActionUpdate, rebuttal(ttdn.Secret, 20, 11), true},
		{"unit_officer", ttdn.ActionApprove, rebuttal(ttdn.Internal, 11), false},
		{"monitor", ttdn.ActionRead, rebuttal(ttdn.Secret, 20), false},
		{"monitor", ttdn.ActionUpdate, rebuttal(ttdn.Secret, 10), true},
		{"monitor", ttdn.ActionApprove, rebuttal(ttdn.Internal, 10), false},
		{"leader", ttdn.ActionApprove, rebuttal(ttdn.Secret, 20), true},
		{"leader", ttdn.ActionUpdate, rebuttal(ttdn.Internal, 20), false},
		{"coordinator", ttdn.ActionApprove, rebuttal(ttdn.Secret, 20), true},
		{"coordinator", ttdn.ActionDelete, rebuttal(ttdn.Internal, 20), false},
		{"finance", ttdn.ActionRead, rebuttal(ttdn.Internal, 20), false},
		{"admin", ttdn.ActionRead, rebuttal(ttdn.Secret, 20), false},
		{"anonymous", ttdn.ActionRead, rebuttal(ttdn.Public, 20), false},
	}
	for _, tt := range tests {
		if got := ttdn.Can(users[tt.who], tt.act, tt.r); got != tt.want {
			t.Errorf("%s %s %+v = %v, want %v", tt.who, tt.act, tt.r, got, tt.want)
		}
	}
	if !ttdn.Can(ttdn.SystemUser, ttdn.ActionDelete, ttdn.Resource{Kind: ttdn.ResourcePlan, Classification: ttdn.Secret}) {
		t.Error("the system user must be able to do anything")
	}
}

// TestReadScopeAgreesWithCan checks that the scope list queries use admits
// exactly the records Can admits, for every user, kind, level and unit set.
func TestReadScopeAgreesWithCan(t *testing.T) {
	kinds := []ttdn.ResourceKind{ttdn.ResourcePlan, ttdn.ResourceTask, ttdn.ResourceResponsibility, ttdn.ResourceUnit,
		ttdn.ResourceBudget, ttdn.ResourceDifficulty,
		ttdn.ResourcePressSource, ttdn.ResourceArticle, ttdn.ResourceWatchTerm, ttdn.ResourcePressReview, ttdn.ResourceCase}
	unitSets := [][]int64{nil, {10}, {11}, {20}, {20, 11}}
	for who, u := range policyUsers() {
		for _, k := range kinds {
			s := ttdn.ReadScope(u, k)
			for _, c := range ttdn.Classifications {
				for _, units := range unitSets {
					r := ttdn.Resource{Kind: k, Classification: c, UnitIDs: units}
					if got, want := scopeAdmits(s, r), ttdn.Can(u, ttdn.ActionRead, r); got != want {
						t.Errorf("%s %s: scope %+v admits %v %s of units %v, Can says %v", who, k, s, got, c, units, want)
					}
				}
			}
		}
	}
}

// scopeAdmits evaluates a Scope the way a SQL WHERE clause built from it does.
func scopeAdmits(s ttdn.Scope, r ttdn.Resource) bool {
	if s.None {
		return false
	} else if r.Classification <= s.Max {
		return true
	} else if r.Classification > s.MaxInScope {
		return false
	}
	for _, id := range r.UnitIDs {
		for _, sid := range s.UnitIDs {
			if id == sid {
				return true
			}
		}
	}
	return false
}

func ExampleClassification_Label() {
	fmt.Println(ttdn.Secret.Label(), ttdn.Internal, ttdn.Public.Label())
	// Output: Mật internal Công khai
}
