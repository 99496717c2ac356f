package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// learnAliases keeps every name the user resolved by hand in the preview
// as an alias of the unit chosen, so the next plan resolves it. The plan
// is stored already: a failure here is logged, not shown — the user's
// plan is safe, and the name can be chosen again next time.
func (s *Server) learnAliases(r *http.Request, v *importPreview) {
	learner, ok := s.cfg.Units.(ttdn.UnitAliasLearner)
	if !ok {
		return
	}
	var aliases []ttdn.UnitAlias
	for _, m := range v.Matches {
		if m.Selected == "" || m.Selected == m.Parsed {
			continue
		}
		kind, idText, _ := strings.Cut(m.Selected, ":")
		id, _ := strconv.ParseInt(idText, 10, 64)
		a := ttdn.UnitAlias{Text: m.Text}
		if kind == "g" {
			a.GroupID = id
		} else {
			a.UnitID = id
		}
		aliases = append(aliases, a)
	}
	if _, err := learner.LearnAliases(r.Context(), aliases); err != nil {
		s.log.Error("learn aliases", "err", err)
	}
}
