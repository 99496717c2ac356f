package http

import "ttdn"

// Labels of the budget and difficulty enums in the page's language.

// BudgetStatus labels an estimate's status.
func (p *page) BudgetStatus(s ttdn.BudgetStatus) string {
	return label(p.Lang, "budget_status", s, string(s))
}

// BudgetStep labels a workflow step.
func (p *page) BudgetStep(s ttdn.BudgetStep) string {
	return label(p.Lang, "budget_step", s, string(s))
}

// FundingSource labels a funding source.
func (p *page) FundingSource(f ttdn.FundingSource) string {
	return label(p.Lang, "funding_source", f, string(f))
}

// DifficultyStatus labels a difficulty's status.
func (p *page) DifficultyStatus(s ttdn.DifficultyStatus) string {
	return label(p.Lang, "difficulty_status", s, string(s))
}

// BudgetField names a field of a revision diff.
func (p *page) BudgetField(code string) string { return p.T("budget.field." + code) }

// WarningText is a budget warning in the page's language.
func (p *page) WarningText(w ttdn.BudgetWarning) string {
	if p.Lang == langEN {
		return w.MessageEN
	}
	return w.Message
}

// IsFinance reports whether the user appraises budgets (menus only; the
// services decide).
func (p *page) IsFinance() bool { return p.User != nil && p.User.Role == ttdn.RoleFinance }

// IsUnitOfficer reports whether the user is a unit's officer.
func (p *page) IsUnitOfficer() bool { return p.User != nil && p.User.Role == ttdn.RoleUnitOfficer }
