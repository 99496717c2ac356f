package story

import (
	"slices"
	"strings"

	"ttdn/vntext"
)

// Token limits: a title rarely has more than 20 words. A feed's summary
// is a sentence or three and is taken whole: its later words (who, where,
// how many) tell one event's reports from its siblings' a little better
// than its first ~30 words alone (README: seventh grouper); the cap only
// bounds memory against a feed that puts a whole article there.
const (
	maxTitleTokens = 48
	maxBodyTokens  = 256
)

// tokens returns the sorted distinct hashes of the folded words and word
// pairs of text, at most limit of them (the first ones). Words find the
// same story told in other words; pairs keep names ("Hưng Yên", "Lào
// Cai") apart from their parts.
func tokens(text string, limit int, buf []byte) ([]uint32, []byte) {
	buf = vntext.AppendFold(buf[:0], text)
	out := make([]uint32, 0, 32)
	var prev uint64
	have := false
	start := -1
	for i := 0; i <= len(buf) && len(out) < limit; i++ {
		word := i < len(buf) && isWordByte(buf[i])
		if word && start < 0 {
			start = i
		}
		if word || start < 0 {
			continue
		}
		h := fnv64(spelling(buf[start:i]))
		out = append(out, uint32(h))
		if have {
			out = append(out, uint32(splitmix(prev*31+h)))
		}
		prev, have, start = h, true, -1
	}
	slices.Sort(out)
	return slices.Compact(out), buf
}

// spelling writes a folded syllable the way the other spelling of it is
// written: outlets differ in final "y" / "i" after a consonant ("tỷ" /
// "tỉ", "kỹ" / "kĩ", "lý" / "lí", "sỹ" / "sĩ"), and a story's headlines
// must not differ by house style. "my" stays (Mỹ is not mì), as do
// vowel clusters ("tay", "quy").
func spelling(w []byte) []byte {
	if len(w) == 2 && w[1] == 'y' && strings.IndexByte("tklhs", w[0]) >= 0 {
		w[1] = 'i'
	}
	return w
}

// isWordByte treats every non-ASCII byte as part of a word: folded
// Vietnamese is ASCII, and other scripts are kept whole.
func isWordByte(c byte) bool {
	return c >= 0x80 || 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
}

// templateSummaries are the folded openings of summaries that are not
// about the item: error pages and placeholders some outlets put in their
// feeds. Such summaries would make unrelated items look alike.
var templateSummaries = []string{
	"da co loi xay ra",
	"moi ban quay lai bai viet",
	"vui long bat javascript",
	"noi dung dang duoc cap nhat",
}

// isTemplate reports a summary that says nothing about its item.
func isTemplate(folded string) bool {
	if len(folded) < 24 {
		return true
	}
	for _, t := range templateSummaries {
		if strings.Contains(folded, t) {
			return true
		}
	}
	return false
}

// bulletinPrefixes open the titles of round-ups that list several
// stories ("Điểm tin 17h: A; B"); they are never grouped.
var bulletinPrefixes = []string{"diem tin", "tin tuc sang", "tin tuc trua", "tin tuc toi", "tin tuc the gioi",
	"xem nhanh", "toan canh", "ban tin", "tin nong", "thoi su"}

// previewPrefixes open the titles of previews of an event ("Lịch thi
// đấu hôm nay: …"): they are a different story from the event's result.
var previewPrefixes = []string{"lich thi dau", "lich truc tiep", "du doan", "nhan dinh", "truc tiep"}

func hasPrefix(folded string, list []string) bool {
	for _, p := range list {
		if strings.HasPrefix(folded, p) {
			return true
		}
	}
	return false
}

// columnPrefixes open the titles of daily columns ("Thời tiết hôm nay
// 3-11", "Giá vàng hôm nay …", "Xổ số miền Nam ngày …"): two of them are
// one story only when both carry the same date.
var columnPrefixes = []string{"thoi tiet hom nay", "du bao thoi tiet", "gia vang hom nay", "gia xang dau hom nay",
	"ty gia hom nay", "gia heo hoi hom nay", "gia ca phe hom nay", "gia lua gao hom nay", "xo so", "ket qua xo so"}
