package sqlstore

import (
	"strings"

	"ttdn/vntext"
)

// fold returns the search key of s (vntext.Fold: lower case, no
// diacritics). Both engines index and compare these keys, so search behaves
// the same on each and needs no engine-specific collation.
func fold(s string) string { return vntext.Fold(s) }

// searchKey folds every name a record is known by into one key, a line each.
func searchKey(names ...string) string {
	var keys []string
	for _, n := range names {
		if k := fold(n); k != "" {
			keys = append(keys, k)
		}
	}
	return strings.Join(keys, "\n")
}
