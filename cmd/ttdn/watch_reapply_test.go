package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ttdn"
)

// TestPressReapplyCommand re-applies watch terms from the command line with
// a progress bar: one term by code, then every term; an unknown code or a
// bad number of days changes nothing.
func TestPressReapplyCommand(t *testing.T) {
	data := t.TempDir()
	news := filepath.Join(t.TempDir(), "news.json")
	if err := os.WriteFile(news, []byte(`[
{"id":"1","title":"Bão số 13 đi vào Biển Đông","link":"https://news.example/1","summary":"","source":"vnexpress","published":"2025-11-14T08:00:00+07:00","fetched":"2025-11-14T08:05:00+07:00"},
{"id":"2","title":"Giá xăng dầu hôm nay: Biến động, trong nước tăng","link":"https://news.example/2","summary":"","source":"thanhnien","published":"2025-11-14T09:00:00+07:00","fetched":"2025-11-14T09:05:00+07:00"}
]`), 0o600); err != nil {
		t.Fatal(err)
	}
	cli := func(args ...string) (string, string, error) {
		var out, errOut bytes.Buffer
		err := run(context.Background(), append(args, "--data", data), nil, &out, &errOut)
		return out.String(), errOut.String(), err
	}
	if _, _, err := cli("press", "ingest", news); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := cli("press", "reapply", "bien-dong")
	// Both items are candidates (the same folded words); only the first matches.
	if err != nil || out != "bien-dong: 1 tin bài khớp trong 2 tin bài đã xét / 1 of 2 articles checked match\n" ||
		!strings.Contains(errOut, "bien-dong [####") {
		t.Errorf("reapply bien-dong: %v\n%s\n%s", err, out, errOut)
	}
	out, _, err = cli("press", "reapply", "--days", "3660")
	if err != nil || !strings.Contains(out, "viet-tan: 0 tin bài khớp trong 0") || !strings.Contains(out, "bien-dong: 1 tin bài khớp trong 2") {
		t.Errorf("reapply all: %v\n%s", err, out)
	}
	if _, _, err := cli("press", "reapply", "khong-co"); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
		t.Errorf("unknown code: %v", err)
	}
	if _, _, err := cli("press", "reapply", "--days", "-1"); ttdn.ErrorCode(err) != ttdn.EINVALID {
		t.Errorf("bad days: %v", err)
	}
}
