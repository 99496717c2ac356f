package http

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"ttdn"
	"ttdn/planparse"
)

// importPreview is the parsed plan shown before it is stored, with one
// select per distinct unit name as written: fixing a name once fixes every
// place the plan writes it.
type importPreview struct {
	Name            string
	Data            string // the file, base64, carried to the confirmation
	Size            string
	Plan            *ttdn.Plan
	Warnings        []planparse.Warning
	Matches         []*unitMatch
	Options         []optionGroup
	Unresolved      int
	Classification  string
	Classifications []ttdn.Classification
	Extras          *importExtras // duplicates, number and date typed (import_duplicates.go)

	Source []sourceLine   // the text read, numbered, with the warnings
	Header []headerField  // editable header fields
	Tasks  []previewTask  // tasks with their source lines
	Lines  map[string]int // where parts of the plan start

	units  map[int64]*ttdn.Unit
	groups map[int64]*ttdn.UnitGroup
}

// unitMatch is one distinct unit name of the plan and the unit it is taken
// to mean.
type unitMatch struct {
	Field    string   // form field carrying the choice
	Text     string   // as written
	Where    []string // where the plan writes it ("III.1 · Thực hiện")
	Selected string   // "" (keep as written), "u:ID" or "g:ID"
	Parsed   string   // what the parser chose, to flag a change
	refs     []*ttdn.UnitRef
}

type optionGroup struct {
	Label   string
	Options []option
}

type option struct {
	Value, Label string
}

func (s *Server) newImportPreview(r *http.Request, name string, data []byte, res *planparse.Result, choices url.Values) (*importPreview, error) {
	v := &importPreview{Name: name, Data: base64.StdEncoding.EncodeToString(data), Size: formatBytes(int64(len(data))),
		Plan: res.Plan, Warnings: res.Warnings, Classification: ttdn.Internal.String(),
		Classifications: ttdn.Classifications}
	if c := choices.Get("classification"); c != "" {
		v.Classification = c
	}
	lang := reqOf(r).lang
	v.Source, v.Lines = sourceLines(res.Text, res.Warnings), res.Lines
	v.Header = headerFields(res.Plan, lang, res.Lines, res.Warnings)
	for i, f := range v.Header {
		if choices.Has(f.Name) {
			v.Header[i].Value = choices.Get(f.Name)
		}
	}
	for i, t := range res.Plan.Tasks {
		v.Tasks = append(v.Tasks, previewTask{I: i, Task: t, Line: res.Lines["task "+t.Ref]})
	}
	if err := s.loadOptions(r, v); err != nil {
		return nil, err
	}
	index := map[string]*unitMatch{}
	for _, slot := range refSlots(res.Plan, lang) {
		text := slot.ref.Text
		if text == "" {
			text = slot.ref.Name
		}
		key := matchKey(text)
		m, ok := index[key]
		if !ok {
			m = &unitMatch{Field: key, Text: text, Parsed: v.valueOf(*slot.ref)}
			m.Selected = m.Parsed
			if c, ok := choices[key]; ok && len(c) > 0 {
				m.Selected = c[0]
			}
			index[key] = m
			v.Matches = append(v.Matches, m)
			if m.Parsed == "" {
				v.Unresolved++
			}
		}
		m.Where = append(m.Where, slot.where)
		m.refs = append(m.refs, slot.ref)
	}
	return v, nil
}

// apply sets every reference of the plan to the unit the user chose, and the
// classification.
func (v *importPreview) apply(p *ttdn.Plan, choices url.Values) error {
	c, err := ttdn.ParseClassification(choices.Get("classification"))
	if err != nil {
		return err
	}
	p.Classification = c
	if err := applyEdits(p, choices); err != nil {
		return err
	}
	for _, m := range v.Matches {
		for _, ref := range m.refs {
			if err := v.set(ref, m.Selected); err != nil {
				return err
			}
		}
	}
	return nil
}

// set points ref at the unit or group value names; "" keeps the text as
// written, unresolved.
func (v *importPreview) set(ref *ttdn.UnitRef, value string) error {
	kind, idText, _ := strings.Cut(value, ":")
	id, _ := strconv.ParseInt(idText, 10, 64)
	text := ref.Text
	if text == "" {
		text = ref.Name
	}
	if value == "" {
		*ref = ttdn.UnitRef{Name: text, Text: text}
		return nil
	} else if u, ok := v.units[id]; kind == "u" && ok {
		*ref = ttdn.UnitRef{Name: u.Name, Text: text, ID: u.ID, Code: u.Code}
		return nil
	} else if g, ok := v.groups[id]; kind == "g" && ok {
		*ref = ttdn.UnitRef{Name: g.Name, Text: text, ID: g.ID, Code: g.Code, Group: true}
		return nil
	}
	return ttdn.Errorf(ttdn.EINVALID, "Đơn vị được chọn cho %q không có trong danh mục.", "The unit chosen for %q is not in the directory.", ref.Text)
}

