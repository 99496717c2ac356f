-- The public site (issue 14 §2). Keep in step with the other engine's 0036.
--
-- A publication is a snapshot of a public record (an activity or a case's
-- response) that the coordinator chose to show, with its language versions
-- in publication_texts. Unpublishing deletes the rows, so nothing of it stays
-- for the site to show. The site reads a publication only while its source is
-- still public (sqlstore/public_site.go), so a source made more classified
-- leaves the site at the commit that made it so.
CREATE TABLE publications (
	id           INTEGER PRIMARY KEY,
	kind         TEXT      NOT NULL,
	source_kind  TEXT      NOT NULL,
	source_id    INTEGER   NOT NULL,
	start_date   TEXT,
	end_date     TEXT,
	place        TEXT      NOT NULL DEFAULT '',
	link_url     TEXT      NOT NULL DEFAULT '',
	claim        TEXT      NOT NULL DEFAULT '',
	verdict      TEXT      NOT NULL DEFAULT '',
	claim_url    TEXT      NOT NULL DEFAULT '',
	author       TEXT      NOT NULL DEFAULT '',
	published_by INTEGER   NOT NULL DEFAULT 0,
	published_at TIMESTAMP NOT NULL,
	updated_at   TIMESTAMP NOT NULL,
	version      INTEGER   NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX publications_source_idx ON publications (source_kind, source_id);
CREATE INDEX publications_kind_idx ON publications (kind, published_at);

CREATE TABLE publication_texts (
	publication_id INTEGER NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
	lang           TEXT    NOT NULL,
	title          TEXT    NOT NULL,
	summary        TEXT    NOT NULL DEFAULT '',
	body           TEXT    NOT NULL DEFAULT '',
	status         TEXT    NOT NULL,
	PRIMARY KEY (publication_id, lang)
);
