-- Notifications for every workflow event (issue 12). Keep in step with the
-- other engine's 0023. A notice links to the place in ttdn where its
-- reader acts (a report, an estimate, a difficulty group…).
ALTER TABLE notifications ADD COLUMN link TEXT NOT NULL DEFAULT '';
