#!/usr/bin/env bash
# SDLC Lens git sync benchmark: one command, from the repository root:
#
#     src/bench/git.sh
#
# The sync benchmark's corpus (gen_corpus.py, 10,000 documents) committed to a local repository and served over
# smart HTTP by git's own `git http-backend` (git_http.py, loopback only), a throw-away PostgreSQL and the
# packaged service, as in run.sh (whose functions it reuses). Times a cold sync (fetch + sync), a no-change poll
# (the head check auto_sync makes every interval: head unchanged, no fetch), a no-change sync and a
# one-commit-changed sync (one file, fetch included), next to `git clone --depth 1` of the same repository as the
# baseline for the fetch. See src/bench/README.md ("Git sync benchmark").
set -Eeuo pipefail

GIT_BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=run.sh
source "$GIT_BENCH_DIR/run.sh"

POLLS=${POLLS:-10}                   # no-change head checks to average
GIT_PORT=${GIT_PORT:-}               # the git server's port; empty = a free port
GIT_SERVER_PID=""

# --- the repository and its server ------------------------------------------------------------------------------
commit_corpus() {
    REPO=$PROJECTS_ROOT/bench   # the corpus is its sdlc-studio folder
    log "committing the corpus to $REPO"
    local t0
    t0=$(now_ns)
    git -C "$REPO" init -q -b main
    git -C "$REPO" add -A
    git -C "$REPO" -c gc.auto=0 -c user.name=bench -c user.email=bench@example.com commit -q -m "corpus"
    record git_commit_s "$(secs_between "$t0" "$(now_ns)")"
    # http-backend serves a pack made on demand; a packed repository (as any hosted one is) answers faster
    git -C "$REPO" gc -q
    record git_repo_bytes "$(du -sb "$REPO/.git" | cut -f1)"
}

start_git_server() {
    GIT_PORT=${GIT_PORT:-$(bl free-port)}
    REPO_URL=http://127.0.0.1:$GIT_PORT/bench
    python3 "$GIT_BENCH_DIR/git_http.py" "$PROJECTS_ROOT" "$GIT_PORT" >"$WORK/git-server.log" 2>&1 &
    GIT_SERVER_PID=$!
    local i
    for ((i = 0; i < 100; i++)); do
        grep -q ready "$WORK/git-server.log" 2>/dev/null && break
        sleep 0.05
    done
    git ls-remote "$REPO_URL" >/dev/null || die "the git server on $REPO_URL does not answer"
    log "git server on $REPO_URL (pid $GIT_SERVER_PID)"
}

stop_git_server() {
    [[ -n $GIT_SERVER_PID ]] || return 0
    kill -TERM "$GIT_SERVER_PID" 2>/dev/null || true
    GIT_SERVER_PID=""
}

# --- measurements -----------------------------------------------------------------------------------------------
# Baselines with the git CLI against the same server, in the same run: what the protocol and the server cost
# before the service does anything with the data.
baseline_clone() {
    local t0
    CLONE=$WORK/clone
    rm -rf "$CLONE"
    t0=$(now_ns)
    git clone -q --depth 1 "$REPO_URL" "$CLONE"
    record clone_s "$(secs_between "$t0" "$(now_ns)")"
    log "baseline: git clone --depth 1 took $(secs_between "$t0" "$(now_ns)") s"
}

baseline_fetch_one_commit() {
    local t0
    t0=$(now_ns)
    git -C "$CLONE" fetch -q --depth 1 origin main
    record cli_fetch_s "$(secs_between "$t0" "$(now_ns)")"
    log "baseline: git fetch --depth 1 of the one-commit change took $(secs_between "$t0" "$(now_ns)") s"
}

baseline_ls_remote() {
    local t0 i
    t0=$(now_ns)
    for ((i = 0; i < POLLS; i++)); do git ls-remote "$REPO_URL" refs/heads/main >/dev/null; done
    record ls_remote_mean_s "$(awk -v d="$(secs_between "$t0" "$(now_ns)")" -v n="$POLLS" 'BEGIN { printf "%.4f", d / n }')"
    # protocol v0: the refs in the answer to the first GET, one request, as the service's head check makes
    t0=$(now_ns)
    for ((i = 0; i < POLLS; i++)); do git -c protocol.version=0 ls-remote "$REPO_URL" refs/heads/main >/dev/null; done
    record ls_remote_v0_mean_s "$(awk -v d="$(secs_between "$t0" "$(now_ns)")" -v n="$POLLS" 'BEGIN { printf "%.4f", d / n }')"
}

