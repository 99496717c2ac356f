package http

import (
	"context"
	"net/http"
	"strconv"

	"ttdn"
)

// apiFileRoutes registers the downloads of stored files: evidence of a
// progress update or an activity (by attachment id), and the files of a
// budget estimate, a difficulty and a case — each read through its owner's
// service, so the owner's policy decides, as on the pages.
func (s *Server) apiFileRoutes() {
	if s.cfg.Attachments != nil {
		s.op("GET /api/v1/attachments/{id}", fileOp(func(ctx context.Context, id, _ int64) (*ttdn.Attachment, error) {
			return s.cfg.Attachments.FindAttachmentByID(ctx, id)
		}))
		s.op("DELETE /api/v1/attachments/{id}", func(r *http.Request) (*apiResult, error) {
			id, err := apiPathID(r)
			if err != nil {
				return nil, err
			}
			if _, err := s.cfg.Attachments.DeleteAttachment(r.Context(), id); err != nil {
				return nil, err
			}
			return &apiResult{status: http.StatusNoContent}, nil
		})
	}
	if s.cfg.Budgets != nil {
		s.op("GET /api/v1/budgets/{id}/files/{file}", fileOp(s.cfg.Budgets.FindBudgetAttachment))
	}
	if s.cfg.Difficulties != nil {
		s.op("GET /api/v1/difficulties/{id}/files/{file}", fileOp(s.cfg.Difficulties.FindDifficultyAttachment))
	}
	if s.cfg.Cases != nil {
		s.op("GET /api/v1/cases/{id}/files/{file}", fileOp(s.cfg.Cases.FindCaseEvidenceFile))
	}
}

// fileOp answers the bytes of one file of the record at {id} ({file} when
// the route has it), typed as stored and never rendered by a browser.
func fileOp(find func(ctx context.Context, id, file int64) (*ttdn.Attachment, error)) apiOp {
	return func(r *http.Request) (*apiResult, error) {
		id, err := apiPathID(r)
		if err != nil {
			return nil, err
		}
		var file int64
		if v := r.PathValue("file"); v != "" {
			if file, err = strconv.ParseInt(v, 10, 64); err != nil || file <= 0 {
				return nil, errNotFound
			}
		}
		a, err := find(r.Context(), id, file)
		if err != nil {
			return nil, err
		}
		return &apiResult{status: http.StatusOK, file: a}, nil
	}
}
