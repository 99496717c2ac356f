package http

import (
	"context"

	"ttdn"
)

// apiReportFileRoutes registers a unit report's files (issue 12) in the
// API: the signed and stamped report and its photos, stored through the
// attachment service, which checks the report's policy (the reporting
// unit, an accepted report refuses files) and writes the audit entry.
func (s *Server) apiReportFileRoutes() {
	if s.cfg.UnitReports == nil || s.cfg.Attachments == nil {
		return
	}
	reps := s.cfg.UnitReports
	s.op("GET /api/v1/unit-reports/{id}/files", listOp(func(ctx context.Context, id int64) ([]*ttdn.Attachment, error) {
		if _, err := reps.FindUnitReportByID(ctx, id); err != nil {
			return nil, err // a report one may not read is not found
		}
		return withoutData(func(ctx context.Context, id int64) ([]*ttdn.Attachment, error) {
			return s.cfg.Attachments.FindAttachments(ctx, ttdn.ResourceUnitReport, id)
		})(ctx, id)
	}))
	s.op("POST /api/v1/unit-reports/{id}/files", s.filesOp(found(reps.FindUnitReportByID), func(ctx context.Context, id int64, files ...*ttdn.Attachment) error {
		return s.cfg.Attachments.CreateAttachments(ctx, ttdn.ResourceUnitReport, id, files)
	}))
}
