package sqlstore_test

import (
	"context"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
)

func TestRedactDSN(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"postgres://ttdn:S3cret@db:5432/ttdn", "postgres://ttdn:xxxxx@db:5432/ttdn"},
		{"postgresql://ttdn:p%40ss@db/ttdn?sslmode=disable", "postgresql://ttdn:xxxxx@db/ttdn?sslmode=disable"},
		// Not a valid URL (a raw "@" in the password): the old
		// url.Parse-based redaction printed it whole.
		{"postgres://ttdn:S3cr@t%zz@db/ttdn", "postgres://ttdn:xxxxx@db/ttdn"},
		{"cannot parse `postgres://u:xxxxx@t@127.0.0.1:1/db`", "cannot parse `postgres://u:xxxxx@127.0.0.1:1/db`"},
		{"postgres://ttdn@db/ttdn?sslmode=disable&password=S3cret", "postgres://ttdn@db/ttdn?sslmode=disable&password=xxxxx"},
		{"postgres://db/ttdn?PASSWORD=S3cret&user=ttdn", "postgres://db/ttdn?PASSWORD=xxxxx&user=ttdn"},
		{"host=db user=ttdn password='S3 cret' sslpassword=S3cret2", "host=db user=ttdn password=xxxxx sslpassword=xxxxx"},
		{`sqlstore: connect to "postgres://a:S3cret@db/x": refused`, `sqlstore: connect to "postgres://a:xxxxx@db/x": refused`},
		{"postgres://ttdn@db:5432/ttdn", "postgres://ttdn@db:5432/ttdn"},
		{"sqlite:./ttdn-data/ttdn.db", "sqlite:./ttdn-data/ttdn.db"},
		{"Không có lệnh \"x\".", "Không có lệnh \"x\"."},
	} {
		if got := sqlstore.RedactDSN(c.in); got != c.want {
			t.Errorf("RedactDSN(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// A DSN with a password that cannot be used — a host nobody answers on
// (loopback port 1), a URL that does not parse, an unknown scheme — gives
// an error whose text never holds the password, in either language.
func TestOpenErrorHidesPassword(t *testing.T) {
	for _, dsn := range []string{
		"postgres://ttdn:S3cretA@127.0.0.1:1/ttdn?sslmode=disable&password=S3cretB",
		"postgres://ttdn:S3cretA x%zz@127.0.0.1:1/ttdn?password=S3cretB",
		"postgres://ttdn:S3cretA@x@127.0.0.1:1/ttdn?password=S3cretB x",
		"postgres://ttdn:S3cretA@127.0.0.1:99999/ttdn",
		"postgres://ttdn:S3cretA@127.0.0.1:1/ttdn?sslmode=bogus&password=S3cretB",
		"mysql://ttdn:S3cretA@127.0.0.1:1/ttdn?password=S3cretB",
	} {
		_, err := sqlstore.Open(context.Background(), sqlstore.Config{DSN: dsn, DataDir: t.TempDir()})
		if err == nil {
			t.Fatalf("%s opened", sqlstore.RedactDSN(dsn))
		}
		for _, text := range []string{err.Error(), ttdn.ErrorMessage(err, "vi"), ttdn.ErrorMessage(err, "en")} {
			if strings.Contains(text, "S3cret") {
				t.Errorf("error shows the password: %s", text)
			}
		}
	}
}
