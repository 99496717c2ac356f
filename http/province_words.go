package http

import (
	"net/http"
	"sync"
	"time"

	"ttdn"
	"ttdn/directory"
)

// The product's words name the province the instance was set up for
// (setting "province", `ttdn province setup`), never a constant: the
// header, the footer, the seal line of documents, the body a proposal or
// an estimate goes to. Without a setting it is the shipped example.

// provinceCache keeps the province for provinceLife, like the TOTP
// requirement: every page shows it, and it changes once in a lifetime.
type provinceCache struct {
	mu  sync.Mutex
	at  time.Time
	p   directory.ProvinceInfo
	set bool // the setting is stored (the admin has set it up)
}

const provinceLife = 15 * time.Second

// province is the province the instance serves.
func (s *Server) province(r *http.Request) directory.ProvinceInfo {
	p, _ := s.provinceSet(r)
	return p
}

// provinceSet is the province served and whether it was set up.
func (s *Server) provinceSet(r *http.Request) (directory.ProvinceInfo, bool) {
	c := &s.prov
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.at.IsZero() && time.Since(c.at) < provinceLife {
		return c.p, c.set
	}
	c.set = false
	name := directory.ShippedProvince
	if s.cfg.Settings != nil {
		// The name is no secret: pages before log-in show it too.
		set, err := s.cfg.Settings.FindSettings(ttdn.NewSystemContext(r.Context()))
		if err != nil {
			s.log.Error("province setting", "err", err)
		} else if set.Province != "" {
			name, c.set = set.Province, true
		}
	}
	p, _, ok := directory.FindProvince(name)
	if !ok {
		p, _, _ = directory.FindProvince(directory.ShippedProvince)
	}
	c.at, c.p = time.Now(), p
	return p, c.set
}

// forgetProvince makes the next page read the setting again (after setup).
func (s *Server) forgetProvince() {
	s.prov.mu.Lock()
	s.prov.at = time.Time{}
	s.prov.mu.Unlock()
}

// Place is the province as the page's language names it in a sentence:
// "tỉnh Hà Tĩnh", "Hà Tĩnh Province".
func (p *page) Place() string {
	if p.Lang == langEN {
		return p.Province.PlaceEN()
	}
	return p.Province.Place()
}

// Committee is the province's People's Committee as documents write it,
// "UBND tỉnh Hà Tĩnh": the default body a proposal or an estimate goes to.
func (p *page) Committee() string { return committeeOf(p.Province) }

func committeeOf(p directory.ProvinceInfo) string { return "UBND " + p.Place() }
