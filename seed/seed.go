// Package seed embeds the plan ttdn is built from: the 2019 TTĐN plan of Tây
// Ninh province, as text extracted from the issued document (a public
// administrative document). The demo imports it; tests parse it.
package seed

import _ "embed"

// Plan2019 is the text of "Kế hoạch Công tác thông tin đối ngoại tỉnh Tây Ninh
// năm 2019", with the typos of the real text ("tinh", "Cùm", "BCD 94-16").
//
//go:embed ke-hoach-ttdn-tay-ninh-2019.txt
var Plan2019 []byte

// Plan2019Name is the seed's file name.
const Plan2019Name = "ke-hoach-ttdn-tay-ninh-2019.txt"
