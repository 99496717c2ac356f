package http

import (
	"context"
	"net/http"
	"strings"
	"time"

	"ttdn"
	"ttdn/export"
)

// auditView is the audit log page: filters as typed, one page of events
// with their changes laid out field by field, paging and export links.
type auditView struct {
	Filter  auditQuery
	Rows    []auditRow
	Pager   pager
	Exports exportLinks
	Actions []auditChoice
	Kinds   []auditChoice
	Chain   auditChainView
}

// auditChainView is what the page says of the chain's integrity: the newest
// sealed check, a full check under way (the page reloads itself while it
// runs) or one that stopped half-way.
type auditChainView struct {
	*ttdn.AuditCheckStatus
	Stalled bool
	Percent int
}

// FullCheckAt is when the newest verdict's chain was last read whole.
func (v auditChainView) FullCheckAt() time.Time {
	if v.Last == nil || v.Last.Result == nil || v.Last.Result.FullCheckAt == nil {
		return time.Time{}
	}
	return *v.Last.Result.FullCheckAt
}

// auditChoice is one option of a filter select: the code it sends, the
// words it shows.
type auditChoice struct{ Value, Label string }

// auditChoices words the codes of a filter in lang.
func auditChoices(codes []string, words map[string][2]string, lang string) []auditChoice {
	out := make([]auditChoice, len(codes))
	for i, c := range codes {
		label := strings.ReplaceAll(c, "_", " ")
		if w, ok := words[c]; ok {
			label = w[0]
			if lang == "en" {
				label = w[1]
			}
		}
		out[i] = auditChoice{Value: c, Label: label}
	}
	return out
}

// auditQuery is the filter form as typed, so the page shows it back.
type auditQuery struct{ User, Entity, Action, From, To string }

// auditRow is one event and its field-by-field changes.
type auditRow struct {
	*ttdn.AuditEvent
	Words   auditSentence
	Changes []fieldChange
}

// auditActions and auditKinds fill the filter form's choices; other values
// typed into the URL still filter.
var (
	auditActions = []string{"create", "update", "delete", "read", "import", "restore", "export",
		"login", "login_failed", "login_locked", "login_slowed", "login_unlocked", "logout"}
	auditKinds = []string{"plan", "task", "responsibility", "unit", "user", "token", "activity", "channel",
		"contact", "theme", "settings", "attachment", "unit_report", "report_period", "budget", "difficulty", "database", "audit"}
)

// handleAuditLog shows the audit log to administrators and leaders; the
// audit service asks the policy, so anyone else gets its refusal.
func (s *Server) handleAuditLog(w http.ResponseWriter, r *http.Request) {
	q, f, err := parseAuditQuery(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if exportFormat(r) != "" {
		s.exportAuditLog(w, r, f)
		return
	}
	current, offset := pageNumber(r)
	f.Offset, f.Limit = offset, pageSize
	events, total, err := s.cfg.Audit.FindAuditEvents(r.Context(), f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	status, err := s.cfg.Audit.AuditCheckStatus(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	chain := auditChainView{AuditCheckStatus: status}
	if c := status.Running; c != nil {
		chain.Stalled = c.Stalled(s.now())
		if c.Total > 0 {
			chain.Percent = min(100, 100*c.Done/c.Total)
		}
	}
	rows := make([]auditRow, len(events))
	for i, e := range events {
		rows[i] = auditRow{AuditEvent: e, Words: auditWords(e, reqOf(r).lang), Changes: readableChanges(diffJSON(e.Before, e.After), reqOf(r).lang)}
		if e.Hidden || !mayOpenKind(reqOf(r).user, e.Entity) {
			rows[i].Words.Link = "" // the page would answer "not found"
		}
	}
	s.render(w, r, http.StatusOK, "audit", "audit.title", auditView{Filter: q, Rows: rows,
		Pager: newPager(r, current, total), Exports: newExportLinks(r),
		Actions: auditChoices(auditActions, auditActionWords, reqOf(r).lang), Kinds: auditChoices(auditKinds, auditKindWords, reqOf(r).lang),
		Chain: chain})
}

// handleAuditCheck starts a full check of the audit chain. It runs after
// the request, as the same user; the page shows its progress, or its
// verdict when it is done within two seconds.
func (s *Server) handleAuditCheck(w http.ResponseWriter, r *http.Request) {
	c, err := s.cfg.Audit.StartAuditCheck(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	flash := "flash.audit_check"
	if s.runInBackground(r, "audit check", func(ctx context.Context) error {
		_, err := s.cfg.Audit.RunAuditCheck(ctx, c.ID)
		return err
	}) {
		flash = "flash.audit_checked"
	}
	s.redirectWithFlash(w, r, "/audit", flash)
}

// parseAuditQuery reads the filters; dates are days in Vietnam, the "to"
// day included.
func parseAuditQuery(r *http.Request) (auditQuery, ttdn.AuditFilter, error) {
	v := r.URL.Query()
	q := auditQuery{User: strings.TrimSpace(v.Get("user")), Entity: v.Get("entity"), Action: v.Get("action"),
		From: v.Get("from"), To: v.Get("to")}
	var f ttdn.AuditFilter
	if q.User != "" {
		f.Username = &q.User
	}
	if q.Entity != "" {
		f.Entity = &q.Entity
	}
	if q.Action != "" {
		f.Action = &q.Action
	}
	var err error
	f.From, f.To, err = dayRange(q.From, q.To)
	return q, f, err
}

// auditExportLimit bounds one export; narrower filters export the rest.
const auditExportLimit = 100000

func (s *Server) exportAuditLog(w http.ResponseWriter, r *http.Request, f ttdn.AuditFilter) {
	f.Limit = auditExportLimit
	events, _, err := s.cfg.Audit.FindAuditEvents(r.Context(), f)
	if err == nil { // the export is recorded before it leaves
		err = s.cfg.Audit.RecordAuditExport(r.Context(), f, exportFormat(r), len(events))
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	lang := reqOf(r).lang
	t := export.Table{Title: translate(lang, "audit.title"), Columns: []string{
		translate(lang, "audit.seq"), translate(lang, "audit.at"), translate(lang, "audit.user"),
		translate(lang, "audit.addr"), translate(lang, "audit.action"), translate(lang, "audit.entity"),
		translate(lang, "audit.entity_id"), translate(lang, "audit.before"), translate(lang, "audit.after"),
		translate(lang, "audit.hash")}}
	for _, e := range events {
		before, after := e.Before, e.After
		if e.Hidden {
			before, after = translate(lang, "audit.hidden"), ""
		}
		t.Rows = append(t.Rows, []any{e.Seq, e.At, e.Username, e.Addr, e.Action, e.Entity, e.EntityID, before, after, e.Hash})
	}
	s.writeExport(w, r, "nhat-ky", t)
}

// CanAudit shows the audit log in the menu to those the policy lets read it.
func (p *page) CanAudit() bool {
	return p.User != nil && ttdn.Can(p.User, ttdn.ActionRead, ttdn.Resource{Kind: ttdn.ResourceAudit})
}

// readableChanges names the fields and formats the values of changes for
// people, leaving out technical fields and values that did not change in
// words.
func readableChanges(changes []fieldChange, lang string) []fieldChange {
	var out []fieldChange
	for _, c := range changes {
		name := c.Field
		if name != "" {
			if name = fieldWords(c.Field, lang); name == "" {
				continue
			}
		}
		b, a := displayValue(c.Before, lang), displayValue(c.After, lang)
		if b == a {
			continue
		}
		out = append(out, fieldChange{Field: name, Before: b, After: a})
	}
	return out
}
