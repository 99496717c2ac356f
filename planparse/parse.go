// Package planparse turns the text of an issued TTĐN plan into a ttdn.Plan.
// It is pure: it reads bytes and touches no database.
package planparse

import "ttdn"

// Result is a parsed plan and what the parser could not settle. Its JSON form
// is the contract of `ttdn plan parse`.
type Result struct {
	*ttdn.Plan
	Warnings []string `json:"warnings"`
}
