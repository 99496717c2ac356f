package sqlstore

import (
	"context"
	"fmt"

	"ttdn"
)

// difficultySource plugs issue 5's difficulties into the consolidated report
// (ttdn.DifficultySource): those still unanswered at the period's cut-off,
// raised about the plan or about no plan in particular, each as one line the
// report prints under "Khó khăn, vướng mắc". The policy applies through
// DifficultyService, so the report never shows one its reader may not read.
type difficultySource struct {
	difficulties *DifficultyService
	units        *UnitService
}

// OpenDifficulties returns "Unit: title — text (proposal: …)" lines.
func (d difficultySource) OpenDifficulties(ctx context.Context, planID int64, until ttdn.Date) ([]string, error) {
	open, err := d.difficulties.FindOpenDifficulties(ctx, ttdn.Date{}, until)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	lines := []string{}
	for _, x := range open {
		if x.PlanID != 0 && x.PlanID != planID {
			continue
		}
		if _, ok := names[x.UnitID]; !ok {
			names[x.UnitID] = d.unitName(ctx, x.UnitID)
		}
		line := fmt.Sprintf("%s: %s — %s", names[x.UnitID], x.Title, x.Text)
		if x.Group != nil && x.Group.Proposal != "" {
			line += fmt.Sprintf(" (Đề xuất: %s)", x.Group.Proposal)
		}
		lines = append(lines, line)
	}
	return lines, nil
}

func (d difficultySource) unitName(ctx context.Context, id int64) string {
	u, err := d.units.FindUnitByID(ctx, id)
	if err != nil {
		return fmt.Sprintf("#%d", id)
	} else if u.ShortName != "" {
		return u.ShortName
	}
	return u.Name
}
