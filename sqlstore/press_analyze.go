package sqlstore

import "context"

// AnalyzePress has PostgreSQL vacuum and gather statistics on the tables
// a press search reads, what autovacuum does on a server where it is on.
// Without statistics the planner takes a common word for a rare one and
// reads every match of the word through the GIN index; with them it walks
// the newest articles and stops at the count cap. SQLite needs nothing.
func (db *DB) AnalyzePress(ctx context.Context) error {
	if db.engine != EnginePostgres {
		return nil
	}
	_, err := db.write.ExecContext(ctx, `VACUUM (ANALYZE) press_search, press_articles, press_sources`)
	return err
}
