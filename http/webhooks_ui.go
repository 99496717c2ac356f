package http

import (
	"net/http"
	"strings"

	"ttdn"
	"ttdn/webhook"
)

// webhookRoutes registers the administrator's pages of webhooks: the
// endpoints, the form that registers one (its secret shown once), and each
// endpoint's deliveries with their status, error and attempts.
func (s *Server) webhookRoutes(auth func(string, http.HandlerFunc)) {
	if s.cfg.Webhooks == nil {
		return
	}
	auth("GET /admin/webhooks", s.handleWebhookList)
	auth("POST /admin/webhooks", s.handleWebhookCreate)
	auth("GET /admin/webhooks/{id}", s.handleWebhookView)
	auth("POST /admin/webhooks/{id}/delete", s.handleWebhookDelete)
}

// webhooksView is the list page, with the form as typed and a new
// endpoint's secret (shown once).
type webhooksView struct {
	Hooks  []*ttdn.Webhook
	Events []string
	Form   ttdn.Webhook
	Secret string
	NewID  int64
}

func (s *Server) handleWebhookList(w http.ResponseWriter, r *http.Request) {
	s.renderWebhooks(w, r, webhooksView{}, nil)
}

func (s *Server) renderWebhooks(w http.ResponseWriter, r *http.Request, v webhooksView, err error) {
	hooks, ferr := s.cfg.Webhooks.FindWebhooks(r.Context())
	if ferr != nil {
		s.renderError(w, r, ferr)
		return
	}
	v.Hooks, v.Events = hooks, ttdn.WebhookEvents
	if err != nil {
		s.renderWithError(w, r, err, "webhooks", "webhook.title", v)
		return
	}
	s.render(w, r, http.StatusOK, "webhooks", "webhook.title", v)
}

func (s *Server) handleWebhookCreate(w http.ResponseWriter, r *http.Request) {
	if !s.adminOnly(w, r) {
		return
	}
	h := ttdn.Webhook{URL: strings.TrimSpace(r.PostFormValue("url")), Description: strings.TrimSpace(r.PostFormValue("description")),
		Events: r.PostForm["events"]}
	v := webhooksView{Form: h}
	if err := h.Validate(); err != nil {
		s.renderWebhooks(w, r, v, err)
		return
	}
	if err := s.webhookRules().Check(r.Context(), h.URL); err != nil {
		s.renderWebhooks(w, r, v, err)
		return
	}
	secret, err := s.cfg.Webhooks.CreateWebhook(r.Context(), &h)
	if err != nil {
		s.renderWebhooks(w, r, v, err)
		return
	}
	s.renderWebhooks(w, r, webhooksView{Secret: secret, NewID: h.ID}, nil)
}

// webhookRules are the configured URL rules; without any, the default
// guard (nothing internal) and https only.
func (s *Server) webhookRules() webhook.Rules {
	if s.cfg.WebhookRules != nil {
		return *s.cfg.WebhookRules
	}
	return webhook.Rules{Guard: defaultFeedGuard}
}

// webhookView is one endpoint's page.
type webhookView struct {
	Hook       *ttdn.Webhook
	Deliveries []*ttdn.WebhookDelivery
}

func (s *Server) handleWebhookView(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	h, err := s.cfg.Webhooks.FindWebhookByID(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	ds, err := s.cfg.Webhooks.FindDeliveries(r.Context(), id, 100)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "webhook", "webhook.deliveries", webhookView{Hook: h, Deliveries: ds})
}

func (s *Server) handleWebhookDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.cfg.Webhooks.DeleteWebhook(r.Context(), id); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/admin/webhooks", "flash.webhook_deleted")
}

// WebhookEvent names an event in the user's language.
func (p *page) WebhookEvent(e string) string { return p.T("webhook.event." + e) }

// DeliveryState names a delivery's state.
func (p *page) DeliveryState(st ttdn.DeliveryState) string { return p.T("webhook.state." + string(st)) }
