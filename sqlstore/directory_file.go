package sqlstore

import (
	"context"
	"slices"

	"ttdn"
)

// DirectoryService imports and exports the unit directory as file rows.
type DirectoryService struct{ db *DB }

// NewDirectoryService returns the directory file service on db.
func NewDirectoryService(db *DB) *DirectoryService { return &DirectoryService{db: db} }

var _ ttdn.DirectoryService = (*DirectoryService)(nil)

// ExportDirectory lists every unit, parents and successors by code.
func (s *DirectoryService) ExportDirectory(ctx context.Context) ([]*ttdn.DirectoryRow, error) {
	if err := authorize(ctx, ttdn.ActionUpdate, ttdn.Resource{Kind: ttdn.ResourceUnit}, nil); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	units, err := findUnits(ctx, tx, `1 = 1 ORDER BY id`)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*ttdn.Unit{}
	for _, u := range units {
		byID[u.ID] = u
	}
	codeOf := func(id int64) string {
		if u := byID[id]; u != nil {
			return u.Code
		}
		return ""
	}
	rows := make([]*ttdn.DirectoryRow, len(units))
	for i, u := range units {
		rows[i] = &ttdn.DirectoryRow{Line: i + 2, Code: u.Code, Name: u.Name, ShortName: u.ShortName, Aliases: u.Aliases,
			Kind: u.Kind, Parent: codeOf(u.ParentID), Successor: codeOf(u.SuccessorID), ValidFrom: u.ValidFrom,
			ValidTo: u.ValidTo, Note: u.Note}
	}
	return rows, nil
}

// CheckDirectory says what importing rows would do, storing nothing.
func (s *DirectoryService) CheckDirectory(ctx context.Context, rows []*ttdn.DirectoryRow) (*ttdn.DirectoryImport, error) {
	if err := authorize(ctx, ttdn.ActionUpdate, ttdn.Resource{Kind: ttdn.ResourceUnit}, nil); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	res, _, err := checkDirectory(ctx, tx, rows)
	return res, err
}

// ImportDirectory stores rows in one transaction, or nothing while a row
// has an error.
func (s *DirectoryService) ImportDirectory(ctx context.Context, rows []*ttdn.DirectoryRow) (*ttdn.DirectoryImport, error) {
	if err := authorize(ctx, ttdn.ActionUpdate, ttdn.Resource{Kind: ttdn.ResourceUnit}, nil); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	res, stored, err := checkDirectory(ctx, tx, rows)
	if err != nil {
		return nil, err
	}
	if res.Bad > 0 {
		return res, ttdn.Errorf(ttdn.EINVALID, "Tệp có %d dòng lỗi; chưa lưu gì. Sửa các dòng được đánh dấu rồi nạp lại.",
			"The file has %d rows with errors; nothing was stored. Fix the marked rows and load it again.", res.Bad)
	}
	if err := applyDirectory(ctx, tx, rows, stored); err != nil {
		return nil, err
	}
	if err := tx.audit(ctx, "import", ttdn.ResourceUnit, 0, nil,
		map[string]int{"new": res.New, "changed": res.Changed, "same": res.Same}); err != nil {
		return nil, err
	}
	return res, tx.Commit()
}

// checkDirectory fills each row's change and errors: codes twice in the
// file, parents and successors that name nothing.
func checkDirectory(ctx context.Context, tx *Tx, rows []*ttdn.DirectoryRow) (*ttdn.DirectoryImport, map[string]*ttdn.Unit, error) {
	units, err := findUnits(ctx, tx, `1 = 1 ORDER BY id`)
	if err != nil {
		return nil, nil, err
	}
	stored := map[string]*ttdn.Unit{}
	for _, u := range units {
		stored[u.Code] = u
	}
	names := storedNames(stored)
	inFile := map[string]int{}
	for _, r := range rows {
		names[aliasKey(r.Name)] = r.Code
		if r.ShortName != "" {
			names[aliasKey(r.ShortName)] = r.Code
		}
	}
	res := &ttdn.DirectoryImport{Rows: rows}
	for _, r := range rows {
		bad := func(col, vi, en string, args ...any) {
			e := ttdn.Errorf(ttdn.EINVALID, vi, en, args...)
			r.Errors = append(r.Errors, ttdn.RowError{Line: r.Line, Column: col, Message: e.Message, MessageEN: e.MessageEN})
		}
		if prev, ok := inFile[r.Code]; ok && r.Code != "" {
			bad("code", "Mã “%s” trùng với dòng %d.", "Code “%s” repeats line %d.", r.Code, prev)
		}
		inFile[r.Code] = r.Line
		for _, link := range []struct{ col, text, vi, en string }{
			{"parent", r.Parent, "Không tìm thấy đơn vị cấp trên “%s” trong tệp hay trong danh mục.", "Parent “%s” is neither in the file nor in the directory."},
			{"successor", r.Successor, "Không tìm thấy đơn vị kế thừa “%s” trong tệp hay trong danh mục.", "Successor “%s” is neither in the file nor in the directory."},
		} {
			if code := linkCode(link.text, stored, rows, names); link.text != "" && code == "" {
				bad(link.col, link.vi, link.en, link.text)
			} else if code != "" && code == r.Code {
				bad(link.col, "Đơn vị không thể là cấp trên hay kế thừa của chính nó.", "A unit cannot be its own parent or successor.")
			}
		}
		switch u := stored[r.Code]; {
		case len(r.Errors) > 0:
			res.Bad++
		case u == nil:
			r.Change = "new"
			res.New++
		case sameUnit(u, r, stored, rows, names):
			r.Change = "same"
			res.Same++
		default:
			r.Change = "changed"
			res.Changed++
		}
	}
	return res, stored, nil
}

