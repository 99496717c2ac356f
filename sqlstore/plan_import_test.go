package sqlstore_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestPlanDecisionYearsProduct: what issue 13's import adds to a plan — the
// decision that issued it, the last year of a multi-year plan, each task's
// expected product — is stored and read back on both engines, and the
// decision's number finds the plan.
func TestPlanDecisionYearsProduct(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p := w.plan2019()
		p.Number, p.Year, p.YearTo = "", 2021, 2025
		p.Decision = &ttdn.Decision{Document: ttdn.Document{Number: "1234/QĐ-UBND", Kind: "Quyết định",
			Date: ttdn.Date{Year: 2021, Month: 4, Day: 20}, Issuer: "Ủy ban nhân dân Thành phố Hồ Chí Minh",
			Title: "Ban hành Kế hoạch thông tin đối ngoại giai đoạn 2021 - 2025"}, Signer: "Lê Thanh Liêm", SignerTitle: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"}
		p.Tasks[0].Product = "Ấn phẩm in và điện tử"
		p = sqltest.MustCreatePlan(t, db, p)
		got, err := w.plans.FindPlanByID(sqltest.SystemContext(), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, p) {
			want, _ := json.MarshalIndent(p, "", " ")
			have, _ := json.MarshalIndent(got, "", " ")
			t.Fatalf("plan round trip differs:\nwant %s\n got %s", want, have)
		}
		if got.Decision == nil || got.Decision.Number != "1234/QĐ-UBND" || got.YearTo != 2025 || got.Tasks[0].Product != "Ấn phẩm in và điện tử" {
			t.Fatalf("decision %+v year_to %d product %q", got.Decision, got.YearTo, got.Tasks[0].Product)
		}
		q := "1234/QĐ-UBND"
		if list, total, err := w.plans.FindPlans(as(w.leader), ttdn.PlanFilter{Query: &q}); err != nil || total != 1 || list[0].Decision == nil {
			t.Fatalf("search by the decision's number: total %d, %v", total, err)
		}
		// A plan with its own number has no decision.
		plain := sqltest.MustCreatePlan(t, db, w.plan2019())
		if again, _ := w.plans.FindPlanByID(sqltest.SystemContext(), plain.ID); again.Decision != nil || again.YearTo != 0 {
			t.Fatalf("plain plan: decision %+v year_to %d", again.Decision, again.YearTo)
		}
	})
}
