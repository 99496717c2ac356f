package ttdn

import (
	"context"
	"strings"
)

// ChannelKind says what kind of outlet a channel is.
type ChannelKind string

// Channel kinds the seed names in section II.
const (
	ChannelNewspaper   ChannelKind = "newspaper"   // Báo Tây Ninh
	ChannelBroadcaster ChannelKind = "broadcaster" // Đài PTTH tỉnh
	ChannelRadio       ChannelKind = "radio"       // Đài Truyền thanh huyện, xã
	ChannelPortal      ChannelKind = "portal"      // Cổng TTĐT tỉnh, trang của sở, ngành
	ChannelCluster     ChannelKind = "cluster"     // Cụm TTĐN tại cửa khẩu Mộc Bài, Xa Mát
	ChannelSocial      ChannelKind = "social"      // fanpage, kênh video
)

// ChannelKinds lists every kind with its Vietnamese label, in display order.
var ChannelKinds = []struct {
	Kind  ChannelKind
	Label string
}{
	{ChannelNewspaper, "Báo in, báo điện tử"},
	{ChannelBroadcaster, "Phát thanh - Truyền hình"},
	{ChannelRadio, "Đài Truyền thanh"},
	{ChannelPortal, "Cổng/Trang thông tin điện tử"},
	{ChannelCluster, "Cụm thông tin đối ngoại"},
	{ChannelSocial, "Mạng xã hội"},
}

// Label returns the kind's Vietnamese name.
func (k ChannelKind) Label() string {
	for _, e := range ChannelKinds {
		if e.Kind == k {
			return e.Label
		}
	}
	return string(k)
}

// Valid reports whether k is a known kind.
func (k ChannelKind) Valid() bool { return k.Label() != string(k) }

// Channel is an outlet TTĐN content is published on (chuyên trang, chuyên
// mục…), owned by a unit. Languages are ISO 639-1 codes ("vi", "en", "km").
type Channel struct {
	ID        int64       `json:"id,omitempty"`
	Code      string      `json:"code"`
	Name      string      `json:"name"`
	Kind      ChannelKind `json:"kind"`
	UnitID    int64       `json:"unit_id,omitempty"`
	URL       string      `json:"url,omitempty"`
	Languages []string    `json:"languages"`
	Active    bool        `json:"active"`
	Version   int         `json:"version,omitempty"`
}

// Validate checks a channel's fields.
func (c *Channel) Validate() error {
	if !codeRE.MatchString(c.Code) {
		return Errorf(EINVALID, "Mã kênh %q không hợp lệ (chữ thường không dấu, số, gạch ngang).", "Invalid channel code %q (lowercase letters, digits, '-').", c.Code)
	} else if strings.TrimSpace(c.Name) == "" {
		return Errorf(EINVALID, "Kênh thông tin phải có tên.", "A channel needs a name.")
	} else if !c.Kind.Valid() {
		return Errorf(EINVALID, "Loại kênh %q không hợp lệ.", "Unknown channel kind %q.", c.Kind)
	} else if c.URL != "" && !validURL(c.URL) {
		return Errorf(EINVALID, "Địa chỉ %q không hợp lệ (cần bắt đầu bằng http:// hoặc https://).", "Invalid address %q (must start with http:// or https://).", c.URL)
	}
	return validLanguages(c.Languages)
}

func validURL(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

// validLanguages accepts two- or three-letter lowercase language codes.
func validLanguages(langs []string) error {
	for _, l := range langs {
		if n := len(l); n < 2 || n > 3 || strings.ToLower(l) != l || strings.ContainsAny(l, " -_") {
			return Errorf(EINVALID, "Mã ngôn ngữ %q không hợp lệ (ví dụ vi, en, km).", "Invalid language code %q (e.g. vi, en, km).", l)
		}
	}
	return nil
}

// ChannelFilter selects channels. Nil fields do not filter.
type ChannelFilter struct {
	Kind   *ChannelKind
	UnitID *int64
	Active *bool
	Offset int
	Limit  int
}

// ChannelUpdate changes a channel. Version must equal the current version.
type ChannelUpdate struct {
	Version   int
	Name      *string
	Kind      *ChannelKind
	UnitID    *int64
	URL       *string
	Languages *[]string
	Active    *bool
}

// ChannelService manages the channel registry.
type ChannelService interface {
	FindChannelByID(ctx context.Context, id int64) (*Channel, error)
	FindChannels(ctx context.Context, filter ChannelFilter) ([]*Channel, int, error)
	CreateChannel(ctx context.Context, c *Channel) error
	UpdateChannel(ctx context.Context, id int64, upd ChannelUpdate) (*Channel, error)
}
