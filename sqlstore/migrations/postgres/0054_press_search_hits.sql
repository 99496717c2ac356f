-- A press search among watchlist hits only (issue 11 §3, search4). With a
-- common word the planner merged every article of an id range with the
-- word's matches (~19,000 rows of each a step); driving from the hits
-- probed the tsvector of each hit and read all 16,000 of them for a rarer
-- word. press_search now knows which of its rows are hits (`hit`, the same
-- fact as press_articles.priority > 0, kept so by the triggers below), and a
-- GIN index of the hits' words alone hands out exactly the hits holding the
-- words. Keep in step with the other engine's 0054 (which has nothing to do:
-- SQLite's filter index already serves this search).
ALTER TABLE press_search ADD COLUMN hit BOOLEAN NOT NULL DEFAULT FALSE;

-- A row of the index takes its article's state when it is written (ingest,
-- a new headline, an archive's rebuild): the article is stored first.
CREATE FUNCTION press_search_hit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.hit := EXISTS (SELECT 1 FROM press_articles WHERE id = NEW.article_id AND priority > 0);
	RETURN NEW;
END
$$;
CREATE TRIGGER press_search_hit BEFORE INSERT ON press_search
	FOR EACH ROW EXECUTE FUNCTION press_search_hit();

-- Re-applying a term changes an article's priority afterwards.
CREATE FUNCTION press_articles_hit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE press_search SET hit = NEW.priority > 0 WHERE article_id = NEW.id;
	RETURN NULL;
END
$$;
CREATE TRIGGER press_articles_hit AFTER UPDATE OF priority ON press_articles
	FOR EACH ROW WHEN ((OLD.priority > 0) IS DISTINCT FROM (NEW.priority > 0))
	EXECUTE FUNCTION press_articles_hit();

UPDATE press_search s SET hit = TRUE FROM press_articles a WHERE a.id = s.article_id AND a.priority > 0;

CREATE INDEX press_search_hit_idx ON press_search USING GIN (body) WHERE hit;
