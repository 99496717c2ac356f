package pressingest

import (
	"context"
	"iter"
	"time"

	"ttdn/sqlstore"
	"ttdn/story"
)

// minShingles is the story grouper's least number of word pairs; Extract
// and the Grouper must agree on it.
const minShingles = 4

// Options tune a Pipeline; zero fields take the defaults.
type Options struct {
	BatchSize int           // items per transaction; default 2,000
	Window    int           // story grouper window; default story's (100,000)
	MaxGap    time.Duration // story grouper's longest gap; default story's (72 h)
}

// Stats is what an ingestion did.
type Stats struct {
	Items      int // read
	Stored     int // new articles
	Duplicates int // same normalised URL as a stored or earlier item
	Skipped    int // neither title nor link
	Hits       int // stored articles with a watchlist hit
	NewStories int // stored articles that started a story
	Retitled   int // stored articles whose headline the outlet edited
}

func (s *Stats) add(o Stats) {
	s.Items += o.Items
	s.Stored += o.Stored
	s.Duplicates += o.Duplicates
	s.Skipped += o.Skipped
	s.Hits += o.Hits
	s.NewStories += o.NewStories
	s.Retitled += o.Retitled
}

// Pipeline ingests items. It keeps the story grouper, whose state is
// rebuilt from the newest stored articles when the pipeline is made, so a
// restart groups exactly as before; and the compiled watchlist, recompiled
// when the stored watchlist's revision changes. One Pipeline is used by one
// goroutine at a time (the feed runner serialises its workers' batches).
type Pipeline struct {
	store   *sqlstore.PressService
	opt     Options
	grouper *story.Grouper
	ring    []int64 // story id per grouper sequence number, modulo the window
	seq     int64   // next grouper sequence number
	lastID  int64   // newest stored article the grouper has seen
	wl      *sqlstore.Watchlist
}

// New returns a pipeline on store, its grouper warmed with the newest
// stored articles. ctx must act as the system user.
func New(ctx context.Context, store *sqlstore.PressService, opt Options) (*Pipeline, error) {
	if opt.BatchSize <= 0 {
		opt.BatchSize = 2000
	}
	if opt.Window <= 0 {
		opt.Window = 100_000
	}
	p := &Pipeline{store: store, opt: opt, ring: make([]int64, opt.Window),
		grouper: story.New(story.Options{Window: opt.Window, MaxGap: opt.MaxGap, MinShingles: minShingles})}
	if err := p.catchUp(ctx); err != nil {
		return nil, err
	}
	return p, nil
}

// catchUp replays into the grouper the articles stored since it last
// looked — at start, the newest Window of them; later, those other
// instances stored — so every instance groups against the same stored
// articles: the grouping state is the database's.
func (p *Pipeline) catchUp(ctx context.Context) error {
	recent, err := p.store.RecentArticles(ctx, p.lastID, p.opt.Window)
	if err != nil {
		return err
	}
	for _, a := range recent {
		f := story.Extract(&story.Item{URL: a.URL, Source: a.Outlet, Title: a.Title, Summary: a.Summary, Time: a.Published}, minShingles)
		asg := p.grouper.AddFeatures(&f)
		p.ring[asg.Seq%int64(p.opt.Window)] = a.StoryID
		p.seq = asg.Seq + 1
		p.lastID = max(p.lastID, a.ID)
	}
	return nil
}

// watchlist returns the compiled watchlist, recompiling it when the stored
// one changed.
func (p *Pipeline) watchlist(ctx context.Context) (*sqlstore.Watchlist, error) {
	rev, err := p.store.WatchlistRevision(ctx)
	if err != nil {
		return nil, err
	}
	if p.wl == nil || p.wl.Rev != rev {
		if p.wl, err = p.store.LoadWatchlist(ctx); err != nil {
			return nil, err
		}
	}
	return p.wl, nil
}

// IngestItems ingests a slice of items.
func (p *Pipeline) IngestItems(ctx context.Context, items []Item) (Stats, error) {
	return p.Ingest(ctx, func(yield func(Item) bool) {
		for _, it := range items {
			if !yield(it) {
				return
			}
		}
	}, nil)
}

// preparedBatch is a batch after the parallel step.
type preparedBatch struct {
	items int
	preps []prepared
	err   error
}

