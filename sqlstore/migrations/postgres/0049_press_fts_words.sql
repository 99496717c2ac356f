-- SQLite's 0049 lists the words of its full-text index, to expand a
-- search's prefix into words. PostgreSQL's GIN index answers a prefix
-- (:*) itself: nothing to add here.
SELECT 1;
