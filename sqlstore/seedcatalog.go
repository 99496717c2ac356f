package sqlstore

import (
	"context"
	"fmt"
	"strings"

	"ttdn"
	"ttdn/directory"
)

// seedChannel is a shipped channel, its owner named by directory code.
type seedChannel struct {
	code, name string
	kind       ttdn.ChannelKind
	unitCode   string
	url        string
	languages  []string
}

// seedChannels are the outlets seed section II names: the provincial press,
// the district radio stations, the portals, the border-gate information
// clusters and social media pages. Addresses are given only where known.
func seedChannels() []seedChannel {
	cs := []seedChannel{
		{"bao-tay-ninh", "Báo Tây Ninh", ttdn.ChannelNewspaper, "bao-tay-ninh", "https://baotayninh.vn", []string{"vi"}},
		{"dai-ptth-tay-ninh", "Đài Phát thanh - Truyền hình Tây Ninh", ttdn.ChannelBroadcaster, "dai-ptth", "", []string{"vi", "km"}},
		{"bao-ptth-tay-ninh", "Báo và Phát thanh, Truyền hình Tây Ninh", ttdn.ChannelBroadcaster, "bao-ptth", "", []string{"vi", "km"}},
		{"cong-ttdt-tinh", "Cổng Thông tin điện tử tỉnh Tây Ninh", ttdn.ChannelPortal, "van-phong", "https://www.tayninh.gov.vn", []string{"vi", "en"}},
		{"trang-so-tttt", "Trang thông tin điện tử Sở Thông tin và Truyền thông", ttdn.ChannelPortal, "so-tttt", "", []string{"vi"}},
		{"trang-so-ngoai-vu", "Trang thông tin điện tử Sở Ngoại vụ", ttdn.ChannelPortal, "so-ngoai-vu", "", []string{"vi", "en", "km"}},
		{"trang-so-vhttdl", "Trang thông tin du lịch Tây Ninh", ttdn.ChannelPortal, "so-vhttdl", "", []string{"vi", "en"}},
		{"cum-moc-bai", "Cụm thông tin đối ngoại cửa khẩu quốc tế Mộc Bài", ttdn.ChannelCluster, "cum-moc-bai", "", []string{"vi", "km", "en"}},
		{"cum-xa-mat", "Cụm thông tin đối ngoại cửa khẩu quốc tế Xa Mát", ttdn.ChannelCluster, "cum-xa-mat", "", []string{"vi", "km", "en"}},
		{"mxh-tay-ninh", "Trang mạng xã hội \"Tây Ninh - Đất thánh\"", ttdn.ChannelSocial, "so-tttt", "", []string{"vi"}},
		{"mxh-du-lich", "Trang mạng xã hội Du lịch Tây Ninh", ttdn.ChannelSocial, "so-vhttdl", "", []string{"vi", "en"}},
	}
	for _, d := range []struct{ slug, name string }{
		{"tp-tay-ninh", "thành phố Tây Ninh"}, {"hoa-thanh", "Hòa Thành"}, {"trang-bang", "Trảng Bàng"},
		{"tan-bien", "Tân Biên"}, {"tan-chau", "Tân Châu"}, {"duong-minh-chau", "Dương Minh Châu"},
		{"chau-thanh", "Châu Thành"}, {"go-dau", "Gò Dầu"}, {"ben-cau", "Bến Cầu"},
	} {
		cs = append(cs, seedChannel{"dai-tt-" + d.slug, "Đài Truyền thanh " + d.name, ttdn.ChannelRadio, "dai-tt-" + d.slug, "", []string{"vi"}})
	}
	return cs
}

// SeedCatalogs stores the default themes and the shipped channels. Like
// SeedDirectory it matches by code and leaves stored rows as they are, so
// running it twice changes nothing. Run it after SeedDirectory, so channel
// owners resolve (an owner not stored leaves the channel without one).
func SeedCatalogs(ctx context.Context, db *DB) error {
	ctx = ttdn.NewSystemContext(ctx)
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := seedCatalogs(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

// seedCatalogs stores the themes and channels of the stored province.
func seedCatalogs(ctx context.Context, tx *Tx) error {
	d, err := storedProvinceDirectory(ctx, tx)
	if err != nil {
		return err
	}
	if err := seedThemes(ctx, tx, d.Province); err != nil {
		return err
	}
	units, err := unitIDsByCode(ctx, tx)
	if err != nil {
		return err
	}
	for _, sc := range channelsOf(d.Province) {
		c := &ttdn.Channel{Code: sc.code, Name: sc.name, Kind: sc.kind, UnitID: units[sc.unitCode], URL: sc.url,
			Languages: sc.languages, Active: true}
		if err := seedOne(ctx, tx, "channels", c.Code, ttdn.ResourceChannel, c, func() error {
			return insertChannel(ctx, tx, c)
		}); err != nil {
			return err
		}
	}
	return nil
}

// channelsOf are the channels shipped for p: Tây Ninh's from the seed
// plan, or the usual outlets of any province named from it.
func channelsOf(p directory.ProvinceInfo) []seedChannel {
	if p.Name == directory.ShippedProvince {
		return seedChannels()
	}
	paper, radio := directory.PressNames(p)
	return []seedChannel{
		{"bao-tinh", paper, ttdn.ChannelNewspaper, "bao-tinh", "", []string{"vi"}},
		{"dai-ptth", radio, ttdn.ChannelBroadcaster, "dai-ptth", "", []string{"vi"}},
		{"cong-ttdt-tinh", "Cổng Thông tin điện tử " + p.Place(), ttdn.ChannelPortal, "van-phong", "", []string{"vi", "en"}},
	}
}

// seedThemes stores the default themes, the local one named for p.
func seedThemes(ctx context.Context, tx *Tx, p directory.ProvinceInfo) error {
	for _, t := range ttdn.DefaultThemes {
		t := t
		t.Name = strings.ReplaceAll(t.Name, directory.ShippedProvince, p.Name)
		if err := seedOne(ctx, tx, "themes", t.Code, ttdn.ResourceTheme, &t, func() error {
			return insertTheme(ctx, tx, &t)
		}); err != nil {
			return err
		}
	}
	return nil
}

// seedOne inserts a catalogue row unless table has its code, and audits it.
func seedOne(ctx context.Context, tx *Tx, table, code string, kind ttdn.ResourceKind, rec any, insert func() error) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table+` WHERE code = ?`, code).Scan(&n); err != nil || n > 0 {
		return err
	}
	if err := insert(); err != nil {
		return fmt.Errorf("sqlstore: seed %s %s: %w", table, code, err)
	}
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM `+table+` WHERE code = ?`, code).Scan(&id); err != nil {
		return err
	}
	return tx.audit(ctx, "create", kind, id, nil, rec)
}
