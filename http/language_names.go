package http

import (
	"strings"

	"ttdn"
)

// LangName names a language code in the page's language; an unknown code is
// shown as written (it is what the source said).
func (p *page) LangName(code string) string { return ttdn.LanguageName(code, p.Lang == langEN) }

// LangNames names a list of language codes.
func (p *page) LangNames(codes []string) string {
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = p.LangName(c)
	}
	return strings.Join(names, ", ")
}

// BreakdownItem names the item of a "trong đó" row (a language by its name).
func (p *page) BreakdownItem(b ttdn.Breakdown, item string) string {
	return ttdn.BreakdownItemName(b, item, p.Lang == langEN)
}

// Who names the author of a step kept by username: ttdn's own work (the
// system user: jobs, the demo's history) reads "Hệ thống", not "system".
func (p *page) Who(username string) string {
	if username == ttdn.SystemUser.Username {
		return p.T("who.system")
	}
	if p.nameOf != nil {
		if name := p.nameOf(username); name != "" {
			return name
		}
	}
	return username
}

// NoticeTitle is a notification's subject as the app shows it: without the
// "[TTĐN] " tag that marks ttdn's e-mails in a mailbox (in the app it is
// noise, and it pushes the words that matter to the right).
func (p *page) NoticeTitle(subject string) string {
	return strings.TrimSpace(strings.TrimPrefix(subject, "[TTĐN]"))
}
