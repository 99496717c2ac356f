//go:build !unix

package main

import "errors"

func diskSpace(dir string) (free, total uint64, err error) {
	return 0, 0, errors.New("not measured on this system")
}
