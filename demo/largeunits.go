package demo

import (
	"context"
	"fmt"

	"ttdn"
	"ttdn/sqlstore"
)

// communeNames are commune-style names for generated units; each is paired
// with a district, so the names read like the province's own.
var communeNames = []string{"Tân Phong", "Thạnh Bình", "Hòa Hội", "Mỏ Công", "Trà Vong", "Tân Hưng", "Suối Dây",
	"Thạnh Đức", "Cẩm Giang", "Hiệp Thạnh", "An Tịnh", "Gia Lộc", "Long Chữ", "Tiên Thuận", "Lợi Thuận",
	"Ninh Sơn", "Ninh Thạnh", "Bàu Năng", "Chà Là", "Truông Mít", "Phước Minh", "Bến Củi", "Thái Bình",
	"An Cơ", "Biên Giới", "Hảo Đước", "Đồng Khởi", "Thanh Điền", "Long Vĩnh", "Phước Trạch"}

var districtSlugs = []string{"tp-tay-ninh", "hoa-thanh", "trang-bang", "tan-bien", "tan-chau", "duong-minh-chau", "chau-thanh", "go-dau", "ben-cau"}

// createUnits stores ExtraUnits generated units: mostly communes under the
// districts, every tenth a press outlet, then reads every unit back.
func (g *generator) createUnits(ctx context.Context) error {
	svc := sqlstore.NewUnitService(g.db)
	parents := map[string]int64{}
	all, _, err := svc.FindUnits(ctx, ttdn.UnitFilter{})
	if err != nil {
		return err
	}
	for _, u := range all {
		parents[u.Code] = u.ID
	}
	for i := 1; i <= g.sc.ExtraUnits; i++ {
		u := &ttdn.Unit{Code: fmt.Sprintf("xa-mau-%03d", i), Kind: ttdn.UnitCommune, Classification: ttdn.Public,
			ValidTo: ttdn.Date{Year: 2025, Month: 7, Day: 1}}
		slug := districtSlugs[i%len(districtSlugs)]
		u.Name = "Ủy ban nhân dân xã " + communeNames[i%len(communeNames)]
		if i > len(communeNames) {
			u.Name += fmt.Sprintf(" (%d)", i/len(communeNames)+1)
		}
		u.ParentID = parents["ubnd-"+slug]
		if i%10 == 0 {
			u.Kind, u.ParentID, u.ValidTo = ttdn.UnitPressAgency, 0, ttdn.Date{}
			u.Name = fmt.Sprintf("Văn phòng đại diện báo Trung ương số %d tại Tây Ninh", i/10)
		}
		if err := svc.CreateUnit(ctx, u); err != nil {
			return fmt.Errorf("demo: unit %s: %w", u.Code, err)
		}
	}
	g.units, _, err = svc.FindUnits(ctx, ttdn.UnitFilter{})
	return err
}

// actingUnits are the units that carry out work (not central bodies).
func (g *generator) actingUnits() []*ttdn.Unit {
	var out []*ttdn.Unit
	for _, u := range g.units {
		if u.Kind != ttdn.UnitCentralAgency && u.Kind != ttdn.UnitMinistry {
			out = append(out, u)
		}
	}
	return out
}

// createUsers stores Users users: an officer for each acting unit first, then
// coordinators, leaders and monitors. They share the demo password.
func (g *generator) createUsers(ctx context.Context) error {
	var users []*ttdn.User
	roles := []ttdn.Role{ttdn.RoleCoordinator, ttdn.RoleLeader, ttdn.RoleMonitor, ttdn.RoleFinance}
	acting := g.actingUnits()
	for i := 0; len(users) < g.sc.Users; i++ {
		u := &ttdn.User{Username: fmt.Sprintf("canbo%03d", i+1), Role: ttdn.RoleUnitOfficer}
		unit := acting[i%len(acting)]
		u.UnitID, u.Name = unit.ID, "Cán bộ "+unit.Name
		if i >= len(acting) || i%25 == 24 {
			u.Role = roles[i%len(roles)]
			u.Name = u.Role.Label() + " " + unit.Name
		}
		u.Email = u.Username + "@tayninh.gov.vn"
		users = append(users, u)
	}
	return g.bulk.CreateUsers(ctx, users, Password)
}
