// Package mail sends e-mail through an SMTP server (net/smtp): plain text,
// UTF-8, Vietnamese subjects encoded per RFC 2047.
package mail

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/smtp"
	"strconv"
	"strings"
	"time"
)

// Settings say how to reach the SMTP server.
type Settings struct {
	Host     string
	Port     int
	From     string
	Username string // empty: no authentication
	Password string
	StartTLS bool // require STARTTLS before authenticating or sending
}

// Message is one plain-text e-mail.
type Message struct {
	To      []string
	Subject string
	Body    string
}

// Sender sends messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// SMTP sends each message over its own connection, so a long pause between
// runs never meets a connection the server has closed.
type SMTP struct {
	Settings Settings
	Timeout  time.Duration // whole conversation; 30s when zero
	Now      func() time.Time
}

// Send delivers m, or returns why it could not.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	if err := s.check(m); err != nil {
		return err
	}
	timeout := s.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	addr := net.JoinHostPort(s.Settings.Host, strconv.Itoa(s.Settings.Port))
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("mail: connect %s: %w", addr, err)
	}
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	c, err := smtp.NewClient(conn, s.Settings.Host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("mail: %s: %w", addr, err)
	}
	defer c.Close()
	if err := s.converse(c, m); err != nil {
		return fmt.Errorf("mail: %s: %w", addr, err)
	}
	return c.Quit()
}

func (s *SMTP) check(m Message) error {
	if s.Settings.Host == "" || s.Settings.From == "" {
		return errors.New("mail: SMTP host and sender address are not set")
	} else if len(m.To) == 0 {
		return errors.New("mail: no recipient")
	}
	for _, a := range append([]string{s.Settings.From}, m.To...) {
		if strings.ContainsAny(a, "\r\n<>") || !strings.Contains(a, "@") {
			return fmt.Errorf("mail: invalid address %q", a)
		}
	}
	return nil
}

func (s *SMTP) converse(c *smtp.Client, m Message) error {
	if err := c.Hello("localhost"); err != nil {
		return err
	}
	if s.Settings.StartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return errors.New("server does not offer STARTTLS")
		}
		if err := c.StartTLS(&tls.Config{ServerName: s.Settings.Host, MinVersion: tls.VersionTLS12}); err != nil {
			return err
		}
	}
	if s.Settings.Username != "" {
		// PlainAuth refuses to send the password unencrypted except to localhost.
		if err := c.Auth(smtp.PlainAuth("", s.Settings.Username, s.Settings.Password, s.Settings.Host)); err != nil {
			return err
		}
	}
	if err := c.Mail(s.Settings.From); err != nil {
		return err
	}
	for _, to := range m.To {
		if err := c.Rcpt(to); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	if _, err := w.Write(Compose(s.Settings.From, m, now())); err != nil {
		return err
	}
	return w.Close()
}

// Compose returns m as an RFC 5322 message: UTF-8 text in base64 (safe for
// any line length and any server), the subject encoded per RFC 2047.
func Compose(from string, m Message, date time.Time) []byte {
	var b bytes.Buffer
	header := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	header("From", from)
	header("To", strings.Join(m.To, ", "))
	// Each encoded word on its own folded line keeps lines under 78 octets.
	b.WriteString("Subject:\r\n " + strings.ReplaceAll(mime.BEncoding.Encode("utf-8", m.Subject), " =?", "\r\n =?") + "\r\n")
	header("Date", date.Format(time.RFC1123Z))
	header("Message-ID", "<"+randomID()+"@"+domainOf(from)+">")
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "base64")
	b.WriteString("\r\n")
	enc := base64.StdEncoding.EncodeToString([]byte(strings.ReplaceAll(m.Body, "\n", "\r\n")))
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return b.Bytes()
}

func randomID() string {
	var r [12]byte
	rand.Read(r[:])
	return hex.EncodeToString(r[:])
}

func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		return addr[i+1:]
	}
	return "localhost"
}
