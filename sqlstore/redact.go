package sqlstore

import (
	"regexp"
	"strings"
)

// redacted replaces a password wherever RedactDSN finds one.
const redacted = "xxxxx"

var (
	// userinfoRE finds the user:password@ of a URL: what follows "://" up to
	// the last "@" before the host. A password may hold characters a URL
	// should have escaped (spaces, "@", "/"), so the match is generous: it
	// stops only at whitespace, a quote or a backtick.
	userinfoRE = regexp.MustCompile("(?i)([a-z][a-z0-9+.-]*://[^:@/\\s\"'`]*:)[^\\s\"'`]*@")
	// passwordParamRE finds password=… as a URL query parameter or a
	// key=value connection string has it (also sslpassword=…), quoted or not.
	passwordParamRE = regexp.MustCompile("(?i)(password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|[^&\\s\"'`]*)")
)

// RedactDSN returns s with every database password in it replaced by xxxxx:
// the password of a user:password@ and every password= parameter. s may be
// a bare DSN or any text that contains one (an error message, a log line),
// so it is the one function every message that may carry a DSN goes through.
func RedactDSN(s string) string {
	if !strings.Contains(s, "@") && !strings.Contains(strings.ToLower(s), "password") {
		return s
	}
	s = userinfoRE.ReplaceAllString(s, "${1}"+redacted+"@")
	return passwordParamRE.ReplaceAllString(s, "${1}"+redacted)
}

// redactedError is an error whose text has passed RedactDSN; it unwraps to
// the original, so errors.Is and ttdn.ErrorCode still see through it.
type redactedError struct{ err error }

func (e redactedError) Error() string { return RedactDSN(e.err.Error()) }
func (e redactedError) Unwrap() error { return e.err }

func redactError(err error) error {
	if err == nil {
		return nil
	}
	return redactedError{err}
}
