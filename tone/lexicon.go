package tone

import (
	"strings"

	"ttdn/vntext"
)

// entry is a lexicon phrase's weight: positive or negative, 1 for a mild
// word, 2 for a strong one.
type entry struct{ weight int }

// maxPhrase is the longest phrase in the lexicon, in words.
var maxPhrase int

// lexicon maps folded phrases to weights. Folding merges some
// Vietnamese words (e.g. "tốt" and "tot"), which is harmless here; words
// whose folded forms are ambiguous in news ("ban", "mat") are left out.
var lexicon = build(map[int]string{
	2: "phát triển mạnh, tăng trưởng, thành công, hiệu quả, đột phá, kỷ lục, khen thưởng, " +
		"hợp tác, hữu nghị, đoàn kết, thu hút đầu tư, ổn định, an toàn, hỗ trợ, giúp đỡ, " +
		"chiến thắng, vô địch, xuất sắc, tích cực, cải thiện, nâng cao, khánh thành, " +
		"success, growth, record, cooperation, friendship, award, improve, improved, boost, " +
		"win, wins, praised, celebrate, milestone, thrive, strong",
	1: "tốt, mới, tăng, mở rộng, thuận lợi, vui, đẹp, tự hào, phục hồi, ủng hộ, " +
		"good, new, rise, rises, expand, welcome, support, positive, recover, opportunity",
	-1: "giảm, khó khăn, chậm, lo ngại, thiếu, cảnh báo, tranh cãi, bức xúc, " +
		"decline, concern, delay, shortage, warning, dispute, problem, risk, fall, falls",
	-2: "tai nạn, thiệt mạng, tử vong, chết, bị thương, sạt lở, lũ lụt, cháy, " +
		"bắt giữ, khởi tố, tham nhũng, lừa đảo, buôn lậu, ma túy, vi phạm, sai phạm, " +
		"xuyên tạc, phản động, chống phá, tin giả, sai sự thật, biểu tình, xung đột, " +
		"thất bại, thua lỗ, ô nhiễm, tội phạm, bạo lực, " +
		"accident, killed, dead, death, injured, flood, fire, arrest, arrested, corruption, " +
		"fraud, smuggling, drugs, violation, protest, conflict, clash, crisis, failure, " +
		"pollution, crime, violence, fake news, disinformation, abuse, crackdown",
})

// negators flip the phrase that follows.
var negators = map[string]bool{
	"khong": true, "chua": true, "chang": true, "not": true, "no": true, "never": true,
}

func build(lists map[int]string) map[string]entry {
	m := map[string]entry{}
	for w, list := range lists {
		for _, p := range strings.Split(list, ",") {
			words := vntext.Words(p)
			if len(words) == 0 {
				continue
			}
			m[strings.Join(words, " ")] = entry{w}
			maxPhrase = max(maxPhrase, len(words))
		}
	}
	return m
}
