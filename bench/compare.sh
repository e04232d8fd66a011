# bench/compare.sh: sourced by bench/lib.sh. What the benchmarks that measure odoo-dr against an alternative in
# the same run share: ratios, percentiles, prod's superuser for the host side, a plain ssh tunnel like the runbook's;
# and, for every bench on a machine shared with other sessions' tests, waiting for another odoo-dr's state lock.
# shellcheck shell=bash

# ratio A B: A / B with 2 decimals, "n/a" when B is 0
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }
# percentiles FILE COLUMN: "p50 p95 max" of a numeric column (nearest rank)
percentiles() {
  sort -g -k "$2,$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END {
    if (NR == 0) { print "n/a n/a n/a"; exit }
    i50 = int(NR * 0.50 + 0.999); i95 = int(NR * 0.95 + 0.999)
    print v[i50 < 1 ? 1 : i50], v[i95 < 1 ? 1 : i95], v[NR] }'
}

# The prod lab's superuser as a libpq password file for the host side, readable by the postgres OS user only (for
# pg_basebackup and a standby started by a bench): $WORK/prod.pgpass.
prod_pgpass() {
  superuser_pgpass "$WORK/prod.pgpass" "*:*"
  chown postgres: "$WORK/prod.pgpass"
}
# A plain `ssh -N -L SOCKET:127.0.0.1:<prod pg port>` to the lab as its operator (root here), the way the runbook
# builds its tunnel, with extra ssh options; waits until the socket exists. Sets PLAIN_SSH (its pid).
plain_tunnel() {
  local sock=$1 i; shift
  ssh -F /dev/null -N -T -i "${L[LAB_SSH_KEY]}" -o IdentitiesOnly=yes -o BatchMode=yes \
    -o UserKnownHostsFile="${L[LAB_KNOWN_HOSTS]}" -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes \
    -o ExitOnForwardFailure=yes -o StreamLocalBindUnlink=yes -p "${L[LAB_SSH_PORT]}" "$@" \
    -L "$sock:127.0.0.1:${L[LAB_PG_PORT]}" "${L[LAB_SSH_USER]}@${L[LAB_SSH_HOST]}" < /dev/null 2>> "$LOG" &
  PLAIN_SSH=$!
  bg_add "$PLAIN_SSH"
  for (( i = 0; i < 100; i++ )); do [ -S "$sock" ] && return 0; sleep 0.1; done
  die "plain ssh tunnel $sock did not come up"
}

# measure_state_change NAME ARGS...: measure, for a command that takes the host's state lock
# (/run/odoo-dr/state.lock): while another odoo-dr (a test of another session) holds it, waits and runs it again, up
# to 10 minutes. Only the last, unblocked attempt is the figure.
measure_state_change() {
  local i
  for (( i = 0; i < 120; i++ )); do
    measure "$@"
    [ "$M_RC" = 15 ] && grep -q 'state.lock' "$WORK/$1.out" "$WORK/$1.err" || return 0
    log "$1: the state lock is held by another odoo-dr; again in 5 s"
    sleep 5
  done
}