// Ingest ingests every item of seq in batches. While one batch is grouped
// and stored, the next is prepared on the other cores. progress, if not
// nil, is called with the number of items done after each batch.
func (p *Pipeline) Ingest(ctx context.Context, seq iter.Seq[Item], progress func(done int)) (Stats, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan preparedBatch, 1)
	go p.produce(ctx, seq, batches)
	var total Stats
	for b := range batches {
		if b.err != nil {
			return total, b.err
		}
		var st Stats
		err := p.store.WithIngestLock(ctx, func() error {
			var err error
			if err = p.catchUp(ctx); err == nil {
				st, err = p.storeBatch(ctx, b.preps)
			}
			return err
		})
		if err != nil {
			return total, err
		}
		st.Items = b.items
		total.add(st)
		if progress != nil {
			progress(total.Items)
		}
	}
	return total, ctx.Err()
}

// produce cuts seq into batches and prepares them.
func (p *Pipeline) produce(ctx context.Context, seq iter.Seq[Item], out chan<- preparedBatch) {
	defer close(out)
	batch := make([]Item, 0, p.opt.BatchSize)
	flush := func() bool {
		wl, err := p.watchlist(ctx)
		b := preparedBatch{items: len(batch), err: err}
		if err == nil {
			b.preps = prepareAll(batch, wl)
		}
		select {
		case out <- b:
		case <-ctx.Done():
			return false
		}
		batch = make([]Item, 0, p.opt.BatchSize)
		return err == nil
	}
	for it := range seq {
		batch = append(batch, it)
		if len(batch) == p.opt.BatchSize && !flush() {
			return
		}
	}
	if len(batch) > 0 {
		flush()
	}
}

// grouped is an item's place in the grouper, resolved after the store.
type grouped struct {
	seq       int64
	joinBatch int // index in the stored batch, or -1
	joinStory int64
}

// storeBatch drops duplicates (retitling stored articles whose headline
// changed), groups and stores one prepared batch. It runs under the
// ingest lock, after catchUp.
func (p *Pipeline) storeBatch(ctx context.Context, preps []prepared) (Stats, error) {
	var st Stats
	hashes := make([]int64, 0, len(preps))
	for _, pr := range preps {
		if !pr.skip {
			hashes = append(hashes, pr.art.URLHash)
			if pr.legacy != 0 {
				hashes = append(hashes, pr.legacy)
			}
		}
	}
	stored, err := p.store.FindArticlesByKey(ctx, hashes)
	if err != nil {
		return st, err
	}
	var batch []*sqlstore.IngestArticle
	var places []grouped // parallel to batch
	var retitles []sqlstore.Retitle
	seen := map[int64]bool{}
	firstSeq := p.seq
	seqIndex := map[int64]int{} // grouper seq → index in batch
	for i := range preps {
		pr := &preps[i]
		if pr.skip {
			st.Skipped++
			continue
		}
		ref, ok := stored[pr.art.URLHash]
		if !ok && pr.legacy != 0 {
			ref, ok = stored[pr.legacy]
		}
		switch {
		case ok:
			st.Duplicates++
			if pr.art.Title != "" && pr.art.Title != ref.Title {
				retitles = append(retitles, sqlstore.Retitle{ID: ref.ID, Title: pr.art.Title, Summary: pr.art.Summary})
				ref.Title = pr.art.Title
				stored[pr.art.URLHash] = ref
			}
			continue
		case seen[pr.art.URLHash]:
			st.Duplicates++
			continue
		}
		seen[pr.art.URLHash] = true
		asg := p.grouper.AddFeatures(&pr.feat)
		p.seq = asg.Seq + 1
		g := grouped{seq: asg.Seq, joinBatch: -1}
		if asg.Match >= 0 {
			if asg.Match >= firstSeq {
				g.joinBatch = seqIndex[asg.Match]
			} else {
				g.joinStory = p.ring[asg.Match%int64(p.opt.Window)]
			}
		}
		pr.art.JoinBatch, pr.art.JoinStory = g.joinBatch, g.joinStory
		seqIndex[asg.Seq] = len(batch)
		batch = append(batch, pr.art)
		places = append(places, g)
	}
	if err := p.store.RetitleArticles(ctx, retitles); err != nil {
		return st, err
	}
	if err := p.store.StoreArticles(ctx, batch); err != nil {
		return st, err
	}
	for i, a := range batch {
		p.ring[places[i].seq%int64(p.opt.Window)] = a.StoryID
		p.lastID = max(p.lastID, a.ID)
		if a.StoryID == a.ID {
			st.NewStories++
		}
		if len(a.Hits) > 0 {
			st.Hits++
		}
	}
	st.Stored, st.Retitled = len(batch), len(retitles)
	return st, nil
}
