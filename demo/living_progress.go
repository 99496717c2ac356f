package demo

import (
	"context"
	"fmt"

	"ttdn"
	"ttdn/sqlstore"
)

// progressSteps schedules the year's progress updates — each task's story
// by its fate, the evidence attached as a real officer would (photos along
// the way, the report when done) — and the cancellations, unless the plan
// has progress already.
func (l *living) progressSteps(ctx context.Context) error {
	svc := sqlstore.NewProgressService(l.db)
	for _, t := range l.tasks {
		id := t.ID
		if ups, _, err := svc.FindProgressUpdates(ctx, ttdn.ProgressFilter{TaskID: &id, Limit: 1}); err != nil {
			return err
		} else if len(ups) > 0 {
			return nil
		}
	}
	fates := l.fates()
	for i, t := range l.tasks {
		l.taskStory(t, fates[i])
	}
	return nil
}

// update is one progress update to record.
type update struct {
	day      ttdn.Date
	percent  int // 0: none given
	done     bool
	text     string
	evidence string // "", "pdf" or "png"
}

// taskStory schedules the updates of one task.
func (l *living) taskStory(t *ttdn.Task, f fate) {
	c, rng := l.cal, l.rngFor("progress "+t.Ref)
	start, yesterday := addDays(c.Issued, 7), addDays(c.Today, -1)
	var ups []update
	switch f {
	case fateDone, fateDoneLate:
		finish := addDays(t.Deadline, -rng.IntN(10))
		if f == fateDoneLate {
			finish = addDays(t.Deadline, 5+rng.IntN(15))
		}
		if !finish.Before(c.Today) || t.Deadline.IsZero() {
			finish = c.between(addDays(c.Today, -40), addDays(c.Today, -2), rng.Float64())
		}
		if finish.Before(addDays(start, 10)) {
			finish = addDays(start, 10)
		}
		ups = append(ups, update{day: c.between(start, finish, 0.4), percent: 40 + 10*rng.IntN(3), text: pick(rng, workTexts), evidence: "png"},
			update{day: finish, done: true, text: pick(rng, doneTexts), evidence: "pdf"})
	case fateOnTrack:
		ups = append(ups, update{day: c.between(start, yesterday, 0.3+0.3*rng.Float64()), percent: 20 + 10*rng.IntN(3), text: pick(rng, workTexts)})
		if rng.IntN(2) == 0 {
			ups = append(ups, update{day: addDays(c.Today, -1-rng.IntN(14)), percent: 50 + 10*rng.IntN(3), text: pick(rng, workTexts), evidence: "png"})
		}
	case fateDueSoon:
		ups = append(ups, update{day: c.between(start, yesterday, 0.5), percent: 40, text: pick(rng, workTexts)},
			update{day: addDays(c.Today, -2-rng.IntN(6)), percent: 70 + 10*rng.IntN(3), text: pick(rng, workTexts), evidence: "png"})
	case fateOverdue:
		ups = append(ups, update{day: c.between(start, t.Deadline, 0.5), percent: 20 + 10*rng.IntN(3), text: pick(rng, workTexts)})
	case fateStale:
		ups = append(ups, update{day: c.between(start, addDays(c.Today, -45), 0.5), percent: 20, text: pick(rng, workTexts)})
	case fateRecurring:
		for d, n := start, 1; d.Before(c.Today); d, n = addDays(d, 28+rng.IntN(6)), n+1 {
			u := update{day: d, text: fmt.Sprintf("Đợt %d: ", n) + pick(rng, workTexts)}
			if n == 1 {
				u.percent = 10
			}
			if n%3 == 0 {
				u.evidence = "png"
			}
			ups = append(ups, u)
		}
	case fateCancelled:
		day := c.between(start, addDays(c.Today, -5), 0.6)
		l.add(c.at(day, 16, 10), func(ctx context.Context) error { return l.cancelTask(ctx, t.ID) })
	}
	actor, unitID := l.reporter(t)
	for i, u := range ups {
		l.add(c.at(u.day, 15, 30+i), func(ctx context.Context) error { return l.record(ctx, actor, unitID, t, u) })
	}
}

