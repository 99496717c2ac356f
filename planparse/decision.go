package planparse

import (
	"strings"

	"ttdn"
)

// A city or province often issues its plan as the attachment of a decision:
// "QUYẾT ĐỊNH Về việc ban hành Kế hoạch …", a preamble of "Căn cứ …", "Điều
// 1. Ban hành kèm theo Quyết định này Kế hoạch …", a few more articles, the
// signature, and then the plan ("KẾ HOẠCH … (Ban hành kèm theo Quyết định số
// …)"). The plan is the attachment; the decision is its issuing document.

// findDecision finds a decision issuing an attached plan: the index of the
// decision's title, of its first article, and of the plan's title (-1 when
// the attachment is missing). ok is false when the text is no such decision.
func findDecision(paras []string) (dec, art1, plan int, ok bool) {
	dec = -1
	for i, p := range paras {
		if _, _, title := titleKind(p); title {
			return -1, -1, -1, false // the plan comes first: no decision
		}
		if p == "QUYẾT ĐỊNH" || strings.HasPrefix(p, "QUYẾT ĐỊNH ") && !strings.HasPrefix(p, "QUYẾT ĐỊNH:") {
			dec = i
			break
		}
	}
	if dec < 0 {
		return -1, -1, -1, false
	}
	for i := dec + 1; i < len(paras); i++ {
		f := folded(paras[i])
		if hasFoldedPrefix(paras[i], "dieu 1") && (strings.Contains(f, "ke hoach") || strings.Contains(f, "chuong trinh")) {
			return dec, i, findTitle(paras, i+1), true
		}
	}
	return -1, -1, -1, false
}

// parseDecision reads the decision before an attached plan: its header,
// summary, legal bases and signer. It returns where its signature ends.
func (ps *parser) parseDecision(paras []string, dec, art1, plan int) (end int) {
	h := ps.readHeader(paras[:dec])
	d := &ttdn.Decision{Document: ttdn.Document{Number: h.number, Kind: "Quyết định", Date: h.date}}
	ps.decisionPlace, ps.decisionIssuer = h.place, h.issuer
	// The summary runs from the title to the issuing body's name or the
	// first "Căn cứ".
	var summary []string
	if rest := strings.TrimSpace(strings.TrimPrefix(paras[dec], "QUYẾT ĐỊNH")); rest != "" {
		summary = append(summary, rest)
	}
	i := dec + 1
	for ; i < art1; i++ {
		p := paras[i]
		if startsPreamble(p) || hasFoldedPrefix(p, "can cu", "xet de nghi", "theo de nghi") || strings.HasPrefix(p, "QUYẾT ĐỊNH") || isSeparator(p) {
			break
		}
		// The authority line ("ỦY BAN NHÂN DÂN TỈNH HÀ GIANG") ends the
		// summary; other upper-case lines are the summary wrapped
		// ("PHÊ / DUYỆT CHƯƠNG TRÌNH … GIAI ĐOẠN / 2014 - 2020").
		if isHeadingLine(p) && len(summary) > 0 && looksLikeBody(p) {
			if ps.decisionIssuer == "" {
				ps.decisionIssuer = p
			}
			break
		}
		summary = append(summary, p)
	}
	d.Title = decisionSummary(strings.Join(summary, " "))
	for ; i < art1; i++ {
		if hasFoldedPrefix(paras[i], "can cu", "thuc hien") {
			ps.at = ps.lineAt(paras[i])
			ps.decisionBases = append(ps.decisionBases, ps.cite(strings.TrimRight(paras[i], ";."))...)
		}
	}
	// The signature: title lines, then the signer's name.
	end = art1 + 1
	if plan < 0 {
		plan = len(paras)
	}
	var titles []string
	for k := art1 + 1; k < plan; k++ {
		p := paras[k]
		if isSignerTitle(p) {
			titles = append(titles, p)
			continue
		}
		if titleGoesOn(titles, p) {
			titles[len(titles)-1] += " " + p
			continue
		}
		if len(titles) > 0 {
			if name, ok := personName(p); ok {
				d.Signer = name
				end = k + 1
				break
			}
		}
	}
	d.SignerTitle = strings.Join(titles, " / ")
	ps.plan.Decision = d
	return end
}

// decisionSummary trims "Về việc ban hành Kế hoạch …" to its words.
func decisionSummary(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"Về việc ", "V/v ", "V/v: ", "Về "} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s = rest
			break
		}
	}
	return upperFirst(strings.TrimRight(s, " ."))
}

// fromDecision fills what the attached plan leaves to its decision: date,
// place, issuer, signer, and the decision's legal bases when the plan
// cites none of its own. An attachment published without its decision
// still names it ("(Ban hành kèm theo Quyết định số …)").
func (ps *parser) fromDecision() {
	p := ps.plan
	if p.Decision == nil && ps.attachment != "" {
		if docs := ps.cite(ps.attachment); len(docs) > 0 {
			p.Decision = &ttdn.Decision{Document: docs[0]}
		}
	}
	d := p.Decision
	if d == nil {
		return
	}
	if (d.Date.IsZero() || d.Number == "") && ps.attachment != "" {
		// The decision's own header was lost: the attachment line names it.
		if docs := ps.cite(ps.attachment); len(docs) > 0 && (d.Number == "" || docs[0].Number == d.Number) {
			d.Number = docs[0].Number
			if d.Date.IsZero() {
				d.Date = docs[0].Date
			}
		}
	}
	if d.Issuer == "" && ps.decisionIssuer != "" {
		d.Issuer = ps.issuerName(ps.decisionIssuer)
	}
	if p.IssuedOn.IsZero() {
		p.IssuedOn = d.Date
	}
	if p.Place == "" {
		p.Place = ps.decisionPlace
	}
	if p.Issuer == "" {
		p.Issuer = d.Issuer
	}
	if p.Signer == "" {
		p.Signer, p.SignerTitle = d.Signer, d.SignerTitle
	}
	if len(p.LegalBases) == 0 {
		p.LegalBases = ps.decisionBases
	}
}
