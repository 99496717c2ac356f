-- An activity's classification beside each of its units (issue 15): the
-- activities a user reads only through their units (a level above what
-- their role reads everywhere) are then counted from one index range of
-- the links, instead of opening each of the unit's activities (~590 on the
-- large demo) to test its level — the activity list's total was a quarter
-- of the 200-user mix's CPU. Written with the links
-- (sqlstore/activitywrite.go, bulkactivities.go), and with the activity's
-- level when its tasks reclassify it (inherit.go). Keep in step with the
-- other engine's 0056.
ALTER TABLE activity_units ADD COLUMN classification TEXT NOT NULL DEFAULT '';
UPDATE activity_units SET classification = (SELECT a.classification FROM activities a WHERE a.id = activity_units.activity_id);
CREATE INDEX activity_units_unit_class_idx ON activity_units (unit_id, classification, activity_id);
