package http

import (
	"net/http"
	"strconv"

	"ttdn"
	"ttdn/document"
)

// maxSourceLinks bounds the record links shown under one value; the rest
// are reached through the filtered activity list.
const maxSourceLinks = 8

// reportView is the unit report page: the values by indicator with where
// each came from, the narrative, the workflow buttons and the history.
type reportView struct {
	Report    *ttdn.UnitReport
	Period    *ttdn.ReportPeriod
	Blocks    []*indicatorBlock
	Narrative ttdn.Narrative
	Version   int
	Events    []*ttdn.ReportEvent
	Comment   string // the reviewer's comment as typed
	CanEdit   bool   // the acting user may change the content now
	CanSubmit bool
	CanReview bool // return or accept
	CanReopen bool
	Conflict  bool
	Overdue   bool // the due date has passed and the report is not sent
	MoreLink  string
	Files     []*ttdn.Attachment // the signed report, photos (report_files_ui.go)
	CanAttach bool
}

// indicatorBlock is one indicator's rows: the total first, then its
// breakdown rows, then (when editable) a blank row to add one.
type indicatorBlock struct {
	Indicator *ttdn.Indicator
	Rows      []*valueRow
}

// valueRow is one value as the form shows it. Input is the unit's figure
// (blank: the computed one counts); Computed and Source say where the
// system's figure came from.
type valueRow struct {
	Code      string
	Breakdown ttdn.Breakdown
	Item      string
	Computed  *int64
	Input     string
	Note      string
	Source    string
	Links     []sourceLink
	More      int // records beyond the links shown
	New       bool
	Text      bool
}

// ComputedText is the computed figure grouped as documents write it.
func (v *valueRow) ComputedText() string {
	if v.Computed == nil {
		return ""
	}
	return document.FormatNumber(*v.Computed)
}

// Key identifies the row in the form and in tests.
func (v *valueRow) Key() string { return v.Code + "|" + string(v.Breakdown) + "|" + v.Item }

type sourceLink struct{ Href, Label string }

// sourceNames resolves the record IDs behind computed values to links:
// activities by title, progress updates to their task.
type sourceNames struct {
	activities map[int64]string
	progress   map[int64]int64 // progress update → task
}

func (s *Server) loadSourceNames(r *http.Request, rep *ttdn.UnitReport, indicators []*ttdn.Indicator) (*sourceNames, error) {
	n := &sourceNames{activities: map[int64]string{}, progress: map[int64]int64{}}
	acts, ups := citedRecords(rep, indicators)
	if s.cfg.Activities != nil && len(acts) > 0 {
		found, _, err := s.cfg.Activities.FindActivities(r.Context(), ttdn.ActivityFilter{IDs: acts, Limit: len(acts)})
		if err != nil {
			return nil, err
		}
		for _, a := range found {
			n.activities[a.ID] = a.Title
		}
	}
	if s.cfg.Progress != nil && len(ups) > 0 {
		found, _, err := s.cfg.Progress.FindProgressUpdates(r.Context(), ttdn.ProgressFilter{IDs: ups, Limit: len(ups)})
		if err != nil {
			return nil, err
		}
		for _, u := range found {
			n.progress[u.ID] = u.TaskID
		}
	}
	return n, nil
}

// citedRecords are the activities and progress updates whose links the
// report shows: the first maxSourceLinks activities of each value (links
// stops there), every update (one the reader may not see takes no place).
// Reading only these, not every record of the unit in the period, keeps
// the page's cost from growing with the unit's activities.
func citedRecords(rep *ttdn.UnitReport, indicators []*ttdn.Indicator) (acts, ups []int64) {
	byCode := map[string]*ttdn.Indicator{}
	for _, ind := range indicators {
		byCode[ind.Code] = ind
	}
	seenAct, seenUp := map[int64]bool{}, map[int64]bool{}
	for _, v := range rep.Values {
		ind := byCode[v.Code]
		if ind == nil {
			continue
		}
		switch ind.Source {
		case ttdn.SourceBudgetEstimated, ttdn.SourceBudgetAppraised, ttdn.SourceBudgetApproved,
			ttdn.SourceBudgetAllocated, ttdn.SourceBudgetSpent,
			ttdn.SourceCases, ttdn.SourceCasesClarified, ttdn.SourceCasesCountered, ttdn.SourceCaseResponseMinutes, ttdn.SourcePressFlagged:
		case ttdn.SourceTasksCompleted, ttdn.SourceProgressUpdates:
			for _, id := range v.SourceIDs {
				if !seenUp[id] {
					seenUp[id], ups = true, append(ups, id)
				}
			}
		default:
			for _, id := range v.SourceIDs[:min(len(v.SourceIDs), maxSourceLinks)] {
				if !seenAct[id] {
					seenAct[id], acts = true, append(acts, id)
				}
			}
		}
	}
	return acts, ups
}

