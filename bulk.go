package ttdn

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
)

// A CSV of progress updates, as a unit or the coordinator fills it in Excel:
// one row per task, columns for the task, status, percent, date and text.
// Parsing is pure and checks every row; storage then resolves the task
// references into a preview and applies it only when no row has an error.

// Columns of a progress CSV.
const (
	ColTask    = "ma_nhiem_vu"
	ColStatus  = "trang_thai"
	ColPercent = "ty_le"
	ColDate    = "ngay"
	ColText    = "noi_dung"
)

// headerAliases maps folded header names to columns: Vietnamese with or
// without diacritics, and English.
var headerAliases = map[string]string{
	"ma_nhiem_vu": ColTask, "nhiem_vu": ColTask, "ma": ColTask, "task": ColTask, "task_ref": ColTask, "ref": ColTask, "task_id": ColTask, "id": ColTask,
	"trang_thai": ColStatus, "status": ColStatus,
	"ty_le": ColPercent, "ti_le": ColPercent, "ty_le_hoan_thanh": ColPercent, "ti_le_hoan_thanh": ColPercent, "percent": ColPercent, "progress": ColPercent,
	"ngay": ColDate, "ngay_cap_nhat": ColDate, "date": ColDate,
	"noi_dung": ColText, "noi_dung_cap_nhat": ColText, "ghi_chu": ColText, "text": ColText, "note": ColText, "notes": ColText,
}

// MaxCSVRows bounds one upload.
const MaxCSVRows = 5000

// RowError is a problem with one row (Line counts from 1, the header) or,
// with Line 0, with the whole file.
type RowError struct {
	Line      int    `json:"line"`
	Column    string `json:"column,omitempty"`
	Message   string `json:"message"`
	MessageEN string `json:"message_en"`
}

func rowError(line int, col string, err *Error) RowError {
	return RowError{Line: line, Column: col, Message: err.Message, MessageEN: err.MessageEN}
}

// ProgressCSVRow is one checked row.
type ProgressCSVRow struct {
	Line    int
	TaskRef string // "III.5", "V.3.2" or a task id
	Status  *TaskStatus
	Percent *int
	Date    Date // zero: the day it is applied
	Text    string
}

// ProgressCSV is a parsed file: its good rows and every error found.
type ProgressCSV struct {
	Rows   []ProgressCSVRow
	Errors []RowError
}

// ParseProgressCSV reads a CSV of progress updates: UTF-8 with or without
// a BOM, separated by ';' or ','. A file it cannot read at all is an
// EINVALID error; problems with single rows are listed in Errors.
func ParseProgressCSV(r io.Reader) (*ProgressCSV, error) {
	br := bufio.NewReader(r)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	first, _ := br.Peek(4096)
	cr := csv.NewReader(br)
	cr.Comma, cr.FieldsPerRecord, cr.LazyQuotes = separator(first), -1, true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, Errorf(EINVALID, "Tệp CSV rỗng.", "The CSV file is empty.")
	} else if err != nil {
		return nil, errCSV(err)
	}
	cols, err := csvColumns(header)
	if err != nil {
		return nil, err
	}
	out := &ProgressCSV{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, errCSV(err)
		} else if line > MaxCSVRows+1 {
			return nil, Errorf(EINVALID, "Tệp CSV có quá %d dòng.", "The CSV file has more than %d rows.", MaxCSVRows)
		}
		for i := range rec {
			rec[i] = CleanText(rec[i]) // NUL and broken UTF-8 never reach storage
		}
		if blank(rec) {
			continue
		}
		row, errs := parseCSVRow(line, cols, header, rec)
		out.Errors = append(out.Errors, errs...)
		if len(errs) == 0 {
			out.Rows = append(out.Rows, row)
		}
	}
	if len(out.Rows) == 0 && len(out.Errors) == 0 {
		return nil, Errorf(EINVALID, "Tệp CSV không có dòng dữ liệu nào.", "The CSV file has no data rows.")
	}
	return out, nil
}

func errCSV(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return Errorf(EINVALID, "Tệp CSV lỗi ở dòng %d: không đọc được.", "The CSV file is malformed at line %d.", pe.Line)
	}
	return Errorf(EINVALID, "Không đọc được tệp CSV.", "The CSV file cannot be read.")
}

// separator picks ';' or ',' from the header line: Excel in Vietnam writes
// either, depending on the system's list separator.
func separator(head []byte) rune {
	if i := bytes.IndexAny(head, "\r\n"); i >= 0 {
		head = head[:i]
	}
	if bytes.Count(head, []byte(";")) > bytes.Count(head, []byte(",")) {
		return ';'
	}
	return ','
}

