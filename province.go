package ttdn

import "context"

// ResourceProvince is the policy's kind for the province an instance serves
// (its setup): administrators only choose it.
const ResourceProvince ResourceKind = "province"

// ProvinceSetup is what setting a province up did.
type ProvinceSetup struct {
	Province   string `json:"province"`    // "Hà Nội"
	Place      string `json:"place"`       // "thành phố Hà Nội"
	MergedFrom string `json:"merged_from"` // the name asked for, when it merged into Province in 2025
	Units      int    `json:"units"`       // units stored by this setup
	Communes   int    `json:"communes"`
	Removed    int    `json:"removed"` // shipped example units removed
}

// ProvinceService sets up the province an instance serves.
type ProvinceService interface {
	// SetupProvince stores the province in the settings and its starting
	// unit directory, with the communes and wards given ("Xã Tân Phú",
	// "Phường 1", "Đặc khu Côn Đảo"). progress, when set, is told of
	// each unit stored.
	SetupProvince(ctx context.Context, name string, communes []string, progress func(done, total int)) (*ProvinceSetup, error)
}
