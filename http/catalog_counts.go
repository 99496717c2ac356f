package http

// countsCatalog holds the words of the plan's counts, shared by the plan
// page, the dashboard and the leader's home, so the three say the same
// thing of the same number (issue 12 §5 "counts agree").
var countsCatalog = map[string][2]string{
	"count.tasks":             {"Nhiệm vụ", "Tasks"},
	"count.tasks_done":        {"Nhiệm vụ hoàn thành", "Tasks done"},
	"count.tasks_in_progress": {"Nhiệm vụ đang thực hiện", "Tasks in progress"},
	"count.tasks_overdue":     {"Nhiệm vụ quá hạn", "Tasks overdue"},
	"count.duties":            {"Trách nhiệm của đơn vị (mục V)", "Unit duties (section V)"},
}

func init() {
	for k, v := range countsCatalog {
		catalog[k] = v
	}
}
