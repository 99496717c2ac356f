package ttdn

import (
	"context"
	"regexp"
	"strings"
)

// Theme is a chuyên đề: a subject the plan asks the province to promote or
// defend (Campuchia, biển đảo, biên giới…). Tasks and activities are tagged
// with themes so reports can count work by subject.
type Theme struct {
	ID   int64  `json:"id,omitempty"`
	Code string `json:"code"` // stable key, e.g. "campuchia"
	Name string `json:"name"`
}

var codeRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// Validate checks a theme's code and name.
func (t *Theme) Validate() error {
	if !codeRE.MatchString(t.Code) {
		return Errorf(EINVALID, "Mã chuyên đề %q không hợp lệ (chữ thường không dấu, số, gạch ngang).", "Invalid theme code %q (lowercase letters, digits, '-').", t.Code)
	} else if strings.TrimSpace(t.Name) == "" {
		return Errorf(EINVALID, "Chuyên đề phải có tên.", "A theme needs a name.")
	}
	return nil
}

// DefaultThemes are the chuyên đề the seed plan and the decisions it
// implements (QĐ 30 Campuchia, QĐ 930 biển đảo, QĐ 1117…) name.
var DefaultThemes = []Theme{
	{Code: "campuchia", Name: "Quan hệ Việt Nam – Campuchia"},
	{Code: "bien-dao", Name: "Biển, đảo Việt Nam"},
	{Code: "bien-gioi", Name: "Biên giới"},
	{Code: "phan-gioi-cam-moc", Name: "Phân giới cắm mốc"},
	{Code: "hoi-nhap-quoc-te", Name: "Hội nhập quốc tế"},
	{Code: "du-lich", Name: "Du lịch"},
	{Code: "nong-nghiep-cnc", Name: "Nông nghiệp công nghệ cao"},
	{Code: "dau-tu", Name: "Thu hút đầu tư"},
	{Code: "nguoi-viet-o-nuoc-ngoai", Name: "Người Việt Nam ở nước ngoài"},
	{Code: "nhan-quyen-ton-giao", Name: "Nhân quyền, dân tộc, tôn giáo"},
	{Code: "phan-bac-thong-tin-sai", Name: "Phản bác thông tin sai sự thật"},
	{Code: "van-hoa-lich-su", Name: "Văn hóa, lịch sử Tây Ninh"},
}

// ThemeService keeps the theme catalogue and the themes of tasks.
type ThemeService interface {
	FindThemes(ctx context.Context) ([]*Theme, error)
	CreateTheme(ctx context.Context, t *Theme) error
	// SetTaskThemes replaces the themes of a task (codes; unknown codes are
	// refused with EINVALID).
	SetTaskThemes(ctx context.Context, taskID int64, codes []string) error
	FindTaskThemes(ctx context.Context, taskID int64) ([]string, error)
}
