package ttdn

import (
	"context"
	"strings"
	"time"
)

// ConsolidatedStatus tells a consolidated report being written from one
// issued (numbered and dated, then unchangeable).
type ConsolidatedStatus string

// Consolidated report statuses.
const (
	ConsolidatedDraft  ConsolidatedStatus = "draft"
	ConsolidatedIssued ConsolidatedStatus = "issued"
)

// ConsolidatedReport is the coordinator's report for a period (báo cáo tổng
// hợp): the stored header, narrative and recipients, and the figures
// computed from the accepted unit reports each time it is read.
type ConsolidatedReport struct {
	ID       int64              `json:"id,omitempty"`
	PeriodID int64              `json:"period_id"`
	Status   ConsolidatedStatus `json:"status"`
	// Header as Nghị định 30/2020/NĐ-CP lays it out.
	Number      string    `json:"number"`       // "125/BC-SVHTTDL"; empty until issued
	IssuedOn    Date      `json:"issued_on"`    // zero until issued
	Issuer      string    `json:"issuer"`       // the body above the issuing unit: "UBND TỈNH TÂY NINH"
	IssuingUnit string    `json:"issuing_unit"` // "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"
	Place       string    `json:"place"`        // "Tây Ninh"
	Summary     string    `json:"summary"`      // trích yếu
	Narrative   Narrative `json:"narrative"`
	SignerTitle string    `json:"signer_title"` // "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
	Signer      string    `json:"signer"`
	Recipients  []string  `json:"recipients"` // Nơi nhận, one line each
	Version     int       `json:"version,omitempty"`
	CreatedAt   time.Time `json:"created_at,omitzero"`
	UpdatedAt   time.Time `json:"updated_at,omitzero"`

	// Computed when read.
	Period         *ReportPeriod     `json:"period,omitempty"`
	Totals         []*IndicatorTotal `json:"totals"`
	UnitNarratives []*UnitNarrative  `json:"unit_narratives"`
	Difficulties   []string          `json:"difficulties"`
	Completeness   *PeriodStats      `json:"completeness,omitempty"`
	// PreviousPeriodID is the same period of the previous year the totals
	// are compared with (0: none).
	PreviousPeriodID int64 `json:"previous_period_id,omitempty"`
}

// IndicatorTotal is an indicator summed over the accepted reports, with its
// breakdown rows and the same period of the previous year.
type IndicatorTotal struct {
	Indicator *Indicator        `json:"indicator"`
	Value     int64             `json:"value"`
	Texts     []UnitText        `json:"texts,omitempty"` // text indicators: each unit's text
	Previous  *int64            `json:"previous,omitempty"`
	Units     int               `json:"units"` // reports with a value
	Rows      []*BreakdownTotal `json:"rows,omitempty"`
}

// Change returns Value minus Previous, and whether there is a previous
// value to compare with.
func (t *IndicatorTotal) Change() (int64, bool) {
	if t.Previous == nil {
		return 0, false
	}
	return t.Value - *t.Previous, true
}

// BreakdownTotal is one "trong đó" row of an indicator total.
type BreakdownTotal struct {
	Breakdown Breakdown `json:"breakdown"`
	Item      string    `json:"item"`
	Value     int64     `json:"value"`
	Previous  *int64    `json:"previous,omitempty"`
}

// UnitText is one unit's text: a narrative section or a text indicator.
type UnitText struct {
	UnitID   int64  `json:"unit_id"`
	UnitName string `json:"unit_name"`
	Text     string `json:"text"`
}

// UnitNarrative gathers one narrative section across the units.
type UnitNarrative struct {
	Key     string     `json:"key"`
	Heading string     `json:"heading"`
	Units   []UnitText `json:"units"`
}

// Validate checks what issuing needs.
func (c *ConsolidatedReport) Validate() error {
	if c.Status == ConsolidatedIssued {
		if strings.TrimSpace(c.Number) == "" || c.IssuedOn.IsZero() {
			return Errorf(EINVALID, "Ban hành báo cáo cần số, ký hiệu và ngày ban hành.", "Issuing the report needs a number and a date.")
		} else if !strings.Contains(c.Number, "/BC") {
			return Errorf(EINVALID, "Số, ký hiệu %q không đúng dạng báo cáo (ví dụ 125/BC-SVHTTDL).", "Number %q is not a report number (e.g. 125/BC-SVHTTDL).", c.Number)
		}
	}
	if strings.TrimSpace(c.Summary) == "" {
		return Errorf(EINVALID, "Báo cáo phải có trích yếu.", "The report needs a summary (trích yếu).")
	}
	return nil
}

// ConsolidatedUpdate changes the header or narrative of a draft.
type ConsolidatedUpdate struct {
	Version     int // the version read; 0 for the defaults read before anything was stored
	Issuer      *string
	IssuingUnit *string
	Place       *string
	Summary     *string
	Narrative   *Narrative
	SignerTitle *string
	Signer      *string
	Recipients  *[]string
}

// DifficultySource is the hook issue 5's difficulties (khó khăn, vướng
// mắc) plug into: the open ones raised by a plan's units up to a date. Until
// it exists the consolidated report lists none.
type DifficultySource interface {
	OpenDifficulties(ctx context.Context, planID int64, until Date) ([]string, error)
}

// ConsolidatedReportService builds, edits and issues the consolidated report.
type ConsolidatedReportService interface {
	// FindConsolidatedReport returns the period's report with its figures;
	// until its first change nothing is stored and the report is the
	// plan's defaults (header and recipients), with ID and Version 0.
	// Reading never writes.
	FindConsolidatedReport(ctx context.Context, periodID int64) (*ConsolidatedReport, error)
	// UpdateConsolidatedReport changes the draft of period periodID; the
	// first change (at version 0) stores the draft.
	UpdateConsolidatedReport(ctx context.Context, periodID int64, upd ConsolidatedUpdate) (*ConsolidatedReport, error)
	// IssueConsolidatedReport numbers, dates and freezes the period's report.
	IssueConsolidatedReport(ctx context.Context, periodID int64, version int, number string, on Date) (*ConsolidatedReport, error)
}
