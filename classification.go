package ttdn

// Classification is the protection level every record carries (độ mật), from
// the seed's demand to "bảo vệ bí mật Nhà nước". Higher values are more
// protected, so levels compare with < and >. The zero value is Internal, so a
// record whose level nobody set is never public by accident.
type Classification int

const (
	Public   Classification = -1 // công khai
	Internal Classification = 0  // nội bộ
	Secret   Classification = 1  // mật
)

// Classifications lists every level, least protected first.
var Classifications = []Classification{Public, Internal, Secret}

// String returns the code stored in the database and used in the API.
func (c Classification) String() string {
	switch c {
	case Public:
		return "public"
	case Internal:
		return "internal"
	case Secret:
		return "secret"
	}
	return "unknown"
}

// Label returns the level's Vietnamese name.
func (c Classification) Label() string {
	switch c {
	case Public:
		return "Công khai"
	case Internal:
		return "Nội bộ"
	case Secret:
		return "Mật"
	}
	return "?"
}

// ParseClassification reads a level code; "" means Internal, the safe default
// for work records.
func ParseClassification(s string) (Classification, error) {
	switch s {
	case "public":
		return Public, nil
	case "internal", "":
		return Internal, nil
	case "secret":
		return Secret, nil
	}
	return Internal, Errorf(EINVALID, "Độ mật %q không hợp lệ (công khai, nội bộ hoặc mật).", "Invalid classification %q (public, internal or secret).", s)
}

// MarshalText makes Classification encode as its code in JSON.
func (c Classification) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText decodes a level code.
func (c *Classification) UnmarshalText(b []byte) error {
	v, err := ParseClassification(string(b))
	*c = v
	return err
}

// Highest returns the most protected of levels (Public for none). Secrets
// flow down: a record's level is the highest of its own and its parents'.
func Highest(levels ...Classification) Classification {
	h := Public
	for _, c := range levels {
		h = max(h, c)
	}
	return h
}

// ActivityLevel is the level an activity is read at: its own, raised to the
// least protected of the tasks it carries out. An activity that carries out
// only secret tasks is secret (it would tell what they are); one that also
// carries out a task every reader may see keeps its own level.
func ActivityLevel(own Classification, taskLevels []Classification) Classification {
	if len(taskLevels) == 0 {
		return own
	}
	least := Secret
	for _, c := range taskLevels {
		least = min(least, c)
	}
	return max(own, least)
}
