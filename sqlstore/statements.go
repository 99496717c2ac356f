package sqlstore

import "sync/atomic"

// statements counts the statements sent through Tx and the transactions
// begun: on PostgreSQL each is a round trip, so a page whose count grows
// with its rows runs a query per row. `ttdn bench --pages` reports it.
var statements atomic.Uint64

// Statements returns how many statements and transactions this process has
// sent so far, on every database.
func Statements() uint64 { return statements.Load() }
