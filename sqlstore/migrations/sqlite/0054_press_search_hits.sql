-- PostgreSQL's 0054 marks the rows of its search index that are watchlist
-- hits and indexes their words apart, for a search among hits only. SQLite
-- walks FTS5 newest first through press_articles_filter_idx, which holds the
-- priority: nothing to add here.
SELECT 1;
