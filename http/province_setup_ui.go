package http

import (
	"net/http"
	"strings"

	"ttdn"
	"ttdn/directory"
)

// provinceRoutes are the province setup (the admin's first-run page) and
// the directory's import and export.
func (s *Server) provinceRoutes(auth func(string, http.HandlerFunc)) {
	if s.cfg.Province == nil {
		return
	}
	auth("GET /setup/province", s.handleProvinceForm)
	auth("POST /setup/province", s.handleProvinceSetup)
	s.directoryRoutes(auth)
}

// provinceForm is the setup page: the 34 provinces to choose from, the
// communes as typed, and the province already set up, if any.
type provinceForm struct {
	Provinces []provinceOption
	Province  string
	Communes  string
	Current   string // the province set up, "" before setup
}

type provinceOption struct {
	Value, Label string
}

func (s *Server) provinceForm(r *http.Request, chosen, communes string) (*provinceForm, error) {
	set, err := s.cfg.Settings.FindSettings(r.Context())
	if err != nil {
		return nil, err
	}
	f := &provinceForm{Province: chosen, Communes: communes}
	lang := reqOf(r).lang
	if set.Province != "" {
		if p, _, ok := directory.FindProvince(set.Province); ok {
			f.Current = placeIn(lang, p)
		}
	}
	for _, p := range directory.Provinces() {
		label := placeIn(lang, p)
		if facts := provinceFacts(reqOf(r).lang, p); facts != "" {
			label += " — " + facts
		}
		f.Provinces = append(f.Provinces, provinceOption{p.Name, label})
	}
	return f, nil
}

// provinceFacts says what a province was formed from and where it borders.
func provinceFacts(lang string, p directory.ProvinceInfo) string {
	var parts []string
	if p.Merged() {
		parts = append(parts, translate(lang, "province.formed_from", strings.Join(p.FormedFrom, ", ")))
	}
	if len(p.Borders) > 0 {
		countries := make([]string, len(p.Borders))
		for i, c := range p.Borders {
			countries[i] = translate(lang, "country."+directory.CountryCode(c))
		}
		parts = append(parts, translate(lang, "province.borders", strings.Join(countries, ", ")))
	}
	return strings.Join(parts, "; ")
}

// placeIn names the province in the reader's language: "tỉnh Hà Tĩnh",
// "Hà Tĩnh Province" (the name itself is a proper name in both).
func placeIn(lang string, p directory.ProvinceInfo) string {
	if lang == langEN {
		return p.PlaceEN()
	}
	return p.Place()
}

func (s *Server) handleProvinceForm(w http.ResponseWriter, r *http.Request) {
	if !s.provinceAdmin(w, r) {
		return
	}
	f, err := s.provinceForm(r, "", "")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "province_setup", "province.title", f)
}

func (s *Server) handleProvinceSetup(w http.ResponseWriter, r *http.Request) {
	if !s.provinceAdmin(w, r) {
		return
	}
	name, communes := r.PostFormValue("province"), r.PostFormValue("communes")
	if name == "" {
		// The empty form is refused before the service: nothing to set up.
		f, _ := s.provinceForm(r, name, communes)
		s.renderWithError(w, r, ttdn.Errorf(ttdn.EINVALID, "Hãy chọn tỉnh, thành phố.", "Choose a province or city.").On("province"),
			"province_setup", "province.title", f)
		return
	}
	_, err := s.cfg.Province.SetupProvince(r.Context(), name, strings.Split(communes, "\n"), nil)
	if err != nil {
		f, ferr := s.provinceForm(r, name, communes)
		if ferr != nil {
			s.renderError(w, r, ferr)
			return
		}
		s.renderWithError(w, r, err, "province_setup", "province.title", f)
		return
	}
	s.forgetProvince()
	s.redirectWithFlash(w, r, "/units", "flash.province_setup")
}

// provinceAdmin lets the administrator through; others get the policy's
// answer (province setup is administrators' alone).
func (s *Server) provinceAdmin(w http.ResponseWriter, r *http.Request) bool {
	if !ttdn.Can(reqOf(r).user, ttdn.ActionUpdate, ttdn.Resource{Kind: ttdn.ResourceProvince}) {
		s.renderError(w, r, errAdminOnly)
		return false
	}
	return true
}
