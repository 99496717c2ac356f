package http

import (
	"context"
	"net/http"
	"strings"

	"ttdn"
)

// apiDirectoryRoutes registers the registries the activities refer to:
// channels (press, radio/TV, portals, border-gate clusters) and each
// unit's TTĐN officer and spokesperson.
func (s *Server) apiDirectoryRoutes() {
	if s.cfg.Channels != nil {
		s.op("GET /api/v1/channels", s.apiChannels)
		s.op("POST /api/v1/channels", createOp("/api/v1/channels/{id}", s.apiChannelCreate))
		s.op("GET /api/v1/channels/{id}", readOp(s.cfg.Channels.FindChannelByID))
		s.op("PATCH /api/v1/channels/{id}", editOp(s.apiChannelUpdate))
	}
	if s.cfg.Contacts != nil {
		s.op("GET /api/v1/units/{id}/contacts", listOp(s.apiContacts))
		s.op("PUT /api/v1/units/{id}/contacts", actOp(http.StatusOK, s.apiContactSave))
	}
}

func (s *Server) apiChannels(r *http.Request) (*apiResult, error) {
	p, err := apiPage(r)
	if err != nil {
		return nil, err
	}
	unitID, err := queryID(r, "unit_id")
	if err != nil {
		return nil, err
	}
	f := ttdn.ChannelFilter{Kind: queryStr[ttdn.ChannelKind](r, "kind"), UnitID: unitID, Offset: p.offset, Limit: p.limit}
	if v := r.URL.Query().Get("active"); v != "" {
		active := v == "true"
		f.Active = &active
	}
	rows, total, err := s.cfg.Channels.FindChannels(r.Context(), f)
	if err != nil {
		return nil, err
	}
	return listOf(p, rows, total)
}

type channelInput struct {
	Code      string           `json:"code"`
	Name      string           `json:"name"`
	Kind      ttdn.ChannelKind `json:"kind"`
	UnitID    int64            `json:"unit_id"`
	URL       string           `json:"url"`
	Languages []string         `json:"languages"`
}

func (s *Server) apiChannelCreate(ctx context.Context, in *channelInput) (*ttdn.Channel, error) {
	c := &ttdn.Channel{Code: strings.TrimSpace(in.Code), Name: strings.TrimSpace(in.Name), Kind: in.Kind, UnitID: in.UnitID,
		URL: strings.TrimSpace(in.URL), Languages: in.Languages, Active: true}
	if err := s.cfg.Channels.CreateChannel(ctx, c); err != nil {
		return nil, err
	}
	return s.cfg.Channels.FindChannelByID(ctx, c.ID)
}

type channelPatch struct {
	Name      *string           `json:"name"`
	Kind      *ttdn.ChannelKind `json:"kind"`
	UnitID    *int64            `json:"unit_id"`
	URL       *string           `json:"url"`
	Languages *[]string         `json:"languages"`
	Active    *bool             `json:"active"`
}

func (s *Server) apiChannelUpdate(ctx context.Context, id int64, version int, in *channelPatch) (*ttdn.Channel, error) {
	return s.cfg.Channels.UpdateChannel(ctx, id, ttdn.ChannelUpdate{Version: version, Name: in.Name, Kind: in.Kind,
		UnitID: in.UnitID, URL: in.URL, Languages: in.Languages, Active: in.Active})
}

func (s *Server) apiContacts(ctx context.Context, unitID int64) ([]*ttdn.Contact, error) {
	if _, err := s.cfg.Units.FindUnitByID(ctx, unitID); err != nil {
		return nil, err
	}
	return s.cfg.Contacts.FindContacts(ctx, ttdn.ContactFilter{UnitID: &unitID})
}

type contactInput struct {
	Role     ttdn.ContactRole `json:"role"`
	Name     string           `json:"name"`
	Position string           `json:"position"`
	Phone    string           `json:"phone"`
	Email    string           `json:"email"`
}

// apiContactSave sets one of the unit's contacts (by role) and answers
// the unit's contacts.
func (s *Server) apiContactSave(ctx context.Context, unitID int64, in *contactInput) (map[string]any, error) {
	err := s.cfg.Contacts.UpsertContact(ctx, &ttdn.Contact{UnitID: unitID, Role: in.Role, Name: strings.TrimSpace(in.Name),
		Position: strings.TrimSpace(in.Position), Phone: strings.TrimSpace(in.Phone), Email: strings.TrimSpace(in.Email)})
	if err != nil {
		return nil, err
	}
	rows, err := s.apiContacts(ctx, unitID)
	return map[string]any{"items": nonNil(rows)}, err
}
