-- Press search speed (issue 7). SQLite only: PostgreSQL keeps its GIN
-- index and searches newest id ranges first (sqlstore/press_search_pg.go).

-- The columns the common search filters test (language, outlet, hits),
-- in id order: a filtered text search checks up to SearchCountCap matches
-- in this narrow index (~20 bytes an article) instead of reading each
-- wide article row. New ids append at its end, so ingest pays little.
CREATE INDEX press_articles_filter_idx ON press_articles (id, source_id, language, priority);
