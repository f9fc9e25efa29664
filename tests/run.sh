#!/usr/bin/env bash
# The test command: builds the solution, starts a private PostgreSQL (initdb into a temp dir,
# 127.0.0.1 and a free port only), installs headless Chromium (browser checks) and promtool (alert rules) if
# they are missing, runs every test, and stops PostgreSQL again however the tests end.
#
#   tests/run.sh                 everything (needs PostgreSQL server binaries: apt-get install postgresql)
#   tests/run.sh --fast          the fast tier only: every test not tagged Tier=System (no PostgreSQL,
#                                processes, containers or browser; see tests/.../Infrastructure/Tier.cs)
#   tests/run.sh --no-postgres   explicit opt-out: PostgreSQL tests are reported as skipped
#   tests/run.sh -- <args>       extra arguments for dotnet test (e.g. -- --filter FullyQualifiedName~Storage)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONFIGURATION="${CONFIGURATION:-Release}"
USE_POSTGRES=1
FAST=0
EXTRA=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-postgres) USE_POSTGRES=0; shift ;;
    --fast) FAST=1; USE_POSTGRES=0; shift ;;
    --) shift; EXTRA=("$@"); break ;;
    *) echo "tests/run.sh: unknown argument '$1' (use --fast, --no-postgres or -- <dotnet test args>)" >&2; exit 2 ;;
  esac
done