// links turns the IDs of one value into links, by the indicator's source.
func (n *sourceNames) links(ind *ttdn.Indicator, ids []int64) ([]sourceLink, int) {
	var out []sourceLink
	for _, id := range ids {
		if len(out) == maxSourceLinks {
			break
		}
		switch ind.Source {
		case ttdn.SourceBudgetEstimated, ttdn.SourceBudgetAppraised, ttdn.SourceBudgetApproved,
			ttdn.SourceBudgetAllocated, ttdn.SourceBudgetSpent:
			// Estimates: readable by whoever reads the unit's report.
			out = append(out, sourceLink{"/budgets/" + itoa(id), "#" + itoa(id)})
		case ttdn.SourceCases, ttdn.SourceCasesClarified, ttdn.SourceCasesCountered, ttdn.SourceCaseResponseMinutes, ttdn.SourcePressFlagged:
			// Rebuttal cases: their page says "not found" to whoever may not read them.
			out = append(out, sourceLink{"/cases/" + itoa(id), "#" + itoa(id)})
		case ttdn.SourceTasksCompleted, ttdn.SourceProgressUpdates:
			if task := n.progress[id]; task != 0 {
				out = append(out, sourceLink{"/tasks/" + itoa(task) + "#updates", "#" + itoa(id)})
			}
		default:
			label := n.activities[id]
			if label == "" {
				label = "#" + itoa(id)
			}
			out = append(out, sourceLink{"/activities/" + itoa(id), label})
		}
	}
	return out, len(ids) - len(out)
}

// buildBlocks lays the report's values out under the plan's indicators.
func buildBlocks(rep *ttdn.UnitReport, indicators []*ttdn.Indicator, names *sourceNames, editable bool) []*indicatorBlock {
	var blocks []*indicatorBlock
	for _, ind := range indicators {
		b := &indicatorBlock{Indicator: ind}
		total := &valueRow{Code: ind.Code, Text: ind.ValueType == ttdn.ValueText}
		b.Rows = append(b.Rows, total)
		for _, v := range rep.Values {
			if v.Code != ind.Code {
				continue
			}
			row := total
			if v.Breakdown != "" {
				row = &valueRow{Code: ind.Code, Breakdown: v.Breakdown, Item: v.Item}
				b.Rows = append(b.Rows, row)
			}
			fillRow(row, v, ind, names)
		}
		if editable && len(ind.Breakdowns) > 0 {
			b.Rows = append(b.Rows, &valueRow{Code: ind.Code, New: true})
		}
		blocks = append(blocks, b)
	}
	return blocks
}

func fillRow(row *valueRow, v *ttdn.ReportValue, ind *ttdn.Indicator, names *sourceNames) {
	row.Computed, row.Note, row.Source = v.Computed, v.Note, v.Source
	if v.Reported != nil {
		row.Input = strconv.FormatInt(*v.Reported, 10)
		if ind.ValueType == ttdn.ValueVND {
			row.Input = document.FormatNumber(*v.Reported)
		}
	} else if row.Text {
		row.Input = v.Text
	}
	if names != nil {
		row.Links, row.More = names.links(ind, v.SourceIDs)
	}
}

// narrativeField is one narrative section of the form.
type narrativeField struct {
	Number    int
	Key, Text string
}

// Sections are the four narrative sections with the text shown (as stored,
// or as typed when a form comes back).
func (v *reportView) Sections() []narrativeField {
	out := make([]narrativeField, len(ttdn.NarrativeSections))
	for i, sec := range ttdn.NarrativeSections {
		out[i] = narrativeField{Number: i + 1, Key: sec.Key, Text: *sec.Get(&v.Narrative)}
	}
	return out
}
