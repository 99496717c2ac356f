package ttdn

// Document is an administrative document a plan cites or is: a decision, a
// decree, a circular, a guidance, another plan. Number is the "số, ký hiệu" as
// written, e.g. "72/2015/NĐ-CP", "4110/BTTTT-TTĐN", "49/KH-STTTT-BCHBĐBP".
type Document struct {
	Number string `json:"number"`
	Kind   string `json:"kind"`   // "Quyết định", "Nghị định", "Thông tư", "Kế hoạch"…
	Date   Date   `json:"date"`   // zero when the text gives none
	Issuer string `json:"issuer"` // "Thủ tướng Chính phủ", "Bộ Thông tin và Truyền thông"…
	Title  string `json:"title"`  // the summary (trích yếu) when the text gives one
}

// Label returns the document as offices cite it: "Quyết định số 368/QĐ-TTg
// ngày 28/02/2013".
func (d Document) Label() string {
	s := d.Kind
	if d.Number != "" {
		if s != "" {
			s += " số "
		}
		s += d.Number
	}
	if !d.Date.IsZero() {
		s += " ngày " + d.Date.String()
	}
	return s
}
