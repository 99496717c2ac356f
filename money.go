package ttdn

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Money is an amount in whole đồng. Budget figures are never fractional and
// never floating point: sums and products are checked for overflow and
// percentages are computed in integers.
type Money int64

// MaxMoney bounds every amount and every sum. It stays below 2^53, so an
// amount also converts exactly wherever a float is unavoidable (SVG widths).
const MaxMoney Money = 9_000_000_000_000_000

// MaxQuantity bounds the quantity of one budget line.
const MaxQuantity = 1_000_000_000

// String shows m as offices write it: "1.234.567 đ".
func (m Money) String() string { return m.Digits() + " đ" }

// Digits shows m with dots between thousands and no currency: "1.234.567",
// the form a money input is filled with.
func (m Money) Digits() string { return GroupDigits(int64(m)) }

// GroupDigits writes n as Vietnamese writes numbers: dots between
// thousands ("10.000 tờ").
func GroupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}

func errMoneyOverflow() error {
	return Errorf(EINVALID, "Số tiền vượt quá giới hạn %s.", "The amount exceeds the limit of %s.", MaxMoney)
}

// AddMoney returns a+b, refusing a negative operand or a sum above MaxMoney.
func AddMoney(a, b Money) (Money, error) {
	if a < 0 || b < 0 {
		return 0, Errorf(EINVALID, "Số tiền không được âm.", "An amount cannot be negative.")
	} else if a > MaxMoney-b {
		return 0, errMoneyOverflow()
	}
	return a + b, nil
}

// SumMoney adds amounts with AddMoney.
func SumMoney(ms ...Money) (Money, error) {
	var total Money
	for _, m := range ms {
		var err error
		if total, err = AddMoney(total, m); err != nil {
			return 0, err
		}
	}
	return total, nil
}

// MulMoney returns quantity × price exactly, refusing a product above
// MaxMoney.
func MulMoney(quantity int64, price Money) (Money, error) {
	if quantity < 0 || price < 0 {
		return 0, Errorf(EINVALID, "Số lượng và đơn giá không được âm.", "Quantity and unit price cannot be negative.")
	} else if quantity != 0 && price > MaxMoney/Money(quantity) {
		return 0, errMoneyOverflow()
	}
	return Money(quantity) * price, nil
}

// PercentOf returns part as a whole percentage of whole, rounded down (0
// when whole is 0). Both are at most MaxMoney, so part×100 cannot overflow.
func PercentOf(part, whole Money) int64 {
	if whole <= 0 || part <= 0 {
		return 0
	}
	return int64(part * 100 / whole)
}

// ParseMoney reads an amount as officials type it: "1.234.567",
// "1 234 567 đ", "1,234,567", "1234567 VNĐ". Dots, commas and spaces
// separate thousands; a negative sign, a fractional part, letters and
// amounts above MaxMoney are refused with a message saying which.
func ParseMoney(s string) (Money, error) {
	n, err := parseWhole(trimCurrency(s), int64(MaxMoney))
	if err != nil {
		return 0, moneyError(err.(wholeError), s)
	}
	return Money(n), nil
}

// ParseQuantity reads a budget line's quantity: a whole number from 1 to
// MaxQuantity, with the same thousands separators as money.
func ParseQuantity(s string) (int64, error) {
	n, err := parseWhole(strings.TrimSpace(s), MaxQuantity)
	switch {
	case err == nil && n == 0:
		return 0, Errorf(EINVALID, "Số lượng phải lớn hơn 0.", "The quantity must be greater than 0.")
	case err == nil:
		return n, nil
	case err.(wholeError) == wholeFraction:
		return 0, Errorf(EINVALID, "Số lượng %q phải là số nguyên.", "The quantity %q must be a whole number.", s)
	case err.(wholeError) == wholeOverflow:
		return 0, Errorf(EINVALID, "Số lượng %q quá lớn (tối đa %d).", "The quantity %q is too large (at most %d).", s, MaxQuantity)
	case err.(wholeError) == wholeEmpty:
		return 0, Errorf(EINVALID, "Chưa nhập số lượng.", "The quantity is missing.")
	}
	return 0, Errorf(EINVALID, "Số lượng %q không hợp lệ: chỉ ghi chữ số, ví dụ 120.", "Invalid quantity %q: digits only, e.g. 120.", s)
}

