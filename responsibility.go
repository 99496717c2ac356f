package ttdn

// Responsibility is one numbered item of a plan's section V (tổ chức thực
// hiện): the units it addresses and their duties, one per paragraph. Issue 3
// makes each duty trackable like a task.
type Responsibility struct {
	ID      int64     `json:"id,omitempty"`
	PlanID  int64     `json:"plan_id,omitempty"`
	Ref     string    `json:"ref"`     // "V.3"
	Heading string    `json:"heading"` // as written: "Đề nghị Ban Tuyên giáo Tỉnh ủy (Thường trực BCD 94-16)"
	Units   []UnitRef `json:"units"`
	Duties  []string  `json:"duties"`

	Classification Classification `json:"classification"`
	// DutyTaskIDs are the tasks tracking each duty, in the order of Duties.
	DutyTaskIDs []int64 `json:"duty_task_ids,omitempty"`
}
