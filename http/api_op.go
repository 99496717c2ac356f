package http

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"

	"ttdn"
)

// apiResult is what an API operation answers: a status, a body encoded as
// JSON, and the version of the one record it is about (the ETag).
type apiResult struct {
	status   int
	body     any
	version  int              // > 0: ETag "v<version>"
	location string           // 201: the new record
	file     *ttdn.Attachment // a file's bytes instead of JSON (api_files.go)
}

func ok(body any, version int) (*apiResult, error) {
	return &apiResult{status: http.StatusOK, body: body, version: version}, nil
}

func created(body any, version int, location string) (*apiResult, error) {
	return &apiResult{status: http.StatusCreated, body: body, version: version, location: location}, nil
}

// apiOp is one API operation.
type apiOp func(r *http.Request) (*apiResult, error)

// maxJSONBytes bounds an ordinary JSON request body.
const maxJSONBytes = 1 << 20

// op registers an API operation: token, rate limit, read-only tokens kept
// to reads, Idempotency-Key on POST, JSON out.
func (s *Server) op(pattern string, h apiOp) {
	method, _, _ := strings.Cut(pattern, " ")
	write := method != http.MethodGet
	s.mux.Handle(pattern, s.apiMiddleware(func(w http.ResponseWriter, r *http.Request) {
		if write {
			if u := ttdn.UserFromContext(r.Context()); u.Token != nil && u.Token.ReadOnly {
				s.apiError(w, r, ttdn.Errorf(ttdn.EFORBIDDEN, "Mã truy cập này chỉ được đọc.", "This token may only read."))
				return
			}
		}
		if method == http.MethodPost && r.Header.Get("Idempotency-Key") != "" {
			s.idempotent(w, r, h)
			return
		}
		res, err := h(r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		s.writeResult(w, res)
	}))
}

// writeResult encodes res.
func (s *Server) writeResult(w http.ResponseWriter, res *apiResult) {
	if res.version > 0 {
		w.Header().Set("ETag", etag(res.version))
	}
	if res.location != "" {
		setLocation(w, res.location)
	}
	if res.file != nil {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		serveAttachment(w, res.file)
		return
	}
	if res.status == http.StatusNoContent {
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(res.status)
		return
	}
	s.writeJSON(w, res.status, res.body)
}

// idempotent runs a creating request at most once per Idempotency-Key and
// user: a retry gets the first answer (Idempotent-Replayed: true); the same
// key on another request is refused; a failed request frees its key.
func (s *Server) idempotent(w http.ResponseWriter, r *http.Request, h apiOp) {
	key := r.Header.Get("Idempotency-Key")
	if len(key) > 255 || strings.TrimSpace(key) == "" {
		s.apiError(w, r, apiField("Idempotency-Key", ttdn.Errorf(ttdn.EINVALID, "Idempotency-Key phải từ 1 đến 255 ký tự.", "Idempotency-Key must be 1 to 255 characters.")))
		return
	}
	if s.cfg.Idempotency == nil {
		s.apiError(w, r, ttdn.Errorf(ttdn.EINTERNAL, "Máy chủ chưa bật Idempotency-Key.", "Idempotency-Key is not configured."))
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, s.cfg.MaxEvidenceBytes+1))
	if err != nil {
		s.apiError(w, r, ttdn.Errorf(ttdn.EINVALID, "Không đọc được nội dung yêu cầu.", "Could not read the request body."))
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	sum := sha256.New()
	fmt.Fprintf(sum, "%s %s\n%s\n", r.Method, r.URL.RequestURI(), r.Header.Get("Content-Type"))
	sum.Write(body)
	hash := hex.EncodeToString(sum.Sum(nil))
	ctx := r.Context()
	stored, err := s.cfg.Idempotency.BeginIdempotent(ctx, key, hash)
	if err != nil {
		if ttdn.ErrorCode(err) == ttdn.EINVALID {
			err = &statusError{status: http.StatusUnprocessableEntity, err: asTTDN(err)}
		}
		s.apiError(w, r, apiField("Idempotency-Key", err))
		return
	} else if stored != nil {
		w.Header().Set("Idempotent-Replayed", "true")
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(stored.Status)
		_, _ = w.Write(stored.Body)
		return
	}
	res, err := h(r)
	if err != nil {
		if err := s.cfg.Idempotency.AbandonIdempotent(ctx, key); err != nil {
			s.log.Error("idempotency", "err", err)
		}
		s.apiError(w, r, err)
		return
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(res.body); err != nil {
		s.apiError(w, r, err)
		return
	}
	if err := s.cfg.Idempotency.FinishIdempotent(ctx, key, ttdn.StoredResponse{Status: res.status, Body: buf.Bytes()}); err != nil {
		s.log.Error("idempotency", "err", err)
	}
	s.writeResult(w, res)
}

func asTTDN(err error) *ttdn.Error {
	var e *ttdn.Error
	if errors.As(err, &e) {
		return e
	}
	return ttdn.Errorf(ttdn.EINTERNAL, "Lỗi hệ thống.", "Internal error.")
}

// decodeJSON reads a JSON body into v, refusing other media types, unknown
// fields (a misspelt field must not be silently ignored) and trailing data.
func decodeJSON(r *http.Request, v any) error {
	ct := r.Header.Get("Content-Type")
	if mt, _, _ := strings.Cut(ct, ";"); strings.TrimSpace(strings.ToLower(mt)) != "application/json" {
		return withStatus(http.StatusUnsupportedMediaType, ttdn.EINVALID, "Nội dung phải là JSON (Content-Type: application/json).", "The body must be JSON (Content-Type: application/json).")
	}
	dec := json.NewDecoder(io.LimitReader(r.Body, maxJSONBytes+1))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return ttdn.Errorf(ttdn.EINVALID, "Nội dung JSON thừa dữ liệu sau đối tượng.", "Trailing data after the JSON object.")
	}
	cleanStrings(reflect.ValueOf(v))
	return nil
}

// cleanStrings runs ttdn.CleanText over every string a decoded body holds
// (fields, slices, map keys and values, behind pointers): "\u0000" is valid
// JSON and decodes to a NUL, which PostgreSQL refuses in text and SQLite
// stores — the JSON door is cleaned like forms, queries and files.
func cleanStrings(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			cleanStrings(v.Elem())
		}
	case reflect.Interface:
		if !v.IsNil() && v.CanSet() {
			c := reflect.New(v.Elem().Type()).Elem()
			c.Set(v.Elem())
			cleanStrings(c)
			v.Set(c)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() {
				cleanStrings(f)
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return // raw bytes (json.RawMessage): their decoder's caller cleans them
		}
		for i := range v.Len() {
			cleanStrings(v.Index(i))
		}
	case reflect.Map:
		if v.IsNil() {
			return
		}
		for _, k := range v.MapKeys() {
			val := reflect.New(v.Type().Elem()).Elem()
			val.Set(v.MapIndex(k))
			cleanStrings(val)
			ck := reflect.New(k.Type()).Elem()
			ck.Set(k)
			cleanStrings(ck)
			if !ck.Equal(k) {
				v.SetMapIndex(k, reflect.Value{})
			}
			v.SetMapIndex(ck, val)
		}
	case reflect.String:
		if v.CanSet() && !ttdn.IsCleanText(v.String()) {
			v.SetString(ttdn.CleanText(v.String()))
		}
	}
}

