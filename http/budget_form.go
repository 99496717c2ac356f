package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// blankBudgetLines is how many empty rows the form offers: with
// JavaScript off, a unit adds lines by filling them and saving.
const blankBudgetLines = 3

// budgetForm is an estimate as typed; on any error it comes back as it was.
type budgetForm struct {
	ID                                              int64
	Version, Unit, Year, Plan, Title, Justification string
	Lines                                           []budgetLineForm
	Warnings                                        []ttdn.BudgetWarning
	Checked                                         bool // the warnings come from a check, nothing was saved
	Opts                                            *budgetOptions
}

// budgetLineForm is one line as typed.
type budgetLineForm struct {
	ID, Task, Activity, Item, Quantity, UOM, Price, Source, Amount string
}

// budgetOptions are the choices the form offers.
type budgetOptions struct {
	Units      []*ttdn.Unit
	Plans      []*ttdn.Plan
	Tasks      []*ttdn.Task
	Activities []*ttdn.Activity
	Sources    []ttdn.FundingSource
	// the pickers' options escaped once a page (options_html.go)
	taskOpts, activityOpts []optionHTML
}

// newBudgetForm fills the form from a stored estimate.
func newBudgetForm(e *ttdn.BudgetEstimate) *budgetForm {
	f := &budgetForm{ID: e.ID, Version: strconv.Itoa(e.Version), Unit: itoa(e.UnitID), Year: strconv.Itoa(e.Year),
		Plan: idOrEmpty(e.PlanID), Title: e.Title, Justification: e.Justification, Warnings: e.Warnings}
	for _, l := range e.Lines {
		f.Lines = append(f.Lines, budgetLineForm{ID: itoa(l.ID), Task: idOrEmpty(l.TaskID), Activity: idOrEmpty(l.ActivityID),
			Item: l.Item, Quantity: ttdn.Money(l.Quantity).Digits(), UOM: l.UnitOfMeasure, Price: l.UnitPrice.Digits(),
			Source: string(l.Source), Amount: l.Amount.String()})
	}
	f.pad()
	return f
}

func idOrEmpty(id int64) string {
	if id == 0 {
		return ""
	}
	return itoa(id)
}

func (f *budgetForm) pad() {
	for i := 0; i < blankBudgetLines; i++ {
		f.Lines = append(f.Lines, budgetLineForm{Source: string(ttdn.FundProvincial)})
	}
}

// budgetFormFrom reads the posted form; the line fields come as parallel
// lists, one entry per row.
func budgetFormFrom(r *http.Request, id int64) *budgetForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f := &budgetForm{ID: id, Version: v("version"), Unit: v("unit"), Year: v("year"), Plan: v("plan"), Title: v("title"),
		Justification: v("justification")}
	col := func(k string, i int) string {
		if list := r.PostForm[k]; i < len(list) {
			return strings.TrimSpace(list[i])
		}
		return ""
	}
	for i := range r.PostForm["item"] {
		l := budgetLineForm{ID: col("line_id", i), Task: col("task", i), Activity: col("activity", i), Item: col("item", i),
			Quantity: col("quantity", i), UOM: col("uom", i), Price: col("price", i), Source: col("source", i)}
		if l.Item == "" && l.Quantity == "" && l.Price == "" && l.UOM == "" {
			continue // a blank row
		}
		f.Lines = append(f.Lines, l)
	}
	return f
}

// estimate turns the form into an estimate; a field that does not parse is
// refused with its line number and a message saying why.
func (f *budgetForm) estimate() (*ttdn.BudgetEstimate, error) {
	e := &ttdn.BudgetEstimate{ID: f.ID, Title: f.Title, Justification: f.Justification}
	var err error
	if e.UnitID, err = formID(f.Unit); err != nil {
		return nil, err
	} else if e.PlanID, err = formID(f.Plan); err != nil {
		return nil, err
	}
	if y, yerr := parseYear(f.Year); yerr == nil && y != nil {
		e.Year = *y
	} else {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Năm dự toán %q không hợp lệ.", "Invalid year %q.", clipParam(f.Year))
	}
	for i, lf := range f.Lines {
		l, err := lf.line(i + 1)
		if err != nil {
			return nil, err
		}
		e.Lines = append(e.Lines, l)
	}
	return e, nil
}

func (lf budgetLineForm) line(n int) (*ttdn.BudgetLine, error) {
	l := &ttdn.BudgetLine{Item: lf.Item, UnitOfMeasure: lf.UOM, Source: ttdn.FundingSource(lf.Source)}
	var err error
	for _, p := range []struct {
		dst  *int64
		text string
	}{{&l.ID, lf.ID}, {&l.TaskID, lf.Task}, {&l.ActivityID, lf.Activity}} {
		if *p.dst, err = formID(p.text); err != nil {
			return nil, err
		}
	}
	if l.Quantity, err = ttdn.ParseQuantity(lf.Quantity); err != nil {
		return nil, lineError(n, err)
	}
	if l.UnitPrice, err = ttdn.ParseMoney(lf.Price); err != nil {
		return nil, lineError(n, err)
	}
	return l, nil
}

// lineError puts the line number in front of a field's message.
func lineError(n int, err error) error {
	return ttdn.Errorf(ttdn.EINVALID, "Dòng %[1]d: %[2]s", "Line %[1]d: %[3]s", n, ttdn.ErrorMessage(err, langVI), ttdn.ErrorMessage(err, langEN))
}

// optionalID reads an ID field; "" is 0.
func formID(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 0 {
		return 0, ttdn.Errorf(ttdn.EINVALID, "Mã số %q không hợp lệ.", "Invalid id %q.", s)
	}
	return id, nil
}

// update turns the form into an update of the estimate's content.
func (f *budgetForm) update() (ttdn.BudgetUpdate, error) {
	version, err := strconv.Atoi(f.Version)
	if err != nil {
		return ttdn.BudgetUpdate{}, ttdn.Errorf(ttdn.EINVALID, "Phiên bản biểu mẫu không hợp lệ.", "Invalid form version.")
	}
	e, err := f.estimate()
	if err != nil {
		return ttdn.BudgetUpdate{}, err
	}
	return ttdn.BudgetUpdate{Version: version, Title: &e.Title, Justification: &e.Justification, PlanID: &e.PlanID, Lines: &e.Lines}, nil
}
