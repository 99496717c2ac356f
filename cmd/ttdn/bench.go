package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"strings"
	"time"

	"ttdn"
	"ttdn/bench"
	"ttdn/sqlstore"
)

// runBench measures the pages officials use most under concurrent load: it
// starts the real server in this process on a loopback port, logs a user in,
// and has --users simulated users request the page mix for --duration.
// Run it on the large demo data: `ttdn demo --scale large` first.
func runBench(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var username, unitCode *string
	var users, instances *int
	var duration *time.Duration
	var mix, pagesMode *bool
	var role, only, cpuProfile, mutexProfile, blockProfile *string
	var perPage *int
	var think *time.Duration
	db, fs, err := openWithFlags(ctx, "bench", args, stderr, func(fs *flag.FlagSet) {
		mix = fs.Bool("mix", false, "người dùng đọc và ghi (cán bộ đơn vị) / officers reading and writing, with a lost-write check")
		instances = fs.Int("instances", 1, "số phiên bản máy chủ trên cùng CSDL (PostgreSQL) / servers on the same database (--mix)")
		username = fs.String("username", "lanhdao", "người dùng đăng nhập / the user the load runs as")
		unitCode = fs.String("unit", "so-tttt", "đơn vị có danh sách nhiệm vụ được đo / the unit whose task list is measured")
		users = fs.Int("users", 8, "số người dùng đồng thời / concurrent simulated users")
		duration = fs.Duration("duration", 30*time.Second, "thời gian đo / how long to run")
		think = fs.Duration("think", 0, "thời gian nghỉ trung bình giữa hai yêu cầu của một người dùng (--mix) / mean think time between a user's requests")
		pagesMode = fs.Bool("pages", false, "đo từng trang GET của bảng định tuyến / every GET page of the route table, one by one")
		role = fs.String("role", string(ttdn.RoleUnitOfficer), "vai trò đăng nhập (--pages) / the role whose demo user walks the pages")
		perPage = fs.Int("n", 20, "số yêu cầu mỗi trang (--pages) / requests per page")
		only = fs.String("only", "", "chỉ các mẫu định tuyến khớp biểu thức này (--pages) / only route patterns matching this regexp")
		cpuProfile = fs.String("cpuprofile", "", "ghi hồ sơ CPU (pprof) vào tệp này (--pages, --mix) / write a CPU profile")
		mutexProfile = fs.String("mutexprofile", "", "ghi hồ sơ tranh chấp khóa (pprof) vào tệp này (--mix) / write a mutex contention profile")
		blockProfile = fs.String("blockprofile", "", "ghi hồ sơ chờ (pprof) vào tệp này (--mix) / write a blocking profile")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	if *pagesMode {
		opt := pagesOptions{role: ttdn.Role(*role), n: max(*perPage, 1), cpuProfile: *cpuProfile}
		if isFlagSet(fs, "username") {
			opt.username = *username
		}
		if *only != "" {
			if opt.only, err = regexp.Compile(*only); err != nil {
				return ttdn.Errorf(ttdn.EINVALID, "--only không phải biểu thức chính quy hợp lệ: %v", "--only is not a valid regexp: %v", err)
			}
		}
		return runPagesBench(ctx, db, opt, stdout, stderr)
	}
	if *mix {
		return runMixBench(ctx, db, mixOptions{users: *users, duration: *duration, instances: *instances,
			think: *think, store: storeConfigOf(fs), cpuProfile: *cpuProfile, mutexProfile: *mutexProfile,
			blockProfile: *blockProfile}, stdout, stderr)
	}
	sys := ttdn.NewSystemContext(ctx)
	unitID, err := findUnitID(sys, db, *unitCode)
	if err != nil {
		return err
	}
	cookie, err := benchSession(sys, db, *username)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := newHTTPServer(db, slog.New(slog.NewTextHandler(io.Discard, nil)), false, nil, nil)
	go srv.Serve(ln)
	defer srv.Close()

	pages := []bench.Page{
		{Name: "dashboard", Path: "/dashboard", Weight: 2},
		{Name: "unit tasks", Path: fmt.Sprintf("/units/%d", unitID), Weight: 2},
		{Name: "activities", Path: "/activities", Weight: 2},
		{Name: "plan list", Path: "/plans", Weight: 1},
	}
	fmt.Fprintf(stderr, "Đo %s trên %s với %d người dùng / measuring…\n", *duration, db.Engine(), *users)
	res, err := bench.Run(ctx, bench.Config{
		BaseURL: "http://" + ln.Addr().String(), Pages: pages, Concurrency: *users, Duration: *duration,
		Header: http.Header{"Cookie": {"ttdn_session=" + cookie}},
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Engine: %s\n", db.Engine())
	res.Format(stdout)
	if res.Total.Errors > 0 {
		return ttdn.Errorf(ttdn.EINTERNAL, "Có %d yêu cầu lỗi trong khi đo.", "%d requests failed during the run.", res.Total.Errors)
	}
	return nil
}

// benchSession logs username in by creating a session directly: the load
// measures pages, not the password hash.
func benchSession(ctx context.Context, db *sqlstore.DB, username string) (string, error) {
	found, _, err := sqlstore.NewUserService(db).FindUsers(ctx, ttdn.UserFilter{Username: &username, Limit: 1})
	if err != nil {
		return "", err
	} else if len(found) == 0 {
		return "", ttdn.Errorf(ttdn.ENOTFOUND, "Không có người dùng %q (chạy ttdn demo trước).", "No user %q (run ttdn demo first).", username)
	}
	sess, err := sqlstore.NewAuthService(db).CreateSession(ctx, found[0].ID)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(sess.Token), nil
}
