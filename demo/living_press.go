package demo

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"ttdn"
	"ttdn/pressingest"
	"ttdn/presstext"
	"ttdn/sqlstore"
	"ttdn/vntext"
)

// pressDays is how far back the demo's press items go.
const pressDays = 14

// pressItem is an item to ingest with the monitor's judgement to record.
type pressItem struct {
	pressingest.Item
	foreign bool
	review  string // "", "action", "dismiss"
}

// pressSteps schedules the last two weeks of press items, unless items of
// those weeks are stored already: each evening the day's items go through
// the real ingest pipeline (watchlist, stories, tone) and the alerts are
// made; each morning the monitor reviews the hits of the day before last,
// so the newest wait in the queue.
func (l *living) pressSteps(ctx context.Context) error {
	store := sqlstore.NewPressService(l.db)
	c := l.cal
	if _, n, err := store.SearchArticles(ctx, ttdn.ArticleFilter{From: c.Now.AddDate(0, 0, -pressDays), To: c.Now, Limit: 1}); err != nil {
		return err
	} else if n > 0 {
		return nil
	}
	if err := sqlstore.SeedWatchTerms(ctx, l.db); err != nil {
		return err
	}
	byDay := map[ttdn.Date][]pressItem{}
	for _, it := range l.press {
		d := ttdn.DateOf(it.Published.In(ttdn.VietnamZone()))
		byDay[d] = append(byDay[d], it)
	}
	days := make([]ttdn.Date, 0, len(byDay))
	for d := range byDay {
		days = append(days, d)
	}
	slices.SortFunc(days, func(a, b ttdn.Date) int { return a.Time(time.UTC).Compare(b.Time(time.UTC)) })
	var pipe *pressingest.Pipeline
	sources := map[string]int64{}
	for _, d := range days {
		dayItems := byDay[d]
		l.add(l.before(c.at(d, 23, 30), 20), func(ctx context.Context) error {
			if pipe == nil {
				var err error
				if pipe, err = pressingest.New(ctx, store, pressingest.Options{}); err != nil {
					return err
				}
			}
			batch := make([]pressingest.Item, 0, len(dayItems))
			for _, it := range dayItems {
				id, ok := sources[it.Outlet]
				if !ok {
					src, err := store.OfflineSource(ctx, it.Outlet, it.foreign)
					if err != nil {
						return err
					}
					id, sources[it.Outlet] = src.ID, src.ID
				}
				it.SourceID = id
				batch = append(batch, it.Item)
			}
			if _, err := pipe.IngestItems(ctx, batch); err != nil {
				return err
			}
			_, err := store.GeneratePressAlerts(ctx)
			return err
		})
		if c.days(d, c.Today) >= 3 {
			l.add(c.at(addDays(d, 2), 8, 40), func(ctx context.Context) error { return l.reviewDay(ctx, d, dayItems) })
		}
	}
	return nil
}

// maxActions is how many hits the monitor marks as needing action among
// those the lexicon finds negative (the invented items mark their own).
const maxActions = 3

// reviewDay records the monitor's judgement of day's hits: dismissed when
// not about the province, needing action for disinformation, otherwise
// relevant with the tone the lexicon guessed.
func (l *living) reviewDay(ctx context.Context, day ttdn.Date, items []pressItem) error {
	store := sqlstore.NewPressService(l.db)
	tags := map[string]string{} // the invented items' own judgements
	for _, it := range items {
		if it.review != "" {
			tags[presstext.NormalizeURL(it.Link)] = it.review
		}
	}
	fromFiles := l.opt.NewsDir != ""
	from := l.cal.at(day, 0, 0)
	arts, _, err := store.SearchArticles(ctx, ttdn.ArticleFilter{From: from, To: from.AddDate(0, 0, 1), HitsOnly: true, Limit: 500})
	if err != nil {
		return err
	}
	mon := l.as(ctx, "theodoi")
	for i, a := range arts {
		rv, err := store.FindReviewByArticle(mon, a.ID)
		if err != nil {
			return err
		} else if rv.Status != ttdn.ReviewNew {
			continue
		}
		upd := ttdn.ReviewUpdate{Version: rv.Version}
		tag := tags[presstext.NormalizeURL(a.URL)]
		switch {
		case tag == "dismiss" || fromFiles && i%7 == 6:
			st, rel := ttdn.ReviewDismissed, ttdn.RelevanceIrrelevant
			upd.Status, upd.Relevance = &st, &rel
		case tag == "action" || fromFiles && rv.ToneGuess == ttdn.ToneNegative && l.actions < maxActions:
			tone, rel, yes := ttdn.ToneNegative, ttdn.RelevanceRelevant, true
			note := "Thông tin sai sự thật; đề nghị cơ quan chức năng cung cấp thông tin chính thức và phản bác."
			upd.Tone, upd.Relevance, upd.NeedsAction, upd.Note = &tone, &rel, &yes, &note
			l.actions++
		default:
			tone, rel := rv.ToneGuess, ttdn.RelevanceRelevant
			upd.Tone, upd.Relevance = &tone, &rel
		}
		if _, err := store.UpdateReview(mon, a.ID, upd); err != nil {
			return err
		}
	}
	return nil
}

