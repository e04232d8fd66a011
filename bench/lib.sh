# bench/lib.sh: what the benchmarks share (sourced, not run). A prod lab, a replica config with bench-only names,
# measured runs of bin/odoo-dr (wall time, peak RSS of its JVM), a clean-up trap, and the results file.
# shellcheck shell=bash

set -euo pipefail
shopt -s inherit_errexit

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
LAB="$ROOT/scripts/prodlab"
ODOO_DR="$ROOT/bin/odoo-dr"
PG_BIN=/usr/lib/postgresql/15/bin
RESULTS_DIR="$ROOT/bench/results"

# Set by each bench before bench_init: BENCH (results file name), LAB_ID, DB (the lab's database).
bench_init() {
  [ "$(id -u)" -eq 0 ] || die "run as root (the lab uses network namespaces)"
  [ -f "$ROOT/target/odoo-dr.jar" ] || die "target/odoo-dr.jar is missing: make build"
  CLUSTER="odoodr_$LAB_ID"
  WORK="/var/lib/odoo-dr-bench-$LAB_ID"      # config, mirror, logs; removed at the end
  CONFIG="$WORK/odoo-dr.yaml"
  LOG="$WORK/bench.log"
  if [ -e "$WORK" ] || [ -e "/run/odoo-dr-lab/$LAB_ID" ] || cluster_exists; then
    die "leftovers of an earlier '$BENCH' run ($WORK, lab $LAB_ID or cluster 15/$CLUSTER): run it again after" \
        "removing them (bin/odoo-dr --config $CONFIG decommission; pg_dropcluster --stop 15 $CLUSTER; rm -r $WORK;" \
        "scripts/prodlab down --id $LAB_ID)"
  fi
  install -d -m 0755 "$WORK"
  : > "$LOG"
  HAD_ODOO_USER=0; getent passwd odoo > /dev/null && HAD_ODOO_USER=1
  HAD_PGPASS=0; [ -e /var/lib/postgresql/.pgpass ] && HAD_PGPASS=1
  declare -gA BG=()   # pid -> "pid starttime" of the background processes this bench started and still runs
  LAB_STARTED=0
  STARTED_AT=$(date -u '+%Y-%m-%d %H:%M UTC')
  LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
  OTHER_LABS_START=$("$LAB" list 2> /dev/null | wc -l)
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

log()  { printf '%s: %s\n' "$BENCH" "$*" >&2; printf '%s %s\n' "$(date -u +%T)" "$*" >> "$LOG"; }
die()  { printf '%s: error: %s\n' "${BENCH:-bench}" "$*" >&2; exit 1; }

cluster_exists() { pg_lsclusters -h 2> /dev/null | awk '$1 == 15 {print $2}' | grep -qx "$CLUSTER"; }

# A tunnel "port" names a Unix socket (/run/odoo-dr/tunnel-<port>/), which ss does not show: a port is free when no
# TCP listener, no cluster and no odoo-dr tunnel of another replica (another bench, another session's test) uses it.
port_free() {
  [ -z "$(ss -Hltn "sport = :$1" 2> /dev/null)" ] && ! pg_lsclusters -h 2> /dev/null | awk '{print $3}' | grep -qx "$1" \
    && [ ! -e "/run/odoo-dr/tunnel-$1" ] && [ ! -e "/run/odoo-dr/tunnel-$1.lock" ]
}
free_port() {
  local p
  for (( p = $1; p < $1 + 300; p++ )); do
    [[ " ${TAKEN:-} " == *" $p "* ]] && continue
    port_free "$p" && { TAKEN="${TAKEN:-} $p"; echo "$p"; return 0; }
  done
  die "no free port from $1"
}

# ---- the lab ------------------------------------------------------------------------------------------------------

declare -A L=()
# lab_up [--bench-direct-pg]: extra arguments go to `prodlab up`.
lab_up() {
  local line
  LAB_STARTED=1
  log "prodlab up --id $LAB_ID --databases $DB $*"
  while IFS= read -r line; do
    [[ $line =~ ^(LAB_[A-Z0-9_]+)=(.*)$ ]] && L[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}
  done < <("$LAB" up --id "$LAB_ID" --databases "$DB" --owner-pid $$ "$@" 2>> "$LOG")
  [ -n "${L[LAB_SSH_HOST]:-}" ] || die "prodlab up failed (see $LOG)"
  unpin_lab_host
}
# A pin of this lab's address in the service users' known_hosts is stale: the lab has just made a new host key, and
# no other live lab has its address. decommission keeps the pin while another replica's keys remain on this host
# (RemoveHostKeyPinsStep: it may replicate the same prod), which other sessions' tests make likely; a stale pin
# blocks setup ("prod's host key changed"). Removed after `up` and at the end, as the file's owner.
unpin_lab_host() {
  local user file
  for user in postgres odoo; do
    file="$(getent passwd "$user" | cut -d: -f6)/.ssh/known_hosts"
    [ -n "${L[LAB_SSH_HOST]:-}" ] && [ -f "$file" ] || continue
    runuser -u "$user" -- ssh-keygen -R "${L[LAB_SSH_HOST]}" -f "$file" >> "$LOG" 2>&1 || true
    rm -f "$file.old"
  done
}
prod_sql() { "$LAB" sql --id "$LAB_ID" --db "$DB" "$1"; }

# The replica's config: bench-only cluster, ports and mirror; extra --set arguments are passed on.
write_config() {
  # each bench starts its search elsewhere, so that two started at once do not pick the same free port
  local off=$(( $(printf '%s' "$LAB_ID" | cksum | cut -d' ' -f1) % 50 * 4 ))
  TUNNEL_PORT=$(free_port $(( 40600 + off ))); STANDBY_PORT=$(free_port $(( 5600 + off )))
  AGENT_PORT=$(free_port $(( 9600 + off )))
  "$ODOO_DR" --config "$CONFIG" init --prod-host "${L[LAB_SSH_HOST]}" \
    --set replica.name="bench$LAB_ID" \
    --set replica.tunnel_port="$TUNNEL_PORT" \
    --set prod.ssh.user="${L[LAB_SSH_USER]}" \
    --set prod.ssh.port="${L[LAB_SSH_PORT]}" \
    --set prod.ssh.identity_file="${L[LAB_SSH_KEY]}" \
    --set prod.ssh.known_hosts="${L[LAB_KNOWN_HOSTS]}" \
    --set prod.pg_port="${L[LAB_PG_PORT]}" \
    --set prod.superuser="${L[LAB_PG_SUPERUSER]}" \
    --set prod.superuser_password_file="${L[LAB_PG_PASSWORD_FILE]}" \
    --set databases="$DB" \
    --set postgres.cluster="$CLUSTER" \
    --set postgres.port="$STANDBY_PORT" \
    --set postgres.hot_standby_feedback=false \
    --set filestore.local_base="$WORK/filestore" \
    --set agent.listen="127.0.0.1:$AGENT_PORT" \
    "$@" >> "$LOG" 2>&1
  # psql against the standby as prod's superuser: the password in a 0600 file, never an argument
  superuser_pgpass "$WORK/pgpass" "127.0.0.1:$STANDBY_PORT"
}
# superuser_pgpass FILE HOST:PORT: a 0600 libpq password file with the lab's superuser password for HOST:PORT.
superuser_pgpass() {
  local pw
  pw=$(< "${L[LAB_PG_PASSWORD_FILE]}"); pw=${pw//\\/\\\\}; pw=${pw//:/\\:}
  (umask 077; printf '%s:*:%s:%s\n' "$2" "${L[LAB_PG_SUPERUSER]}" "$pw" > "$1")
}
standby_sql() {
  PGPASSFILE="$WORK/pgpass" PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 \
    -h 127.0.0.1 -p "$STANDBY_PORT" -U "${L[LAB_PG_SUPERUSER]}" -d "$DB" -c "$1"
}
# Waits until the standby answers $1 with $2 (replication caught up), at most 120 s.
await_standby() {
  local i
  for (( i = 0; i < 1200; i++ )); do
    [ "$(standby_sql "$1" 2> /dev/null || true)" = "$2" ] && return 0
    sleep 0.1
  done
  die "the standby did not answer '$2' to: $1"
}

# ---- measured runs ----------------------------------------------------------------------------------------------

# measure NAME ARGS...: runs bin/odoo-dr --config $CONFIG ARGS in the background (bin/odoo-dr execs java, so the pid
# is the JVM's), samples its VmHWM (peak resident set) every 50 ms until it exits. Sets M_SECONDS, M_T0, M_T1,
# M_RSS_MB (peak RSS at the last sample), M_RC; its stdout goes to $WORK/NAME.out (and, each line with the time it
# arrived, epoch seconds, to $WORK/NAME.outts), its stderr, timestamped the same way, to $WORK/NAME.err.
measure() {
  local name=$1; shift
  local t0 t1 pid hwm=0 v
  t0=$EPOCHREALTIME
  "$ODOO_DR" --config "$CONFIG" "$@" \
    > >(tee "$WORK/$name.out" | while IFS= read -r l; do printf '%s %s\n' "$EPOCHREALTIME" "$l"; done > "$WORK/$name.outts") \
    2> >(while IFS= read -r l; do printf '%s %s\n' "$EPOCHREALTIME" "$l"; done > "$WORK/$name.err") &
  pid=$!
  bg_add "$pid"
  while kill -0 "$pid" 2> /dev/null; do
    v=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2> /dev/null || true)
    [ -n "$v" ] && [ "$v" -gt "$hwm" ] && hwm=$v
    sleep 0.05
  done
  M_RC=0; wait "$pid" || M_RC=$?
  unset "BG[$pid]"
  t1=$EPOCHREALTIME
  sleep 0.2   # the stderr reader finishes
  M_SECONDS=$(secs "$t0" "$t1") M_T0=$t0 M_T1=$t1
  M_RSS_MB=$(( hwm / 1024 ))
  cat "$WORK/$name.out" >> "$LOG"; cut -d' ' -f2- "$WORK/$name.err" >> "$LOG"
  log "$name: bin/odoo-dr $* -> exit $M_RC in ${M_SECONDS}s, peak RSS ${M_RSS_MB} MB"
}
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
# Peak and current RSS of a running process, "HWM_MB RSS_MB".
rss_of() { awk '/^VmHWM:/ {h = $2} /^VmRSS:/ {r = $2} END {printf "%d %d\n", h / 1024, r / 1024}' "/proc/$1/status"; }

# The agent setup started for this replica (its pid is in its lock file).
agent_pid() { cat "/run/odoo-dr/agent-$TUNNEL_PORT.lock" 2> /dev/null | tr -d '[:space:]'; }

# Every process started with `--config $CONFIG`, found by its argv.
config_pids() {
  local d pid args
  for d in /proc/[0-9]*; do
    pid=${d#/proc/}
    [ "$pid" != $$ ] && [ "$pid" != "${BASHPID:-$$}" ] || continue
    args=$(tr '\0' '\n' 2> /dev/null < "$d/cmdline") || continue
    grep -qxF -- "$CONFIG" <<< "$args" && grep -qxF -- "--config" <<< "$args" && echo "$pid"
  done
}
# "PID STARTTIME": a process identity that survives pid reuse.
process_token() {
  local stat fields
  stat=$(cat "/proc/$1/stat" 2> /dev/null) || return 1
  read -r -a fields <<< "${stat##*) }"
  [ "${fields[0]}" != Z ] || return 1
  echo "$1 ${fields[19]}"
}
bg_add() { BG[$1]=$(process_token "$1" || echo "$1 gone"); }
# Stops every background process of ours that still runs (the same process: pid and start time).
stop_background() {
  local pid
  for pid in "${!BG[@]}"; do
    [ "$(process_token "$pid" || true)" = "${BG[$pid]}" ] && stop_pid "$pid"
    unset "BG[$pid]"
  done
}
stop_pid() {   # SIGTERM, then SIGKILL after 15 s
  local pid=$1 i
  kill -TERM "$pid" 2> /dev/null || return 0
  for (( i = 0; i < 150; i++ )); do kill -0 "$pid" 2> /dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2> /dev/null || true
}

# ---- results ----------------------------------------------------------------------------------------------------

machine() {
  local cpu mem
  cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
  mem=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
  echo "$(nproc) CPUs (${cpu:-unknown}), $mem RAM, kernel $(uname -r), $(. /etc/os-release && echo "$PRETTY_NAME")"
}

# results_section TITLE BODY: appends a dated section to bench/results/$BENCH.md.
results_section() {
  local file="$RESULTS_DIR/$BENCH.md" rev
  rev=$(git -C "$ROOT" describe --always --dirty 2> /dev/null || echo unknown)
  install -d "$RESULTS_DIR"
  [ -f "$file" ] || printf '# %s\n\nWritten by `bench/%s` (see bench/README.md); newest last.\n' "$BENCH" "$BENCH" > "$file"
  {
    printf '\n## %s: %s\n\n' "$STARTED_AT" "$1"
    printf -- '- command: `%s`\n' "$COMMAND"
    printf -- '- machine: %s\n' "$(machine)"
    printf -- '- odoo-dr: git %s; PostgreSQL %s; %s, %s (bin/odoo-dr), default max heap %s MB\n' "$rev" \
      "$("$PG_BIN/postgres" --version | awk '{print $3}')" "$(java -version 2>&1 | head -n 1)" \
      "${ODOO_DR_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1}" \
      "$(java -XX:+UseSerialGC -XX:+PrintFlagsFinal -version 2> /dev/null | awk '$2 == "MaxHeapSize" {print int($4 / 1048576)}')"
    printf -- '- load average (1/5/15 min) at start: %s, at end: %s; other prod labs (tests of other sessions) at start: %s\n\n' \
      "$LOAD_START" "$(cut -d' ' -f1-3 /proc/loadavg)" "$OTHER_LABS_START"
    printf '%s\n' "$2"
  } >> "$file"
  log "results appended to ${file#"$ROOT"/}"
}

# ---- clean-up ---------------------------------------------------------------------------------------------------

bench_cleanup() {
  local rc=$? pid
  trap - EXIT TERM
  trap '' INT
  set +e
  if [ "$rc" != 0 ]; then
    log "FAILED (exit $rc); the last lines of its log:"
    tail -n 20 "$LOG" >&2
  fi
  log "clean-up"
  stop_background
  # a bench's own extra clean-up (a cluster it started itself, ...), before the common one
  if declare -F bench_extra_cleanup > /dev/null; then bench_extra_cleanup; fi
  if [ -f "$CONFIG" ]; then
    local i out drc
    for (( i = 0; i < 60; i++ )); do   # the state lock may be held by another session's odoo-dr for a while
      drc=0; out=$("$ODOO_DR" --config "$CONFIG" decommission 2>&1) || drc=$?
      [ "$drc" = 15 ] && grep -q 'state.lock' <<< "$out" || break
      sleep 5
    done
    printf '%s\n' "$out" >> "$LOG"
    [ "$drc" = 0 ] || log "decommission did not finish (exit $drc; prod gone?); removing the rest"
  fi
  for pid in $(config_pids); do stop_pid "$pid"; done
  cluster_exists && { pg_dropcluster --stop 15 "$CLUSTER" >> "$LOG" 2>&1 || log "pg_dropcluster failed"; }
  rm -rf "/var/lib/postgresql/15/$CLUSTER.odoo-dr-partial" "/var/lib/postgresql/15/$CLUSTER.odoo-dr-old"
  # pg_dropcluster leaves odoo-dr's own files (conf.d/odoo-dr-standby.conf, odoo-dr-fresh-cluster)
  [ -e "/etc/postgresql/15/$CLUSTER/postgresql.conf" ] || rm -rf "/etc/postgresql/15/$CLUSTER"
  rm -rf "/var/lib/odoo-dr/bench$LAB_ID"   # the sync state (decommission removes it; this is for a run that never got there)
  [ "$HAD_PGPASS" = 0 ] && [ ! -s /var/lib/postgresql/.pgpass ] \
    && rm -f /var/lib/postgresql/.pgpass /var/lib/postgresql/.pgpass.odoo-dr-lock
  if [ "$HAD_ODOO_USER" = 0 ] && getent passwd odoo > /dev/null \
     && ! ls /var/lib/odoo/.ssh 2> /dev/null | grep -q '^odoo-dr-filestore-' \
     && ! ls /var/lib/odoo 2> /dev/null | grep -q '^filestore' && ! pgrep -u odoo > /dev/null; then
    userdel odoo >> "$LOG" 2>&1; getent group odoo > /dev/null && groupdel odoo >> "$LOG" 2>&1
    rm -rf /var/lib/odoo
  fi
  unpin_lab_host
  if [ "$LAB_STARTED" = 1 ]; then "$LAB" down --id "$LAB_ID" > /dev/null 2>&1 || log "prodlab down failed"; fi
  local left=()
  cluster_exists && left+=("cluster 15/$CLUSTER")
  [ -n "$(config_pids)" ] && left+=("processes $(echo $(config_pids))")
  ip netns list 2> /dev/null | grep -qw "^odrlab-$LAB_ID" && left+=("netns odrlab-$LAB_ID")
  [ -e "/etc/postgresql/15/$CLUSTER" ] && left+=("/etc/postgresql/15/$CLUSTER")
  ls /var/lib/postgresql/.ssh/*-"bench$LAB_ID"_ed25519* /var/lib/odoo/.ssh/*-"bench$LAB_ID"_ed25519* > /dev/null 2>&1 \
    && left+=("keys of bench$LAB_ID")
  rm -rf "$WORK"
  if [ ${#left[@]} -gt 0 ]; then
    printf '%s: LEFT BEHIND: %s\n' "$BENCH" "${left[*]}" >&2
    rc=1
  else
    printf '%s: cleaned up (no cluster, process, netns, key or directory of this run left)\n' "$BENCH" >&2
  fi
  exit "$rc"
}

# what the benchmarks that compare odoo-dr with an alternative share
# shellcheck source=bench/compare.sh
source "$ROOT/bench/compare.sh"
