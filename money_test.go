package ttdn_test

import (
	"strings"
	"testing"

	"ttdn"
)

func TestParseMoney(t *testing.T) {
	ok := map[string]ttdn.Money{
		"1.234.567": 1234567, "1 234 567 đ": 1234567, "1,234,567": 1234567, "1234567": 1234567, "0": 0,
		" 15.000.000đ ": 15000000, "2.000 VNĐ": 2000, "7 000 000 đồng": 7000000, "9.000.000.000.000.000": ttdn.MaxMoney,
		"1\u00a0000": 1000,
	}
	for in, want := range ok {
		if got, err := ttdn.ParseMoney(in); err != nil || got != want {
			t.Errorf("ParseMoney(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	bad := map[string]string{
		"": "Chưa nhập", "-5": "không được âm", "−1.000": "không được âm", "1.5": "phần lẻ", "1.234,50": "phần lẻ",
		"12,5": "phần lẻ", "abc": "không hợp lệ", "1tr": "không hợp lệ", "1..000": "không hợp lệ", "9.000.000.000.000.001": "vượt quá",
		"99999999999999999999999": "vượt quá", "1234.567": "không hợp lệ", "+5": "không hợp lệ",
	}
	for in, msg := range bad {
		_, err := ttdn.ParseMoney(in)
		if ttdn.ErrorCode(err) != ttdn.EINVALID || !strings.Contains(ttdn.ErrorMessage(err, "vi"), msg) {
			t.Errorf("ParseMoney(%q) = %v, want a message with %q", in, err, msg)
		}
	}
}

func TestMoneyArithmetic(t *testing.T) {
	if s := ttdn.Money(1234567).String(); s != "1.234.567 đ" {
		t.Errorf("String = %q", s)
	}
	if _, err := ttdn.AddMoney(ttdn.MaxMoney, 1); err == nil {
		t.Error("a sum above MaxMoney must be refused")
	}
	if _, err := ttdn.MulMoney(1_000_000, 9_000_000_001); err == nil {
		t.Error("a product above MaxMoney must be refused")
	}
	if m, err := ttdn.MulMoney(3, 333_333); err != nil || m != 999_999 {
		t.Errorf("3 × 333.333 = %v, %v", m, err)
	}
	if p := ttdn.PercentOf(ttdn.MaxMoney, ttdn.MaxMoney/3); p != 300 {
		t.Errorf("PercentOf = %d", p)
	}
}

// FuzzParseMoney checks that whatever is typed either parses to an amount
// within bounds that prints back to the same amount, or is refused with a
// user-facing EINVALID message; it never panics.
func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"1.234.567", "1 234 567 đ", "-5", "1,5", "abc", "9.000.000.000.000.000", "0", "1.000,00", "VNĐ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ttdn.ParseMoney(s)
		if err != nil {
			if ttdn.ErrorCode(err) != ttdn.EINVALID || ttdn.ErrorMessage(err, "vi") == "" {
				t.Fatalf("ParseMoney(%q): %v", s, err)
			}
			return
		}
		if m < 0 || m > ttdn.MaxMoney {
			t.Fatalf("ParseMoney(%q) = %d out of bounds", s, m)
		}
		back, err := ttdn.ParseMoney(m.String())
		if err != nil || back != m {
			t.Fatalf("round trip of %q: %v → %q → %v, %v", s, m, m.String(), back, err)
		}
	})
}

func TestGroupDigits(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 10000: "10.000", 1234567: "1.234.567", -5000: "-5.000"} {
		if got := ttdn.GroupDigits(n); got != want {
			t.Errorf("GroupDigits(%d) = %q, want %q", n, got, want)
		}
	}
}
