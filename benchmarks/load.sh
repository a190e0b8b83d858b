#!/usr/bin/env bash
# Load test: gunicorn on loopback against a seeded scratch database, driven by wrk per scenario.
#
#   benchmarks/load.sh                      # 60 s per scenario, SQLite
#   DURATION=10 benchmarks/load.sh          # a quick run
#   TARJOTIN_BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1/tarjotin_bench benchmarks/load.sh
#                                           # SQLite, then the same on PostgreSQL (its demo rows are replaced)
#
# Settings (environment): DURATION (s), WORKERS (gunicorn, default: CPU count), WORKER_CLASS
# (sync), THREADS (per worker), CONNECTIONS and WRK_THREADS (wrk), ORGANIZATIONS (5000),
# PORT (8765), REDIS_URL (redis://127.0.0.1:6379/0, used when it answers; empty: memory per
# worker), SCENARIOS ("healthz search offering api mix"), BENCH_DIR (scratch folder, kept and
# reused when given; a fresh one otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-60}
WORKERS=${WORKERS:-$(nproc)}
# sync: one request per process, as docs/production.md recommends; WORKER_CLASS=gthread with
# THREADS>1 also works (calls to the shared Voikko handle take a lock).
WORKER_CLASS=${WORKER_CLASS:-sync}
THREADS=${THREADS:-1}
CONNECTIONS=${CONNECTIONS:-8}
WRK_THREADS=${WRK_THREADS:-2}
ORGANIZATIONS=${ORGANIZATIONS:-5000}
PORT=${PORT:-8765}
REDIS_URL=${REDIS_URL-redis://127.0.0.1:6379/0}
BIN=${VENV:-.venv}/bin
read -r -a SCENARIOS <<<"${SCENARIOS:-healthz search offering api mix}"

command -v wrk >/dev/null || { echo "wrk is missing: sudo apt-get install wrk" >&2; exit 2; }
[[ -x $BIN/gunicorn ]] || { echo "gunicorn is missing: $BIN/pip install -e '.[production]'" >&2; exit 2; }
if [[ -n ${BENCH_DIR:-} ]]; then mkdir -p "$BENCH_DIR"; keep=1; else BENCH_DIR=$(mktemp -d); keep=0; fi

server=
cleanup() {
    [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    ((keep)) || rm -rf "$BENCH_DIR"
}
trap cleanup EXIT

# Everything the app reads comes from here; the rate limits are lifted because all load comes
# from one address, which the real limits would (rightly) turn away after ten submissions.
use_database() {
    local name=$1 url=$2
    export TARJOTIN_DATABASE_URL=$url TARJOTIN_INDEX_DIR=$BENCH_DIR/$name-index
    export TARJOTIN_MAIL_OUTBOX_DIR=$BENCH_DIR/outbox TARJOTIN_SECRET_KEY=load-test-only-secret-key-0123456789abcdef
    # One client address drives every request: the per-client limits would measure the limiter.
    export TARJOTIN_CONTACT_RATE_LIMIT_CLIENT="1000000 per minute" TARJOTIN_CONTACT_RATE_LIMIT_RECIPIENT="1000000 per minute"
    export TARJOTIN_API_RATE_LIMIT="1000000 per minute"
    export TARJOTIN_WEB_WORKERS=$WORKERS
    # As docs/production.md runs it: rate-limit counters and kept search answers shared in Redis.
    # The kept answers are dropped first, so every run starts cold and its misses are in the figures.
    if [[ -n $REDIS_URL ]] && "$BIN/python" - "$REDIS_URL" <<'PY' 2>/dev/null
import sys, redis
client = redis.Redis.from_url(sys.argv[1], socket_connect_timeout=0.5)
client.ping()
for key in client.scan_iter("tarjotin:results:*"):
    client.delete(key)
PY
    then
        export TARJOTIN_RATELIMIT_STORAGE_URI=$REDIS_URL TARJOTIN_CACHE_URL=$REDIS_URL
        shared="rate limits and search cache in $REDIS_URL"
    else
        unset TARJOTIN_RATELIMIT_STORAGE_URI TARJOTIN_CACHE_URL
        shared="no Redis at ${REDIS_URL:-(none)}: rate limits and search cache per worker, in memory"
    fi
}

# A reused BENCH_DIR is migrated again (cheap) but seeded only once.
seed() {
    local name=$1 log=$BENCH_DIR/$1-seed.log
    if ! "$BIN/flask" --app tarjotin db upgrade >"$log" 2>&1; then
        echo "flask db upgrade failed for $name:" >&2; tail -20 "$log" >&2; exit 1
    fi
    [[ -f $BENCH_DIR/$name.seeded ]] && return
    echo "seeding $name with $ORGANIZATIONS organisations..." >&2
    if ! "$BIN/flask" --app tarjotin seed demo --organizations "$ORGANIZATIONS" >>"$log" 2>&1; then
        echo "seeding $name failed:" >&2; tail -20 "$log" >&2; exit 1
    fi
    touch "$BENCH_DIR/$name.seeded"
}

start_server() {
    "$BIN/gunicorn" --bind "127.0.0.1:$PORT" --workers "$WORKERS" --worker-class "$WORKER_CLASS" \
        --threads "$THREADS" --log-level warning --error-logfile "$BENCH_DIR/gunicorn.log" "tarjotin:create_app()" &
    server=$!
    for _ in $(seq 100); do
        curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return
        sleep 0.2
    done
    echo "gunicorn did not start; see $BENCH_DIR/gunicorn.log" >&2
    exit 1
}

stop_server() {
    kill "$server" && wait "$server" 2>/dev/null || true
    server=
}

run_scenarios() {
    local name=$1 targets=$BENCH_DIR/$name-targets healthz_rps= search_rps=
    "$BIN/python" benchmarks/load_targets.py "http://127.0.0.1:$PORT" "$targets"
    printf '\n%s, %s workers (%s x %s threads), %s connections, %s s per scenario; %s\n' \
        "$name" "$WORKERS" "$WORKER_CLASS" "$THREADS" "$CONNECTIONS" "$DURATION" "$shared"
    printf '%-10s %9s %8s %8s %8s %8s  %s\n' scenario req/s p50_ms p99_ms errors ">=400" statuses
    for scenario in "${SCENARIOS[@]}"; do
        # One short warm-up so first-request costs (index load, template compile) stay out of the figures.
        wrk -t1 -c1 -d2s -s benchmarks/load.lua "http://127.0.0.1:$PORT" -- "$targets/$scenario.txt" \
            "$targets/cookie.txt" >/dev/null
        read -r _ _ rps p50 p99 errors failed statuses < <(wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" \
            -s benchmarks/load.lua "http://127.0.0.1:$PORT" -- "$targets/$scenario.txt" "$targets/cookie.txt" |
            grep '^RESULT')
        printf '%-10s %9s %8s %8s %8s %8s  %s\n' "$scenario" "$rps" "$p50" "$p99" "$errors" "$failed" "${statuses:-}"
        [[ $scenario == healthz ]] && healthz_rps=$rps
        [[ $scenario == search ]] && search_rps=$rps
    done
    if [[ -n $search_rps && -n $healthz_rps ]]; then
        awk -v s="$search_rps" -v h="$healthz_rps" 'BEGIN { printf "search page / healthz: %.0f %%\n", 100 * s / h }'
    fi
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
databases=("sqlite=sqlite:///$BENCH_DIR/bench.sqlite")
[[ -n ${TARJOTIN_BENCH_DATABASE_URL:-} ]] && databases+=("postgresql=$TARJOTIN_BENCH_DATABASE_URL")
for entry in "${databases[@]}"; do
    name=${entry%%=*}
    use_database "$name" "${entry#*=}"
    seed "$name"
    start_server
    run_scenarios "$name"
    stop_server
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
