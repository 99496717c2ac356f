#!/bin/bash
# Quiet-machine benchmarks of the 06/12 second session. Output: /tmp/bench/results
B=/tmp/ttdn; R=/tmp/bench/results; PGL="postgres://postgres@127.0.0.1:5432/ttdn_large?sslmode=disable"; PGH="postgres://postgres@127.0.0.1:5432/ttdn_huge?sslmode=disable"
cd /tmp/bench
# untouched copies for the mixes, taken before the page walks add events
rm -rf /tmp/bench/large.orig; cp -r /tmp/bench/large /tmp/bench/large.orig
dropdb -h 127.0.0.1 -U postgres --if-exists ttdn_large_orig; createdb -h 127.0.0.1 -U postgres -T ttdn_large ttdn_large_orig
for role in unit_officer coordinator leader admin; do
  uptime > $R/pages-sqlite-large-$role.txt; $B bench --pages --role $role --n 50 --data /tmp/bench/large >> $R/pages-sqlite-large-$role.txt 2>&1
  uptime > $R/pages-pg-large-$role.txt; $B bench --pages --role $role --n 50 --db "$PGL" --data /tmp/bench/pglarge >> $R/pages-pg-large-$role.txt 2>&1
done
uptime > $R/pages-sqlite-huge-officer.txt; $B bench --pages --role unit_officer --n 30 --data /tmp/bench/huge >> $R/pages-sqlite-huge-officer.txt 2>&1
uptime > $R/pages-pg-huge-officer.txt; $B bench --pages --role unit_officer --n 30 --db "$PGH" --data /tmp/bench/pghuge >> $R/pages-pg-huge-officer.txt 2>&1
# each mix on a fresh copy of the large demo (SQLite: the directory; PostgreSQL: createdb -T)
PGB="postgres://postgres@127.0.0.1:5432"
for run in mix think; do
  rm -rf /tmp/bench/l-$run; cp -r /tmp/bench/large.orig /tmp/bench/l-$run
  dropdb -h 127.0.0.1 -U postgres --if-exists ttdn_l_$run; createdb -h 127.0.0.1 -U postgres -T ttdn_large_orig ttdn_l_$run
done
uptime > $R/mix-sqlite.txt; $B bench --mix --users 200 --duration 30s --data /tmp/bench/l-mix >> $R/mix-sqlite.txt 2>&1
uptime > $R/mix-pg2.txt; $B bench --mix --users 200 --duration 30s --instances 2 --db "$PGB/ttdn_l_mix?sslmode=disable" --data /tmp/bench/pglarge >> $R/mix-pg2.txt 2>&1
uptime > $R/think-sqlite.txt; $B bench --mix --users 200 --duration 60s --think 3s --data /tmp/bench/l-think >> $R/think-sqlite.txt 2>&1
uptime > $R/think-pg2.txt; $B bench --mix --users 200 --duration 60s --think 3s --instances 2 --db "$PGB/ttdn_l_think?sslmode=disable" --data /tmp/bench/pglarge >> $R/think-pg2.txt 2>&1
uptime > $R/audit-verify-huge.txt; ( time $B audit verify --quiet --data /tmp/bench/huge ) >> $R/audit-verify-huge.txt 2>&1
uptime > $R/audit-verify-pghuge.txt; ( time $B audit verify --quiet --db "$PGH" ) >> $R/audit-verify-pghuge.txt 2>&1
dropdb -h 127.0.0.1 -U postgres --if-exists ttdn_pressbench; createdb -h 127.0.0.1 -U postgres ttdn_pressbench
uptime > $R/press-ingest-pg.txt; (cd /tmp/bench && $B press bench --dsn "$PGB/ttdn_pressbench?sslmode=disable" --items 200000 --news /work/shared/testdata/news) >> $R/press-ingest-pg.txt 2>&1
uptime > $R/press-search-pg.txt; (cd /tmp/bench && $B press bench --dsn "$PGB/ttdn_pressbench?sslmode=disable" --search-only --queries 500 --news /work/shared/testdata/news) >> $R/press-search-pg.txt 2>&1
echo alldone > $R/done
