package mail_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"ttdn/mail"
	"ttdn/mail/mailtest"
)

func TestSendUTF8(t *testing.T) {
	srv := mailtest.Start(t)
	s := &mail.SMTP{Settings: mail.Settings{Host: "127.0.0.1", Port: srv.Port(), From: "ttdn@tayninh.gov.vn"}}
	body := "Nhiệm vụ III.5 “In tờ rơi, đĩa CD, DVD” sắp đến hạn.\n" + strings.Repeat("Đồng chí vui lòng cập nhật. ", 20)
	err := s.Send(context.Background(), mail.Message{To: []string{"canbo@sotttt.tayninh.gov.vn", "b@x.vn"},
		Subject: "[TTĐN] Nhiệm vụ III.5 sắp đến hạn", Body: body})
	if err != nil {
		t.Fatal(err)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d messages", len(msgs))
	}
	m := msgs[0]
	if m.From != "ttdn@tayninh.gov.vn" || strings.Join(m.To, ",") != "canbo@sotttt.tayninh.gov.vn,b@x.vn" {
		t.Fatalf("envelope: %q → %v", m.From, m.To)
	}
	if m.Subject != "[TTĐN] Nhiệm vụ III.5 sắp đến hạn" || m.Body != body {
		t.Fatalf("subject %q body %q", m.Subject, m.Body)
	}
	for _, line := range strings.Split(m.Raw, "\n") { // ReadDotBytes gives LF line ends
		if len(line) > 78 {
			t.Fatalf("line over 78 octets: %q", line)
		}
	}
}

func TestSendRefusals(t *testing.T) {
	srv := mailtest.Start(t)
	ctx := context.Background()
	for name, s := range map[string]*mail.SMTP{
		"no host":          {Settings: mail.Settings{From: "a@b.vn"}},
		"header injection": {Settings: mail.Settings{Host: "127.0.0.1", Port: srv.Port(), From: "a@b.vn\r\nBcc: x@y.vn"}},
		"starttls missing": {Settings: mail.Settings{Host: "127.0.0.1", Port: srv.Port(), From: "a@b.vn", StartTLS: true}},
		"closed port":      {Settings: mail.Settings{Host: "127.0.0.1", Port: 1, From: "a@b.vn"}, Timeout: 2 * time.Second},
	} {
		if err := s.Send(ctx, mail.Message{To: []string{"c@d.vn"}, Subject: "x", Body: "y"}); err == nil {
			t.Errorf("%s: sent", name)
		}
	}
	if n := len(srv.Messages()); n != 0 {
		t.Fatalf("%d messages delivered", n)
	}
}
