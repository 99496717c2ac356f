package searchrank

import (
	"slices"
	"strings"
	"testing"
	"time"
)

var day = time.Date(2025, 11, 10, 0, 0, 0, 0, time.UTC)

func docs() []Doc {
	return []Doc{
		{1, "Tổng Bí thư Tô Lâm thăm người dân vùng lũ", "Tổng Bí thư Tô Lâm đến Huế.", day},
		{2, "Bão số 13 đổ bộ", "Bão mạnh cấp 14 vào Gia Lai.", day.Add(-48 * time.Hour)},
		{3, "Giá xăng dầu biến động", "Giá xăng biến động mạnh trong tuần.", day},
		{4, "Tàu cá trên Biển Đông", "Ngư dân ra khơi ở Biển Đông.", day.Add(-24 * time.Hour)},
		{5, "Tây Ninh đón khách", "Cửa khẩu Mộc Bài đông khách.", day},
		{6, "Lâm Đồng có lâm sản và tô", "Đặc sản lâm sản, món tô vùng cao.", day},
		{7, "Tin tay ninh viết không dấu", "tay ninh, moc bai dong khach", day},
		{8, "Bão Kalmaegi", "Một cơn bão nữa; mưa bão kéo dài.", day},
	}
}

func ids(h []Hit) []int64 {
	var out []int64
	for _, x := range h {
		out = append(out, x.ID)
	}
	return out
}

func TestDiacriticsAndPhrases(t *testing.T) {
	cases := []struct {
		q    string
		want []int64 // as a set
	}{
		{"Biển Đông", []int64{4}},            // not "biến động"
		{"biến động", []int64{3}},            // not "Biển Đông"
		{"bien dong", []int64{3, 4}},         // typed without diacritics: both
		{"tay ninh", []int64{5, 7}},          // finds Tây Ninh too
		{"Tây Ninh", []int64{5}},             // not the text without diacritics
		{`"Tô Lâm"`, []int64{1}},             // phrase as typed
		{`"tô lâm"`, []int64{1}},             // case does not matter
		{"tô lâm", []int64{1, 6}},            // words, anywhere
		{`"lâm sản tô"`, nil},                // order matters in a phrase
		{"bão*", []int64{2, 8}},              // prefix
		{"hoà", nil},                         // nothing
		{`"Mộc Bài" "Tây Ninh"`, []int64{5}}, // two phrases
		{`"moc bai"`, []int64{5, 7}},         // phrase without diacritics
		{`"Tây Ninh`, []int64{5}},            // unclosed quote: words
	}
	for _, c := range cases {
		got := ids(Rank(Parse(c.q), docs(), ByRelevance))
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.q, got, c.want)
		}
	}
}

func TestRelevanceAndDate(t *testing.T) {
	// "bão": doc 8 has it three times, once in the title, and is newest;
	// doc 2 has it twice and is two days old.
	if got := ids(Rank(Parse("bão"), docs(), ByRelevance)); !slices.Equal(got, []int64{8, 2}) {
		t.Errorf("relevance: %v", got)
	}
	d := docs()
	d[1].Published = day.Add(time.Hour) // doc 2 now newest
	if got := ids(Rank(Parse("bão"), d, ByDate)); !slices.Equal(got, []int64{2, 8}) {
		t.Errorf("date: %v", got)
	}
	// Ties (same text, same time) go to the higher id, so the order is total.
	same := []Doc{{1, "Bão", "", day}, {2, "Bão", "", day}}
	if got := ids(Rank(Parse("bão"), same, ByRelevance)); !slices.Equal(got, []int64{2, 1}) {
		t.Errorf("ties: %v", got)
	}
}

func TestSnippet(t *testing.T) {
	text := strings.Repeat("Tin tức khác trong ngày. ", 10) + "Ngư dân ra khơi ở Biển Đông khi giá xăng biến động." + strings.Repeat(" Thêm chữ.", 20)
	sp := Snippet(Parse("Biển Đông"), text, 120)
	var hits []string
	var all strings.Builder
	for _, s := range sp {
		all.WriteString(s.Text)
		if s.Hit {
			hits = append(hits, s.Text)
		}
	}
	if !slices.Equal(hits, []string{"Biển Đông"}) {
		t.Errorf("hits %v in %q", hits, all.String())
	}
	if !strings.HasPrefix(all.String(), "… ") || !strings.HasSuffix(all.String(), " …") || len(all.String()) > 140 {
		t.Errorf("snippet %q", all.String())
	}
}

// TestPoolKeepsTheFirstMatches: a pool of size n keeps the first n docs
// that match as typed, in the order added, skips the others, and ranks
// exactly as Rank over those n.
func TestPoolKeepsTheFirstMatches(t *testing.T) {
	all := docs()
	slices.Reverse(all) // newest id first, as the engines add them
	q := Parse("bão")
	var matching []Doc
	for _, d := range all {
		if len(Rank(q, []Doc{d}, ByDate)) == 1 {
			matching = append(matching, d)
		}
	}
	if len(matching) < 2 {
		t.Fatalf("sample has %d docs with bão", len(matching))
	}
	p := NewPool(q, 1)
	for _, d := range all {
		if p.Full() {
			break
		}
		p.Add(d)
	}
	if p.Len() != 1 || !p.Full() {
		t.Fatalf("pool of 1 holds %d", p.Len())
	}
	if got, want := ids(p.Rank(ByRelevance)), ids(Rank(q, matching[:1], ByRelevance)); !slices.Equal(got, want) {
		t.Errorf("pool ranks %v, Rank over the first match %v", got, want)
	}
	if p.Add(matching[1]) {
		t.Error("a full pool took another doc")
	}
	unbounded := NewPool(q, 0)
	for _, d := range all {
		unbounded.Add(d)
	}
	if unbounded.Full() || !slices.Equal(ids(unbounded.Rank(ByDate)), ids(Rank(q, all, ByDate))) {
		t.Error("an unbounded pool differs from Rank")
	}
}
