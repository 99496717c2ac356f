-- The words press_fts holds (issue 11 §3): a prefix in a search ("tây
-- nin*") is turned into an OR of the indexed words that start with it
-- (sqlstore/press_prefix.go), which FTS5 walks newest first and stops at
-- the ranking pool, where a prefix query merges the postings of every
-- such word in memory before returning a row. A view over the index:
-- nothing is written at ingest. PostgreSQL's 0049 is empty.
CREATE VIRTUAL TABLE press_fts_vocab USING fts5vocab(press_fts, 'row');
