package story

import "strings"

// Appointments: one session appoints several people, or one person to
// several posts, and the titles share the names ("Ông Phạm Quang Ngọc
// làm Phó bí thư Tỉnh ủy Hưng Yên" / "… làm Chủ tịch tỉnh Hưng Yên").
// Two titles appointing to different posts are different events.

// appointVerbs introduce the post in a folded title.
var appointVerbs = []string{"lam ", "giu chuc ", "duoc bau lam ", "duoc bau giu chuc ", "tai dac cu ", "dac cu "}

// posts are the folded names of posts, longer first so "pho chu tich"
// is not read as "chu tich".
var posts = []string{"pho thu tuong", "thu tuong", "pho chu tich", "chu tich", "pho tong bi thu", "tong bi thu",
	"pho bi thu", "bi thu", "thu truong", "bo truong", "pho giam doc", "giam doc", "pho chanh an", "chanh an",
	"pho vien truong", "vien truong", "pho truong ban", "truong ban", "pho tong giam doc", "tong giam doc",
	"uy vien", "dai su", "tong thong", "pho tong thong"}

// appointment returns the post a folded title appoints to, or "".
func appointment(folded string) string {
	for _, v := range appointVerbs {
		i := strings.Index(folded, v)
		if i < 0 || i > 0 && folded[i-1] != ' ' {
			continue
		}
		rest := folded[i+len(v):]
		best := ""
		for _, p := range posts {
			if strings.HasPrefix(rest, p) && len(p) > len(best) {
				best = p
			}
		}
		if best != "" {
			return best
		}
	}
	return ""
}
