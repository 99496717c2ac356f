-- An activity's start date beside each of its units (issue 15): a unit's
-- activities of a year or a period are then read from one index range
-- instead of opening every activity the unit ever had to test its date
-- (the budget form's picker, the unit filter with dates). Written with the
-- links (sqlstore/activitywrite.go, bulkactivities.go), which an update of
-- the date rewrites. Keep in step with the other engine's 0045.
ALTER TABLE activity_units ADD COLUMN start_date TEXT NOT NULL DEFAULT '';
UPDATE activity_units SET start_date = (SELECT a.start_date FROM activities a WHERE a.id = activity_units.activity_id);
CREATE INDEX activity_units_unit_date_idx ON activity_units (unit_id, start_date, activity_id);