# The fetch part of each sync, from the service's own timer (sdlc_lens_git_fetch_seconds): the time to compare
# with the git CLI baselines; the rest of a sync's time is listing, comparing, parsing and storing.
fetch_seconds() { bl metric "$BASE" sdlc_lens_git_fetch_seconds_sum 'outcome="fetched"'; }
record_fetch() { record "$1" "$(awk -v a="$2" -v b="$(fetch_seconds)" 'BEGIN { printf "%.4f", b - a }')"; }

measure_git_syncs() {
    local f0
    SLUG=$(bl create-git-project "$BASE" "Bench Git" "$REPO_URL")
    log "registered git project '$SLUG' -> $REPO_URL"
    checkpoint
    f0=$(fetch_seconds)
    run_sync "cold sync (fetch + sync)" git_cold "added=$DOCS,updated=0,skipped=0,deleted=0,errors=0"
    record_fetch git_cold_fetch_s "$f0"
    record git_cold_fetch_bytes "$(bl metric "$BASE" sdlc_lens_git_fetch_bytes_sum 'outcome="fetched"')"
    f0=$(fetch_seconds)
    run_sync "no-change sync (fetch finds nothing new)" git_nochange \
        "added=0,updated=0,skipped=$DOCS,deleted=0,errors=0"
    record_fetch git_nochange_fetch_s "$f0"
    baseline_clone

    local stories=("$CORPUS"/stories/US*.md)
    EDITED_FILE=${stories[0]}
    printf '\n## Edited\n\nEdited by the benchmark at %s.\n' "$(date -u +%FT%TZ)" >>"$EDITED_FILE"
    git -C "$REPO" -c gc.auto=0 -c user.name=bench -c user.email=bench@example.com commit -q -am "one story edited"
    f0=$(fetch_seconds)
    run_sync "one-commit-changed sync (one file, fetch included)" git_onechanged \
        "added=0,updated=1,skipped=$((DOCS - 1)),deleted=0,errors=0"
    record_fetch git_onechanged_fetch_s "$f0"
    baseline_fetch_one_commit
    local doc_id detail
    doc_id=$(basename "$EDITED_FILE" .md)
    detail=$(bl get "$BASE/api/v1/projects/$SLUG/documents/story/$doc_id" || true)
    if [[ $detail != *"Edited by the benchmark"* ]]; then
        log "CHECK FAILED: stored content of story $doc_id does not show the edit"
        CHECK_FAILURES+=("one-commit-changed: stored content of $doc_id not updated")
    fi
}

