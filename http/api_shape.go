package http

import (
	"context"
	"net/http"
	"reflect"
	"strings"
)

// The shapes most API operations share, so that an operation is the
// service call and little else: the record's id from the path, the version
// the client read (If-Match), the JSON body, the answer with its ETag, and a
// version conflict turned into 412. The services keep policy and audit.

// readOp answers the record at {id} with its ETag.
func readOp[T any](find func(ctx context.Context, id int64) (T, error)) apiOp {
	return func(r *http.Request) (*apiResult, error) {
		id, err := apiPathID(r)
		if err != nil {
			return nil, err
		}
		v, err := find(r.Context(), id)
		if err != nil {
			return nil, err
		}
		return ok(v, recordVersion(v))
	}
}

// listOp answers the records belonging to {id} as {"items": [...]}.
func listOp[T any](find func(ctx context.Context, id int64) ([]T, error)) apiOp {
	return func(r *http.Request) (*apiResult, error) {
		id, err := apiPathID(r)
		if err != nil {
			return nil, err
		}
		rows, err := find(r.Context(), id)
		if err != nil {
			return nil, err
		}
		return ok(map[string]any{"items": nonNil(rows)}, 0)
	}
}

// editOp changes the record at {id} from a JSON body, refusing a request
// without If-Match (428) and a stale one (412).
func editOp[In, T any](apply func(ctx context.Context, id int64, version int, in *In) (T, error)) apiOp {
	return func(r *http.Request) (*apiResult, error) {
		id, err := apiPathID(r)
		if err != nil {
			return nil, err
		}
		version, err := ifMatch(r)
		if err != nil {
			return nil, err
		}
		var in In
		if err := decodeJSON(r, &in); err != nil {
			return nil, err
		}
		v, err := apply(r.Context(), id, version, &in)
		if err != nil {
			return nil, stale(err)
		}
		return ok(v, recordVersion(v))
	}
}

// stepOp is editOp for a change that takes no body (retire, refresh,
// close): the version read is all it needs.
func stepOp[T any](apply func(ctx context.Context, id int64, version int) (T, error)) apiOp {
	return func(r *http.Request) (*apiResult, error) {
		id, err := apiPathID(r)
		if err != nil {
			return nil, err
		}
		version, err := ifMatch(r)
		if err != nil {
			return nil, err
		}
		v, err := apply(r.Context(), id, version)
		if err != nil {
			return nil, stale(err)
		}
		return ok(v, recordVersion(v))
	}
}

// actOp runs a JSON request on {id} that needs no version (adding to a
// record's lists); it answers status (200 or 201) with the result. With In
// struct{} the request has no body.
func actOp[In, T any](status int, apply func(ctx context.Context, id int64, in *In) (T, error)) apiOp {
	return func(r *http.Request) (*apiResult, error) {
		id, err := apiPathID(r)
		if err != nil {
			return nil, err
		}
		var in In
		if _, none := any(&in).(*struct{}); !none {
			if err := decodeJSON(r, &in); err != nil {
				return nil, err
			}
		}
		v, err := apply(r.Context(), id, &in)
		if err != nil {
			return nil, err
		}
		return &apiResult{status: status, body: v, version: recordVersion(v)}, nil
	}
}

// createOp makes a record from a JSON body: 201, its ETag, and Location
// at loc with "{id}" replaced by the new record's id.
func createOp[In, T any](loc string, apply func(ctx context.Context, in *In) (T, error)) apiOp {
	return func(r *http.Request) (*apiResult, error) {
		var in In
		if err := decodeJSON(r, &in); err != nil {
			return nil, err
		}
		v, err := apply(r.Context(), &in)
		if err != nil {
			return nil, err
		}
		return created(v, recordVersion(v), strings.ReplaceAll(loc, "{id}", itoa(recordField(v, "ID"))))
	}
}

// recordVersion is the Version of a record (every versioned record of
// ttdn has that field), 0 for anything else: no ETag then.
func recordVersion(v any) int { return int(recordField(v, "Version")) }

func recordField(v any, name string) int64 {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return 0
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return 0
	}
	f := rv.FieldByName(name)
	if !f.IsValid() || !f.CanInt() {
		return 0
	}
	return f.Int()
}
