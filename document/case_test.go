package document_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/document"
)

// caseReport is a secret case answered 2 h 20 min after detection, with
// the spread of its story.
func caseReport() *document.CaseReport {
	at := time.Date(2025, 11, 14, 3, 0, 0, 0, time.UTC)
	c := &ttdn.Case{ID: 7, Title: "Tin đồn đóng cửa khẩu Mộc Bài", Claim: "Cửa khẩu Mộc Bài bị đóng cửa vô thời hạn.",
		Verdict: ttdn.VerdictFalse, Severity: ttdn.SeverityHigh, Topics: []ttdn.CaseTopic{ttdn.TopicBorder}, TouchesSecrets: true,
		Classification: ttdn.Secret, UnitID: 1, LeadUnitID: 2, CoordinatingUnitIDs: []int64{3}, Stage: ttdn.StagePublished,
		Source:     ttdn.CaseSource{Title: "Nhiều thông tin về cửa khẩu Mộc Bài", Outlet: "Khmer Times", Foreign: true, URL: "https://khmertimes.example/1"},
		DetectedAt: at, AssessedAt: at.Add(time.Hour), AssignedAt: at.Add(5 * time.Hour), DraftedAt: at.Add(90 * time.Minute),
		ApprovedAt: at.Add(2 * time.Hour), PublishedAt: at.Add(140 * time.Minute),
		Responses: []*ttdn.CaseResponse{{Kind: ttdn.ResponsePressRelease, Title: "Thông cáo về cửa khẩu Mộc Bài",
			Status: ttdn.ResponsePublished, PublishedWhere: "Cổng thông tin điện tử tỉnh", PublishedAt: at.Add(140 * time.Minute)}}}
	return &document.CaseReport{Case: c, UnitNames: map[int64]string{1: "Sở Ngoại vụ", 2: "Công an tỉnh", 3: "Bộ đội Biên phòng tỉnh"},
		Spread: &ttdn.CaseSpread{Items: make([]*ttdn.CaseItem, 5), After: 3, Domestic: 1, Foreign: 2,
			ByOutlet: []ttdn.Count{{Label: "Khmer Times", Count: 2}, {Label: "Báo Tây Ninh", Count: 1}}},
		Now: at.Add(6 * time.Hour), Zone: time.FixedZone("ICT", 7*3600)}
}

// TestCaseDOCX: the report is marked secret, names the units, the stages
// against their deadlines (assignment 5 h after detection is late for a
// severe case), the response, the spread and the response time.
func TestCaseDOCX(t *testing.T) {
	var buf bytes.Buffer
	if err := document.WriteCaseDOCX(&buf, caseReport()); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(docxText(t, buf.Bytes()), "\n")
	if !strings.HasPrefix(strings.TrimSpace(text), "MẬT\n") {
		t.Errorf("a secret case's report is not marked: %q", text[:40])
	}
	for _, want := range []string{document.CaseReportTitle, "(Vụ việc số 7: Tin đồn đóng cửa khẩu Mộc Bài)", "Khmer Times (nước ngoài)",
		"Đơn vị chủ trì: Công an tỉnh; đơn vị phối hợp: Bộ đội Biên phòng tỉnh.", "Trễ hạn", "Cổng thông tin điện tử tỉnh, 12:20 ngày 14/11/2025",
		"sau khi mở thêm 3 tin bài (1 trong nước, 2 nước ngoài)", "2 giờ 20 phút", "Kết luận: Sai sự thật; mức độ: Nghiêm trọng"} {
		if !strings.Contains(text, want) {
			t.Errorf("the case DOCX lacks %q:\n%s", want, text)
		}
	}
}

func TestCasePDF(t *testing.T) {
	var buf bytes.Buffer
	if err := document.WriteCasePDF(&buf, caseReport()); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF")) || buf.Len() < 10000 {
		t.Fatalf("not a PDF with its font: %d bytes", buf.Len())
	}
}
