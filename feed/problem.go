package feed

import (
	"fmt"
	"strconv"
	"strings"
)

// A failed fetch is stored on its source and shown to monitors. The
// transport's own words ("dial tcp 10.0.0.5:5432: connect: connection
// refused", "EOF") would map the internal network for whoever may add a
// source, so only a category is stored and shown; the raw error goes to the
// server log.

// Problem is the failure as stored and shown: its reason, with the status
// code for an HTTP error ("http-status 503"); "" on success.
func (r Result) Problem() string {
	switch {
	case r.Err == nil:
		return ""
	case r.Reason == ReasonStatus && r.Status > 0:
		return fmt.Sprintf("%s %d", ReasonStatus, r.Status)
	case r.Reason == "":
		return "error"
	}
	return string(r.Reason)
}

// ProblemText words a stored problem for people, in Vietnamese and in
// English. Anything it does not know — an error stored by an older
// version — becomes the generic words, never itself.
func ProblemText(problem string) (vi, en string) {
	if code, ok := strings.CutPrefix(problem, string(ReasonStatus)+" "); ok {
		if n, err := strconv.Atoi(code); err == nil && n >= 100 && n <= 999 {
			return fmt.Sprintf("máy chủ trả về mã HTTP %d", n), fmt.Sprintf("the server answered HTTP %d", n)
		}
	}
	switch Reason(problem) {
	case ReasonNone:
		return "", ""
	case ReasonBadURL:
		return "địa chỉ không hợp lệ", "invalid address"
	case ReasonNetwork:
		return "không kết nối được", "could not connect"
	case ReasonTimeout:
		return "hết thời gian chờ", "timed out"
	case ReasonTooLarge:
		return "phản hồi quá lớn", "response too large"
	case ReasonRedirects:
		return "chuyển hướng quá nhiều lần", "too many redirects"
	case ReasonStatus:
		return "máy chủ trả về mã lỗi HTTP", "the server answered with an HTTP error"
	case ReasonNotFeed:
		return "phản hồi không phải nguồn tin hợp lệ", "the response is not a valid feed"
	case ReasonBlocked:
		return "địa chỉ bị chặn (mạng nội bộ)", "address blocked (internal network)"
	case ReasonStore:
		return "không lưu được tin", "the items could not be stored"
	}
	return "lỗi khi lấy tin", "the fetch failed"
}
