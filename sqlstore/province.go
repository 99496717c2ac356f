package sqlstore

import (
	"context"
	"strings"

	"ttdn"
	"ttdn/directory"
)

// ProvinceService sets up the province an instance serves.
type ProvinceService struct{ db *DB }

// NewProvinceService returns the province service on db.
func NewProvinceService(db *DB) *ProvinceService { return &ProvinceService{db: db} }

var _ ttdn.ProvinceService = (*ProvinceService)(nil)

// SetupProvince stores the province and its starting directory in one
// transaction. Tây Ninh keeps the shipped example directory. Another
// province replaces the example: its units, groups and channels go (they
// are Tây Ninh's), which is allowed only while no plan is stored and no
// account belongs to one of them, so nothing anyone entered is lost. A
// province once chosen is not changed for another; running the setup
// again for the same province adds what is missing (new communes).
func (s *ProvinceService) SetupProvince(ctx context.Context, name string, communes []string, progress func(done, total int)) (*ttdn.ProvinceSetup, error) {
	if err := authorize(ctx, ttdn.ActionUpdate, ttdn.Resource{Kind: ttdn.ResourceProvince}, nil); err != nil {
		return nil, err
	}
	p, merged, ok := directory.FindProvince(name)
	if !ok {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Không có tỉnh, thành phố %q trong danh sách 34 tỉnh, thành phố sau sắp xếp năm 2025.",
			"There is no province or city %q among the 34 after the 2025 reorganisation.", name).On("province")
	}
	communeEntries, err := directory.CommuneEntries(communes)
	if err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	stored, err := storedProvince(ctx, tx)
	if err != nil {
		return nil, err
	}
	res := &ttdn.ProvinceSetup{Province: p.Name, Place: p.Place()}
	if merged {
		res.MergedFrom = name
	}
	if stored != "" && stored != p.Name {
		return nil, ttdn.Errorf(ttdn.ECONFLICT, "Hệ thống đã được thiết lập cho %s; không đổi sang tỉnh, thành phố khác.",
			"This instance is set up for %s already; it cannot change to another province.", stored).On("province")
	}
	if stored == "" && p.Name != directory.ShippedProvince {
		if res.Removed, err = removeShippedExample(ctx, tx); err != nil {
			return nil, err
		}
	}
	d := provinceDirectory(p.Name)
	if p.Name == directory.ShippedProvince {
		// The example's UBND tỉnh is the pre-merger one; communes belong
		// to the merged province's.
		for i := range communeEntries {
			communeEntries[i].ParentCode = "ubnd-tinh-2025"
		}
	}
	entries := append(d.Entries, communeEntries...)
	groups := withCommunes(d.Groups, communeEntries)
	if res.Units, err = seedEntries(ctx, tx, entries, groups, progress); err != nil {
		return nil, err
	}
	res.Communes = len(communeEntries)
	if stored == "" {
		if _, err := tx.exec(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)`, keyProvince, p.Name, tx.now); err != nil {
			return nil, err
		}
	}
	if err := seedCatalogs(ctx, tx); err != nil {
		return nil, err
	}
	if err := seedWatchTerms(ctx, tx); err != nil {
		return nil, err
	}
	if err := tx.audit(ctx, "province_setup", ttdn.ResourceProvince, 0, nil, res); err != nil {
		return nil, err
	}
	return res, tx.Commit()
}

// withCommunes adds the communes to the group of commune committees.
func withCommunes(groups []directory.Group, communes []directory.Entry) []directory.Group {
	out := make([]directory.Group, len(groups))
	copy(out, groups)
	for i := range out {
		if out[i].Code != directory.CommuneGroup {
			continue
		}
		out[i].MemberCodes = append([]string(nil), out[i].MemberCodes...)
		for _, c := range communes {
			out[i].MemberCodes = append(out[i].MemberCodes, c.Unit.Code)
		}
	}
	return out
}

// removeShippedExample deletes Tây Ninh's example directory and the
// channels seeded for it, refusing when anything entered uses it.
func removeShippedExample(ctx context.Context, tx *Tx) (int, error) {
	var plans, users int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM plans`).Scan(&plans); err != nil {
		return 0, err
	}
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE unit_id IS NOT NULL`).Scan(&users); err != nil {
		return 0, err
	}
	if plans > 0 || users > 0 {
		return 0, ttdn.Errorf(ttdn.ECONFLICT,
			"Cơ sở dữ liệu đã có kế hoạch hoặc tài khoản gắn với đơn vị của danh mục mẫu (Tây Ninh); chỉ thiết lập tỉnh, thành phố khác trên cơ sở dữ liệu mới.",
			"The database already holds plans or accounts tied to the example (Tây Ninh) directory; set up another province on a new database.").On("province")
	}
	// The example's watchlist names Tây Ninh's places; with no article
	// matched against it yet, it goes too (the setup seeds the province's).
	var articles int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM press_articles`).Scan(&articles); err != nil {
		return 0, err
	}
	if articles == 0 {
		if _, err := tx.exec(ctx, `DELETE FROM press_watch_terms`); err != nil {
			return 0, err
		}
	}
	for _, sc := range seedChannels() {
		if _, err := tx.exec(ctx, `DELETE FROM channels WHERE code = ?`, sc.code); err != nil {
			return 0, err
		}
	}
	// The local theme is named for Tây Ninh; the setup seeds it again
	// named for the province.
	if _, err := tx.exec(ctx, `DELETE FROM themes WHERE code = 'van-hoa-lich-su' AND name LIKE ?`, "%"+directory.ShippedProvince+"%"); err != nil {
		return 0, err
	}
	for _, g := range directory.Groups() {
		if _, err := tx.exec(ctx, `DELETE FROM unit_groups WHERE code = ?`, g.Code); err != nil {
			return 0, err
		}
	}
	ids, err := unitIDsByCode(ctx, tx)
	if err != nil {
		return 0, err
	}
	var gone []int64
	for _, e := range directory.Entries() {
		if id, ok := ids[e.Unit.Code]; ok {
			gone = append(gone, id)
		}
	}
	for _, id := range gone {
		if _, err := tx.exec(ctx, `UPDATE units SET parent_id = NULL, successor_id = NULL WHERE id = ?`, id); err != nil {
			return 0, err
		}
	}
	for _, id := range gone {
		if _, err := tx.exec(ctx, `DELETE FROM units WHERE id = ?`, id); err != nil {
			return 0, err
		}
	}
	return len(gone), nil
}

// servedProvince is the province in the settings, or the shipped example.
func servedProvince(ctx context.Context, tx *Tx) (directory.ProvinceInfo, error) {
	d, err := storedProvinceDirectory(ctx, tx)
	return d.Province, err
}

// provinceCommittee is "UBND tỉnh X" for the province served: where a
// proposal goes when the user names no body.
func (db *DB) provinceCommittee(ctx context.Context) (string, error) {
	tx, err := db.BeginTx(ttdn.NewSystemContext(ctx), false)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	p, err := servedProvince(ctx, tx)
	return "UBND " + p.Place(), err
}

// issuerOf is the body above the issuing unit in a document's header, in
// capitals: "UBND TỈNH HÀ TĨNH", "UBND THÀNH PHỐ HÀ NỘI". A place that is
// none of the 34 provinces is taken as a tỉnh.
func issuerOf(place string) string {
	if p, merged, ok := directory.FindProvince(place); ok && !merged {
		return strings.ToUpper("UBND " + p.Place())
	}
	return "UBND TỈNH " + strings.ToUpper(place)
}
