#!/usr/bin/env bash
# The scale-out figures of the README: the load generator against one instance on SQLite, then against two instances
# (round-robin) on one PostgreSQL (Debian's postgresql 15, default durable settings) and one redis-server, all on this
# machine, on ports 6190-6194. Needs postgresql and redis-server (apt). Prints the two JSON results.
set -euo pipefail
cd "$(dirname "$0")/../.."
B=/usr/lib/postgresql/15/bin
# PostgreSQL refuses to run as root: then its tools run as the package's postgres user.
as_pg() { if [ "$(id -u)" -eq 0 ]; then (cd /tmp && setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"); else "$@"; fi; }
PG=/tmp/bench-pg
as_pg $B/pg_ctl -D $PG -m immediate stop >/dev/null 2>&1 || true
redis-cli -p 6191 shutdown nosave >/dev/null 2>&1 || true
rm -rf $PG /tmp/bench-a /tmp/bench-b /tmp/bench-s
as_pg $B/initdb -D $PG -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
as_pg $B/pg_ctl -D $PG -l $PG/server.log -w -o "-p 6190 -k $PG -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
$B/createdb -h 127.0.0.1 -p 6190 -U postgres crmbot
redis-server --port 6191 --save '' --appendonly no --daemonize yes --logfile /tmp/bench-redis.log
dotnet build -c Release src/CrmBot -v q 2>&1 | grep -E "rror\(s\)"
dotnet build -c Release tests/CrmBot.Benchmarks -v q 2>&1 | grep -E "rror\(s\)"
DLL=src/CrmBot/bin/Release/net10.0/CrmBot.dll
for d in a b s; do mkdir -p /tmp/bench-$d; cp -r data/models /tmp/bench-$d/; done
export ASPNETCORE_ENVIRONMENT=Production CRMBOT_WebChat__SessionsPerMinute=10000 CRMBOT_Logging__LogLevel__Default=Warning CRMBOT_DemoHistory__Days=0
PGENV=(CRMBOT_Storage__Provider=PostgreSql "CRMBOT_Storage__ConnectionString=Host=127.0.0.1;Port=6190;Database=crmbot;Username=postgres;Maximum Pool Size=100" CRMBOT_Redis__ConnectionString=127.0.0.1:6191 CRMBOT_DirectLine__Secret=bench-secret-bench-secret-bench-secret-0123)
env "${PGENV[@]}" CRMBOT_Storage__DataDirectory=/tmp/bench-a dotnet $DLL seed >/tmp/bench-seed.log 2>&1 || { tail -20 /tmp/bench-seed.log; exit 1; }
wait_ready() { for i in $(seq 1 240); do curl -sf $1/health/ready >/dev/null && return 0; sleep 1; done; echo "not ready $1"; return 1; }
load() { dotnet run -c Release --no-build --project tests/CrmBot.Benchmarks -- load "$@" --conversations 50 --turns 5 --duration 60 --json 2>&1 | tail -1; }
# one SQLite instance
CRMBOT_Storage__DataDirectory=/tmp/bench-s dotnet $DLL --urls http://127.0.0.1:6192 >/tmp/bench-s.log 2>&1 & S=$!
wait_ready http://127.0.0.1:6192; echo "sqlite: $(uptime)"; load --url http://127.0.0.1:6192 --server-pid $S > /tmp/bench-sqlite.json; kill $S; wait $S 2>/dev/null || true
# two instances
env "${PGENV[@]}" CRMBOT_Redis__InstanceId=web-1 CRMBOT_Storage__DataDirectory=/tmp/bench-a dotnet $DLL --urls http://127.0.0.1:6193 >/tmp/bench-a.log 2>&1 & A=$!
env "${PGENV[@]}" CRMBOT_Redis__InstanceId=web-2 CRMBOT_Storage__DataDirectory=/tmp/bench-b dotnet $DLL --urls http://127.0.0.1:6194 >/tmp/bench-b.log 2>&1 & BB=$!
wait_ready http://127.0.0.1:6193; wait_ready http://127.0.0.1:6194; echo "two: $(uptime)"
load --url http://127.0.0.1:6193 --url http://127.0.0.1:6194 --server-pid $A --server-pid $BB > /tmp/bench-two.json
kill $A $BB; wait 2>/dev/null || true
echo "after: $(uptime)"
as_pg $B/pg_ctl -D $PG -m fast stop >/dev/null
redis-cli -p 6191 shutdown nosave || true
cat /tmp/bench-sqlite.json; echo; cat /tmp/bench-two.json
