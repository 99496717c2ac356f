-- What ingestion repaired in an article (issue 11): a publication date
-- replaced by the fetch time, a title or summary cut. Empty for most.
ALTER TABLE press_articles ADD COLUMN ingest_notes TEXT NOT NULL DEFAULT '';
