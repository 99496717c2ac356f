package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"

	"ttdn"
	"ttdn/document"
)

// evidencePDF returns a one-page report of results, as a unit uploads
// with its last progress update.
func evidencePDF(title, task, text, unit string, day ttdn.Date) ([]byte, error) {
	var b bytes.Buffer
	err := document.WriteNotePDF(&b, document.Note{Unit: unit, Title: title,
		PlaceDate: fmt.Sprintf("Tây Ninh, ngày %02d tháng %d năm %d", day.Day, day.Month, day.Year),
		Paragraphs: []string{"Nhiệm vụ: " + task, text,
			"Đơn vị đã triển khai đầy đủ nội dung được giao, bảo đảm đúng định hướng thông tin đối ngoại của tỉnh. " +
				"Tài liệu này là dữ liệu mẫu do ttdn tạo ra để trình diễn."}})
	return b.Bytes(), err
}

// evidencePNG returns a small picture standing in for an event photo: a
// hall with a stage and a banner and an audience, in colours varied by
// seed.
func evidencePNG(seed int64) []byte {
	const w, h = 320, 200
	rng := rand.New(rand.NewPCG(uint64(seed), 7))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	wall := color.RGBA{uint8(200 + rng.IntN(40)), uint8(190 + rng.IntN(40)), uint8(170 + rng.IntN(50)), 255}
	fill(img, image.Rect(0, 0, w, h), wall)
	fill(img, image.Rect(0, 130, w, h), color.RGBA{120, 80, 50, 255})       // floor
	fill(img, image.Rect(40, 20, w-40, 60), color.RGBA{170, 20, 30, 255})   // banner
	fill(img, image.Rect(60, 34, w-60, 46), color.RGBA{250, 220, 90, 255})  // its lettering
	fill(img, image.Rect(70, 90, w-70, 130), color.RGBA{90, 60, 40, 255})   // stage table
	fill(img, image.Rect(75, 84, w-75, 90), color.RGBA{240, 240, 240, 255}) // table cloth
	for x := 90; x < w-90; x += 35 {                                        // speakers
		fill(img, image.Rect(x, 66, x+14, 84), color.RGBA{30, 40, 70, 255})
	}
	for row := range 3 { // the audience, backs turned
		for x := 10 + rng.IntN(10); x < w-10; x += 22 + rng.IntN(6) {
			y := 150 + row*17
			c := color.RGBA{uint8(20 + rng.IntN(60)), uint8(20 + rng.IntN(60)), uint8(40 + rng.IntN(80)), 255}
			fill(img, image.Rect(x, y, x+14, y+14), c)
			fill(img, image.Rect(x+3, y-7, x+11, y), color.RGBA{25, 20, 20, 255})
		}
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img) // writing to memory cannot fail
	return b.Bytes()
}

func fill(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			img.SetRGBA(x, y, c)
		}
	}
}
