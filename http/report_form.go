package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// reportForm is the unit report form as posted. The value rows travel as
// parallel lists (row_code, row_bd, row_item, row_new, row_value,
// row_note): every row sends every field, so the lists stay aligned.
type reportForm struct {
	Version   int
	Action    string // "save" or "submit"
	Rows      []postedRow
	Narrative ttdn.Narrative
}

type postedRow struct {
	Code, Breakdown, Item, Value, Note string
	New                                bool
}

func reportFormFrom(r *http.Request) reportForm {
	f := reportForm{Action: r.PostFormValue("action")}
	f.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	pf := r.PostForm
	at := func(key string, i int) string {
		if i < len(pf[key]) {
			return strings.TrimSpace(pf[key][i])
		}
		return ""
	}
	for i := range pf["row_code"] {
		f.Rows = append(f.Rows, postedRow{Code: at("row_code", i), Breakdown: at("row_bd", i), Item: at("row_item", i),
			Value: at("row_value", i), Note: at("row_note", i), New: at("row_new", i) == "1"})
	}
	n := &f.Narrative
	for _, sec := range ttdn.NarrativeSections {
		*sec.Get(n) = strings.TrimSpace(pf.Get(sec.Key))
	}
	return f
}

// inputs turns the rows into value inputs. A blank added row is skipped;
// a blank existing row clears the unit's correction (the computed figure
// counts again).
func (f reportForm) inputs() []ttdn.ValueInput {
	var out []ttdn.ValueInput
	for _, row := range f.Rows {
		if row.Code == "" || row.New && row.Item == "" && row.Value == "" {
			continue
		}
		raw := row.Value
		out = append(out, ttdn.ValueInput{Code: row.Code, Breakdown: ttdn.Breakdown(row.Breakdown), Item: row.Item,
			Raw: &raw, Note: row.Note})
	}
	return out
}

// overlay puts what the user typed back into the blocks, so a refused form
// comes back as it was sent.
func (f reportForm) overlay(blocks []*indicatorBlock) {
	for _, posted := range f.Rows {
		for _, b := range blocks {
			if b.Indicator.Code != posted.Code {
				continue
			}
			for _, row := range b.Rows {
				if row.New != posted.New || !row.New && row.Key() != posted.key() {
					continue
				}
				row.Input, row.Note = posted.Value, posted.Note
				if row.New {
					row.Breakdown, row.Item = ttdn.Breakdown(posted.Breakdown), posted.Item
				}
			}
		}
	}
}

func (p postedRow) key() string { return p.Code + "|" + p.Breakdown + "|" + p.Item }
