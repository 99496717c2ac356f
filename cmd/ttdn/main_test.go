package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"ttdn"
	"ttdn/demo"
	"ttdn/seed"
)

func TestPlanParsePrintsJSON(t *testing.T) {
	path := filepath.Join(t.TempDir(), seed.Plan2019Name)
	if err := os.WriteFile(path, seed.Plan2019, 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"plan", "parse", path}, nil, &out, &errOut); err != nil {
		t.Fatalf("plan parse: %v (%s)", err, errOut.String())
	}
	var got struct {
		Year             int                     `json:"year"`
		Tasks            []json.RawMessage       `json:"tasks"`
		Responsibilities []json.RawMessage       `json:"responsibilities"`
		Warnings         []struct{ Text string } `json:"warnings"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out.String())
	}
	if got.Year != 2019 || len(got.Tasks) != 6 || len(got.Responsibilities) != 15 {
		t.Fatalf("parsed year %d, %d tasks, %d responsibilities", got.Year, len(got.Tasks), len(got.Responsibilities))
	}
}

func TestPlanParseRefusesWithMessage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.txt")
	os.WriteFile(path, []byte("Biên bản họp chi bộ tháng 3.\nKhông phải kế hoạch."), 0o600)
	err := run(context.Background(), []string{"plan", "parse", path}, nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(strings.ToLower(errorText(err)), "kế hoạch") {
		t.Fatalf("want a Vietnamese refusal naming the plan, got %v", err)
	}
	if err := run(context.Background(), []string{"plan", "parse", filepath.Join(t.TempDir(), "missing.txt")}, nil, io.Discard, io.Discard); err == nil {
		t.Fatal("a missing file must be an error")
	}
}

// TestServeDemo boots the binary's serve command on a free port with the demo
// data, then uses the printed log-in to create a user and a token through the
// CLI and reads the seed plan through the API.
func TestServeDemo(t *testing.T) {
	data := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--demo", "--data", data, "--addr", "127.0.0.1:0"}, nil, pw, io.Discard)
		pw.Close()
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	var printed syncBuffer
	base := waitListening(t, io.TeeReader(pr, &printed))
	go io.Copy(io.Discard, pr)
	// The log-in table says each role in Vietnamese and what to try.
	for _, want := range []string{"dieuphoi — Cơ quan điều phối (Sở VHTTDL): xem báo cáo chờ duyệt", "lanhdao — Lãnh đạo (UBND tỉnh)", "theodoi — Theo dõi báo chí (Ban Tuyên giáo và Dân vận Tỉnh ủy)",
		"ngoaivu — Cán bộ đơn vị (Sở Ngoại vụ): sửa và gửi lại báo cáo bị trả lại", "mật khẩu chung " + demo.Password,
		fmt.Sprintf("Năm %d", time.Now().In(ttdn.VietnamZone()).Year())} {
		if !strings.Contains(printed.String(), want) {
			t.Errorf("the output lacks %q:\n%s", want, printed.String())
		}
	}

	if resp, err := http.Get(base + "/healthz"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	var out bytes.Buffer
	if err := run(ctx, []string{"user", "add", "--data", data, "--username", "canbo.ngoaivu", "--role", "unit_officer", "--unit", "so-ngoai-vu", "--password-stdin"},
		strings.NewReader("mat-khau-rat-dai\n"), &out, io.Discard); err != nil {
		t.Fatalf("user add: %v", err)
	}
	if err := run(ctx, []string{"user", "add", "--data", data, "--username", "x", "--role", "boss", "--password-stdin"},
		strings.NewReader("mat-khau-rat-dai\n"), io.Discard, io.Discard); err == nil {
		t.Fatal("an unknown role must be refused")
	}
	out.Reset()
	if err := run(ctx, []string{"token", "create", "--data", data, "--username", "canbo.ngoaivu"}, nil, &out, io.Discard); err != nil {
		t.Fatalf("token create: %v", err)
	}
	token := strings.TrimSpace(out.String())

	req, _ := http.NewRequest("GET", base+"/api/v1/plans", nil)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 401 {
		t.Fatalf("without a token: %v %v", resp, err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("with a token: %v %v", resp, err)
	}
	var list struct {
		Items []struct {
			ID    int64  `json:"id"`
			Title string `json:"title"`
		} `json:"items"`
		Total int `json:"total"`
	}
	json.NewDecoder(resp.Body).Decode(&list)
	resp.Body.Close()
	// The seed plan as imported and the living year's plan made from it.
	titles := ""
	for _, p := range list.Items {
		titles += p.Title + "\n"
	}
	if list.Total != 2 || !strings.Contains(titles, "Tây Ninh năm 2019") || !strings.Contains(titles, fmt.Sprintf("Tây Ninh năm %d", time.Now().In(ttdn.VietnamZone()).Year())) {
		t.Fatalf("plans: %+v", list)
	}
}

// syncBuffer is a buffer one goroutine writes while another reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var listeningRE = regexp.MustCompile(`http://(127\.0\.0\.1:\d+)`)

func waitListening(t *testing.T, r io.Reader) string {
	t.Helper()
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			if m := listeningRE.FindStringSubmatch(sc.Text()); m != nil {
				found <- "http://" + m[1]
				return
			}
		}
	}()
	select {
	case base := <-found:
		return base
	case <-time.After(60 * time.Second):
		t.Fatal("the server did not print its address within 60 s")
	}
	return ""
}
