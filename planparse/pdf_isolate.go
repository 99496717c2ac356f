package planparse

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"time"

	"ttdn"
)

// The PDF library can loop forever (a page tree or a cross-reference chain
// that leads back to itself) or recurse until the stack overflows (an
// object stream inside itself) on a hostile file, and neither can be
// stopped from inside a Go process. So PDFs are read in a child process — the
// running binary itself, started with pdfChildEnv set — which is killed
// after pdfTimeout and has a small stack and memory budget: a bad upload
// costs one refused file, never the server.

const pdfChildEnv = "TTDN_PDF_TEXT_CHILD"

// pdfTimeout is how long the child may read; a real plan takes well under
// a second.
var pdfTimeout = 30 * time.Second

// Every binary that imports planparse (ttdn, the test binaries) can serve
// as the child: the check runs before main and before tests.
func init() {
	if os.Getenv(pdfChildEnv) == "1" {
		os.Exit(pdfChild(os.Stdin, os.Stdout))
	}
}

// pdfChild reads a PDF on in and writes one status byte and the text on
// out.
func pdfChild(in io.Reader, out io.Writer) int {
	debug.SetMaxStack(64 << 20)
	debug.SetMemoryLimit(768 << 20)
	data, err := io.ReadAll(io.LimitReader(in, maxInputBytes+1))
	if err != nil {
		return 1
	}
	text, fail := extractPDF(data)
	out.Write([]byte{byte(fail)})
	io.WriteString(out, text)
	return 0
}

// readPDF extracts the text of a PDF in a child process.
func readPDF(data []byte, filename string) (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", pdfUnavailable(filename)
	}
	ctx, cancel := context.WithTimeout(context.Background(), pdfTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = []string{pdfChildEnv + "=1", "GOMAXPROCS=1"}
	cmd.Stdin = bytes.NewReader(data)
	out := &cappedBuffer{max: maxTextBytes + 1}
	cmd.Stdout = out
	cmd.WaitDelay = time.Second
	err = cmd.Run()
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return "", ttdn.Errorf(ttdn.EINVALID, "Tệp %q là PDF không đọc xong trong %d giây (có thể bị hỏng).",
			"The file %q is a PDF that could not be read within %d seconds (it may be damaged).", filename, int(pdfTimeout.Seconds()))
	case out.over:
		return "", pdfFailureError(pdfTooLarge, filename)
	case err != nil || out.Len() == 0:
		// The child died: a stack overflow or a memory blow-up on a
		// malformed file.
		return "", pdfFailureError(pdfDamaged, filename)
	}
	b := out.Bytes()
	if fail := pdfFailure(b[0]); fail != pdfOK {
		return "", pdfFailureError(fail, filename)
	}
	return string(b[1:]), nil
}

func pdfUnavailable(filename string) error {
	return ttdn.Errorf(ttdn.EINTERNAL, "Không đọc được tệp PDF %q lúc này; hãy thử lại hoặc tải lên tệp .docx.",
		"The PDF %q cannot be read right now; try again or upload the .docx.", filename)
}

// cappedBuffer keeps at most max bytes and notes when more came.
type cappedBuffer struct {
	bytes.Buffer
	max  int
	over bool
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if c.Len()+len(p) > c.max {
		c.over = true
		return 0, errors.New("output over the cap")
	}
	return c.Buffer.Write(p)
}

// pdfHeaderFix presents a PDF 2.0 file as 1.7 to the library, which only
// accepts 1.x headers; the syntax it reads is the same.
func pdfHeaderFix(data []byte) io.ReaderAt {
	if bytes.HasPrefix(data, []byte("%PDF-2.")) && len(data) > 8 {
		fixed := append([]byte("%PDF-1.7"), data[8:]...)
		return bytes.NewReader(fixed)
	}
	return bytes.NewReader(data)
}
