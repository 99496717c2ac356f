package archive

import "ttdn"

// bad returns the error for a malformed archive, in both languages.
func bad(vi, en string, args ...any) error {
	return ttdn.Errorf(ttdn.EINVALID, "Tệp sao lưu/xuất dữ liệu không hợp lệ: "+vi, "Invalid archive: "+en, args...)
}
