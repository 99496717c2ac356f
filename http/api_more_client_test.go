package http

import (
	"bytes"
	"mime/multipart"
	"net/http/httptest"
)

// callFiles sends files as multipart/form-data (field "files") with other
// form fields, checked against openapi.json like every other answer.
func (c *apiClient) callFiles(path string, fields map[string]string, files map[string][]byte) *apiAnswer {
	c.t.Helper()
	return c.multipart(path, "files", fields, files)
}

// callUpload sends one file in the field "file" (a plan to import).
func (c *apiClient) callUpload(path string, fields map[string]string, files map[string][]byte) *apiAnswer {
	c.t.Helper()
	return c.multipart(path, "file", fields, files)
}

func (c *apiClient) multipart(path, field string, fields map[string]string, files map[string][]byte) *apiAnswer {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	for name, data := range files {
		fw, _ := mw.CreateFormFile(field, name)
		_, _ = fw.Write(data)
	}
	_ = mw.Close()
	r := httptest.NewRequest("POST", path, &buf)
	r.RemoteAddr = "127.0.0.1:5000"
	r.Header.Set("Authorization", "Bearer "+c.token)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	w := httptest.NewRecorder()
	c.h.ServeHTTP(w, r)
	a := &apiAnswer{status: w.Code, header: w.Header(), raw: w.Body.Bytes()}
	c.validate("POST", path, a)
	return a
}

// items is the "items" list of an answer.
func (a *apiAnswer) items() []map[string]any {
	var out []map[string]any
	l, _ := a.body["items"].([]any)
	for _, x := range l {
		out = append(out, x.(map[string]any))
	}
	return out
}

// pdfBytes is a small file the attachment sniffer takes for a PDF.
var pdfBytes = []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
