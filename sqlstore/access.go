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
	if s.None {
		return "1 = 0", nil
	}
	cond := classCol + " IN (" + classCodes(s.Max) + ")"
	if s.MaxInScope <= s.Max || len(s.UnitIDs) == 0 || involves == nil {
		return cond, nil
	}
	inner, args := involves(s.UnitIDs)
	return "(" + cond + " OR (" + classCol + " IN (" + classCodes(s.MaxInScope) + ") AND " + inner + "))", args
}

// classCodes lists the quoted codes of every level up to max. They are
// constants of ours, so inlining them is safe and lets indexes be used.
func classCodes(max ttdn.Classification) string {
	var codes []string
	for _, c := range ttdn.Classifications {
		if c <= max {
			codes = append(codes, "'"+c.String()+"'")
		}
	}
	return strings.Join(codes, ", ")
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
