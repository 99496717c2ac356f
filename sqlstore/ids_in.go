package sqlstore

// idsIn is the condition "col is one of ids" for a filter's IDs: false for
// none, so an empty list reads nothing rather than everything.
func idsIn(col string, ids []int64) string {
	if len(ids) == 0 {
		return "1 = 0"
	}
	return col + " IN (" + placeholders(len(ids)) + ")"
}
