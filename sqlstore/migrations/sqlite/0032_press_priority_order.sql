-- /press without a query lists watchlist hits first, by priority then
-- publication time (issue 11): an index in that order lets both engines
-- read the first page without sorting every article.
CREATE INDEX press_articles_priority_idx ON press_articles (priority, published_at, id);
