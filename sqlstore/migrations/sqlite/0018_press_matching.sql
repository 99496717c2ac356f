-- Matching that honours diacritics (issue 11). Keep in step with
-- migrations/postgres/0018_press_matching.sql.

-- A term's rules: also match words written without diacritics, phrases it
-- must not lie inside, and context phrases one of which must stand within
-- context_within words (0: the default distance).
ALTER TABLE press_watch_terms ADD COLUMN match_folded BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE press_watch_terms ADD COLUMN excludes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE press_watch_terms ADD COLUMN context TEXT NOT NULL DEFAULT '[]';
ALTER TABLE press_watch_terms ADD COLUMN context_within INTEGER NOT NULL DEFAULT 0;

-- The shipped watchlist, where an installation still has it as shipped:
-- the province's place names also match when written without diacritics
-- (they did before, as every term did), and "Việt Tân", also a common given
-- name, becomes a term of its own that counts only near the words that
-- make it the organisation.
UPDATE press_watch_terms SET match_folded = TRUE
WHERE code IN ('tay-ninh', 'moc-bai', 'xa-mat', 'ba-den') AND name IN ('Tây Ninh', 'Mộc Bài', 'Xa Mát', 'Bà Đen');
INSERT INTO press_watch_terms (code, name, aliases, kind, priority, themes, enabled, version, updated_at, context, context_within)
SELECT 'viet-tan', 'Việt Tân', '["Viet Tan"]', 'entity', 3, '["phan-bac-thong-tin-sai"]', TRUE, 1, CURRENT_TIMESTAMP,
	'["tổ chức","khủng bố","phản động","terrorist","terror","reactionary"]', 10
WHERE EXISTS (SELECT 1 FROM press_watch_terms WHERE code = 'to-chuc-phan-dong' AND aliases LIKE '%"Việt Tân"%')
	AND NOT EXISTS (SELECT 1 FROM press_watch_terms WHERE code = 'viet-tan');
UPDATE press_watch_terms SET aliases = REPLACE(REPLACE(REPLACE(aliases, '"Việt Tân",', ''), ',"Việt Tân"]', ']'), '["Việt Tân"]', '[]'),
	version = version + 1
WHERE code = 'to-chuc-phan-dong' AND aliases LIKE '%"Việt Tân"%' AND EXISTS (SELECT 1 FROM press_watch_terms WHERE code = 'viet-tan');
UPDATE press_state SET value = value + 1 WHERE key = 'watchlist_rev';

-- Re-applying a term walks every stored article in the background, newest
-- first; its progress is kept so that any instance shows it.
CREATE TABLE press_reapply_jobs (
	id         INTEGER PRIMARY KEY,
	term_id    INTEGER    NOT NULL REFERENCES press_watch_terms (id) ON DELETE CASCADE,
	since      TIMESTAMP NOT NULL,
	user_id    INTEGER    REFERENCES users (id) ON DELETE SET NULL,
	state      TEXT      NOT NULL,
	total      INTEGER   NOT NULL DEFAULT 0,
	done       INTEGER   NOT NULL DEFAULT 0,
	matched    INTEGER   NOT NULL DEFAULT 0,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL
);
CREATE INDEX press_reapply_jobs_term_idx ON press_reapply_jobs (term_id, id);
