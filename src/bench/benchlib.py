#!/usr/bin/env python3
"""Small helpers for src/bench/run.sh: HTTP calls to the service, sync timing, and the final report.

Only the standard library; every network call goes to the URL it is given (127.0.0.1) with a timeout, and
every wait is bounded, so the benchmark can never hang here.

Subcommands:
  free-port                                  print a free TCP port on 127.0.0.1
  wait-ready URL TIMEOUT_S PID               poll URL until 200; print the wall-clock ns when it answered
  create-project BASE NAME PATH              POST /api/v1/projects; print the slug
  get URL                                    GET URL; print the body; exit 1 unless 200
  sync BASE SLUG TIMEOUT_S EXPECT SVC_PID PG_PID
                                             trigger a sync, poll its run until it ends, print a JSON line
                                             (with the CPU the service, PostgreSQL and everything else used
                                             from trigger to end); exit 3 when the run's counts differ from
                                             EXPECT (e.g. "added=10000,updated=0,skipped=0,deleted=0,errors=0")
  cpu-seconds PID                            CPU seconds used by PID, its live children and its reaped ones
  machine-busy                               CPU seconds the whole machine has been busy (all processes, + steal)
  cpu-snapshot SERVICE_PID PG_PID            "service_s pg_s machine_s" in one call (see cpu_seconds)
  report RESULTS_FILE                        print the results table (RESULTS_FILE holds key=value lines)
  pick-common BASE MARKERS_JSON DOCS SHARE   the first common word whose search total reaches SHARE of DOCS:
                                             markers.json's common_words, then the generator's word list in its
                                             frequency order; prints "word total" (the best seen if none does)
"""

import datetime
import json
import os
import re
import socket
import sys
import time
import urllib.error
import urllib.request

HTTP_TIMEOUT = 10  # seconds, per request


def http(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=HTTP_TIMEOUT) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")


def parse_ts(value):
    """ISO-8601 with Z or an offset and 0-9 fraction digits -> aware datetime (fromisoformat is version-strict)."""
    m = re.match(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:?\d\d)?$", value)
    if not m:
        raise ValueError(f"unparseable timestamp {value!r}")
    base = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S")
    micros = int((m.group(2) or "0").ljust(6, "0")[:6])
    tz = m.group(3) or "Z"
    offset = 0 if tz == "Z" else (1 if tz[0] == "+" else -1) * (int(tz[1:3]) * 60 + int(tz[-2:]))
    return base.replace(microsecond=micros, tzinfo=datetime.timezone(datetime.timedelta(minutes=offset)))


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])


