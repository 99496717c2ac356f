package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// channelListView is the channel registry and the form to add one.
type channelListView struct {
	Rows      []*ttdn.Channel
	Kind      string
	Kinds     []ttdn.ChannelKind
	Names     map[int64]string
	Units     []*ttdn.Unit
	Pager     pager
	Form      channelForm
	CanCreate bool
}

// Unit names a unit ID for the template.
func (v *channelListView) Unit(id int64) string { return v.Names[id] }

// channelForm is the new-channel form as typed.
type channelForm struct {
	Code, Name, Kind, Unit, URL, Languages string
}

// ChannelKind labels a channel kind in the page's language.
func (p *page) ChannelKind(k ttdn.ChannelKind) string {
	return label(p.Lang, "channel_kind", k, string(k))
}

func (s *Server) newChannelListView(r *http.Request) (*channelListView, error) {
	v := &channelListView{Kind: r.URL.Query().Get("kind"), Form: channelForm{Languages: "vi"},
		CanCreate: ttdn.Can(reqOf(r).user, ttdn.ActionCreate, ttdn.Resource{Kind: ttdn.ResourceChannel})}
	for _, k := range ttdn.ChannelKinds {
		v.Kinds = append(v.Kinds, k.Kind)
	}
	current, offset := pageNumber(r)
	f := ttdn.ChannelFilter{Offset: offset, Limit: pageSize}
	if v.Kind != "" {
		k := ttdn.ChannelKind(v.Kind)
		f.Kind = &k
	}
	rows, total, err := s.cfg.Channels.FindChannels(r.Context(), f)
	if err != nil {
		return nil, err
	}
	v.Rows, v.Pager = rows, newPager(r, current, total)
	if v.Units, err = s.allUnits(r); err != nil {
		return nil, err
	}
	v.Names = map[int64]string{}
	for _, u := range v.Units {
		v.Names[u.ID] = u.Name
	}
	return v, nil
}

func (s *Server) handleChannelList(w http.ResponseWriter, r *http.Request) {
	v, err := s.newChannelListView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "channels", "channels.title", v)
}

func (s *Server) handleChannelCreate(w http.ResponseWriter, r *http.Request) {
	v, err := s.newChannelListView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	v.Form = channelForm{Code: f("code"), Name: f("name"), Kind: f("kind"), Unit: f("unit"), URL: f("url"), Languages: f("languages")}
	unit, _ := strconv.ParseInt(v.Form.Unit, 10, 64)
	c := &ttdn.Channel{Code: v.Form.Code, Name: v.Form.Name, Kind: ttdn.ChannelKind(v.Form.Kind), UnitID: unit,
		URL: v.Form.URL, Languages: commaList(v.Form.Languages), Active: true}
	if err := s.cfg.Channels.CreateChannel(r.Context(), c); err != nil {
		s.renderWithError(w, r, err, "channels", "channels.title", v)
		return
	}
	s.redirectWithFlash(w, r, "/channels", "flash.channel_created")
}