// jsonError turns a decoding error into a message naming the field.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	var de *ttdn.Error
	switch {
	case errors.As(err, &de):
		return err
	case errors.As(err, &te):
		return apiField(te.Field, ttdn.Errorf(ttdn.EINVALID, "Trường %s có kiểu sai (cần %s).", "Field %s has the wrong type (want %s).", te.Field, te.Type.String()))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return apiField(f, ttdn.Errorf(ttdn.EINVALID, "Không có trường %q.", "Unknown field %q.", f))
	case errors.Is(err, io.EOF):
		return ttdn.Errorf(ttdn.EINVALID, "Thiếu nội dung JSON.", "The JSON body is missing.")
	}
	return ttdn.Errorf(ttdn.EINVALID, "Nội dung JSON không hợp lệ.", "The JSON body is not valid.")
}

// etag is the entity tag of a record's version.
func etag(version int) string { return fmt.Sprintf(`"v%d"`, version) }

// ifMatch returns the version the client read (If-Match), refusing a
// change without one: a write must say what it overwrites (428).
func ifMatch(r *http.Request) (int, error) {
	v := strings.TrimPrefix(strings.TrimSpace(r.Header.Get("If-Match")), "W/")
	if v == "" && strings.TrimSpace(r.Header.Get("If-None-Match")) == "*" {
		// "Only if nothing is stored yet": version 0, which no stored
		// record has (a consolidated report before its first change).
		return 0, nil
	}
	if v == "" {
		return 0, withStatus(http.StatusPreconditionRequired, ttdn.EINVALID,
			"Cần tiêu đề If-Match với ETag của bản ghi đã đọc.", "An If-Match header with the ETag of the record read is required.")
	}
	var n int
	if _, err := fmt.Sscanf(v, `"v%d"`, &n); err != nil || n <= 0 {
		return 0, apiField("If-Match", withStatus(http.StatusPreconditionFailed, ttdn.ECONFLICT, "If-Match %s không khớp phiên bản nào.", "If-Match %s matches no version.", v))
	}
	return n, nil
}

// stale turns a service's conflict on a versioned write into 412: the
// If-Match version is no longer the record's.
func stale(err error) error {
	if ttdn.ErrorCode(err) == ttdn.ECONFLICT {
		return &statusError{status: http.StatusPreconditionFailed, err: asTTDN(err)}
	}
	return err
}