def wait_ready(url, timeout_s, pid):
    deadline = time.monotonic() + float(timeout_s)
    while time.monotonic() < deadline:
        if not os.path.exists(f"/proc/{pid}"):
            sys.exit(f"wait-ready: process {pid} exited before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    print(time.time_ns())
                    return
        except (urllib.error.URLError, ConnectionError, socket.timeout, OSError):
            pass
        time.sleep(0.02)
    sys.exit(f"wait-ready: {url} not ready after {timeout_s}s")


def create_project(base, name, path):
    status, body = http("POST", f"{base}/api/v1/projects", {"name": name, "sdlc_path": path})
    if status != 201:
        sys.exit(f"create-project: HTTP {status}: {body}")
    print(json.loads(body)["slug"])


def create_git_project(base, name, url):
    body = {"name": name, "source_type": "git", "repo_url": url, "repo_branch": "main", "repo_path": "sdlc-studio"}
    status, answer = http("POST", f"{base}/api/v1/projects", body)
    if status != 201:
        sys.exit(f"create-git-project: HTTP {status}: {answer}")
    print(json.loads(answer)["slug"])


def put_project(base, slug, body):
    status, answer = http("PUT", f"{base}/api/v1/projects/{slug}", json.loads(body))
    if status != 200:
        sys.exit(f"put-project: HTTP {status}: {answer}")


def metric(base, name, labels=""):
    """The sum of the Prometheus samples called NAME whose labels contain LABELS (0 when there are none)."""
    with urllib.request.urlopen(f"{base}/q/metrics", timeout=HTTP_TIMEOUT) as resp:
        text = resp.read().decode()
    total = 0.0
    for line in text.splitlines():
        m = re.match(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$", line)
        if m and m.group(1) == name and labels in (m.group(2) or ""):
            total += float(m.group(3))
    print(f"{total:.6f}")


def pick_common(base, markers, docs, share):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import gen_corpus  # its word list, most frequent first; importing it generates nothing
    words = list(json.load(open(markers, encoding="utf-8"))["common_words"])
    words += [w for w in gen_corpus.WORDS[:60] if len(w) > 3 and w not in words]
    best = ("", -1)
    for word in words:
        status, body = http("GET", f"{base}/api/v1/search?q={word}&per_page=1")
        if status != 200:
            sys.exit(f"pick-common: search {word!r} answered HTTP {status}: {body}")
        total = int(json.loads(body)["total"])
        if total > best[1]:
            best = (word, total)
        if total >= float(share) * int(docs):
            break
    print(f"{best[0]} {best[1]}")


def _cpu(service_pid, pg_pid):
    return cpu_seconds(service_pid, emit=False), cpu_seconds(pg_pid, emit=False), machine_busy(emit=False)


def sync(base, slug, timeout_s, expect, service_pid, pg_pid):
    cpu0 = _cpu(service_pid, pg_pid)
    t0 = time.monotonic()
    status, body = http("POST", f"{base}/api/v1/projects/{slug}/sync")
    if status != 202:
        sys.exit(f"sync: trigger answered HTTP {status}: {body}")
    run_id = json.loads(body)["run_id"]
    deadline = t0 + float(timeout_s)
    run = None
    while time.monotonic() < deadline:
        status, body = http("GET", f"{base}/api/v1/projects/{slug}/sync-runs/{run_id}")
        if status != 200:
            sys.exit(f"sync: run {run_id} answered HTTP {status}: {body}")
        run = json.loads(body)
        if run["status"] != "syncing":
            break
        # Poll fast at first (no-change runs take milliseconds), then back off to spare the service.
        elapsed = time.monotonic() - t0
        time.sleep(0.02 if elapsed < 2 else 0.2)
    else:
        sys.exit(f"sync: run {run_id} still syncing after {timeout_s}s: {run}")
    wall_s = time.monotonic() - t0
    cpu1 = _cpu(service_pid, pg_pid)
    svc, pg, machine = (b - a for a, b in zip(cpu0, cpu1))
    duration = None
    if run.get("started_at") and run.get("finished_at"):
        duration = (parse_ts(run["finished_at"]) - parse_ts(run["started_at"])).total_seconds()
    out = {"run_id": run_id, "status": run["status"], "duration_s": duration, "client_wall_s": round(wall_s, 3),
           "added": run["added"], "updated": run["updated"], "skipped": run["skipped"], "deleted": run["deleted"],
           "errors": run["errors"], "error": run.get("error"), "errors_detail": (run.get("errors_detail") or [])[:5],
           # "other" includes this poller (a few ms per poll) and anything else running on the machine.
           "cpu": {"service": round(svc, 2), "pg": round(pg, 2), "other": round(machine - svc - pg, 2)}}
    print(json.dumps(out))
    problems = []
    if run["status"] != "synced":
        problems.append(f"status={run['status']} (expected synced), error={run.get('error')!r}")
    for pair in filter(None, expect.split(",")):
        key, want = pair.split("=")
        if int(run[key]) != int(want):
            problems.append(f"{key}={run[key]} (expected {want})")
    if problems:
        print("sync: UNEXPECTED RUN: " + "; ".join(problems), file=sys.stderr)
        sys.exit(3)


def _stat_fields(pid):
    with open(f"/proc/{pid}/stat") as f:
        raw = f.read()
    # Fields after the command name (which may contain spaces); rest[0] is field 3 (state).
    return raw[raw.rindex(")") + 2:].split()


def cpu_seconds(pid, emit=True):
    """utime+stime of PID and of its children, live (summed now) or reaped (cutime/cstime of PID).

    For PostgreSQL's postmaster this covers every backend; for the JVM, all its threads.
    """
    tick = os.sysconf("SC_CLK_TCK")
    rest = _stat_fields(pid)
    total = sum(int(rest[i]) for i in (11, 12, 13, 14))  # utime stime cutime cstime
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or entry == str(pid):
            continue
        try:
            child = _stat_fields(entry)
        except (OSError, ValueError):
            continue
        if child[1] == str(pid):  # field 4: ppid
            total += sum(int(child[i]) for i in (11, 12, 13, 14))
    if emit:
        print(f"{total / tick:.2f}")
    return total / tick


def machine_busy(emit=True):
    """Busy CPU seconds since boot from /proc/stat: user nice system irq softirq steal (not idle, not iowait)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + (fields[7] if len(fields) > 7 else 0)
    if emit:
        print(f"{busy / os.sysconf('SC_CLK_TCK'):.2f}")
    return busy / os.sysconf("SC_CLK_TCK")


def cpu_snapshot(service_pid, pg_pid):
    svc = cpu_seconds(service_pid, emit=False)
    pg = cpu_seconds(pg_pid, emit=False)
    print(f"{svc:.2f} {pg:.2f} {machine_busy(emit=False):.2f}")


def load_results(path):
    r = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "=" in line:
                k, v = line.split("=", 1)
                r[k] = v
    return r


def report(path, misses_file=None):
    r = load_results(path)

    def num(key):
        try:
            return float(r[key])
        except (KeyError, ValueError):
            return None

    def sec(v):
        return "n/a" if v is None else f"{v:.3f} s"

    def mb(kb):
        return "n/a" if kb is None else f"{kb / 1024:.0f} MB"

    def verdict(ok):
        return "" if ok is None else ("PASS" if ok else "MISS")

    cold, nc1, nc2, one = num("cold_s"), num("nochange_s"), num("nochange_settled_s"), num("onechanged_s")
    hash_s, copy_s = num("baseline_hash_s"), num("baseline_copy_s")
    base = None if hash_s is None or copy_s is None else hash_s + copy_s
    ratio = None if cold is None or not base else cold / base
    walk, state = num("baseline_walk_s"), num("baseline_state_read_s")
    # The floor of a re-sync that finds nothing changed: stat every file, read the stored state once.
    resync_bound = None if walk is None or state is None else 2 * (walk + state)
    rss, hwm = num("rss_after_kb"), num("hwm_after_kb")
    startup, restart = num("startup_s"), num("startup_restart_s")

    def within(v, bound):
        return verdict(None if v is None or bound is None else v <= bound)

    bound_note = "n/a" if resync_bound is None else f"<= 2 x (walk + state read) = {resync_bound:.3f} s"
    rows = [
        ("cold sync (run finished_at - started_at)", sec(cold), "<= 1.0 x baseline (a)+(b): the ratio row", ""),
        ("baseline (a) read + sha256 all files", sec(hash_s), r.get("baseline_hash_how", ""), ""),
        ("baseline (b) COPY into table + tsvector + GIN", sec(copy_s), "", ""),
        ("baseline total (a)+(b)", sec(base), "", ""),
        ("ratio cold / baseline", "n/a" if ratio is None else f"{ratio:.2f} x", "<= 1.00 x",
         verdict(None if ratio is None else ratio <= 1.0)),
        ("VACUUM ANALYZE after the cold sync", sec(num("post_cold_vacuum_s")),
         "autovacuum's next work, done before the re-syncs", ""),
        ("no-change re-sync, right after cold", sec(nc1), bound_note, within(nc1, resync_bound)),
        ("no-change re-sync, after 3 s settle", sec(nc2), bound_note, within(nc2, resync_bound)),
        ("one-file-changed re-sync", sec(one), bound_note + " (same bound)", within(one, resync_bound)),
        ("bare stat walk (find -printf '%s %T@'), best of 3", sec(walk), "warm page cache", ""),
        ("stored state read (one indexed SELECT), best of 3", sec(state), r.get("baseline_state_read_how", ""), ""),
        ("service startup (exec -> /q/health/ready 200)", sec(startup),
         f"<= 2 s; Quarkus says {r.get('quarkus_started', '?')}", verdict(None if startup is None else startup <= 2.0)),
        ("service CPU used by the start (user + system)", sec(num("startup_cpu_s")),
         "grows less with machine load than the wall time", ""),
        ("service startup again (restart before the reads)", sec(restart), "<= 2 s",
         verdict(None if restart is None else restart <= 2.0)),
        ("service RSS after syncs (VmRSS)", mb(rss), "<= 300 MB", verdict(None if rss is None else rss <= 300 * 1024)),
        ("service peak RSS (VmHWM)", mb(hwm), "", ""),
        ("service RSS when ready, before syncs", mb(num("rss_ready_kb")), "", ""),
    ]
    w0 = max(len(x[0]) for x in rows)
    w1 = max(len(x[1]) for x in rows)
    w2 = max(len(x[2]) for x in rows)
    line = "-" * (w0 + w1 + w2 + 14)
    print(line)
    print(f"{'metric'.ljust(w0)}  {'value'.rjust(w1)}  {'target / note'.ljust(w2)}  verdict")
    print(line)
    for a, b, c, d in rows:
        print(f"{a.ljust(w0)}  {b.rjust(w1)}  {c.ljust(w2)}  {d}")
    print(line)
    misses = [x[0] for x in rows if x[3] == "MISS"]
    print("sync targets: " + ("all met" if not misses else "MISSED: " + "; ".join(misses)))
    if misses_file:  # the run's list of misses, for the summary line at the very end
        with open(misses_file, "a", encoding="utf-8") as f:
            f.writelines(m + "\n" for m in misses)


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "free-port":
        free_port()
    elif cmd == "wait-ready":
        wait_ready(*args)
    elif cmd == "get":
        status, body = http("GET", args[0])
        print(body)
        if status != 200:
            sys.exit(f"get: {args[0]} answered HTTP {status}")
    elif cmd == "create-project":
        create_project(*args)
    elif cmd == "create-git-project":
        create_git_project(*args)
    elif cmd == "put-project":
        put_project(*args)
    elif cmd == "metric":
        metric(*args)
    elif cmd == "sync":
        sync(*args)
    elif cmd == "cpu-seconds":
        cpu_seconds(*args)
    elif cmd == "cpu-snapshot":
        cpu_snapshot(*args)
    elif cmd == "machine-busy":
        machine_busy()
    elif cmd == "report":
        report(*args)
    elif cmd == "pick-common":
        pick_common(*args)
    else:
        sys.exit(f"benchlib: unknown command {cmd}")


if __name__ == "__main__":
    main()