// reporter returns who reports on t: the demo officer for Sở Ngoại vụ's
// tasks, otherwise the system on behalf of the lead (or first executing)
// unit.
func (l *living) reporter(t *ttdn.Task) (actor string, unitID int64) {
	for _, refs := range [][]ttdn.UnitRef{t.Lead, t.Executing} {
		for _, r := range refs {
			if r.Group || r.ID == 0 {
				continue
			}
			if ngv := l.unit("so-ngoai-vu"); ngv != nil && r.ID == ngv.ID {
				return "ngoaivu", 0
			}
			return "", r.ID
		}
	}
	return "", 0
}

// record stores one update as actor (the system when empty).
func (l *living) record(ctx context.Context, actor string, unitID int64, t *ttdn.Task, u update) error {
	pu := &ttdn.ProgressUpdate{TaskID: t.ID, UnitID: unitID, Date: u.day, Text: u.text}
	if u.percent > 0 {
		p := u.percent
		pu.Percent = &p
	}
	if u.done {
		st := ttdn.TaskDone
		pu.Status = &st
	}
	switch u.evidence {
	case "pdf":
		data, err := evidencePDF("Báo cáo kết quả thực hiện nhiệm vụ "+t.Ref, t.Title, u.text, l.unitName(unitID, actor), u.day)
		if err != nil {
			return err
		}
		pu.Attachments = []*ttdn.Attachment{{Name: fmt.Sprintf("bao-cao-ket-qua-%s.pdf", t.Ref), Data: data}}
	case "png":
		pu.Attachments = []*ttdn.Attachment{{Name: fmt.Sprintf("hinh-anh-%s-%s.png", t.Ref, u.day.ISO()), Data: evidencePNG(t.ID + int64(u.day.Day))}}
	}
	if actor != "" {
		ctx = l.as(ctx, actor)
	}
	return sqlstore.NewProgressService(l.db).AddProgressUpdate(ctx, pu)
}

// unitName names the unit reporting, for the evidence's header.
func (l *living) unitName(unitID int64, actor string) string {
	if actor != "" {
		unitID = l.users[actor].UnitID
	}
	if u := l.unitsID[unitID]; u != nil {
		return u.Name
	}
	return "Sở Văn hóa, Thể thao và Du lịch"
}

// cancelTask cancels a task by amendment, as the coordinator.
func (l *living) cancelTask(ctx context.Context, id int64) error {
	svc := sqlstore.NewTaskService(l.db)
	t, err := svc.FindTaskByID(ctx, id)
	if err != nil {
		return err
	}
	st := ttdn.TaskCancelled
	_, err = svc.UpdateTask(l.as(ctx, "dieuphoi"), id, ttdn.TaskUpdate{Version: t.Version, Status: &st,
		Reason: "Không còn phù hợp sau sắp xếp tổ chức bộ máy; nội dung được lồng ghép vào nhiệm vụ khác theo chỉ đạo của UBND tỉnh."})
	return err
}

var workTexts = []string{
	"Đã xây dựng kế hoạch chi tiết và phân công cán bộ thực hiện.",
	"Đã đăng 12 tin, bài trên chuyên mục thông tin đối ngoại của cổng thông tin điện tử.",
	"Phối hợp Báo Tây Ninh thực hiện loạt bài về hợp tác với các tỉnh giáp biên Campuchia.",
	"Tổ chức 2 buổi tuyên truyền tại các xã biên giới, có 180 lượt người tham dự.",
	"Phát hành 1.500 tờ rơi song ngữ Việt – Khmer tại cửa khẩu Mộc Bài và Xa Mát.",
	"Đã làm việc với Sở Ngoại vụ về nội dung đón đoàn phóng viên nước ngoài.",
	"Đang hoàn thiện dự thảo tài liệu, dự kiến trình lãnh đạo Sở trong tháng.",
	"Cập nhật thông tin về thu hút đầu tư, du lịch lên trang tiếng Anh của tỉnh.",
	"Đã tổ chức tọa đàm với cơ quan báo chí về thông tin đối ngoại.",
	"Đang phối hợp các đơn vị liên quan thu thập số liệu, hình ảnh.",
}

var doneTexts = []string{
	"Hoàn thành nhiệm vụ; đã có báo cáo kết quả gửi Sở Văn hóa, Thể thao và Du lịch (kèm theo).",
	"Đã hoàn thành; kết quả chi tiết tại báo cáo đính kèm.",
	"Hoàn thành đúng nội dung kế hoạch; gửi kèm báo cáo và danh sách tham dự.",
}
