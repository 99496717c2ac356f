package sqlstore

import (
	"context"

	"ttdn"
)

// ThemeService keeps the theme catalogue and the themes of tasks.
type ThemeService struct{ db *DB }

// NewThemeService returns the theme service on db.
func NewThemeService(db *DB) *ThemeService { return &ThemeService{db: db} }

var _ ttdn.ThemeService = (*ThemeService)(nil)

// themeResource: the catalogue is public, like the unit directory.
var themeResource = ttdn.Resource{Kind: ttdn.ResourceTheme, Classification: ttdn.Public}

// FindThemes returns the catalogue in display order. It is public, as
// the policy makes every theme readable.
func (s *ThemeService) FindThemes(ctx context.Context) ([]*ttdn.Theme, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findThemes(ctx, tx)
}

func findThemes(ctx context.Context, tx *Tx) ([]*ttdn.Theme, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, code, name FROM themes ORDER BY position, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var themes []*ttdn.Theme
	for rows.Next() {
		t := &ttdn.Theme{}
		if err := rows.Scan(&t.ID, &t.Code, &t.Name); err != nil {
			return nil, err
		}
		themes = append(themes, t)
	}
	return themes, rows.Err()
}

// CreateTheme adds a theme at the end of the catalogue.
func (s *ThemeService) CreateTheme(ctx context.Context, t *ttdn.Theme) error {
	if err := authorize(ctx, ttdn.ActionCreate, themeResource, nil); err != nil {
		return err
	} else if err := t.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := insertTheme(ctx, tx, t); err != nil {
		return err
	} else if err := tx.audit(ctx, "create", ttdn.ResourceTheme, t.ID, nil, t); err != nil {
		return err
	}
	return tx.Commit()
}

func insertTheme(ctx context.Context, tx *Tx, t *ttdn.Theme) error {
	id, err := tx.insertID(ctx, `INSERT INTO themes (code, name, position)
		VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM themes))`, t.Code, t.Name)
	t.ID = id
	return err
}

// themeIDs maps codes to ids, refusing an unknown code with EINVALID.
// Duplicates collapse, keeping the first.
func themeIDs(ctx context.Context, tx *Tx, codes []string) ([]int64, error) {
	if len(codes) == 0 {
		return nil, nil
	}
	args := make([]any, len(codes))
	for i, c := range codes {
		args[i] = c
	}
	rows, err := tx.QueryContext(ctx, `SELECT code, id FROM themes WHERE code IN (`+placeholders(len(codes))+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byCode := map[string]int64{}
	for rows.Next() {
		var code string
		var id int64
		if err := rows.Scan(&code, &id); err != nil {
			return nil, err
		}
		byCode[code] = id
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var ids []int64
	seen := map[int64]bool{}
	for _, c := range codes {
		id, ok := byCode[c]
		if !ok {
			return nil, ttdn.Errorf(ttdn.EINVALID, "Chuyên đề %q không có trong danh mục.", "Theme %q is not in the catalogue.", c)
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// SetTaskThemes replaces the themes of a task. It needs the right to update
// the task.
func (s *ThemeService) SetTaskThemes(ctx context.Context, taskID int64, codes []string) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	t, err := findTaskByID(ctx, tx, taskID)
	if err != nil {
		return err
	} else if err := authorize(ctx, ttdn.ActionUpdate, taskResource(t), errTaskNotFound()); err != nil {
		return err
	}
	before, err := findTaskThemes(ctx, tx, taskID)
	if err != nil {
		return err
	}
	ids, err := themeIDs(ctx, tx, codes)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM task_themes WHERE task_id = ?`, taskID); err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := tx.exec(ctx, `INSERT INTO task_themes (task_id, theme_id) VALUES (?, ?)`, taskID, id); err != nil {
			return err
		}
	}
	after := map[string]any{"themes": codes}
	if err := tx.audit(ctx, "update", ttdn.ResourceTask, taskID, map[string]any{"themes": before}, after); err != nil {
		return err
	}
	return tx.Commit()
}

// FindTaskThemes returns the theme codes of a task the user may read.
func (s *ThemeService) FindTaskThemes(ctx context.Context, taskID int64) ([]string, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	t, err := findTaskByID(ctx, tx, taskID)
	if err != nil {
		return nil, err
	} else if err := canRead(ctx, taskResource(t), errTaskNotFound()); err != nil {
		return nil, err
	}
	return findTaskThemes(ctx, tx, taskID)
}

func findTaskThemes(ctx context.Context, tx *Tx, taskID int64) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT h.code FROM task_themes x JOIN themes h ON h.id = x.theme_id
		WHERE x.task_id = ? ORDER BY h.position, h.id`, taskID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var codes []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		codes = append(codes, c)
	}
	return codes, rows.Err()
}