// linkCode finds the code a parent or successor column names: a code in
// the file or stored, else a name or short name.
func linkCode(text string, stored map[string]*ttdn.Unit, rows []*ttdn.DirectoryRow, names map[string]string) string {
	if text == "" {
		return ""
	}
	if stored[text] != nil {
		return text
	}
	for _, r := range rows {
		if r.Code == text {
			return text
		}
	}
	return names[aliasKey(text)]
}

func sameUnit(u *ttdn.Unit, r *ttdn.DirectoryRow, stored map[string]*ttdn.Unit, rows []*ttdn.DirectoryRow, names map[string]string) bool {
	codeOf := func(id int64) string {
		for code, s := range stored {
			if s.ID == id {
				return code
			}
		}
		return ""
	}
	return u.Name == r.Name && u.ShortName == r.ShortName && slices.Equal(u.Aliases, r.Aliases) && u.Kind == r.Kind &&
		u.ValidFrom == r.ValidFrom && u.ValidTo == r.ValidTo && u.Note == r.Note &&
		codeOf(u.ParentID) == linkCode(r.Parent, stored, rows, names) && codeOf(u.SuccessorID) == linkCode(r.Successor, stored, rows, names)
}

// applyDirectory inserts the new units, then writes every changed row with
// its links, each audited.
func applyDirectory(ctx context.Context, tx *Tx, rows []*ttdn.DirectoryRow, stored map[string]*ttdn.Unit) error {
	names := storedNames(stored)
	for _, r := range rows {
		names[aliasKey(r.Name)] = r.Code
	}
	for _, r := range rows {
		if r.Change != "new" {
			continue
		}
		u := &ttdn.Unit{Code: r.Code, Name: r.Name, ShortName: r.ShortName, Aliases: r.Aliases, Kind: r.Kind,
			ValidFrom: r.ValidFrom, ValidTo: r.ValidTo, Note: r.Note}
		if err := u.Validate(); err != nil {
			return err
		}
		if err := insertUnit(ctx, tx, u); err != nil {
			return err
		}
		stored[u.Code] = u
	}
	for _, r := range rows {
		if r.Change == "same" {
			continue
		}
		u := stored[r.Code]
		before := *u
		u.Name, u.ShortName, u.Aliases, u.Kind, u.ValidFrom, u.ValidTo, u.Note = r.Name, r.ShortName, r.Aliases, r.Kind, r.ValidFrom, r.ValidTo, r.Note
		u.ParentID, u.SuccessorID = 0, 0
		if p := stored[linkCode(r.Parent, stored, rows, names)]; p != nil {
			u.ParentID = p.ID
		}
		if sc := stored[linkCode(r.Successor, stored, rows, names)]; sc != nil {
			u.SuccessorID = sc.ID
		}
		if err := u.Validate(); err != nil {
			return err
		}
		if err := updateUnit(ctx, tx, u); err != nil {
			return err
		}
		action, old := "update", any(&before)
		if r.Change == "new" {
			action, old = "create", nil
		}
		if err := tx.audit(ctx, action, ttdn.ResourceUnit, u.ID, old, u); err != nil {
			return err
		}
	}
	return nil
}

// storedNames maps folded names and short names to codes; where a name
// stood for several units over time ("Ủy ban nhân dân tỉnh Tây Ninh"
// before and after 1/7/2025) the current one has it.
func storedNames(stored map[string]*ttdn.Unit) map[string]string {
	names := map[string]string{}
	put := func(name string, u *ttdn.Unit) {
		k := aliasKey(name)
		if k == "" {
			return
		}
		if prev := stored[names[k]]; prev != nil && prev.ValidTo.IsZero() && !u.ValidTo.IsZero() {
			return
		}
		names[k] = u.Code
	}
	for _, u := range stored {
		put(u.Name, u)
		put(u.ShortName, u)
	}
	return names
}
