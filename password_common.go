package ttdn

import "strings"

// commonPasswords are passwords of ten characters or more that appear at the
// top of every leaked-password list, with local favourites. Short ones are
// already refused by length. The list is small on purpose: it stops the
// first guesses an attacker makes, not a dictionary attack (throttling does).
var commonPasswords = map[string]bool{
	"0123456789": true, "1234567890": true, "0987654321": true, "12345678910": true,
	"123456789a": true, "1234567890a": true, "a123456789": true, "abc1234567": true,
	"abcd123456": true, "qwertyuiop": true, "qwerty1234": true, "qwerty12345": true,
	"1q2w3e4r5t": true, "1qaz2wsx3edc": true, "zaq12wsxcde": true, "asdfghjkl;": true,
	"password12": true, "password123": true, "password1234": true, "passw0rd123": true,
	"p@ssw0rd123": true, "iloveyou12": true, "iloveyou123": true, "admin12345": true,
	"admin@1234": true, "admin123456": true, "administrator": true, "welcome123": true,
	"matkhau123": true, "matkhau@123": true, "matkhau1234": true, "anhyeuem123": true,
	"anhyeuem1234": true, "emyeuanh123": true, "vietnam123": true, "vietnam1234": true,
	"tayninh123": true, "tayninh2019": true, "ttdn123456": true, "ttdn@12345": true,
	"sotttt123456": true, "123456789@": true, "changeme123": true, "letmein123": true,
}

// commonPassword reports whether p is on the list, or one character
// repeated, ignoring case.
func commonPassword(p string) bool {
	lower := strings.ToLower(p)
	if commonPasswords[lower] {
		return true
	}
	return strings.Count(lower, lower[:1]) == len(lower)
}
