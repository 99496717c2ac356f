package http

import (
	"context"
	"net/http"

	"ttdn"
)

// addUploadedFiles stores the files of a multipart form for the record at
// {id} through add, which keeps them all or none (one refused file must not
// leave the others stored behind the error). Choosing no file is an error
// for the form.
func addUploadedFiles(r *http.Request, add func(ctx context.Context, id int64, files ...*ttdn.Attachment) error) (int64, error) {
	id, _ := pathID(r)
	files, err := readEvidence(r)
	if err == nil && len(files) == 0 {
		err = ttdn.Errorf(ttdn.EINVALID, "Hãy chọn tệp cần đính kèm.", "Choose a file to attach.")
	}
	if err == nil {
		err = add(r.Context(), id, files...)
	}
	return id, err
}
