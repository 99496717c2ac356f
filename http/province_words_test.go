package http

import "ttdn/directory"

// tayNinh is the shipped example province.
func tayNinh() directory.ProvinceInfo {
	p, _, _ := directory.FindProvince(directory.ShippedProvince)
	return p
}
