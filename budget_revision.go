package ttdn

import (
	"strconv"
	"time"
)

// BudgetRevision is an estimate's content as it stood after one change.
// Revisions are kept for ever, so any two can be compared.
type BudgetRevision struct {
	Number        int           `json:"number"`
	At            time.Time     `json:"at"`
	UserID        int64         `json:"user_id"`
	Username      string        `json:"username"`
	Step          BudgetStep    `json:"step"`
	Status        BudgetStatus  `json:"status"`
	Title         string        `json:"title"`
	Justification string        `json:"justification"`
	Lines         []*BudgetLine `json:"lines"`
}

// FieldChange is one field's old and new value, as shown to a reader.
// Field is a code ("quantity", "unit_price"…) the UI translates.
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// Line change kinds.
const (
	LineAdded   = "added"
	LineRemoved = "removed"
	LineChanged = "changed"
)

// BudgetLineChange is what happened to one line between two revisions.
type BudgetLineChange struct {
	Kind   string        `json:"kind"`
	LineID int64         `json:"line_id"`
	Item   string        `json:"item"`
	Fields []FieldChange `json:"fields,omitempty"`
}

// BudgetDiff is what changed from one revision to another: the estimate's
// own fields, then each line added, removed or changed (matched by line ID).
type BudgetDiff struct {
	From   int                `json:"from"`
	To     int                `json:"to"`
	Fields []FieldChange      `json:"fields,omitempty"`
	Lines  []BudgetLineChange `json:"lines,omitempty"`
}

// Empty reports whether nothing changed.
func (d BudgetDiff) Empty() bool { return len(d.Fields) == 0 && len(d.Lines) == 0 }

// DiffBudgetRevisions compares revision a (older) with b (newer).
func DiffBudgetRevisions(a, b *BudgetRevision) BudgetDiff {
	d := BudgetDiff{From: a.Number, To: b.Number}
	d.Fields = fieldChanges(nil, "title", a.Title, b.Title)
	d.Fields = fieldChanges(d.Fields, "justification", a.Justification, b.Justification)
	old := map[int64]*BudgetLine{}
	for _, l := range a.Lines {
		old[l.ID] = l
	}
	seen := map[int64]bool{}
	for _, l := range b.Lines {
		prev, ok := old[l.ID]
		if !ok {
			d.Lines = append(d.Lines, BudgetLineChange{Kind: LineAdded, LineID: l.ID, Item: l.Item, Fields: lineFields(&BudgetLine{}, l, true)})
			continue
		}
		seen[l.ID] = true
		if f := lineFields(prev, l, false); len(f) > 0 {
			d.Lines = append(d.Lines, BudgetLineChange{Kind: LineChanged, LineID: l.ID, Item: l.Item, Fields: f})
		}
	}
	for _, l := range a.Lines {
		if !seen[l.ID] {
			d.Lines = append(d.Lines, BudgetLineChange{Kind: LineRemoved, LineID: l.ID, Item: l.Item})
		}
	}
	return d
}

// lineFields lists the fields that differ; all lists every non-empty field
// of b (an added line).
func lineFields(a, b *BudgetLine, all bool) []FieldChange {
	var out []FieldChange
	add := func(field, x, y string) {
		if x != y && (!all || y != "") {
			out = append(out, FieldChange{Field: field, Old: x, New: y})
		}
	}
	add("item", a.Item, b.Item)
	add("task", budgetIDText(a.TaskID), budgetIDText(b.TaskID))
	add("activity", budgetIDText(a.ActivityID), budgetIDText(b.ActivityID))
	add("quantity", budgetCountText(a.Quantity), budgetCountText(b.Quantity))
	add("unit_of_measure", a.UnitOfMeasure, b.UnitOfMeasure)
	add("unit_price", budgetMoneyText(&a.UnitPrice, !all), budgetMoneyText(&b.UnitPrice, true))
	add("amount", budgetMoneyText(&a.Amount, !all), budgetMoneyText(&b.Amount, true))
	add("source", a.Source.labelOrEmpty(), b.Source.labelOrEmpty())
	add("appraised", budgetMoneyText(a.Appraised, true), budgetMoneyText(b.Appraised, true))
	add("appraisal_comment", a.AppraisalComment, b.AppraisalComment)
	add("approved", budgetMoneyText(a.Approved, true), budgetMoneyText(b.Approved, true))
	return out
}

func fieldChanges(list []FieldChange, field, a, b string) []FieldChange {
	if a != b {
		list = append(list, FieldChange{Field: field, Old: a, New: b})
	}
	return list
}

func budgetIDText(id int64) string {
	if id == 0 {
		return ""
	}
	return "#" + strconv.FormatInt(id, 10)
}

func budgetCountText(n int64) string {
	if n == 0 {
		return ""
	}
	return Money(n).Digits()
}

func budgetMoneyText(m *Money, show bool) string {
	if m == nil || !show {
		return ""
	}
	return m.String()
}

func (f FundingSource) labelOrEmpty() string {
	if f == "" {
		return ""
	}
	return f.Label()
}

// BudgetWarning is something an estimate's author should look at before
// submitting; it never blocks a save. Line is the 1-based line number, 0
// for the estimate as a whole.
type BudgetWarning struct {
	Code      string `json:"code"`
	Line      int    `json:"line,omitempty"`
	Message   string `json:"message"`
	MessageEN string `json:"message_en"`
}

// Warning codes.
const (
	WarnLineWithoutTask   = "line_without_task"
	WarnAbovePreviousYear = "above_previous_year"
)

// BudgetWarnings returns the warnings of e given the unit's approved total
// of the previous year (previous < 0: there was none) and the threshold in
// percent. Integer arithmetic only: total×100 > previous×(100+threshold).
func BudgetWarnings(e *BudgetEstimate, previous Money, thresholdPercent int) []BudgetWarning {
	var out []BudgetWarning
	for i, l := range e.Lines {
		if !l.HasTarget() {
			out = append(out, BudgetWarning{Code: WarnLineWithoutTask, Line: i + 1,
				Message:   "Dòng " + strconv.Itoa(i+1) + " (" + l.Item + ") chưa gắn với nhiệm vụ hoặc hoạt động nào của kế hoạch.",
				MessageEN: "Line " + strconv.Itoa(i+1) + " (" + l.Item + ") is not linked to a task or activity of the plan."})
		}
	}
	total, err := e.Total()
	if err != nil || previous <= 0 {
		return out
	}
	if int64(total)*100 > int64(previous)*int64(100+thresholdPercent) {
		pct := strconv.FormatInt(PercentOf(total, previous)-100, 10)
		out = append(out, BudgetWarning{Code: WarnAbovePreviousYear,
			Message: "Tổng dự toán " + total.String() + " cao hơn " + pct + "% so với tổng được phê duyệt năm " + strconv.Itoa(e.Year-1) +
				" (" + previous.String() + "), vượt ngưỡng " + strconv.Itoa(thresholdPercent) + "%.",
			MessageEN: "The total " + total.String() + " is " + pct + "% above the total approved for " + strconv.Itoa(e.Year-1) +
				" (" + previous.String() + "), over the " + strconv.Itoa(thresholdPercent) + "% threshold."})
	}
	return out
}
