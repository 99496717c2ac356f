package sqlstore

import (
	"context"
	"strings"

	"ttdn"
)

// This file applies the domain's access policy (ttdn.Can, ttdn.ReadScope)
// inside storage: single records are checked with Can after loading, lists
// translate ReadScope into a WHERE clause so totals and pages never count
// records the user may not see.

// unitMatcher returns a SQL condition true when the row involves one of ids,
// with its arguments.
type unitMatcher func(ids []int64) (string, []any)

// scopeWhere translates a read scope into a condition on classCol (the
// column holding the row's classification code).
func scopeWhere(s ttdn.Scope, classCol string, involves unitMatcher) (string, []any) {
	parts := scopeParts(s, classCol, involves)
	if len(parts) == 1 {
		return parts[0].cond, parts[0].args
	}
	return "(" + parts[0].cond + " OR (" + parts[1].cond + "))", parts[1].args
}

// scopePart is one branch of a read scope as SQL.
type scopePart struct {
	cond string
	args []any
}

// scopeParts splits a read scope into at most two disjoint conditions: rows
// readable by level alone, and rows of a higher level readable because they
// involve the user's units. Their counts add up to the count of the scope,
// and each branch can use its own index, where the OR of both makes SQLite
// collect every readable rowid before counting.
func scopeParts(s ttdn.Scope, classCol string, involves unitMatcher) []scopePart {
	if s.None {
		return []scopePart{{cond: "1 = 0"}}
	}
	low := scopePart{cond: classCol + " IN (" + classCodes(func(c ttdn.Classification) bool { return c <= s.Max }) + ")"}
	if s.MaxInScope <= s.Max || len(s.UnitIDs) == 0 || involves == nil {
		return []scopePart{low}
	}
	inner, args := involves(s.UnitIDs)
	high := classCodes(func(c ttdn.Classification) bool { return c > s.Max && c <= s.MaxInScope })
	return []scopePart{low, {cond: classCol + " IN (" + high + ") AND " + inner, args: args}}
}

// classCodes lists the quoted codes of the levels keep selects. They are
// constants of ours, so inlining them is safe and lets indexes be used.
func classCodes(keep func(ttdn.Classification) bool) string {
	var codes []string
	for _, c := range ttdn.Classifications {
		if keep(c) {
			codes = append(codes, "'"+c.String()+"'")
		}
	}
	return strings.Join(codes, ", ")
}

// partsQuery joins one query per scope part, built by each from the part's
// condition, with op (" + " of scalar subqueries, or " UNION ALL "), and
// returns it with its arguments: the part's followed by args, per part.
func partsQuery(parts []scopePart, op string, each func(cond string) string, args []any) (string, []any) {
	var qs []string
	var all []any
	for _, p := range parts {
		qs = append(qs, each(p.cond))
		all = append(append(all, p.args...), args...)
	}
	return strings.Join(qs, op), all
}

// countParts counts the rows of table (with its alias) matching where in
// each part of a scope and adds the counts up, in one round trip.
func countParts(ctx context.Context, tx *Tx, table string, parts []scopePart, where string, args []any) (int, error) {
	q, all := partsQuery(parts, " + ", func(cond string) string {
		return "(SELECT COUNT(*) FROM " + table + " WHERE " + cond + and(where) + ")"
	}, args)
	var n int
	err := tx.QueryRowContext(ctx, "SELECT "+q, all...).Scan(&n)
	return n, err
}

// and prefixes a non-empty condition with AND.
func and(cond string) string {
	if cond == "" {
		return ""
	}
	return " AND " + cond
}

// int64Args converts ids to query arguments.
func int64Args(ids []int64) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}

// canRead loads nothing: it reports ENOTFOUND when the acting user may not
// read r, so a hidden record looks exactly like a missing one.
func canRead(ctx context.Context, r ttdn.Resource, notFound error) error {
	if !ttdn.Can(ttdn.UserFromContext(ctx), ttdn.ActionRead, r) {
		return notFound
	}
	return nil
}

// authorize reports EUNAUTHORIZED (no user), ENOTFOUND (record not
// readable) or EFORBIDDEN when the acting user may not do act on r.
func authorize(ctx context.Context, act ttdn.Action, r ttdn.Resource, notFound error) error {
	u := ttdn.UserFromContext(ctx)
	if ttdn.Can(u, act, r) {
		return nil
	}
	if u == nil {
		return ttdn.Errorf(ttdn.EUNAUTHORIZED, "Bạn cần đăng nhập để thực hiện thao tác này.", "You need to log in to do this.")
	}
	if act != ttdn.ActionCreate && notFound != nil && !ttdn.Can(u, ttdn.ActionRead, r) {
		return notFound
	}
	return ttdn.Errorf(ttdn.EFORBIDDEN, "Bạn không có quyền thực hiện thao tác này.", "You are not allowed to do this.")
}

// errConflict is the answer to a stale edit.
func errConflict() error {
	return ttdn.Errorf(ttdn.ECONFLICT,
		"Bản ghi đã được người khác thay đổi sau khi bạn mở. Hãy tải lại trang để xem bản mới nhất rồi sửa lại.",
		"The record was changed by someone else after you opened it. Reload the page to see the latest version, then edit again.")
}

// auditsReads reports whether reading a record of level c must be logged.
func auditsReads(ctx context.Context, c ttdn.Classification) bool {
	return c == ttdn.Secret && !ttdn.UserFromContext(ctx).IsSystem()
}
