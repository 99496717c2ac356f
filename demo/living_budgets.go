package demo

import (
	"context"
	"fmt"
	"strconv"

	"ttdn"
	"ttdn/sqlstore"
)

// budgetFate is how far an estimate has come on the demo's today.
type budgetFate int

const (
	budgetDraft      budgetFate = iota
	budgetWaiting               // submitted, not yet looked at
	budgetAppraising            // submitted, some lines appraised
	budgetReturned              // returned to the unit for revision
	budgetForwarded             // appraised, waiting for the decision
	budgetApproved              // approved, money allocated and partly spent
)

// livingBudgets are the year's estimates, one at each step of the
// workflow: the demo officer's was returned, the finance officer has one
// in appraisal and one untouched, the leader one to approve.
var livingBudgets = []struct {
	code, title string
	fate        budgetFate
	lines       []ttdn.BudgetLine
}{
	{"so-ngoai-vu", "Dự toán kinh phí đón tiếp phóng viên nước ngoài năm %d", budgetReturned, []ttdn.BudgetLine{
		{Item: "Thuê xe đưa đón đoàn phóng viên", Quantity: 6, UnitOfMeasure: "ngày", UnitPrice: 2_500_000},
		{Item: "Phiên dịch tiếng Anh, tiếng Khmer", Quantity: 10, UnitOfMeasure: "buổi", UnitPrice: 1_800_000},
		{Item: "Tài liệu giới thiệu tỉnh (song ngữ)", Quantity: 300, UnitOfMeasure: "bộ", UnitPrice: 45_000}}},
	{"so-vhttdl", "Dự toán kinh phí thực hiện Kế hoạch thông tin đối ngoại năm %d", budgetAppraising, []ttdn.BudgetLine{
		{Item: "Tập huấn nghiệp vụ thông tin đối ngoại", Quantity: 2, UnitOfMeasure: "lớp", UnitPrice: 45_000_000},
		{Item: "Sản xuất video quảng bá du lịch (tiếng Anh)", Quantity: 1, UnitOfMeasure: "video", UnitPrice: 120_000_000},
		{Item: "Tờ rơi song ngữ Việt – Khmer", Quantity: 10_000, UnitOfMeasure: "tờ", UnitPrice: 3_500},
		{Item: "Cập nhật trang thông tin đối ngoại của tỉnh", Quantity: 12, UnitOfMeasure: "tháng", UnitPrice: 6_000_000}}},
	{"bao-tay-ninh", "Dự toán kinh phí chuyên trang thông tin đối ngoại năm %d", budgetWaiting, []ttdn.BudgetLine{
		{Item: "Nhuận bút tin, bài chuyên trang", Quantity: 48, UnitOfMeasure: "kỳ", UnitPrice: 4_200_000},
		{Item: "Dịch thuật sang tiếng Anh", Quantity: 48, UnitOfMeasure: "kỳ", UnitPrice: 1_500_000}}},
	{"dai-ptth", "Dự toán sản xuất chương trình truyền hình đối ngoại năm %d", budgetForwarded, []ttdn.BudgetLine{
		{Item: "Sản xuất chương trình tiếng Khmer", Quantity: 24, UnitOfMeasure: "chương trình", UnitPrice: 9_500_000},
		{Item: "Phóng sự tài liệu về biên giới hữu nghị", Quantity: 4, UnitOfMeasure: "phóng sự", UnitPrice: 25_000_000}}},
	{"bdbp", "Dự toán tuyên truyền đối ngoại tại khu vực biên giới năm %d", budgetApproved, []ttdn.BudgetLine{
		{Item: "Pa nô, áp phích tại đồn biên phòng", Quantity: 20, UnitOfMeasure: "bộ", UnitPrice: 3_000_000},
		{Item: "Tuyên truyền lưu động tại xã biên giới", Quantity: 16, UnitOfMeasure: "buổi", UnitPrice: 4_000_000}}},
	{"so-cong-thuong", "Dự toán xúc tiến thương mại biên giới năm %d", budgetDraft, []ttdn.BudgetLine{
		{Item: "Gian hàng hội chợ thương mại Việt Nam – Campuchia", Quantity: 1, UnitOfMeasure: "gian", UnitPrice: 85_000_000}}},
}

