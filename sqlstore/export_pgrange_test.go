package sqlstore

// SetPGFirstRange sets how many of the newest ids a PostgreSQL search's
// first range holds, and returns the function that restores it.
func SetPGFirstRange(n int64) (restore func()) {
	old := pgFirstRange
	pgFirstRange = n
	return func() { pgFirstRange = old }
}
