package ttdn

import "time"

// Bounds of an API token's lifetime. A token works wherever it is copied
// to, so every token expires: a leaked one stops working by itself, and a
// year is the longest a machine client goes without its owner renewing
// it. A lifetime under a minute is a typing slip, not a token anyone could
// use.
const (
	MinTokenTTL = time.Minute
	MaxTokenTTL = 366 * 24 * time.Hour
)

// CheckTokenTTL refuses a lifetime outside [MinTokenTTL, MaxTokenTTL]:
// zero or negative (which once meant "never expires"), or absurdly long.
func CheckTokenTTL(ttl time.Duration) error {
	switch {
	case ttl <= 0:
		return Errorf(EINVALID,
			"Thời hạn của mã truy cập phải lớn hơn 0 (ví dụ 720h = 30 ngày): mã nào cũng phải hết hạn, để mã bị lộ tự mất hiệu lực.",
			"A token's lifetime must be positive (for example 720h = 30 days): every token expires, so that a leaked one stops working.")
	case ttl < MinTokenTTL:
		return Errorf(EINVALID, "Thời hạn %s quá ngắn: ít nhất 1 phút.", "A lifetime of %s is too short: at least 1 minute.", ttl)
	case ttl > MaxTokenTTL:
		return Errorf(EINVALID,
			"Thời hạn %s quá dài: tối đa 1 năm (8784h). Mã dùng lâu hơn thì cấp mã mới trước khi mã cũ hết hạn.",
			"A lifetime of %s is too long: at most one year (8784h). For longer use, create a new token before the old one expires.", ttl)
	}
	return nil
}