// budgetSteps schedules the year's estimates through their workflow,
// unless the year has estimates of the plan already.
func (l *living) budgetSteps(ctx context.Context) error {
	svc := sqlstore.NewBudgetService(l.db)
	year := l.cal.Year
	found, _, err := svc.FindBudgetEstimates(ctx, ttdn.BudgetFilter{Year: &year, Limit: 500})
	if err != nil {
		return err
	}
	for _, e := range found {
		if e.PlanID == l.plan.ID {
			return nil
		}
	}
	c := l.cal
	for i, b := range livingBudgets {
		u := l.unit(b.code)
		if u == nil {
			continue
		}
		e := &ttdn.BudgetEstimate{UnitID: u.ID, Year: year, PlanID: l.plan.ID, Title: fmt.Sprintf(b.title, year),
			Justification: "Thực hiện Kế hoạch " + l.plan.Number + " của UBND tỉnh về công tác thông tin đối ngoại năm " + strconv.Itoa(year) + "."}
		task := l.taskOf(u.ID)
		for _, line := range b.lines {
			line.Source, line.TaskID = ttdn.FundProvincial, task
			e.Lines = append(e.Lines, &line)
		}
		unitCtx := func(ctx context.Context) context.Context {
			if b.code == "so-ngoai-vu" {
				return l.as(ctx, "ngoaivu")
			}
			return ctx
		}
		// Drafted in the plan's first weeks; the later steps walk towards
		// today, the waiting ones sent in the last fortnight.
		drafted := c.between(c.Issued, c.Today, 0.15+0.05*float64(i))
		sent := c.between(drafted, c.Today, 0.3)
		if b.fate == budgetWaiting || b.fate == budgetAppraising || b.fate == budgetReturned {
			sent = c.between(drafted, c.Today, 0.85)
		}
		steps := []struct {
			day  ttdn.Date
			upto budgetFate // the step happens when the fate is at least this far
			do   func(ctx context.Context) error
		}{
			{drafted, budgetDraft, func(ctx context.Context) error { return svc.CreateBudgetEstimate(unitCtx(ctx), e) }},
			{sent, budgetWaiting, func(ctx context.Context) error { return l.advance(unitCtx(ctx), e, ttdn.StepSubmit, "") }},
			{c.between(sent, c.Today, 0.4), budgetAppraising, func(ctx context.Context) error { return l.appraise(ctx, e, b.fate == budgetAppraising) }},
			{c.between(sent, c.Today, 0.6), budgetForwarded, func(ctx context.Context) error {
				return l.advance(l.as(ctx, "taichinh"), e, ttdn.StepForward, "Đã thẩm định; đề nghị UBND tỉnh phê duyệt.")
			}},
			{c.between(sent, c.Today, 0.7), budgetApproved, func(ctx context.Context) error { return l.approve(ctx, e) }},
		}
		for k, s := range steps {
			if b.fate < s.upto || b.fate == budgetReturned && s.upto > budgetAppraising {
				continue
			}
			l.add(l.before(c.at(s.day, 10+k, 5*i), 120-k), s.do)
		}
		if b.fate == budgetReturned {
			l.add(l.before(c.at(c.between(sent, c.Today, 0.6), 15, 0), 100), func(ctx context.Context) error {
				return l.advance(l.as(ctx, "taichinh"), e, ttdn.StepReturn,
					"Đề nghị làm rõ số ngày thuê xe và căn cứ định mức chi phiên dịch theo quy định hiện hành.")
			})
		}
	}
	return nil
}

// advance moves e by step as ctx's user and keeps its new version.
func (l *living) advance(ctx context.Context, e *ttdn.BudgetEstimate, step ttdn.BudgetStep, note string) error {
	return l.advanceWith(ctx, e, ttdn.BudgetAdvance{Step: step, Note: note})
}

func (l *living) advanceWith(ctx context.Context, e *ttdn.BudgetEstimate, adv ttdn.BudgetAdvance) error {
	adv.Version = e.Version
	got, err := sqlstore.NewBudgetService(l.db).AdvanceBudgetEstimate(ctx, e.ID, adv)
	if err == nil {
		*e = *got
	}
	return err
}

// appraise records the finance agency's amounts: every line, or only the
// first when the appraisal is still under way.
func (l *living) appraise(ctx context.Context, e *ttdn.BudgetEstimate, partly bool) error {
	a := ttdn.BudgetAppraisal{Version: e.Version}
	for i, line := range e.Lines {
		if partly && i > 0 {
			break
		}
		amount, comment := line.Amount, ""
		if i%2 == 1 {
			amount, comment = line.Amount*9/10, "Điều chỉnh theo định mức chi hiện hành."
		}
		a.Lines = append(a.Lines, ttdn.LineAppraisal{LineID: line.ID, Amount: amount, Comment: comment})
	}
	got, err := sqlstore.NewBudgetService(l.db).AppraiseBudgetEstimate(l.as(ctx, "taichinh"), e.ID, a)
	if err == nil {
		*e = *got
	}
	return err
}

// approve records the decision, then the allocation of every line and the
// unit's first spending.
func (l *living) approve(ctx context.Context, e *ttdn.BudgetEstimate) error {
	fin := l.as(ctx, "taichinh")
	day := ttdn.DateOf(l.db.Now().In(ttdn.VietnamZone()))
	if err := l.advanceWith(fin, e, ttdn.BudgetAdvance{Step: ttdn.StepApprove, Approval: ttdn.BudgetApproval{
		Body: "UBND tỉnh Tây Ninh", Number: fmt.Sprintf("%d/QĐ-UBND", 300+e.ID), Date: day}}); err != nil {
		return err
	}
	svc := sqlstore.NewBudgetService(l.db)
	for _, line := range e.Lines {
		if line.Approved == nil {
			continue
		}
		if err := svc.RecordBudgetEntry(fin, &ttdn.BudgetEntry{EstimateID: e.ID, LineID: line.ID, Kind: ttdn.EntryAllocation,
			Amount: *line.Approved, Date: day, Note: "Cấp phát theo quyết định phê duyệt"}); err != nil {
			return err
		}
		if err := svc.RecordBudgetEntry(ctx, &ttdn.BudgetEntry{EstimateID: e.ID, LineID: line.ID, Kind: ttdn.EntrySpending,
			Amount: *line.Approved / 2, Date: day, Note: "Chi đợt 1"}); err != nil {
			return err
		}
	}
	return nil
}

// taskOf returns a task of the plan unit id leads or executes, or 0.
func (l *living) taskOf(id int64) int64 {
	for _, t := range l.tasks {
		if l.names(t, id) {
			return t.ID
		}
	}
	return 0
}
