-- Press search speed (issue 7). Every search scans the GIN index's whole
-- pending list (rows inserted since the last merge into the index proper)
-- besides the index: at the default 4 MB that is tens of milliseconds per
-- query after a busy hour of ingest. 256 kB bounds it; ingest merges the
-- list into the index more often, in smaller steps.
ALTER INDEX press_search_body_idx SET (gin_pending_list_limit = 256);
