package sqlstore_test

import (
	"bytes"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

var (
	pdfBytes = []byte("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n")
	pngBytes = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 32)...)
	exeBytes = append([]byte("MZ\x90\x00\x03\x00\x00\x00"), make([]byte, 64)...)
)

func TestAttachments(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p := sqltest.MustCreatePlan(t, db, w.plan2019())
		secretTask := p.Tasks[1] // led by B, secret
		u := &ttdn.ProgressUpdate{TaskID: secretTask.ID, Text: "Báo cáo kèm minh chứng", Attachments: []*ttdn.Attachment{
			{Name: `C:\Users\x\Báo cáo quý I.pdf`, Data: pdfBytes}, {Name: "ảnh\u202ecod.png", Data: pngBytes}}}
		if err := w.progress.AddProgressUpdate(as(w.officerB), u); err != nil {
			t.Fatal(err)
		}
		pdf := u.Attachments[0]
		if pdf.ID == 0 || pdf.Name != "Báo cáo quý I.pdf" || pdf.ContentType != "application/pdf" || pdf.Size != int64(len(pdfBytes)) || len(pdf.SHA256) != 64 {
			t.Fatalf("stored pdf: %+v", pdf)
		}
		if u.Attachments[1].Name != "ảnhcod.png" || u.Attachments[1].ContentType != "image/png" {
			t.Fatalf("png: %+v", u.Attachments[1])
		}
		got, err := w.attachments.FindAttachmentByID(as(w.officerB), pdf.ID)
		if err != nil || !bytes.Equal(got.Data, pdfBytes) {
			t.Fatalf("download by B: %v", err)
		}
		// The policy of the owner: A may not read B's secret task, so not its files.
		if _, err := w.attachments.FindAttachmentByID(as(w.officerA), pdf.ID); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Fatalf("officer A reads an attachment of a secret task: %v", err)
		}
		if _, err := w.attachments.FindAttachmentByID(as(nil), pdf.ID); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Fatalf("anonymous download: %v", err)
		}
		list, _, _ := w.progress.FindProgressUpdates(as(w.leader), ttdn.ProgressFilter{TaskID: &secretTask.ID})
		if len(list) != 1 || len(list[0].Attachments) != 2 || list[0].Attachments[0].Data != nil {
			t.Fatalf("update list attachments: %+v", list)
		}

		before := mustInt(t, db, `SELECT COUNT(*) FROM attachments`)
		updates := mustInt(t, db, `SELECT COUNT(*) FROM progress_updates`)
		for name, c := range map[string]struct {
			att  *ttdn.Attachment
			code string
		}{
			"exe renamed pdf": {&ttdn.Attachment{Name: "bao-cao.pdf", Data: exeBytes}, ttdn.EINVALID},
			"pdf named png":   {&ttdn.Attachment{Name: "anh.png", Data: pdfBytes}, ttdn.EINVALID},
			"html as txt":     {&ttdn.Attachment{Name: "ghi-chu.txt", Data: []byte("<html><script>alert(1)</script>")}, ttdn.EINVALID},
			"svg":             {&ttdn.Attachment{Name: "logo.svg", Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)}, ttdn.EINVALID},
			"oversized":       {&ttdn.Attachment{Name: "lon.pdf", Data: append(append([]byte{}, pdfBytes...), make([]byte, ttdn.DefaultAttachmentMaxBytes)...)}, ttdn.ETOOLARGE},
		} {
			// Text, then the bad file: the whole update is refused.
			err := w.progress.AddProgressUpdate(as(w.officerB), &ttdn.ProgressUpdate{TaskID: secretTask.ID, Text: "x",
				Attachments: []*ttdn.Attachment{{Name: "ok.pdf", Data: pdfBytes}, c.att}})
			if ttdn.ErrorCode(err) != c.code || ttdn.ErrorMessage(err, "vi") == "" {
				t.Errorf("%s: %v, want %s", name, err, c.code)
			}
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM attachments`); n != before {
			t.Fatalf("refused files stored: %d → %d", before, n)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM progress_updates`); n != updates {
			t.Fatalf("refused updates stored: %d → %d", updates, n)
		}
		// A smaller limit from the settings applies at once.
		if _, err := w.settings.UpdateSettings(as(w.admin), ttdn.SettingsUpdate{AttachmentMaxBytes: ptr(int64(1024))}); err != nil {
			t.Fatal(err)
		}
		big := &ttdn.Attachment{OwnerKind: ttdn.ResourceTask, OwnerID: secretTask.ID, Name: "a.png", Data: append(append([]byte{}, pngBytes...), make([]byte, 2048)...)}
		if err := w.attachments.CreateAttachment(as(w.officerB), big); ttdn.ErrorCode(err) != ttdn.ETOOLARGE {
			t.Fatalf("over the configured limit: %v", err)
		}
		small := &ttdn.Attachment{OwnerKind: ttdn.ResourceTask, OwnerID: p.Tasks[0].ID, Name: "a.png", Data: pngBytes}
		if err := w.attachments.CreateAttachment(as(w.officerB), small); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("officer B attaching to A's task: %v", err)
		}
	})
}
