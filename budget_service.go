package ttdn

import "context"

// BudgetTotals are the money figures of a unit (and the units below it) in a
// period, as indicator 12 of the periodic reports counts them.
type BudgetTotals struct {
	Estimated Money `json:"estimated"` // estimates first submitted in the period
	Appraised Money `json:"appraised"` // estimates forwarded after appraisal in the period
	Approved  Money `json:"approved"`  // approving decisions dated in the period
	Allocated Money `json:"allocated"` // allocations dated in the period
	Spent     Money `json:"spent"`     // spending dated in the period
}

// BudgetGroupBy is the dimension a budget summary is totalled by.
type BudgetGroupBy string

// Summary dimensions.
const (
	BudgetByUnitGroup   BudgetGroupBy = "unit"
	BudgetByTaskGroup   BudgetGroupBy = "task"
	BudgetByThemeGroup  BudgetGroupBy = "theme"
	BudgetBySourceGroup BudgetGroupBy = "source"
	BudgetByYearGroup   BudgetGroupBy = "year"
)

// BudgetGroupBys lists the dimensions in display order.
var BudgetGroupBys = []BudgetGroupBy{BudgetByUnitGroup, BudgetByTaskGroup, BudgetByThemeGroup, BudgetBySourceGroup, BudgetByYearGroup}

// BudgetSummaryFilter selects the submitted estimates a summary totals.
type BudgetSummaryFilter struct {
	By     BudgetGroupBy
	Year   *int
	UnitID *int64
}

// BudgetSummaryRow is one group's figures. A line whose task carries
// several themes counts in each of them, so theme rows may add up to more
// than the whole.
type BudgetSummaryRow struct {
	Key       string `json:"key"`
	Label     string `json:"label"`
	Estimated Money  `json:"estimated"`
	Appraised Money  `json:"appraised"`
	Approved  Money  `json:"approved"`
	Allocated Money  `json:"allocated"`
	Spent     Money  `json:"spent"`
}

// Add adds line figures to the row, refusing an overflow.
func (r *BudgetSummaryRow) Add(l *BudgetLine) error {
	for _, p := range []struct {
		dst *Money
		v   Money
	}{{&r.Estimated, l.Amount}, {&r.Appraised, moneyOrZero(l.Appraised)}, {&r.Approved, moneyOrZero(l.Approved)},
		{&r.Allocated, l.Allocated}, {&r.Spent, l.Spent}} {
		sum, err := AddMoney(*p.dst, p.v)
		if err != nil {
			return err
		}
		*p.dst = sum
	}
	return nil
}

// BudgetService keeps budget estimates through their workflow.
type BudgetService interface {
	FindBudgetEstimateByID(ctx context.Context, id int64) (*BudgetEstimate, error)
	FindBudgetEstimates(ctx context.Context, filter BudgetFilter) ([]*BudgetEstimate, int, error)
	// CreateBudgetEstimate stores a draft as revision 1.
	CreateBudgetEstimate(ctx context.Context, e *BudgetEstimate) error
	// UpdateBudgetEstimate changes a draft (or a returned estimate) and
	// stores the result as a new revision.
	UpdateBudgetEstimate(ctx context.Context, id int64, upd BudgetUpdate) (*BudgetEstimate, error)
	// CheckBudgetEstimate returns the warnings of an estimate not yet saved.
	CheckBudgetEstimate(ctx context.Context, e *BudgetEstimate) ([]BudgetWarning, error)
	// AppraiseBudgetEstimate records appraised amounts (a new revision).
	AppraiseBudgetEstimate(ctx context.Context, id int64, a BudgetAppraisal) (*BudgetEstimate, error)
	// AdvanceBudgetEstimate submits, returns, forwards or approves.
	AdvanceBudgetEstimate(ctx context.Context, id int64, adv BudgetAdvance) (*BudgetEstimate, error)
	// RecordBudgetEntry records an allocation or spending on an approved
	// line, refusing a total above the line's approved amount.
	RecordBudgetEntry(ctx context.Context, en *BudgetEntry) error
	FindBudgetEntries(ctx context.Context, estimateID int64) ([]*BudgetEntry, error)
	FindBudgetRevisions(ctx context.Context, estimateID int64) ([]*BudgetRevision, error)
	FindBudgetEvents(ctx context.Context, estimateID int64) ([]*BudgetEvent, error)

	AddBudgetAttachment(ctx context.Context, estimateID int64, files ...*Attachment) error
	FindBudgetAttachments(ctx context.Context, estimateID int64) ([]*Attachment, error)
	// FindBudgetAttachment returns one attachment of the estimate, with Data.
	FindBudgetAttachment(ctx context.Context, estimateID, id int64) (*Attachment, error)

	FindBudgetSummary(ctx context.Context, filter BudgetSummaryFilter) ([]BudgetSummaryRow, error)
	// BudgetTotals feeds indicator 12: unitID 0 means every unit the user
	// may read; a zero from or to leaves that end open.
	BudgetTotals(ctx context.Context, unitID int64, from, to Date) (BudgetTotals, error)

	FindBudgetSettings(ctx context.Context) (BudgetSettings, error)
	UpdateBudgetSettings(ctx context.Context, s BudgetSettings) (BudgetSettings, error)
}

// canWriteBudget is the write rule of budget estimates: a unit officer
// for the units in scope, the finance agency for every unit. Whose turn it
// is within the workflow is CheckBudgetStep's to say.
func canWriteBudget(u *User, r Resource) bool {
	return u.Role == RoleFinance || u.Role == RoleUnitOfficer && anyInScope(u, r.UnitIDs)
}

// ownUnitsScope is the read scope of budget estimates and difficulties:
// coordinators and leaders read all, the finance agency every estimate,
// everyone else the records of their own units only. Budget estimates are
// always internal, so Max Public admits none of another unit's.
func ownUnitsScope(u *User, k ResourceKind, units []int64) Scope {
	if u.Role == RoleCoordinator || u.Role == RoleLeader || u.Role == RoleFinance && k == ResourceBudget {
		return Scope{Max: Secret, MaxInScope: Secret, UnitIDs: units}
	}
	return Scope{Max: Public, MaxInScope: Secret, UnitIDs: units}
}

// AddRow adds another row's figures, refusing an overflow.
func (r *BudgetSummaryRow) AddRow(o BudgetSummaryRow) error {
	return r.Add(&BudgetLine{Amount: o.Estimated, Appraised: &o.Appraised, Approved: &o.Approved, Allocated: o.Allocated, Spent: o.Spent})
}
