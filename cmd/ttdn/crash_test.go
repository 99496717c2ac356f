package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"ttdn"
	"ttdn/demo"
	"ttdn/sqlstore"
)

// The crash test starts the real server in a child process (this test
// binary re-executed as `ttdn serve`), drives concurrent writes over HTTP,
// kills the child with SIGKILL at a random moment, and checks on restart
// that every write the server acknowledged is in the database and that the
// database passes its integrity checks and the audit chain verifies.

var crashRounds = flag.Int("crash.rounds", 0, "crash test rounds (0: TTDN_CRASH_ROUNDS or 20, bounded to ~60 s)")

const crashChildEnv = "TTDN_CRASH_CHILD"

// TestCrashServeChild is the child: it runs `ttdn serve` with the arguments
// in TTDN_CRASH_CHILD until it is killed. Without the variable it skips.
func TestCrashServeChild(t *testing.T) {
	args := os.Getenv(crashChildEnv)
	if args == "" {
		t.Skip("child process of the crash test only")
	}
	if err := run(context.Background(), strings.Split(args, "\x1f"), nil, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "serve:", err)
		os.Exit(2)
	}
}

func rounds() (n int, bounded bool) {
	if *crashRounds > 0 {
		return *crashRounds, false
	}
	if v, err := strconv.Atoi(os.Getenv("TTDN_CRASH_ROUNDS")); err == nil && v > 0 {
		return v, false
	}
	return 20, true
}

func TestCrashSQLite(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test: not in -short")
	}
	data := t.TempDir()
	target := crashTarget{args: []string{"serve", "--data", data, "--addr", "127.0.0.1:0"},
		open: func() (*sqlstore.DB, error) {
			return sqlstore.Open(context.Background(), sqlstore.Config{DataDir: data})
		},
		driver: "sqlite", dsn: "file:" + filepath.Join(data, "ttdn.db")}
	n, bounded := rounds()
	runCrashRounds(t, target, n, bounded)
}

// TestCrashPostgres is one crash round on PostgreSQL, when configured.
func TestCrashPostgres(t *testing.T) {
	dsn := os.Getenv("TTDN_TEST_POSTGRES_DSN")
	if dsn == "" || testing.Short() {
		t.Skip("TTDN_TEST_POSTGRES_DSN not set")
	}
	schemaDSN := crashSchema(t, dsn)
	data := t.TempDir() // the secret key file
	target := crashTarget{args: []string{"serve", "--db", schemaDSN, "--data", data, "--addr", "127.0.0.1:0"},
		open: func() (*sqlstore.DB, error) {
			return sqlstore.Open(context.Background(), sqlstore.Config{DSN: schemaDSN, DataDir: data})
		},
		driver: "pgx", dsn: schemaDSN}
	runCrashRounds(t, target, 1, false)
}

// crashTarget is a database and how to serve and open it.
type crashTarget struct {
	args        []string
	open        func() (*sqlstore.DB, error)
	driver, dsn string // for raw checks behind the store
}

// crashTotals are the numbers the docs report.
type crashTotals struct {
	rounds, acked, lost, attempted int
}

func runCrashRounds(t *testing.T, target crashTarget, n int, bounded bool) {
	session, tasks := crashFixture(t, target)
	var tot crashTotals
	acked := map[string]bool{}
	start := time.Now()
	for round := 1; round <= n; round++ {
		if bounded && time.Since(start) > 50*time.Second {
			break
		}
		got := crashRound(t, target, round, session, tasks)
		tot.rounds++
		tot.attempted += got.attempted
		for _, m := range got.acked {
			acked[m] = true
		}
		tot.acked = len(acked)
		tot.lost += checkAfterCrash(t, target, acked)
		if t.Failed() {
			break
		}
	}
	t.Logf("crash test: %d rounds in %s, %d writes attempted, %d acknowledged, %d lost",
		tot.rounds, time.Since(start).Round(time.Second), tot.attempted, tot.acked, tot.lost)
	if tot.acked == 0 {
		t.Fatal("no write was acknowledged: the test drove nothing")
	}
}

// crashFixture loads the demo data and logs the coordinator in.
func crashFixture(t *testing.T, target crashTarget) (session string, tasks []int64) {
	db, err := target.open()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := ttdn.NewSystemContext(context.Background())
	if _, err := demo.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	users, _, err := sqlstore.NewUserService(db).FindUsers(ctx, ttdn.UserFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if u.Role == ttdn.RoleCoordinator {
			s, err := sqlstore.NewAuthService(db).CreateSession(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			session = s.Token
		}
	}
	list, _, err := sqlstore.NewTaskService(db).FindTasks(ctx, ttdn.TaskFilter{Limit: 20})
	if err != nil || len(list) == 0 {
		t.Fatalf("tasks: %v", err)
	}
	for _, task := range list {
		tasks = append(tasks, task.ID)
	}
	return session, tasks
}

type roundResult struct {
	acked     []string
	attempted int
}

// crashRound serves, writes from four clients, and kills the server at a
// random moment between 0.2 and 1.2 s after it is up.
func crashRound(t *testing.T, target crashTarget, round int, session string, tasks []int64) roundResult {
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashServeChild$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+strings.Join(target.args, "\x1f"))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	base := waitListening(t, stdout)
	go io.Copy(io.Discard, stdout)

	var mu sync.Mutex
	var res roundResult
	stop := make(chan struct{})
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				marker := fmt.Sprintf("crash-r%d-w%d-%d", round, w, i)
				ok := postProgress(client, base, session, tasks[(w+i)%len(tasks)], marker, i%2 == 0)
				mu.Lock()
				res.attempted++
				if ok {
					res.acked = append(res.acked, marker)
				}
				mu.Unlock()
			}
		}()
	}
	time.Sleep(time.Duration(200+rand.IntN(1000)) * time.Millisecond)
	cmd.Process.Kill() // SIGKILL: no shutdown, no flush
	cmd.Wait()
	close(stop)
	wg.Wait()
	return res
}

// postProgress posts one progress update as the browser form does
// (multipart, CSRF token, optionally a PDF) and reports whether the
// server acknowledged it (the redirect after a stored update).
func postProgress(client *http.Client, base, session string, task int64, marker string, withFile bool) bool {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	sum := sha256.Sum256([]byte("ttdn csrf\x00" + session))
	mw.WriteField("csrf_token", base64.RawURLEncoding.EncodeToString(sum[:]))
	mw.WriteField("text", marker)
	mw.WriteField("date", "01/07/2019")
	mw.WriteField("percent", strconv.Itoa(len(marker)%100))
	if withFile {
		fw, _ := mw.CreateFormFile("files", marker+".pdf")
		fw.Write([]byte("%PDF-1.4\n" + strings.Repeat(marker, 200)))
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/tasks/%d/progress", base, task), &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.AddCookie(&http.Cookie{Name: "ttdn_session", Value: session})
	resp, err := client.Do(req)
	if err != nil {
		return false
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode == http.StatusSeeOther && strings.Contains(resp.Header.Get("Location"), "/tasks/")
}
