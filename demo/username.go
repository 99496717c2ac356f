package demo

import "ttdn"

// Username returns the demo log-in of a role ("" for none): what
// `ttdn bench --pages --role` signs in as.
func Username(r ttdn.Role) string {
	for _, u := range demoUsers {
		if u.role == r {
			return u.username
		}
	}
	return ""
}
