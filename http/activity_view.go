package http

import (
	"fmt"
	"net/http"

	"ttdn"
)

// activityView is an activity's page with the names its IDs stand for.
type activityView struct {
	Activity *ttdn.Activity
	Names    map[int64]string
	Tasks    []*ttdn.Task
	Themes   map[string]string
	Channel  *ttdn.Channel
	Absent   []*ttdn.Unit
	CanEdit  bool
	Files    []*ttdn.Attachment // photos, programmes, signed lists (activity_files_ui.go)
}

// Unit names a unit ID for the template.
func (v *activityView) Unit(id int64) string {
	if n, ok := v.Names[id]; ok {
		return n
	}
	return "#" + itoa(id)
}

func (s *Server) handleActivityView(w http.ResponseWriter, r *http.Request) {
	a, err := s.findActivity(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v, err := s.newActivityView(r, a)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "activity", "activity.title", v)
}

func (s *Server) newActivityView(r *http.Request, a *ttdn.Activity) (*activityView, error) {
	ctx := r.Context()
	v := &activityView{Activity: a, Themes: map[string]string{},
		CanEdit: ttdn.Can(reqOf(r).user, ttdn.ActionUpdate, activityResource(a))}
	var err error
	if v.Names, err = s.unitNames(r); err != nil {
		return nil, err
	}
	if v.Files, err = s.cfg.Attachments.FindAttachments(ctx, ttdn.ResourceActivity, a.ID); err != nil {
		return nil, err
	}
	for _, id := range a.TaskIDs {
		if t, err := s.cfg.Tasks.FindTaskByID(ctx, id); err == nil {
			v.Tasks = append(v.Tasks, t)
		}
	}
	themes, err := s.cfg.Themes.FindThemes(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range themes {
		v.Themes[t.Code] = t.Name
	}
	if ch := a.ChannelID(); ch != 0 {
		v.Channel, _ = s.cfg.Channels.FindChannelByID(ctx, ch)
	}
	if a.Type == ttdn.ActivityTraining {
		v.Absent, err = s.cfg.Activities.FindTrainingAbsentees(ctx, a.ID)
	}
	return v, err
}

func activityResource(a *ttdn.Activity) ttdn.Resource {
	return ttdn.Resource{Kind: ttdn.ResourceActivity, Classification: a.Classification, UnitIDs: a.UnitIDs}
}

// ActivityType labels an activity type in the page's language.
func (p *page) ActivityType(t ttdn.ActivityType) string {
	return label(p.Lang, "activity_type", t, string(t))
}

// toString prints a select value.
func toString(v any) string { return fmt.Sprint(v) }