# The poller asks for the head every SDLC_LENS_POLL_INTERVAL (1 s here); with the head unchanged it fetches
# nothing and starts no run. Its head checks are timed by the service itself (sdlc_lens_git_head_seconds).
measure_polls() {
    local metric=sdlc_lens_git_head_seconds runs_before fetches_before count0 sum0 count sum deadline
    fetches_before=$(bl metric "$BASE" sdlc_lens_git_fetch_seconds_count)
    runs_before=$(bl get "$BASE/api/v1/projects/$SLUG/sync-runs?limit=100" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
    count0=$(bl metric "$BASE" "${metric}_count" 'outcome="answered"')
    sum0=$(bl metric "$BASE" "${metric}_sum" 'outcome="answered"')
    bl put-project "$BASE" "$SLUG" '{"auto_sync": true}'
    deadline=$(($(date +%s) + 60 + 3 * POLLS))
    while :; do
        count=$(bl metric "$BASE" "${metric}_count" 'outcome="answered"')
        awk -v c="$count" -v c0="$count0" -v n="$POLLS" 'BEGIN { exit !(c - c0 >= n) }' && break
        (($(date +%s) < deadline)) || die "fewer than $POLLS head checks within the deadline"
        sleep 0.5
    done
    bl put-project "$BASE" "$SLUG" '{"auto_sync": false}'
    sum=$(bl metric "$BASE" "${metric}_sum" 'outcome="answered"')
    record poll_count "$(awk -v c="$count" -v c0="$count0" 'BEGIN { printf "%d", c - c0 }')"
    record poll_mean_s "$(awk -v s="$sum" -v s0="$sum0" -v c="$count" -v c0="$count0" 'BEGIN { printf "%.4f", (s - s0) / (c - c0) }')"
    record poll_max_s "$(bl metric "$BASE" "${metric}_max" 'outcome="answered"')"
    local fetches_after runs_after
    fetches_after=$(bl metric "$BASE" sdlc_lens_git_fetch_seconds_count)
    runs_after=$(bl get "$BASE/api/v1/projects/$SLUG/sync-runs?limit=100" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
    if [[ $fetches_after != "$fetches_before" || $runs_after != "$runs_before" ]]; then
        log "CHECK FAILED: no-change polls fetched ($fetches_before -> $fetches_after) or started runs ($runs_before -> $runs_after)"
        CHECK_FAILURES+=("no-change poll fetched or started a run")
    fi
    log "no-change polls: $(grep '^poll_count=' "$WORK/results.env" | cut -d= -f2) head checks," \
        "mean $(grep '^poll_mean_s=' "$WORK/results.env" | cut -d= -f2) s"
}

print_git_report() {
    python3 - "$WORK/results.env" "$DOCS" <<'PY'
import sys
values = {}
for line in open(sys.argv[1]):
    key, _, value = line.rstrip("\n").partition("=")
    values[key] = value
docs = sys.argv[2]
def secs(key):
    v = values.get(key, "")
    return float(v) if v else None
rows = [
    ("cold sync (fetch + sync of %s documents)" % docs, secs("git_cold_s"), None),
    ("  of which the fetch (service's timer)", secs("git_cold_fetch_s"), None),
    ("  baseline: git clone --depth 1 of the same repository", secs("clone_s"), None),
    ("no-change poll (head check, no fetch; mean of %s)" % values.get("poll_count", "?"), secs("poll_mean_s"), 0.05),
    ("  slowest of those head checks", secs("poll_max_s"), None),
    ("  baseline: git ls-remote of the branch (mean; protocol v2)", secs("ls_remote_mean_s"), None),
    ("  baseline: the same with protocol v0 (one request)", secs("ls_remote_v0_mean_s"), None),
    ("no-change sync (fetch finds nothing new; all skipped)", secs("git_nochange_s"), None),
    ("  of which the fetch (service's timer)", secs("git_nochange_fetch_s"), None),
    ("one-commit-changed sync (1 file, fetch included)", secs("git_onechanged_s"), 0.5),
    ("  of which the fetch (service's timer)", secs("git_onechanged_fetch_s"), None),
    ("  baseline: git fetch --depth 1 of that commit", secs("cli_fetch_s"), None),
]
print()
print(f"{'metric':58} {'seconds':>9} {'target':>8}  result")
misses = []
for name, value, target in rows:
    shown = "?" if value is None else f"{value:.3f}"
    verdict = "" if target is None else ("ok" if value is not None and value <= target else "MISSED")
    if verdict == "MISSED":
        misses.append(name)
    print(f"{name:58} {shown:>9} {'' if target is None else f'<= {target}':>8}  {verdict}")
print()
mb = lambda k: f"{float(values.get(k, 0)) / 1e6:.1f} MB"
print(f"repository (.git, packed): {mb('git_repo_bytes')}; cold fetch received {mb('git_cold_fetch_bytes')}")
for key in ("git_cold_cpu", "git_nochange_cpu", "git_onechanged_cpu"):
    if key in values:
        print(f"CPU s (service, PostgreSQL, everything else) {key[:-4]}: {values[key]}")
print("targets: " + ("all met" if not misses else "MISSED: " + "; ".join(misses)))
PY
}

git_cleanup() {
    local rc=$?
    stop_git_server
    (exit "$rc")
    cleanup
}

git_main() {
    trap git_cleanup EXIT
    trap 'log "failed at line $LINENO: $BASH_COMMAND"' ERR
    trap 'exit 130' INT
    trap 'exit 143' TERM
    check_prerequisites
    command -v git >/dev/null || die "git is needed (its http-backend serves the benchmark repository)"
    build_service
    make_workdir
    generate_corpus
    commit_corpus
    start_git_server
    start_postgres
    SERVICE_EXTRA_ENV="SDLC_LENS_GIT_ALLOWED_HOSTS=127.0.0.1 SDLC_LENS_GIT_ALLOW_HTTP=true
        SDLC_LENS_POLL_INTERVAL=1s SDLC_LENS_POLL_CLAIM_EVERY=1s" start_service
    measure_git_syncs
    measure_polls
    baseline_ls_remote
    print_git_report
    ((${#CHECK_FAILURES[@]} == 0)) || exit 1
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then git_main "$@"; exit; fi