// csvColumns maps each column index to its column, refusing unknown,
// repeated or missing columns.
func csvColumns(header []string) ([]string, error) {
	cols := make([]string, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		col, ok := headerAliases[foldKey(h)]
		if !ok {
			return nil, Errorf(EINVALID, "Cột %q không được hỗ trợ. Các cột hợp lệ: ma_nhiem_vu, trang_thai, ty_le, ngay, noi_dung.",
				"Column %q is not supported. Valid columns: ma_nhiem_vu, trang_thai, ty_le, ngay, noi_dung.", strings.TrimSpace(h))
		} else if seen[col] {
			return nil, Errorf(EINVALID, "Cột %q bị lặp.", "Column %q appears twice.", col)
		}
		cols[i], seen[col] = col, true
	}
	if !seen[ColTask] {
		return nil, Errorf(EINVALID, "Thiếu cột ma_nhiem_vu (mã nhiệm vụ).", "The ma_nhiem_vu (task) column is missing.")
	} else if !seen[ColStatus] && !seen[ColPercent] && !seen[ColText] {
		return nil, Errorf(EINVALID, "Cần ít nhất một trong các cột trang_thai, ty_le, noi_dung.", "At least one of the trang_thai, ty_le, noi_dung columns is needed.")
	}
	return cols, nil
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// parseCSVRow checks one record against the columns.
func parseCSVRow(line int, cols, header, rec []string) (ProgressCSVRow, []RowError) {
	row := ProgressCSVRow{Line: line}
	if len(rec) != len(cols) {
		return row, []RowError{rowError(line, "", Errorf(EINVALID, "Dòng có %d cột, tiêu đề có %d cột.", "The row has %d columns, the header %d.", len(rec), len(cols)))}
	}
	var errs []RowError
	for i, col := range cols {
		v := strings.TrimSpace(rec[i])
		if err := row.set(col, v); err != nil {
			errs = append(errs, rowError(line, strings.TrimSpace(header[i]), err))
		}
	}
	if len(errs) == 0 && row.Status == nil && row.Percent == nil && row.Text == "" {
		errs = append(errs, rowError(line, "", Errorf(EINVALID, "Dòng không có trạng thái, tỷ lệ hay nội dung cập nhật.", "The row has no status, percent or text.")))
	}
	return row, errs
}

func (row *ProgressCSVRow) set(col, v string) *Error {
	switch col {
	case ColTask:
		if v == "" {
			return Errorf(EINVALID, "Thiếu mã nhiệm vụ.", "The task reference is missing.")
		}
		row.TaskRef = v
	case ColStatus:
		if v != "" {
			s, err := ParseTaskStatus(v)
			if err != nil {
				return err
			}
			row.Status = &s
		}
	case ColPercent:
		if v != "" {
			p, err := parsePercent(v)
			if err != nil {
				return err
			}
			row.Percent = &p
		}
	case ColDate:
		d, err := ParseDate(v)
		if err != nil {
			var e *Error
			errors.As(err, &e)
			return e
		}
		row.Date = d
	case ColText:
		row.Text = v
	}
	return nil
}

// parsePercent reads "50", "50%" or "50,0".
func parsePercent(v string) (int, *Error) {
	s := strings.TrimSpace(strings.TrimSuffix(v, "%"))
	s = strings.TrimSuffix(strings.TrimSuffix(s, ",0"), ".0")
	p, err := strconv.Atoi(s)
	if err != nil {
		return 0, Errorf(EINVALID, "Tỷ lệ %q không phải số nguyên.", "Percent %q is not a whole number.", v)
	} else if p < 0 || p > 100 {
		return 0, Errorf(EINVALID, "Tỷ lệ %d nằm ngoài khoảng 0–100.", "Percent %d is outside 0–100.", p)
	}
	return p, nil
}

// statusNames maps folded status names (codes, Vietnamese, English) to
// statuses.
var statusNames = map[string]TaskStatus{
	"not_started": TaskNotStarted, "chua_thuc_hien": TaskNotStarted, "chua_bat_dau": TaskNotStarted, "chua_trien_khai": TaskNotStarted,
	"in_progress": TaskInProgress, "dang_thuc_hien": TaskInProgress, "dang_trien_khai": TaskInProgress,
	"done": TaskDone, "completed": TaskDone, "hoan_thanh": TaskDone, "da_hoan_thanh": TaskDone,
	"cancelled": TaskCancelled, "canceled": TaskCancelled, "huy": TaskCancelled, "da_huy": TaskCancelled,
}

// ParseTaskStatus reads a status as a user writes it: its code, its
// Vietnamese label (with or without diacritics) or English.
func ParseTaskStatus(v string) (TaskStatus, *Error) {
	if s, ok := statusNames[foldKey(v)]; ok {
		return s, nil
	}
	return "", Errorf(EINVALID, "Trạng thái %q không hợp lệ (Chưa thực hiện, Đang thực hiện, Hoàn thành, Đã hủy).",
		"Invalid status %q (not started, in progress, done, cancelled).", v)
}
