package main

import (
	"context"
	"flag"
	"io"

	"ttdn"
	"ttdn/demo"
)

// runDemo loads the demo data into the database without starting the server:
// the ordinary demo (directory, seed plan, one user per role, the living
// year), with --scale large on top of a generated province for measuring
// speed.
func runDemo(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var scale, news *string
	db, _, err := openWithFlags(ctx, "demo", args, stderr, func(fs *flag.FlagSet) {
		scale = fs.String("scale", "small", "small: dữ liệu mẫu; large: tỉnh lớn sinh tự động (150 đơn vị, 3.000 nhiệm vụ, 50.000 hoạt động); huge: 300 đơn vị, 500.000 hoạt động, 1.000 người dùng / small, large or huge")
		news = fs.String("news", "", "thư mục tệp tin bài .json nạp thay tin mẫu tự soạn / folder of news files to ingest instead of the invented items")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	switch *scale {
	case "small":
	case "large", "huge":
		sc := demo.LargeScale
		if *scale == "huge" {
			sc = demo.HugeScale
		}
		bar := newProgressBar(stderr, "Tạo dữ liệu lớn / generating")
		if err := demo.Generate(ctx, db, sc, bar.Update); err != nil {
			return err
		}
	default:
		return ttdn.Errorf(ttdn.EINVALID, "--scale phải là small, large hoặc huge, không phải %q.", "--scale must be small, large or huge, not %q.", *scale)
	}
	return loadDemo(ctx, db, *news, stdout, stderr)
}
