-- Headlines an outlet replaced: a repeated link whose title changed
-- updates the stored article and keeps the old title here (issue 11).
CREATE TABLE press_article_titles (
	id          INTEGER PRIMARY KEY,
	article_id  INTEGER NOT NULL REFERENCES press_articles (id) ON DELETE CASCADE,
	title       TEXT NOT NULL,
	replaced_at TIMESTAMP NOT NULL
);
CREATE INDEX press_article_titles_article_idx ON press_article_titles (article_id, replaced_at);
