package sqlstore_test

import (
	"fmt"
	"sync"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestAuditVerifyWhileAppending: the check reads the chain's head and its
// events as of one moment, so changes audited while it runs (another
// handle of the same database appending) never show as a broken chain.
func TestAuditVerifyWhileAppending(t *testing.T) {
	sqltest.EachTwoInstances(t, func(t *testing.T, db, other *sqlstore.DB) {
		for i := range 300 { // a chain long enough to take a while to read
			sqltest.MustCreateUnit(t, db, &ttdn.Unit{Code: fmt.Sprint("u", i), Name: fmt.Sprint("Đơn vị ", i)})
		}
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		appended := 0
		go func() {
			defer wg.Done()
			units := sqlstore.NewUnitService(other)
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if err := units.CreateUnit(sqltest.SystemContext(), &ttdn.Unit{Code: fmt.Sprint("moi", i), Name: fmt.Sprint("Mới ", i), Kind: ttdn.UnitDepartment}); err != nil {
					t.Error(err)
					return
				}
				appended++
			}
		}()
		for range 40 {
			rep, err := db.VerifyAuditLog(t.Context(), nil)
			if err != nil {
				t.Fatal(err)
			}
			if !rep.OK() {
				close(stop)
				wg.Wait()
				t.Fatalf("a whole chain reported broken while appending: %s", rep.Break.MessageEN)
			}
		}
		close(stop)
		wg.Wait()
		if appended == 0 {
			t.Fatal("nothing was appended during the checks")
		}
	})
}