// trimCurrency drops surrounding spaces and a trailing currency word.
func trimCurrency(s string) string {
	s = strings.TrimSpace(s)
	r := []rune(s)
	for _, suffix := range []string{"vnđ", "vnd", "đồng", "đ"} {
		n := utf8.RuneCountInString(suffix)
		if len(r) >= n && strings.EqualFold(string(r[len(r)-n:]), suffix) {
			return strings.TrimSpace(string(r[:len(r)-n]))
		}
	}
	return s
}

func moneyError(e wholeError, s string) error {
	switch e {
	case wholeEmpty:
		return Errorf(EINVALID, "Chưa nhập số tiền.", "The amount is missing.")
	case wholeNegative:
		return Errorf(EINVALID, "Số tiền %q không được âm.", "The amount %q cannot be negative.", s)
	case wholeFraction:
		return Errorf(EINVALID, "Số tiền %q phải là số đồng nguyên, không có phần lẻ.", "The amount %q must be whole đồng, without a fraction.", s)
	case wholeOverflow:
		return Errorf(EINVALID, "Số tiền %q vượt quá giới hạn %s.", "The amount %q exceeds the limit of %s.", s, MaxMoney)
	}
	return Errorf(EINVALID, "Số tiền %q không hợp lệ: chỉ ghi chữ số, có thể ngăn cách hàng nghìn bằng dấu chấm, ví dụ 1.234.567.",
		"Invalid amount %q: digits only, thousands may be separated by dots, e.g. 1.234.567.", s)
}

// wholeError says why a whole number did not parse.
type wholeError int

const (
	wholeText wholeError = iota + 1
	wholeEmpty
	wholeNegative
	wholeFraction
	wholeOverflow
)

func (e wholeError) Error() string { return "ttdn: not a whole number" }

// parseWhole reads digits grouped by thousands separators (dot, comma,
// space; the first group 1–3 digits, the others exactly 3) up to max. A
// last group that is not 3 digits after a dot or comma is a fraction, as is
// a number using both dot and comma.
func parseWhole(s string, max int64) (int64, error) {
	if s == "" {
		return 0, wholeEmpty
	} else if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") {
		return 0, wholeNegative
	}
	groups, seps, err := splitGroups(s)
	if err != nil {
		return 0, err
	}
	if strings.ContainsRune(seps, '.') && strings.ContainsRune(seps, ',') {
		return 0, wholeFraction
	}
	for i, g := range groups {
		if i > 0 && len(g) != 3 || i == 0 && len(groups) > 1 && len(g) > 3 {
			if i == len(groups)-1 && seps[i-1] != ' ' {
				return 0, wholeFraction
			}
			return 0, wholeText
		}
	}
	var n int64
	for _, c := range strings.Join(groups, "") {
		d := int64(c - '0')
		if n > (max-d)/10 {
			return 0, wholeOverflow
		}
		n = n*10 + d
	}
	return n, nil
}

// splitGroups splits s into runs of ASCII digits and the single separators
// between them (a space stands for any kind of space).
func splitGroups(s string) ([]string, string, error) {
	var groups []string
	var seps []rune
	cur := strings.Builder{}
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			cur.WriteRune(r)
			continue
		case r == '.' || r == ',' || unicode.IsSpace(r):
		default:
			return nil, "", wholeText
		}
		if cur.Len() == 0 {
			return nil, "", wholeText // two separators in a row, or a leading one
		}
		if unicode.IsSpace(r) {
			r = ' '
		}
		groups, seps = append(groups, cur.String()), append(seps, r)
		cur.Reset()
	}
	if cur.Len() == 0 {
		if len(seps) > 0 && seps[len(seps)-1] != ' ' {
			return nil, "", wholeFraction // "1.000," reads as a fraction left empty
		}
		return nil, "", wholeText
	}
	return append(groups, cur.String()), string(seps), nil
}