// valueOf is the select value of a parsed reference.
func (v *importPreview) valueOf(ref ttdn.UnitRef) string {
	switch {
	case ref.Group && v.groups[ref.ID] != nil:
		return "g:" + itoa(ref.ID)
	case !ref.Group && v.units[ref.ID] != nil:
		return "u:" + itoa(ref.ID)
	case ref.Code != "":
		for _, u := range v.units {
			if u.Code == ref.Code && !ref.Group {
				return "u:" + itoa(u.ID)
			}
		}
		for _, g := range v.groups {
			if g.Code == ref.Code && ref.Group {
				return "g:" + itoa(g.ID)
			}
		}
	}
	return ""
}

// loadOptions fills the select options: groups first, then units by kind.
func (s *Server) loadOptions(r *http.Request, v *importPreview) error {
	units, err := s.allUnits(r)
	if err != nil {
		return err
	}
	groups, err := s.cfg.Units.FindUnitGroups(r.Context())
	if err != nil {
		return err
	}
	lang := reqOf(r).lang
	v.units, v.groups = map[int64]*ttdn.Unit{}, map[int64]*ttdn.UnitGroup{}
	gopts := optionGroup{Label: translate(lang, "import.option_groups")}
	for _, g := range groups {
		v.groups[g.ID] = g
		gopts.Options = append(gopts.Options, option{"g:" + itoa(g.ID), g.Name})
	}
	v.Options = append(v.Options, gopts)
	// Current units by kind first; units that have ended (merged, dissolved
	// in 2025) last, still there for older plans and for what a task
	// already names (an option must never vanish from under a saved choice).
	today := ttdn.DateOf(s.now().In(vietnam))
	ended := optionGroup{Label: translate(lang, "import.option_ended")}
	for _, k := range ttdn.UnitKinds {
		og := optionGroup{Label: unitKindLabel(lang, k.Kind)}
		for _, u := range units {
			if u.Kind != k.Kind {
				continue
			}
			v.units[u.ID] = u
			label := unitOptionLabel(u, lang)
			if !u.ValidTo.IsZero() && u.ValidTo.Before(today) {
				ended.Options = append(ended.Options, option{"u:" + itoa(u.ID), label})
			} else {
				og.Options = append(og.Options, option{"u:" + itoa(u.ID), label})
			}
		}
		if len(og.Options) > 0 {
			v.Options = append(v.Options, og)
		}
	}
	if len(ended.Options) > 0 {
		v.Options = append(v.Options, ended)
	}
	return nil
}

func unitOptionLabel(u *ttdn.Unit, lang string) string {
	l := u.Name
	if u.ShortName != "" && u.ShortName != u.Name {
		l += " (" + u.ShortName + ")"
	}
	if !u.ValidTo.IsZero() {
		l += " — " + translate(lang, "unit.until", u.ValidTo.String())
	}
	return l
}

// allUnits reads the whole directory, page by page.
func (s *Server) allUnits(r *http.Request) ([]*ttdn.Unit, error) {
	var all []*ttdn.Unit
	for {
		units, total, err := s.cfg.Units.FindUnits(r.Context(), ttdn.UnitFilter{Offset: len(all), Limit: 500})
		if err != nil {
			return nil, err
		}
		all = append(all, units...)
		if len(units) == 0 || len(all) >= total {
			return all, nil
		}
	}
}

// matchKey names the form field of a written unit name: the same name,
// however spaced or cased, gets the same field on preview and confirmation.
func matchKey(text string) string {
	norm := strings.ToLower(strings.Join(strings.Fields(text), " "))
	sum := sha256.Sum256([]byte(norm))
	return "m_" + hex.EncodeToString(sum[:8])
}

// refSlot is one place a plan names a unit.
type refSlot struct {
	ref   *ttdn.UnitRef
	where string
}

// refSlots lists every unit reference of the plan in reading order.
func refSlots(p *ttdn.Plan, lang string) []refSlot {
	var out []refSlot
	add := func(refs []ttdn.UnitRef, where string) {
		for i := range refs {
			out = append(out, refSlot{&refs[i], where})
		}
	}
	for _, t := range p.Tasks {
		add(t.Lead, t.Ref+" · "+taskRoleLabel(lang, ttdn.RoleLead))
		add(t.Executing, t.Ref+" · "+taskRoleLabel(lang, ttdn.RoleExecuting))
		add(t.Coordinating, t.Ref+" · "+taskRoleLabel(lang, ttdn.RoleCoordinating))
	}
	for _, resp := range p.Responsibilities {
		add(resp.Units, resp.Ref)
	}
	if p.ReportSchedule.ReportTo != nil {
		out = append(out, refSlot{p.ReportSchedule.ReportTo, translate(lang, "report.to")})
	}
	add(p.ReportSchedule.Recipients, translate(lang, "report.recipients"))
	for i := range p.Distribution {
		if p.Distribution[i].Unit != nil {
			out = append(out, refSlot{p.Distribution[i].Unit, translate(lang, "plan.distribution")})
		}
	}
	return out
}