log() { printf '[tests/run.sh %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
STARTED=$(date +%s)

PGTMP=""
PG_CTL=""
RUN_AS=()
cleanup() {
  if [[ -n "$PGTMP" && -n "$PG_CTL" && -f "$PGTMP/data/postmaster.pid" ]]; then
    log "stopping private PostgreSQL"
    "${RUN_AS[@]}" "$PG_CTL" -D "$PGTMP/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  [[ -n "$PGTMP" ]] && rm -rf "$PGTMP"
  # A background preparation still running when the script stops early is stopped with it.
  for pid in ${CHROMIUM_PID:-} ${IMAGE_PID:-}; do
    if kill -0 "$pid" 2>/dev/null; then pkill -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; fi
  done
}
trap cleanup EXIT INT TERM

find_pg_bin() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && { echo "$dir"; return; }
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && { echo "$dir"; return; }
  done
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [[ $USE_POSTGRES == 1 ]]; then
  PGBIN="$(find_pg_bin)"
  if [[ -z "$PGBIN" ]]; then
    echo "PostgreSQL server binaries (initdb, pg_ctl) not found: install them (apt-get install postgresql) or run tests/run.sh --no-postgres to skip the PostgreSQL tests." >&2
    exit 1
  fi
  PG_CTL="$PGBIN/pg_ctl"
  PGTMP="$(mktemp -d /tmp/betting-pg.XXXXXX)"
  if [[ $(id -u) == 0 ]]; then
    # initdb refuses to run as root: the private cluster belongs to the postgres (or nobody) user.
    PGUSER_OS="$(id -u postgres >/dev/null 2>&1 && echo postgres || echo nobody)"
    chown "$PGUSER_OS" "$PGTMP"
    RUN_AS=(runuser -u "$PGUSER_OS" --)
  fi
  PORT=$(( 20000 + RANDOM % 20000 ))
  while ! port_free "$PORT"; do PORT=$(( PORT + 1 )); done
  log "starting private PostgreSQL ($("$PGBIN/postgres" --version | awk '{print $NF}')) on 127.0.0.1:$PORT in $PGTMP"
  "${RUN_AS[@]}" "$PGBIN/initdb" -D "$PGTMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PGTMP/initdb.log" 2>&1 \
    || { cat "$PGTMP/initdb.log" >&2; exit 1; }
  "${RUN_AS[@]}" "$PG_CTL" -D "$PGTMP/data" -l "$PGTMP/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $PGTMP -c max_connections=300 -c fsync=off -c synchronous_commit=off" start >/dev/null \
    || { cat "$PGTMP/postgres.log" >&2; exit 1; }
  export BETTING_TEST_POSTGRES="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres;Pooling=true;Timeout=15"
  unset BETTING_SKIP_POSTGRES
elif [[ $FAST == 1 ]]; then
  log "fast tier: tests tagged Tier=System are not run"
  export BETTING_SKIP_POSTGRES=1
  # A --filter given after -- is joined to the tier's (dotnet test keeps only one --filter).
  FILTER="Tier!=System"
  REST=()
  for ((i = 0; i < ${#EXTRA[@]}; i++)); do
    if [[ "${EXTRA[i]}" == "--filter" && $((i + 1)) -lt ${#EXTRA[@]} ]]; then
      FILTER="($FILTER)&(${EXTRA[i + 1]})"; i=$((i + 1))
    else
      REST+=("${EXTRA[i]}")
    fi
  done
  EXTRA=(--filter "$FILTER" "${REST[@]}")
else
  log "PostgreSQL tests skipped (--no-postgres)"
  export BETTING_SKIP_POSTGRES=1
fi

# Slow preparations that need no CPU the build needs much of run beside it: Chromium's install, and
# the container image (built from the sources in its own SDK container, so it needs nothing of our
# build). The tests start once both are done, on a quiet machine.
# Debian packages the system tests use: Chromium (the dashboard and console in a browser) and promtool
# (package prometheus: the alert rules checked and unit-tested). One apt run for both.
CHROMIUM_PID=""
APT_PACKAGES=()
if [[ $FAST == 0 ]] && ! command -v chromium >/dev/null 2>&1; then APT_PACKAGES+=(chromium); fi
if [[ $FAST == 0 ]] && ! command -v promtool >/dev/null 2>&1; then APT_PACKAGES+=(prometheus); fi
if [[ ${#APT_PACKAGES[@]} -gt 0 ]]; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    log "installing Debian's ${APT_PACKAGES[*]} for the browser and alert-rule checks (in the background)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${APT_PACKAGES[@]}") >/tmp/betting-chromium-install.log 2>&1 &
    CHROMIUM_PID=$!
  else
    log "${APT_PACKAGES[*]} not found and cannot be installed here; the browser and alert-rule tests will fail"
  fi
fi
IMAGE_PID=""
if [[ $FAST == 0 ]] && { command -v podman >/dev/null 2>&1 || command -v docker >/dev/null 2>&1; }; then
  IMAGE_BUILD="$(mktemp -d /tmp/betting-image.XXXXXX)/build"
  log "building the container image in the background (docker/build.sh, log $IMAGE_BUILD.log)"
  (
    began=$(date +%s); code=0
    bash "$ROOT/docker/build.sh" >"$IMAGE_BUILD.log" 2>&1 || code=$?
    echo "took $(( $(date +%s) - began )) s" >>"$IMAGE_BUILD.log"
    echo "$code" >"$IMAGE_BUILD.exit"
  ) &
  IMAGE_PID=$!
  # The container tests read this build's result instead of building again (BuiltImage).
  export BETTING_IMAGE_BUILD="$IMAGE_BUILD"
fi

cd "$ROOT"
if command -v npm >/dev/null 2>&1; then
  log "installing the offline Kubernetes schema validator (npm ci in tests/k8s)"
  npm ci --prefix tests/k8s --no-audit --no-fund --loglevel=error >/tmp/betting-npm-ci.log 2>&1 \
    || log "npm ci failed (see /tmp/betting-npm-ci.log); the Kubernetes manifest tests will fail"
else
  log "npm not found: the Kubernetes manifest tests will fail (apt-get install nodejs npm)"
fi
log "checking the code's formatting (CSharpier, .csharpierrc.yaml)"
dotnet tool restore >/dev/null
if ! dotnet csharpier check . >/tmp/betting-csharpier.log 2>&1; then
  cat /tmp/betting-csharpier.log | head -40
  echo "tests/run.sh: the code is not formatted: run 'dotnet tool restore && dotnet csharpier format .'" >&2
  exit 1
fi
log "building ($CONFIGURATION)"
dotnet build Orleans.Betting.sln -c "$CONFIGURATION" -nologo -v quiet -clp:NoSummary
if [[ -n "$CHROMIUM_PID" ]]; then
  wait "$CHROMIUM_PID" || log "${APT_PACKAGES[*]} could not be installed (see /tmp/betting-chromium-install.log); the browser and alert-rule tests will fail"
fi
if [[ -n "$IMAGE_PID" ]]; then
  log "waiting for the container image"
  wait "$IMAGE_PID" || true
  log "container image: exit code $(cat "$IMAGE_BUILD.exit" 2>/dev/null || echo '?'), $(tail -1 "$IMAGE_BUILD.log")"
fi
log "running tests"
set +e
rm -rf "$ROOT/TestResults"
dotnet test Orleans.Betting.sln -c "$CONFIGURATION" --no-build -nologo \
  --logger "console;verbosity=normal" --logger "trx" --results-directory "$ROOT/TestResults" "${EXTRA[@]}"
STATUS=$?
set -e
# One summary line in the plain "N passed, N failed" form, summed over every test project.
counts=$(cat "$ROOT"/TestResults/*.trx 2>/dev/null | grep -o '<Counters [^>]*' || true)
sum() { grep -o " $1=\"[0-9]*\"" <<<"$counts" | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'; }
total=$(sum total); executed=$(sum executed); passed=$(sum passed); failed=$(sum failed)
# The failures again at the very end, by name: a long log's tail is what a reader sees first.
if [[ "$failed" != "0" ]]; then
  echo "failed tests:"
  cat "$ROOT"/TestResults/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*' \
    | grep -o 'testName="[^"]*"' | sed 's/^testName="/  /; s/"$//' || true
  # ...and why: each failure's message and the first lines of its stack (trx is XML).
  if command -v python3 >/dev/null; then
    python3 - "$ROOT"/TestResults/*.trx <<'PY' || true
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for path in sys.argv[1:]:
    for r in ET.parse(path).getroot().iterfind(".//t:UnitTestResult[@outcome='Failed']", ns):
        message = r.findtext(".//t:ErrorInfo/t:Message", "", ns).strip()
        stack = r.findtext(".//t:ErrorInfo/t:StackTrace", "", ns).strip().splitlines()
        print(f"--- {r.get('testName')}")
        print("\n".join(message.splitlines()[:30]))
        print("\n".join(stack[:8]))
        output = r.findtext(".//t:Output/t:StdOut", "", ns).strip().splitlines()
        if output:
            print("output (last 40 lines):")
            print("\n".join(output[-40:]))
PY
  fi
fi
echo "tests: $passed passed, $failed failed, $(( total - executed )) skipped"
log "tests finished with exit code $STATUS in $(( $(date +%s) - STARTED )) s"
exit $STATUS