// pressItems returns the items to ingest: the news files of NewsDir shifted
// so their last day is yesterday, or the demo's own.
func (l *living) pressItems() ([]pressItem, error) {
	if l.opt.NewsDir != "" {
		return l.newsDirItems()
	}
	c, rng := l.cal, l.rngFor("press")
	var out []pressItem
	for i, s := range newsStories {
		for k, outlet := range s.outlets {
			at := c.at(addDays(c.Today, -s.day), s.hour, 0).Add(time.Duration(k*47+rng.IntN(20)) * time.Minute)
			it := pressItem{foreign: foreignOutlets[outlet], review: s.review}
			it.Outlet, it.Title, it.Summary = outlet, s.title, leadIns[k%len(leadIns)]+s.summary
			it.Link = fmt.Sprintf("https://%s.example/%s/tin-%d-%d", slug(outlet), at.Format("2006/01/02"), i, k)
			it.Published, it.Fetched = at, at.Add(12*time.Minute)
			out = append(out, it)
		}
	}
	for day := 1; day < pressDays; day++ {
		d := addDays(c.Today, -day)
		for k, b := range backgroundItems(rng, d.Day, int(d.Month)) {
			outlet := []string{outTinNhanh, outDongNamBo, outCongLuanMT, outKinhTeMK}[k%4]
			at := c.at(d, 6+k, rng.IntN(60))
			it := pressItem{}
			it.Outlet, it.Title, it.Summary = outlet, b[0], b[1]
			it.Link = fmt.Sprintf("https://%s.example/%s/bai-%d", slug(outlet), at.Format("2006/01/02"), k)
			it.Published, it.Fetched = at, at.Add(9*time.Minute)
			out = append(out, it)
		}
	}
	return out, nil
}

// newsDirItems reads the news files of NewsDir and moves them by whole
// days so the last day they cover is yesterday; items that would fall in
// the future or before the two weeks are left out.
func (l *living) newsDirItems() ([]pressItem, error) {
	files, err := filepath.Glob(filepath.Join(l.opt.NewsDir, "*.json"))
	if err != nil {
		return nil, err
	} else if len(files) == 0 {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Thư mục %s không có tệp tin bài .json.", "The folder %s holds no .json news file.", l.opt.NewsDir)
	}
	var recs []pressingest.NewsRecord
	for _, f := range files {
		r, err := pressingest.ReadNewsFile(f)
		if err != nil {
			return nil, err
		}
		recs = append(recs, r...)
	}
	var last time.Time
	for _, r := range recs {
		if r.Published.After(last) {
			last = r.Published
		}
	}
	vn := ttdn.VietnamZone()
	shift := l.cal.days(ttdn.DateOf(last.In(vn)), addDays(l.cal.Today, -1))
	from := l.cal.Now.AddDate(0, 0, -pressDays)
	var out []pressItem
	for i := range recs {
		r := &recs[i]
		it := pressItem{Item: r.Item(0)}
		it.Published, it.Fetched = r.Published.AddDate(0, 0, shift), r.Fetched.AddDate(0, 0, shift)
		if it.Outlet == "" {
			it.Outlet = "Không rõ nguồn"
		}
		if it.Published.Before(from) || !it.Published.Before(l.cal.Now) {
			continue
		}
		out = append(out, it)
	}
	if len(out) == 0 {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Thư mục %s không có tin bài nào.", "The folder %s holds no news item.", l.opt.NewsDir)
	}
	return out, nil
}

// slug is outlet's name as a host name.
func slug(outlet string) string {
	var b strings.Builder
	for _, r := range vntext.Fold(outlet) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
