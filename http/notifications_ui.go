package http

import (
	"net/http"

	"ttdn"
)

// unreadCount is the number on the header's bell; a failure only hides it.
func (s *Server) unreadCount(r *http.Request) int {
	if s.cfg.Notifications == nil || reqOf(r).user == nil {
		return 0
	}
	_, n, err := s.cfg.Notifications.FindNotifications(r.Context(), ttdn.NotificationFilter{Unread: true, CountOnly: true})
	if err != nil {
		return 0
	}
	return n
}

// notificationsView is the user's notifications, newest first.
type notificationsView struct {
	Rows   []*ttdn.Notification
	Unread bool
	Pager  pager
}

func (s *Server) handleNotifications(w http.ResponseWriter, r *http.Request) {
	current, offset := pageNumber(r)
	v := notificationsView{Unread: r.URL.Query().Get("unread") == "1"}
	rows, total, err := s.cfg.Notifications.FindNotifications(r.Context(),
		ttdn.NotificationFilter{Unread: v.Unread, Offset: offset, Limit: pageSize})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v.Rows, v.Pager = rows, newPager(r, current, total)
	s.render(w, r, http.StatusOK, "notifications", "notifications.title", v)
}

func (s *Server) handleNotificationRead(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.cfg.Notifications.MarkNotificationRead(r.Context(), id)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, "/notifications")
}

func (s *Server) handleNotificationsReadAll(w http.ResponseWriter, r *http.Request) {
	if err := s.cfg.Notifications.MarkAllNotificationsRead(r.Context()); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/notifications", "flash.notifications_read")
}
