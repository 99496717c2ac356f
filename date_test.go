package ttdn_test

import (
	"encoding/json"
	"testing"
	"time"

	"ttdn"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"20/06/2019", "2019-06-20", true},
		{"5/12/2019", "2019-12-05", true},
		{"2019-12-05", "2019-12-05", true},
		{"", "", true},
		{"31/02/2019", "", false},
		{"20.06.2019", "", false},
		{"hôm qua", "", false},
	}
	for _, tt := range tests {
		d, err := ttdn.ParseDate(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseDate(%q) error = %v, want ok=%v", tt.in, err, tt.ok)
			continue
		}
		if err != nil {
			if ttdn.ErrorCode(err) != ttdn.EINVALID || ttdn.ErrorMessage(err, "vi") == "" {
				t.Errorf("ParseDate(%q): want an EINVALID error with a message, got %v", tt.in, err)
			}
			continue
		}
		if d.ISO() != tt.want {
			t.Errorf("ParseDate(%q) = %s, want %s", tt.in, d.ISO(), tt.want)
		}
	}
}

func TestDateJSON(t *testing.T) {
	var v struct {
		A ttdn.Date `json:"a"`
		B ttdn.Date `json:"b"`
	}
	v.A = ttdn.Date{Year: 2013, Month: time.February, Day: 28}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"a":"2013-02-28","b":null}` {
		t.Fatalf("got %s", b)
	}
	var back struct {
		A ttdn.Date `json:"a"`
		B ttdn.Date `json:"b"`
	}
	if err := json.Unmarshal(b, &back); err != nil || back.A != v.A || !back.B.IsZero() {
		t.Fatalf("round trip: %+v %v", back, err)
	}
	if v.A.String() != "28/02/2013" {
		t.Fatalf("String() = %s", v.A.String())
	}
	if _, err := ttdn.NewDate(2019, 2, 29); err == nil {
		t.Fatal("29/02/2019 must not exist")
	}
}

func TestDateBefore(t *testing.T) {
	dates := []ttdn.Date{{}, {Year: 2018, Month: 12, Day: 31}, {Year: 2019, Month: 1, Day: 1}, {Year: 2019, Month: 1, Day: 2}, {Year: 2019, Month: 2, Day: 1}}
	for i, a := range dates {
		for j, b := range dates {
			if got, want := a.Before(b), i < j; got != want {
				t.Errorf("%v.Before(%v) = %v, want %v", a.ISO(), b.ISO(), got, want)
			}
		}
	}
}
