package ttdn

// Action is what a user wants to do with a record.
type Action string

const (
	ActionRead   Action = "read"
	ActionCreate Action = "create"
	ActionUpdate Action = "update"
	ActionDelete Action = "delete"
	// ActionAmend changes what a task asks and of whom: its text, units,
	// deadline and level. Only coordinators amend; a unit officer reports
	// progress (ActionUpdate) on what it was assigned, never rewrites it.
	ActionAmend Action = "amend"
)

// ResourceKind names the kind of record an action touches.
type ResourceKind string

const (
	ResourcePlan           ResourceKind = "plan"
	ResourceTask           ResourceKind = "task"
	ResourceResponsibility ResourceKind = "responsibility"
	ResourceUnit           ResourceKind = "unit"
	ResourceUser           ResourceKind = "user"
	ResourceToken          ResourceKind = "token"
	ResourceAudit          ResourceKind = "audit"
	ResourceActivity       ResourceKind = "activity"
	ResourceChannel        ResourceKind = "channel"
	ResourceContact        ResourceKind = "contact"
	ResourceTheme          ResourceKind = "theme"
)

// Resource is what the policy needs to know about a record: its kind, its
// classification, the units it involves, and the user it belongs to (for
// users and tokens).
type Resource struct {
	Kind           ResourceKind
	Classification Classification
	UnitIDs        []int64
	OwnerUserID    int64
}

// Can is the access policy: the one function that decides whether u may do
// act on r. Every read and write in ttdn, through the UI, the API, search,
// exports or feeds, is decided here (lists use ReadScope, which follows the
// same rules and is tested against Can).
//
// The rules, by classification:
//   - public records are readable by anyone, even without logging in;
//   - internal records by every logged-in user;
//   - secret records only by coordinators and leaders, and by users whose unit
//     (or a unit below it) the record involves. IT administrators manage
//     accounts, not content: they have no blanket right to secrets.
//
// Writes need the read right first, then a role: coordinators write plans,
// tasks and units; a unit officer updates the tasks of the units in scope;
// administrators manage units, users and tokens.
func Can(u *User, act Action, r Resource) bool {
	if u != nil && u.system {
		return true
	}
	if u == nil || u.Disabled {
		return act == ActionRead && r.Classification == Public && publicKind(r.Kind)
	}
	if !canRead(u, r) {
		return false
	}
	if act == ActionRead {
		return true
	}
	switch r.Kind {
	case ResourceUnit:
		return u.Role == RoleAdmin || u.Role == RoleCoordinator
	case ResourceUser, ResourceToken:
		return u.Role == RoleAdmin
	case ResourceSettings:
		return u.Role == RoleAdmin || u.Role == RoleCoordinator
	case ResourceProvince, ResourceWebhook:
		return u.Role == RoleAdmin
	case ResourcePlan, ResourceResponsibility:
		return u.Role == RoleCoordinator
	case ResourceTask:
		if u.Role == RoleCoordinator {
			return true
		}
		return act == ActionUpdate && u.Role == RoleUnitOfficer && anyInScope(u, r.UnitIDs)
	case ResourceActivity, ResourceContact:
		// A unit logs its own activities and names its own contacts.
		return u.Role == RoleCoordinator || u.Role == RoleUnitOfficer && anyInScope(u, r.UnitIDs)
	case ResourceChannel, ResourceTheme:
		return u.Role == RoleAdmin || u.Role == RoleCoordinator
	case ResourceBudget:
		return canWriteBudget(u, r)
	case ResourceDifficulty:
		return canWriteDifficulty(u, r)
	case ResourcePressSource, ResourceArticle, ResourceWatchTerm, ResourcePressReview:
		return canWritePress(u, r)
	case ResourceCase:
		return canWriteCase(u, act, r)
	case ResourceUnitReport:
		return len(r.UnitIDs) == 1 && CanReport(u, ActEdit, r.UnitIDs[0])
	case ResourcePublication:
		// What the province shows the public is the coordinator's decision.
		return u.Role == RoleCoordinator
	}
	return false
}

func canRead(u *User, r Resource) bool {
	switch r.Kind {
	case ResourceUser, ResourceToken:
		return u.Role == RoleAdmin || u.Role == RoleCoordinator || r.OwnerUserID == u.ID
	case ResourceAudit, ResourceAccountRequest:
		return u.Role == RoleAdmin || u.Role == RoleLeader
	case ResourceUnitReport:
		// A unit's report is read by its own officers, the coordinator and
		// the leaders (CanReport): the readers of a secret record of that
		// unit too, so the classification it inherits narrows nothing.
		return len(r.UnitIDs) == 1 && CanReport(u, ActRead, r.UnitIDs[0])
	case ResourceWebhook: // endpoints and their secrets: the IT staff's
		return u.Role == RoleAdmin
	}
	s := ReadScope(u, r.Kind)
	if r.Classification <= s.Max {
		return true
	}
	return anyInScope(u, r.UnitIDs) && r.Classification <= s.MaxInScope
}

func publicKind(k ResourceKind) bool {
	return k == ResourcePlan || k == ResourceTask || k == ResourceResponsibility || k == ResourceUnit ||
		k == ResourceActivity || k == ResourceChannel || k == ResourceTheme
}

func anyInScope(u *User, ids []int64) bool {
	for _, id := range ids {
		if u.InScope(id) {
			return true
		}
	}
	return false
}

// Scope is ReadScope's answer in a form a query can use: a record is readable
// when its classification is at most Max, or at most MaxInScope and it
// involves one of UnitIDs.
type Scope struct {
	Max        Classification
	MaxInScope Classification
	UnitIDs    []int64
	None       bool // nothing is readable (e.g. an anonymous user and a non-public kind)
}

// ReadScope returns the records of kind k that u may read, for list queries.
// It encodes the same rules as Can; policy_test.go checks they agree.
func ReadScope(u *User, k ResourceKind) Scope {
	if u != nil && u.system {
		return Scope{Max: Secret, MaxInScope: Secret}
	}
	if u == nil || u.Disabled {
		if !publicKind(k) {
			return Scope{None: true}
		}
		return Scope{Max: Public, MaxInScope: Public}
	}
	scope := append([]int64{u.UnitID}, u.ScopeUnitIDs...)
	if k == ResourceBudget || k == ResourceDifficulty {
		return ownUnitsScope(u, k, scope)
	}
	if pressKind(k) {
		return pressScope(u)
	}
	if k == ResourceCase {
		return caseScope(u, scope)
	}
	switch u.Role {
	case RoleCoordinator, RoleLeader:
		return Scope{Max: Secret, MaxInScope: Secret, UnitIDs: scope}
	}
	return Scope{Max: Internal, MaxInScope: Secret, UnitIDs: scope}
}
