-- The words press_fts holds (issue 11 §3): a prefix in a search ("tây
-- nin*") is turned into an OR of the indexed words that start with it
-- (sqlstore/press_prefix.go), which FTS5 walks newest first and stops at
-- the ranking pool, where a prefix query merges the postings of every
-- such word in memory before returning a row. Every write to press_fts
-- adds its words (addSearchWords); words are never removed, so the list
-- may hold words no article has any more, which match nothing. Filled
-- here from the index (an fts5vocab view counts each word's postings, too
-- slow to ask at every search). PostgreSQL's 0049 is empty.
CREATE TABLE press_fts_words (word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE temp.press_fts_vocab_0049 USING fts5vocab(main, press_fts, 'row');
INSERT INTO press_fts_words (word) SELECT term FROM temp.press_fts_vocab_0049;
DROP TABLE temp.press_fts_vocab_0049;
