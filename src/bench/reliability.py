#!/usr/bin/env python3
"""Reliability suite for SDLC Lens: two real service processes on one real PostgreSQL.

Run from the repository root:

    python3 src/bench/reliability.py

It builds the jar when target/quarkus-app/quarkus-run.jar is missing, starts one throw-away PostgreSQL
(127.0.0.1 only, free port, temp data dir) and two service processes (A and B) with short lease timings,
then runs the checks below and prints one row per check. Exit code 0 only when nothing failed.

  1  exactly one sync per burst of 500 concurrent triggers spread over both replicas (20 rounds)
  2  a holder killed with SIGKILL: its lease goes stale, the other replica takes over, nothing lost or doubled
  3a a holder frozen with SIGSTOP between batches: taken over, and writes nothing once it wakes up
  3b a holder frozen with SIGSTOP inside a batch transaction: can the other replica still take over?
  4a PostgreSQL stopped while idle: fast 503s everywhere, liveness up, recovery without restarts
  4b PostgreSQL stopped during a sync: the run ends `error`, never stays `syncing`; a new sync completes
  5  hostile HTTP input: expected status and error envelope per case, never a 500, service survives
  6* hostile files through the real processes (bad bytes, links, depth, size, races, ...)
  8  search results (cached per replica) are fresh on both replicas after a sync and after a delete
  7  the service logs recorded no unexpected failure (500) during the whole suite (runs last)

Environment knobs (all optional):
  KEEP=1            keep the temp dir (logs, corpora, database) and print its path
  CHECKS=1,3a,6     run only checks whose id starts with one of these
  LARGE_DOCS=30000  size of the corpora used for long syncs
  SMALL_DOCS=8000   size of the corpus synced in each burst round (its sync must outlast the burst)
  BURST=500 ROUNDS=20
  SYNC_BATCH_SIZE=100  SDLC_LENS_SYNC_BATCH_SIZE of both processes (smaller = longer syncs)
  DOC_BYTES=2500    body size of each generated story (bigger = longer syncs)
  SERVICE_USER=nobody  user the services run as (root cannot test unreadable files); "root" = as we are
  JAVA=java

Python 3.11 standard library only. Sends traffic to 127.0.0.1 only.
"""

from __future__ import annotations

import http.client
import json
import os
import pwd
import random
import re
import resource
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

# --------------------------------------------------------------------------------------------------------------
# Settings
# --------------------------------------------------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[2]
JAR = REPO / "target" / "quarkus-app" / "quarkus-run.jar"

STALE_S = 6.0  # SDLC_LENS_SYNC_STALE_AFTER
HEARTBEAT_S = 1.0  # SDLC_LENS_SYNC_HEARTBEAT_INTERVAL
REAPER_S = 1.0  # SDLC_LENS_SYNC_REAPER_INTERVAL
MAX_FILE_MB = 6  # SDLC_LENS_SYNC_MAX_FILE_SIZE

KEEP = os.environ.get("KEEP") == "1"
ONLY = [c.strip().lower() for c in os.environ.get("CHECKS", "").split(",") if c.strip()]
LARGE_DOCS = int(os.environ.get("LARGE_DOCS", "30000"))
SMALL_DOCS = int(os.environ.get("SMALL_DOCS", "8000"))
BURST = int(os.environ.get("BURST", "500"))
ROUNDS = int(os.environ.get("ROUNDS", "20"))
SYNC_BATCH_SIZE = int(os.environ.get("SYNC_BATCH_SIZE", "100"))
DOC_BYTES = int(os.environ.get("DOC_BYTES", "2500"))
SERVICE_USER = os.environ.get("SERVICE_USER", "nobody")
JAVA = os.environ.get("JAVA", "java")

DB_NAME = "sdlclens"
DB_USER = "sdlclens"
DB_PASSWORD = "reliability-" + "".join(random.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(12))

T0 = time.monotonic()


def log(message: str) -> None:
    """Progress goes to stderr so that stdout holds just the result table."""
    print(f"[{time.monotonic() - T0:7.1f}s] {message}", file=sys.stderr, flush=True)


class SuiteError(Exception):
    """A precondition of a check could not be established (the check fails with this message)."""


def wait_until(predicate, timeout: float, interval: float = 0.2, what: str = "condition"):
    """Polls predicate() until it returns a truthy value; bounded. Returns that value or raises SuiteError."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        try:
            last = predicate()
        except Exception:  # noqa: BLE001 - a failing probe just means "not yet"
            last = None
        if last:
            return last
        if time.monotonic() >= deadline:
            raise SuiteError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


# --------------------------------------------------------------------------------------------------------------
# HTTP: http.client for ordinary calls, raw sockets where a client library would normalise the request
# --------------------------------------------------------------------------------------------------------------


@dataclass
class Resp:
    status: int | None
    headers: dict
    body: bytes
    seconds: float
    error: str | None = None

    @property
    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except Exception:  # noqa: BLE001
            return None

    @property
    def code(self) -> str | None:
        j = self.json
        if isinstance(j, dict) and isinstance(j.get("error"), dict):
            return j["error"].get("code")
        return None

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    def envelope_problem(self) -> str | None:
        """None when the body is the contract's error envelope with a JSON content type."""
        if not self.content_type.lower().startswith("application/json"):
            return f"Content-Type is {self.content_type!r}, not application/json"
        j = self.json
        if not (isinstance(j, dict) and isinstance(j.get("error"), dict)):
            return "body is not {\"error\": {...}}"
        err = j["error"]
        if not isinstance(err.get("code"), str) or not isinstance(err.get("message"), str):
            return "error.code / error.message missing or not strings"
        return None

    def brief(self, limit: int = 220) -> str:
        if self.status is None:
            return f"no response ({self.error}) after {self.seconds:.2f}s"
        text = self.body[:limit].decode("utf-8", "replace").replace("\n", " ")
        more = "…" if len(self.body) > limit else ""
        return f"{self.status} [{self.content_type or '-'}] {text}{more}"


def request(port: int, method: str, path: str, body=None, headers=None, timeout: float = 15.0) -> Resp:
    """One request on a fresh connection (thread-safe); network failures become Resp(status=None)."""
    headers = dict(headers or {})
    if isinstance(body, (dict, list)):
        body = json.dumps(body).encode()
        headers.setdefault("Content-Type", "application/json")
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    t0 = time.monotonic()
    try:
        conn.request(method, path, body=body, headers=headers)
        r = conn.getresponse()
        data = r.read()
        return Resp(r.status, {k.lower(): v for k, v in r.getheaders()}, data, time.monotonic() - t0)
    except Exception as e:  # noqa: BLE001 - refused, reset, timed out: all "no answer"
        return Resp(None, {}, b"", time.monotonic() - t0, f"{type(e).__name__}: {e}")
    finally:
        conn.close()


def raw_exchange(port: int, head: bytes, chunks=(), method: str = "GET", timeout: float = 15.0,
                 early_wait: float = 0.3) -> Resp:
    """Sends bytes exactly as given. Stops sending the body as soon as the server answers early (413), so the
    answer is read instead of being lost to a connection reset."""
    t0 = time.monotonic()
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    except OSError as e:
        return Resp(None, {}, b"", time.monotonic() - t0, f"connect: {e}")
    try:
        try:
            s.sendall(head)
            answered = bool(select.select([s], [], [], early_wait)[0]) if chunks else False
            if not answered:
                for chunk in chunks:
                    if select.select([s], [], [], 0)[0]:
                        break
                    s.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server refused mid-upload; its answer may still be readable
        r = http.client.HTTPResponse(s, method=method)
        try:
            r.begin()
        except Exception as e:  # noqa: BLE001
            return Resp(None, {}, b"", time.monotonic() - t0, f"{type(e).__name__}: {e}")
        try:
            data = r.read()
        except http.client.IncompleteRead as e:
            data = e.partial
        except (ConnectionResetError, socket.timeout):
            data = b""
        return Resp(r.status, {k.lower(): v for k, v in r.getheaders()}, data, time.monotonic() - t0)
    except Exception as e:  # noqa: BLE001
        return Resp(None, {}, b"", time.monotonic() - t0, f"{type(e).__name__}: {e}")
    finally:
        s.close()


def raw_request(port: int, method: str, target: bytes | str, headers: dict | None = None, body: bytes = b"",
                timeout: float = 15.0) -> Resp:
    """A request whose target and headers go on the wire byte for byte (no quoting, no validation)."""
    if isinstance(target, str):
        target = target.encode("latin-1")
    lines = [method.encode() + b" " + target + b" HTTP/1.1", f"Host: 127.0.0.1:{port}".encode()]
    headers = dict(headers or {})
    if body and not any(k.lower() in ("content-length", "transfer-encoding") for k in headers):
        headers["Content-Length"] = str(len(body))
    headers.setdefault("Connection", "close")
    for k, v in headers.items():
        lines.append(k.encode("latin-1") + b": " + (v if isinstance(v, bytes) else str(v).encode("utf-8")))
    head = b"\r\n".join(lines) + b"\r\n\r\n"
    return raw_exchange(port, head + body, method=method, timeout=timeout)


# --------------------------------------------------------------------------------------------------------------
# PostgreSQL: Debian's server binaries, run as user postgres, temp data dir, 127.0.0.1 only
# --------------------------------------------------------------------------------------------------------------


def free_port(preferred: int | None = None) -> int:
    if preferred:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", preferred))
                return preferred
            except OSError:
                pass
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_pg_bin() -> Path:
    def candidates():
        base = Path("/usr/lib/postgresql")
        if base.is_dir():
            for d in sorted(base.iterdir(), key=lambda p: (p.name != "15", p.name)):
                if (d / "bin" / "postgres").exists():
                    yield d / "bin"

    for c in candidates():
        return c
    log("PostgreSQL server binaries not found: apt-get install -y postgresql")
    subprocess.run(["apt-get", "install", "-y", "postgresql"], check=False, timeout=900,
                   stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    for c in candidates():
        return c
    raise SuiteError("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin")


class Postgres:
    def __init__(self, tmp: Path):
        self.bin = find_pg_bin()
        self.dir = tmp / "pg"
        self.data = self.dir / "data"
        self.logfile = self.dir / "postgres.log"
        self.port = free_port()
        self.dir.mkdir()
        shutil.chown(self.dir, "postgres", "postgres")
        os.chmod(self.dir, 0o700)

    def _run(self, args: list[str], timeout: float = 120, check: bool = True) -> subprocess.CompletedProcess:
        cmd = ["runuser", "-u", "postgres", "--", *args]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=str(self.dir))
        if check and p.returncode != 0:
            raise SuiteError(f"{' '.join(args[:2])} failed ({p.returncode}): {p.stderr.strip()[-400:]}")
        return p

    def init(self) -> None:
        pwfile = self.dir / "superuser.pw"
        pwfile.write_text("unused-superuser-password\n")
        shutil.chown(pwfile, "postgres", "postgres")
        self._run([str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-E", "UTF8", "--locale=C",
                   "--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={pwfile}"], timeout=180)
        self.start()
        self.sql(f"CREATE ROLE {DB_USER} LOGIN PASSWORD '{DB_PASSWORD}'", db="postgres")
        self.sql(f"CREATE DATABASE {DB_NAME} OWNER {DB_USER}", db="postgres")

    def start(self) -> None:
        # Same port and data dir on every start: the services must find it again without a restart.
        opts = (f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories={self.dir} "
                f"-c max_connections=200")
        self._run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.logfile), "-o", opts,
                   "-w", "-t", "60", "start"], timeout=90)

    def stop(self, mode: str = "fast") -> None:
        self._run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop"],
                  timeout=90)

    def running(self) -> bool:
        p = self._run([str(self.bin / "pg_ctl"), "-D", str(self.data), "status"], check=False, timeout=30)
        return p.returncode == 0

    def sql(self, query: str, db: str = DB_NAME) -> list[list[str]]:
        """Runs SQL as the superuser over the private socket; used only to gather evidence, never to steer."""
        p = self._run([str(self.bin / "psql"), "-h", str(self.dir), "-p", str(self.port), "-U", "postgres",
                       "-d", db, "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", query], timeout=60)
        return [line.split("\t") for line in p.stdout.splitlines() if line]


# --------------------------------------------------------------------------------------------------------------
# The service processes
# --------------------------------------------------------------------------------------------------------------


class Service:
    def __init__(self, name: str, port: int, tmp: Path, pg: Postgres, allowed_root: Path):
        self.name = name
        self.port = port
        self.logfile = tmp / f"service-{name}.log"
        self.workdir = tmp / f"service-{name}"
        self.workdir.mkdir()
        self.proc: subprocess.Popen | None = None
        self.user = None if SERVICE_USER in ("", "root") else SERVICE_USER
        if self.user:
            shutil.chown(self.workdir, self.user)
        self.env = dict(os.environ)
        self.env.setdefault("LANG", "C.UTF-8")
        self.env.update({
            "QUARKUS_DATASOURCE_REACTIVE_URL": f"postgresql://127.0.0.1:{pg.port}/{DB_NAME}",
            "QUARKUS_DATASOURCE_JDBC_URL": f"jdbc:postgresql://127.0.0.1:{pg.port}/{DB_NAME}",
            "QUARKUS_DATASOURCE_USERNAME": DB_USER,
            "QUARKUS_DATASOURCE_PASSWORD": DB_PASSWORD,
            "QUARKUS_HTTP_PORT": str(port),
            "QUARKUS_HTTP_HOST": "127.0.0.1",
            "SDLC_LENS_ALLOWED_ROOTS": str(allowed_root),
            "SDLC_LENS_SYNC_STALE_AFTER": f"{STALE_S:g}s",
            # a holder frozen inside a batch transaction must not keep the row locked past the stale time
            "SDLC_LENS_DATABASE_IDLE_IN_TRANSACTION_TIMEOUT": f"{STALE_S / 2:g}s",
            "SDLC_LENS_SYNC_HEARTBEAT_INTERVAL": f"{HEARTBEAT_S:g}s",
            "SDLC_LENS_SYNC_REAPER_INTERVAL": f"{REAPER_S:g}s",
            "SDLC_LENS_SYNC_BATCH_SIZE": str(SYNC_BATCH_SIZE),
            "SDLC_LENS_SYNC_MAX_FILE_SIZE": f"{MAX_FILE_MB}M",
            "HOME": str(self.workdir),
        })

    def start(self) -> None:
        with open(self.logfile, "ab") as out:
            out.write(f"\n===== [suite] starting service {self.name} at {time.strftime('%H:%M:%S')} =====\n"
                      .encode())
            out.flush()
            self.proc = subprocess.Popen(
                [JAVA, "-Xmx1g", f"-Djava.io.tmpdir={self.workdir}", f"-Dvertx.cacheDirBase={self.workdir}/vertx",
                 "-jar", str(JAR)],
                cwd=str(self.workdir), env=self.env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                user=self.user, start_new_session=True)  # own session: a Ctrl-C reaches only the suite

    def pid(self) -> int:
        return self.proc.pid if self.proc else -1

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def ready(self) -> bool:
        return request(self.port, "GET", "/q/health/ready", timeout=5).status == 200

    def wait_ready(self, timeout: float = 120) -> float:
        t0 = time.monotonic()

        def probe():
            if not self.alive():
                raise SuiteError(f"service {self.name} exited with {self.proc.returncode}; see {self.logfile}")
            return self.ready()

        deadline = t0 + timeout
        while time.monotonic() < deadline:
            if probe():
                return time.monotonic() - t0
            time.sleep(0.25)
        raise SuiteError(f"service {self.name} not ready after {timeout:.0f}s; see {self.logfile}")

    def signal(self, sig: int) -> None:
        if self.alive():
            os.kill(self.proc.pid, sig)

    def kill9(self) -> None:
        self.signal(signal.SIGKILL)
        if self.proc:
            self.proc.wait(timeout=30)

    def stop(self, grace: float = 25) -> None:
        if not self.alive():
            return
        self.signal(signal.SIGCONT)  # a frozen process cannot act on SIGTERM
        self.signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.signal(signal.SIGKILL)
            self.proc.wait(timeout=30)

    def log_mark(self) -> int:
        return self.logfile.stat().st_size if self.logfile.exists() else 0

    def log_since(self, mark: int) -> str:
        with open(self.logfile, "rb") as f:
            f.seek(mark)
            return f.read().decode("utf-8", "replace")

    def db_client_ports(self, pg_port: int) -> set[int]:
        """Local ports of this process's TCP connections to PostgreSQL (/proc: socket inodes of its fds)."""
        inodes = set()
        fd_dir = Path(f"/proc/{self.pid()}/fd")
        for fd in fd_dir.iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
        ports = set()
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            try:
                lines = Path(table).read_text().splitlines()[1:]
            except OSError:
                continue
            for line in lines:
                cols = line.split()
                local, remote, inode = cols[1], cols[2], cols[9]
                if inode in inodes and int(remote.rsplit(":", 1)[1], 16) == pg_port:
                    ports.add(int(local.rsplit(":", 1)[1], 16))
        return ports


# --------------------------------------------------------------------------------------------------------------
# Corpora
# --------------------------------------------------------------------------------------------------------------

FILLER = ("The service syncs folders of delivery documents into PostgreSQL and keeps them searchable. "
          "Each story has acceptance criteria, an owner and a status. ")


def story_text(tag: str, i: int, status: str) -> str:
    """A story of about DOC_BYTES: enough text that indexing it costs PostgreSQL real work, which keeps a sync of
    a large corpus running for several seconds (the checks interrupt it mid-way)."""
    title = f"{tag} story {i:06d}"
    body = (FILLER * (DOC_BYTES // len(FILLER) + 1))[:DOC_BYTES]
    return (f"# {title}\n\n> **Status:** {status}\n> **Owner:** reliability\n> **Epic:** EP0001\n"
            f"> **Priority:** Medium\n\n## Description\n\nMarker {tag}-{i}. {body}\n")


def write_story_corpus(root: Path, n: int, tag: str, status: str = "Draft", per_folder: int = 500) -> dict:
    """n stories under root/stories/<tag>-NNN/. Returns {file relative path: (doc_id, title)}; doc_id and title
    are unique per file, so a document listed twice is visible as a repeated (doc_id, title) pair."""
    files = {}
    for i in range(n):
        folder = root / "stories" / f"{tag}-{i // per_folder:03d}"
        if i % per_folder == 0:
            folder.mkdir(parents=True, exist_ok=True)
        doc_id = f"US{i:06d}-{tag}-{i}"
        rel = f"stories/{tag}-{i // per_folder:03d}/{doc_id}.md"
        (root / rel).write_text(story_text(tag, i, status), encoding="utf-8")
        files[rel] = (doc_id, f"{tag} story {i:06d}")
    return files


def rewrite_status(root: Path, files: dict, tag: str, status: str) -> None:
    """Rewrites every story of a corpus with another status (same size class, new mtime and bytes)."""
    for rel in sorted(files):
        n = int(files[rel][0][2:8])
        (root / rel).write_text(story_text(tag, n, status), encoding="utf-8")


def disk_md_files(root: Path) -> set[str]:
    """What the contract says a sync reads: regular *.md files except _index.md, no links, no hidden folders."""
    skipped = {"node_modules", ".venv", ".git", ".hg", ".svn", "__pycache__", ".tox", ".mypy_cache",
               ".pytest_cache", ".ruff_cache", "dist", "build", ".eggs"}
    out = set()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d not in skipped
                       and not os.path.islink(os.path.join(dirpath, d))]
        for f in filenames:
            p = os.path.join(dirpath, f)
            if f.endswith(".md") and f != "_index.md" and not os.path.islink(p) and os.path.isfile(p):
                out.add(os.path.relpath(p, root))
    return out


# --------------------------------------------------------------------------------------------------------------
# API helpers
# --------------------------------------------------------------------------------------------------------------


def q(s: str) -> str:
    return urllib.parse.quote(s, safe="")


def create_project(port: int, name: str, path: Path) -> str:
    r = request(port, "POST", "/api/v1/projects", {"name": name, "sdlc_path": str(path)})
    if r.status != 201:
        raise SuiteError(f"create project {name!r}: {r.brief()}")
    return r.json["slug"]


def get_project(port: int, slug: str) -> dict:
    r = request(port, "GET", f"/api/v1/projects/{slug}")
    if r.status != 200:
        raise SuiteError(f"GET project {slug}: {r.brief()}")
    return r.json


def get_run(port: int, slug: str, run_id: str) -> dict:
    r = request(port, "GET", f"/api/v1/projects/{slug}/sync-runs/{run_id}")
    if r.status != 200:
        raise SuiteError(f"GET run {run_id}: {r.brief()}")
    return r.json


def list_runs(port: int, slug: str) -> list:
    r = request(port, "GET", f"/api/v1/projects/{slug}/sync-runs?limit=100")
    if r.status != 200:
        raise SuiteError(f"GET sync-runs {slug}: {r.brief()}")
    return r.json


def trigger(port: int, slug: str, timeout: float = 15) -> Resp:
    return request(port, "POST", f"/api/v1/projects/{slug}/sync", timeout=timeout)


def trigger_ok(port: int, slug: str) -> str:
    r = trigger(port, slug)
    if r.status != 202:
        raise SuiteError(f"trigger {slug}: {r.brief()}")
    return r.json["run_id"]


def wait_project(port: int, slug: str, statuses: set[str], timeout: float) -> dict:
    def probe():
        p = get_project(port, slug)
        return p if p["sync_status"] in statuses else None

    return wait_until(probe, timeout, 0.25, f"project {slug} to be {'/'.join(sorted(statuses))}")


def wait_progress(port: int, slug: str, run_id: str, timeout: float = 60) -> dict:
    """Until the run has committed at least one batch (progress is published per batch)."""
    def probe():
        run = get_run(port, slug, run_id)
        if run["status"] != "syncing":
            raise SuiteError(f"run ended ({run['status']}) before it could be interrupted; corpus too small")
        return run if run["added"] > 0 else None

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = probe()
        if r:
            return r
        time.sleep(0.1)
    raise SuiteError(f"run {run_id} showed no progress in {timeout:.0f}s")


def all_documents(port: int, slug: str, extra: str = "", workers: int = 4) -> list[dict]:
    """Every list item, paging by title (ties break on file path, so pages are stable). Pages are fetched by a
    few threads: each page re-sorts the project's documents, so 300 pages one by one would take long."""
    def page(n: int) -> dict:
        r = request(port, "GET", f"/api/v1/projects/{slug}/documents?per_page=100&sort=title&order=asc&page={n}"
                    f"{extra}", timeout=60)
        if r.status != 200:
            raise SuiteError(f"documents page {n}: {r.brief()}")
        return r.json

    first = page(1)
    pages = first["pages"]
    results: dict[int, list] = {1: first["items"]}
    todo = list(range(2, pages + 1))
    lock = threading.Lock()
    errors: list[Exception] = []

    def worker() -> None:
        while True:
            with lock:
                if not todo or errors:
                    return
                n = todo.pop()
            try:
                items = page(n)["items"]
            except Exception as e:  # noqa: BLE001
                with lock:
                    errors.append(e)
                return
            with lock:
                results[n] = items

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    if errors:
        raise errors[0]
    return [item for n in sorted(results) for item in results[n]]


def doc_total(port: int, slug: str, extra: str = "") -> int:
    r = request(port, "GET", f"/api/v1/projects/{slug}/documents?per_page=1{extra}")
    if r.status != 200:
        raise SuiteError(f"documents total: {r.brief()}")
    return r.json["total"]


def log_lines(text: str, pattern: str, limit: int = 5) -> list[str]:
    rx = re.compile(pattern)
    return [line.strip()[:400] for line in text.splitlines() if rx.search(line)][:limit]


# --------------------------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    status: str
    seconds: float
    detail: str
    evidence: list[str] = field(default_factory=list)


class Suite:
    def __init__(self):
        self.rows: list[Row] = []
        self.tmp = Path(tempfile.mkdtemp(prefix="sdlc-reliability-"))
        os.chmod(self.tmp, 0o755)  # postgres and the service user must traverse it
        self.corpora = self.tmp / "corpora"  # the one allowed root
        self.corpora.mkdir()
        self.pg: Postgres | None = None
        self.a: Service | None = None
        self.b: Service | None = None
        self._corpus_cache: dict[str, tuple[Path, dict]] = {}
        self._row_start = time.monotonic()

    # -- results --------------------------------------------------------------------------------------------
    def record(self, name: str, ok, detail: str, evidence=None) -> None:
        status = ok if isinstance(ok, str) else ("PASS" if ok else "FAIL")
        now = time.monotonic()
        row = Row(name, status, now - self._row_start, detail, list(evidence or []))
        self._row_start = now
        self.rows.append(row)
        log(f"{status} {name}: {detail}")

    def restart_clock(self) -> None:
        self._row_start = time.monotonic()

    # -- environment ----------------------------------------------------------------------------------------
    def start(self) -> None:
        if JAR.exists():
            sources = [REPO / "pom.xml", *(REPO / "src" / "main").rglob("*")]
            newest = max((p.stat().st_mtime for p in sources if p.is_file()), default=0)
            if newest > JAR.stat().st_mtime:
                log("WARNING: sources are newer than target/quarkus-app: testing the existing build; rebuild "
                    "with ./mvnw -B -q package -DskipTests to test the current code")
        else:
            log("building the jar: ./mvnw -B -q package -DskipTests")
            p = subprocess.run(["./mvnw", "-B", "-q", "package", "-DskipTests"], cwd=str(REPO), timeout=1800)
            if p.returncode != 0 or not JAR.exists():
                raise SuiteError("build failed")
        if SERVICE_USER not in ("", "root"):
            try:
                pwd.getpwnam(SERVICE_USER)
            except KeyError:
                raise SuiteError(f"SERVICE_USER {SERVICE_USER} does not exist")
        log(f"temp dir {self.tmp}")
        self.pg = Postgres(self.tmp)
        self.pg.init()
        log(f"PostgreSQL ({self.pg.bin}) on 127.0.0.1:{self.pg.port}")
        pa = free_port(18081)
        pb = free_port(18082 if pa != 18082 else None)
        self.a = Service("A", pa, self.tmp, self.pg, self.corpora)
        self.b = Service("B", pb, self.tmp, self.pg, self.corpora)
        # One after the other: both migrate at startup (Flyway's lock makes it safe, but serial is quicker here).
        for s in (self.a, self.b):
            s.start()
            took = s.wait_ready(180)
            log(f"service {s.name} ready on 127.0.0.1:{s.port} (pid {s.pid()}, user {s.user or 'root'}) "
                f"in {took:.1f}s")

    def ensure_healthy(self) -> None:
        """Puts the environment back after a check that may have failed half-way: PG up, both services up and
        running (not frozen), ready."""
        if not self.pg.running():
            log("restarting PostgreSQL left stopped by a previous check")
            self.pg.start()
        for s in (self.a, self.b):
            s.signal(signal.SIGCONT)
            if not s.alive():
                log(f"restarting service {s.name} left dead by a previous check")
                s.start()
            s.wait_ready(120)

    def cleanup(self) -> None:
        for s in (self.a, self.b):
            if s:
                try:
                    s.stop()
                except Exception as e:  # noqa: BLE001
                    log(f"stopping {s.name}: {e}")
        if self.pg:
            try:
                if self.pg.running():
                    self.pg.stop("fast")
            except Exception as e:  # noqa: BLE001
                log(f"stopping PostgreSQL: {e}; trying immediate")
                try:
                    self.pg.stop("immediate")
                except Exception:  # noqa: BLE001
                    pass
        if KEEP:
            log(f"KEEP=1: temp dir kept at {self.tmp}")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)

    # -- corpora --------------------------------------------------------------------------------------------
    def corpus(self, key: str, n: int) -> tuple[Path, dict]:
        """A generated story corpus; shared between checks that only read it (each syncs a new project)."""
        if key not in self._corpus_cache:
            root = self.corpora / key
            root.mkdir()
            t0 = time.monotonic()
            files = write_story_corpus(root, n, key)
            log(f"corpus {key}: {n} files in {time.monotonic() - t0:.1f}s")
            self._corpus_cache[key] = (root, files)
        return self._corpus_cache[key]


# --------------------------------------------------------------------------------------------------------------
# Check 1: exactly one sync per burst of concurrent triggers, over both replicas
# --------------------------------------------------------------------------------------------------------------


def burst_triggers(ports: list[int], slug: str, n: int) -> list[tuple]:
    """n threads, each with its connection already open, released together by a barrier; each POSTs /sync once.
    Returns [(port, status, code, run_id, t_sent, t_answered)]."""
    barrier = threading.Barrier(n + 1)
    results: list[tuple | None] = [None] * n
    path = f"/api/v1/projects/{slug}/sync"

    def worker(i: int) -> None:
        port = ports[i % len(ports)]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            conn.connect()
        except OSError as e:
            results[i] = (port, None, f"connect: {e}", None, 0.0, 0.0)
            try:
                barrier.wait(timeout=60)
            except threading.BrokenBarrierError:
                pass
            return
        try:
            barrier.wait(timeout=60)
        except threading.BrokenBarrierError:
            results[i] = (port, None, "barrier broken", None, 0.0, 0.0)
            conn.close()
            return
        t_sent = time.monotonic()
        try:
            conn.request("POST", path, body=b"", headers={"Content-Length": "0"})
            r = conn.getresponse()
            data = r.read()
            t_done = time.monotonic()
            code, run_id = None, None
            try:
                j = json.loads(data)
                code = (j.get("error") or {}).get("code") if isinstance(j, dict) else None
                run_id = j.get("run_id") if isinstance(j, dict) else None
            except ValueError:
                code = f"non-JSON body {data[:80]!r}"
            results[i] = (port, r.status, code, run_id, t_sent, t_done)
        except Exception as e:  # noqa: BLE001
            results[i] = (port, None, f"{type(e).__name__}: {e}", None, t_sent, time.monotonic())
        finally:
            conn.close()

    old = threading.stack_size(256 * 1024)
    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(n)]
    threading.stack_size(old)
    for t in threads:
        t.start()
    barrier.wait(timeout=120)
    for t in threads:
        t.join(timeout=90)
    return [r if r is not None else (None, None, "thread did not finish", None, 0.0, 0.0) for r in results]


def check_exactly_once(suite: Suite) -> None:
    root, files = suite.corpus("small", SMALL_DOCS)
    ports = [suite.a.port, suite.b.port]
    failures, evidence = [], []
    burst_times, sync_times = [], []
    for rnd in range(1, ROUNDS + 1):
        # A fresh project each round: its first sync reads every file, so it outlasts the burst.
        slug = create_project(ports[rnd % 2], f"Burst {rnd:02d}", root)
        marks = {s.name: s.log_mark() for s in (suite.a, suite.b)}
        before = len(list_runs(suite.a.port, slug))
        t0 = time.monotonic()
        results = burst_triggers(ports, slug, BURST)
        burst_s = max(r[5] for r in results) - min(r[4] for r in results if r[4])
        burst_times.append(burst_s)
        accepted = [r for r in results if r[1] == 202]
        refused = [r for r in results if r[1] == 409 and r[2] == "SYNC_IN_PROGRESS"]
        other = [r for r in results if not (r[1] == 202 or (r[1] == 409 and r[2] == "SYNC_IN_PROGRESS"))]
        try:
            project = wait_project(suite.b.port, slug, {"synced", "error"}, 120)
        except SuiteError as e:
            project = {"sync_status": f"not finished: {e}"}
        sync_times.append(time.monotonic() - t0)
        runs = list_runs(suite.a.port, slug)
        new_runs = len(runs) - before
        by_port = {p: sum(1 for r in accepted if r[0] == p) for p in ports}
        problems = []
        if len(accepted) != 1:
            problems.append(f"{len(accepted)} × 202 (on ports {by_port})")
            for r in runs:
                problems.append(f"run {r['run_id']} {r['status']} started {r['started_at']} "
                                f"finished {r['finished_at']} error={r['error']!r}")
            # Tell the two ways a second winner can appear apart. The first run finished on its own (synced)
            # before the second started: the burst outlasted the sync, a suite problem (raise SMALL_DOCS). The
            # first run was closed as 'interrupted' by the second trigger: a live run lost its lease during the
            # burst - its heartbeat did not land within stale-after - which is a service problem.
            ordered = sorted(runs, key=lambda r: r["started_at"])
            if len(ordered) >= 2:
                first, second = ordered[0], ordered[1]
                if first["status"] == "synced" and second["started_at"] >= (first["finished_at"] or ""):
                    problems.append("the first run had finished (synced) before the second started: the burst "
                                    "outlasted the sync (suite: raise SMALL_DOCS)")
                elif first["status"] == "error" and "interrupted" in (first["error"] or ""):
                    problems.append(f"the first run was still alive but lost its lease to a trigger of the same "
                                    f"burst: its heartbeat did not land within {STALE_S:g}s")
        if len(refused) != BURST - 1:
            problems.append(f"{len(refused)} × 409 SYNC_IN_PROGRESS")
        if other:
            kinds = {}
            for r in other:
                kinds[(r[1], r[2])] = kinds.get((r[1], r[2]), 0) + 1
            lat = sorted(r[5] - r[4] for r in other)
            lat_409 = sorted(r[5] - r[4] for r in refused) or [0.0]
            problems.append(f"other answers: {kinds}, answered after {lat[0]:.2f}..{lat[-1]:.2f}s (the 409s "
                            f"after {lat_409[0]:.2f}..{lat_409[-1]:.2f}s)")
            for s in (suite.a, suite.b):
                for line in log_lines(s.log_since(marks[s.name]), r"unavailable|Unexpected|ERROR", 2):
                    problems.append(f"{s.name} log: {line}")
        if new_runs != 1:
            problems.append(f"{new_runs} new run rows")
        if accepted and runs and runs[0]["run_id"] != accepted[0][3]:
            problems.append(f"newest run {runs[0]['run_id']} is not the accepted {accepted[0][3]}")
        if project.get("sync_status") != "synced":
            problems.append(f"project ended {project.get('sync_status')} ({project.get('sync_error')})")
        elif project.get("document_count") != len(files):
            problems.append(f"document_count {project.get('document_count')} != {len(files)}")
        if problems:
            failures.append(rnd)
            evidence.append(f"round {rnd} ({slug}): " + "; ".join(problems))
        log(f"  round {rnd}: {len(accepted)}×202 {len(refused)}×409 {len(other)} other, {new_runs} new run(s), "
            f"{project.get('sync_status')}, burst answered in {burst_s:.2f}s")
    detail = (f"{ROUNDS - len(failures)}/{ROUNDS} rounds exactly one 202 + {BURST - 1}×409 SYNC_IN_PROGRESS + one "
              f"run row + synced ({SMALL_DOCS} docs); burst answered in ≤{max(burst_times):.2f}s, "
              f"round ≤{max(sync_times):.1f}s")
    if failures:
        detail = f"rounds failing: {failures}; " + detail
    suite.record("1 exactly once across replicas", not failures, detail, evidence)


# --------------------------------------------------------------------------------------------------------------
# Check 2: the holder is killed (SIGKILL); the lease goes stale and B takes over
# --------------------------------------------------------------------------------------------------------------


def takeover_attempts(port: int, slug: str, timeout: float, interval: float = 0.25) -> tuple[Resp | None, list]:
    """Triggers on port until one is accepted. Returns (accepted response or None, [(t, status, code)])."""
    t0 = time.monotonic()
    attempts = []
    while time.monotonic() - t0 < timeout:
        r = trigger(port, slug, timeout=10)
        attempts.append((time.monotonic() - t0, r.status, r.code, r.seconds))
        if r.status == 202:
            return r, attempts
        time.sleep(interval)
    return None, attempts


def summarize_attempts(attempts: list) -> str:
    kinds = {}
    for _, status, code, _ in attempts:
        kinds[(status, code)] = kinds.get((status, code), 0) + 1
    return ", ".join(f"{n}×{s} {c or ''}".strip() for (s, c), n in kinds.items())


def check_killed_holder(suite: Suite) -> None:
    root, files = suite.corpus("large", LARGE_DOCS)
    slug = create_project(suite.a.port, "Killed holder", root)
    mark_b = suite.b.log_mark()
    run_a = trigger_ok(suite.a.port, slug)
    progress = wait_progress(suite.b.port, slug, run_a)
    suite.a.kill9()
    t_kill = time.monotonic()
    log(f"  killed A (pid {suite.a.pid()}) with run {run_a} at added={progress['added']}")
    accepted, attempts = takeover_attempts(suite.b.port, slug, STALE_S + 20)
    t_won = attempts[-1][0] if accepted else None
    problems, evidence = [], []
    early_wins = [a for a in attempts if a[1] == 202 and a[0] < STALE_S - HEARTBEAT_S - 1.0]
    not_409 = [a for a in attempts if a[1] not in (202, 409) or (a[1] == 409 and a[2] != "SYNC_IN_PROGRESS")]
    if accepted is None:
        problems.append(f"no takeover within {STALE_S + 20:.0f}s of the kill")
    elif early_wins:
        problems.append(f"takeover {t_won:.1f}s after the kill, before the lease could be stale")
    if not_409:
        problems.append(f"refusals other than 409 SYNC_IN_PROGRESS: {not_409[:3]}")
    evidence.append(f"triggers on B after the kill: {summarize_attempts(attempts)}; accepted at "
                    f"{t_won if t_won is None else round(t_won, 2)}s")
    docs_ok = False
    if accepted:
        run_b = accepted.json["run_id"]
        project = wait_project(suite.b.port, slug, {"synced", "error"}, 300)
        if project["sync_status"] != "synced":
            problems.append(f"takeover run ended {project['sync_status']}: {project['sync_error']}")
        if project["document_count"] != len(files):
            problems.append(f"document_count {project['document_count']} != {len(files)} files")
        docs = all_documents(suite.b.port, slug)
        pairs = [(d["doc_id"], d["title"]) for d in docs]
        dupes = len(pairs) - len(set(pairs))
        missing = set(files.values()) - set(pairs)
        extra = set(pairs) - set(files.values())
        if dupes or missing or extra or len(docs) != len(files):
            problems.append(f"listing: {len(docs)} items, {dupes} duplicated, {len(missing)} missing, "
                            f"{len(extra)} unexpected")
        else:
            docs_ok = True
        dead = get_run(suite.b.port, slug, run_a)
        if dead["status"] != "error":
            problems.append(f"killed run {run_a} is {dead['status']}, not error")
        evidence.append(f"killed run: status={dead['status']} error={dead['error']!r} added={dead['added']}")
        won = get_run(suite.b.port, slug, run_b)
        evidence.append(f"takeover run: status={won['status']} added={won['added']} updated={won['updated']} "
                        f"skipped={won['skipped']} errors={won['errors']}")
    evidence += log_lines(suite.b.log_since(mark_b), r"interrupted|stale|ERROR")
    log("  restarting A")
    suite.a.start()
    suite.a.wait_ready(180)
    detail = (f"SIGKILL at added={progress['added']}; B: {summarize_attempts(attempts)}, won "
              f"{'never' if t_won is None else f'{t_won:.1f}s'} after kill (stale {STALE_S:g}s); "
              f"{len(files)} docs each listed once: {docs_ok}; dead run error")
    suite.record("2 killed holder (SIGKILL) taken over", not problems,
                 ("; ".join(problems) + " | " + detail) if problems else detail, evidence)


# --------------------------------------------------------------------------------------------------------------
# Check 3: a frozen holder (SIGSTOP) - fencing once it wakes up, and a freeze inside a batch transaction
# --------------------------------------------------------------------------------------------------------------


def backends_in_transaction(suite: Suite, service: Service) -> list[list[str]]:
    ports = service.db_client_ports(suite.pg.port)
    if not ports:
        return []
    rows = suite.pg.sql(
        "SELECT pid, client_port, state, coalesce(wait_event_type,''), left(regexp_replace(query, '\\s+', ' ', 'g'),"
        " 90) FROM pg_stat_activity WHERE datname = current_database() AND xact_start IS NOT NULL "
        f"AND client_port IN ({','.join(str(p) for p in ports)})")
    return rows


def pg_activity(suite: Suite) -> list[str]:
    rows = suite.pg.sql(
        "SELECT pid, client_port, state, coalesce(wait_event_type,'') || ':' || coalesce(wait_event,''), "
        "pg_blocking_pids(pid)::text, round(extract(epoch FROM clock_timestamp() - xact_start)::numeric, 1), "
        "left(regexp_replace(query, '\\s+', ' ', 'g'), 100) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'")
    return ["pg: pid={} port={} state={} wait={} blocked_by={} xact_age={}s query={}".format(*r) for r in rows]


def freeze_holder(suite: Suite, inside_transaction: bool, attempts: int = 60) -> tuple[bool, list]:
    """SIGSTOPs A until it is frozen where wanted: inside a batch transaction (it then holds the project row
    lock) or outside one. Returns (caught as wanted, its open transactions)."""
    for _ in range(attempts):
        suite.a.signal(signal.SIGSTOP)
        time.sleep(0.3)  # let a statement already sent finish on the server side
        open_tx = backends_in_transaction(suite, suite.a)
        if bool(open_tx) == inside_transaction:
            return True, open_tx
        suite.a.signal(signal.SIGCONT)
        time.sleep(random.uniform(0.02, 0.25))
    suite.a.signal(signal.SIGSTOP)
    return False, backends_in_transaction(suite, suite.a)


def snapshot(suite: Suite, slug: str, run_a: str) -> dict:
    p = get_project(suite.b.port, slug)
    dead = get_run(suite.b.port, slug, run_a)
    return {
        "sync_status": p["sync_status"], "last_synced_at": p["last_synced_at"], "sync_error": p["sync_error"],
        "last_run": (p.get("last_sync") or {}).get("run_id"), "document_count": p["document_count"],
        "draft_docs": doc_total(suite.b.port, slug, "&status=Draft"),
        "ready_docs": doc_total(suite.b.port, slug, "&status=Ready"),
        "run_a": (dead["status"], dead["error"], dead["added"], dead["updated"], dead["finished_at"]),
        "rows_by_run_a": int(suite.pg.sql(
            f"SELECT count(*) FROM document WHERE last_run_id = '{run_a}'")[0][0]),
        "max_synced_at": suite.pg.sql(
            f"SELECT max(d.synced_at) FROM document d JOIN project p ON p.id = d.project_id "
            f"WHERE p.slug = '{slug}'")[0][0],
    }


def check_zombie_fencing(suite: Suite) -> None:
    root = suite.corpora / "zombie"
    root.mkdir()
    files = write_story_corpus(root, LARGE_DOCS, "zombie", status="Draft")
    time.sleep(2.2)
    slug = create_project(suite.a.port, "Zombie fencing", root)
    mark_a = suite.a.log_mark()
    run_a = trigger_ok(suite.a.port, slug)
    wait_progress(suite.b.port, slug, run_a)
    caught, open_tx = freeze_holder(suite, inside_transaction=False)
    t_stop = time.monotonic()
    progress = get_run(suite.b.port, slug, run_a)
    log(f"  froze A between batches: {caught} (run {run_a}, added={progress['added']})")
    problems, evidence = [], []
    if not caught:
        evidence.append(f"could not freeze A outside a transaction; open: {open_tx}")
    try:
        # Change every file while A sleeps: B's sync stores status Ready; a zombie write of what A had read
        # before the freeze would bring status Draft back, visible through the API.
        rewrite_status(root, files, "zombie", "Ready")
        time.sleep(max(0.0, STALE_S + 1.5 - (time.monotonic() - t_stop)))
        accepted, attempts = takeover_attempts(suite.b.port, slug, 15, 0.5)
        evidence.append(f"triggers on B {STALE_S + 1.5:g}s after the freeze: {summarize_attempts(attempts)}")
        if accepted is None:
            problems.append("B could not take over from the frozen holder")
            evidence += pg_activity(suite)
            raise SuiteError("no takeover")
        run_b = accepted.json["run_id"]
        project = wait_project(suite.b.port, slug, {"synced", "error"}, 300)
        if project["sync_status"] != "synced":
            problems.append(f"B's run ended {project['sync_status']}: {project['sync_error']}")
        before = snapshot(suite, slug, run_a)
        mark_a = suite.a.log_mark()
    finally:
        suite.a.signal(signal.SIGCONT)
    # Give the woken holder time to try: its heartbeat, its pending batch and its final write.
    try:
        wait_until(lambda: run_a in suite.a.log_since(mark_a), 20, 0.5, "A to log the end of its run")
    except SuiteError:
        evidence.append("A logged nothing about its run within 20s of waking up")
    time.sleep(3)
    after = snapshot(suite, slug, run_a)
    changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
    if changed:
        problems.append(f"the woken holder changed: {changed}")
    if after["draft_docs"] != 0 or after["ready_docs"] != len(files):
        problems.append(f"status Draft on {after['draft_docs']} docs / Ready on {after['ready_docs']} "
                        f"(want 0 / {len(files)})")
    if after["document_count"] != len(files):
        problems.append(f"document_count {after['document_count']} != {len(files)}")
    if after["run_a"][0] != "error":
        problems.append(f"frozen run is {after['run_a'][0]}, not error")
    if after["last_run"] != run_b:
        problems.append(f"last_sync.run_id {after['last_run']} is not B's run {run_b}")
    evidence.append(f"snapshot before wake-up: {before}")
    evidence.append(f"snapshot after wake-up:  {after}")
    evidence += log_lines(suite.a.log_since(mark_a), re.escape(run_a) + "|lease")
    detail = (f"A frozen between batches at added={progress['added']}; B's trigger {STALE_S + 1.5:g}s later won; "
              f"after SIGCONT A wrote nothing: project row and document_count={after['document_count']} unchanged, "
              f"{after['draft_docs']} stale (Draft) docs, {after['rows_by_run_a']} rows by A's run; A's run "
              f"{after['run_a'][0]}")
    suite.record("3a zombie fencing (SIGSTOP between batches)", not problems,
                 ("; ".join(problems) + " | " + detail) if problems else detail, evidence)


def check_zombie_in_transaction(suite: Suite) -> None:
    root, files = suite.corpus("large", LARGE_DOCS)
    slug = create_project(suite.a.port, "Zombie in transaction", root)
    run_a = trigger_ok(suite.a.port, slug)
    wait_progress(suite.b.port, slug, run_a)
    caught, open_tx = freeze_holder(suite, inside_transaction=True)
    t_stop = time.monotonic()
    problems, evidence = [], []
    if not caught:
        suite.a.signal(signal.SIGCONT)
        wait_project(suite.b.port, slug, {"synced", "error"}, 300)
        suite.record("3b frozen holder inside a batch transaction", "SKIP",
                     "could not freeze A inside a batch transaction in 60 attempts")
        return
    evidence.append(f"A frozen inside a transaction: {open_tx}")
    result: dict = {}
    stuck_syncing_at = None
    try:
        time.sleep(max(0.0, STALE_S + 1.0 - (time.monotonic() - t_stop)))
        # One trigger with a generous client timeout, in the background, while we watch the project.
        bound = 12.0

        def one_trigger():
            result["resp"] = trigger(suite.b.port, slug, timeout=bound + 5)

        t = threading.Thread(target=one_trigger, daemon=True)
        t_trigger = time.monotonic()
        t.start()
        t.join(bound)
        waited = time.monotonic() - t_trigger
        project_now = get_project(suite.b.port, slug)
        heartbeat_age = time.monotonic() - t_stop
        # 'syncing' under B's new run is the takeover working; only A's frozen run may not still show as live
        if project_now["sync_status"] == "syncing" and (project_now.get("last_sync") or {}).get("run_id") == run_a:
            stuck_syncing_at = heartbeat_age
        if "resp" not in result:
            problems.append(f"B's trigger got no answer within {bound:g}s ({heartbeat_age:.0f}s after the freeze, "
                            f"stale after {STALE_S:g}s)")
        elif result["resp"].status != 202:
            problems.append(f"B's trigger answered {result['resp'].brief()}")
        if stuck_syncing_at:
            problems.append(f"project still shows 'syncing' {stuck_syncing_at:.0f}s after its holder froze "
                            f"(reaper every {REAPER_S:g}s, stale {STALE_S:g}s)")
        evidence += pg_activity(suite)
    finally:
        suite.a.signal(signal.SIGCONT)
    t.join(30)
    evidence.append(f"after SIGCONT: B's trigger -> "
                    + (f"{result['resp'].brief()} after {result['resp'].seconds:.1f}s" if "resp" in result
                       else "still open"))
    project = wait_project(suite.b.port, slug, {"synced", "error"}, 300)
    if project["sync_status"] == "error":
        # If the takeover never happened, the woken holder may have finished; one more sync must complete.
        trigger_ok(suite.b.port, slug)
        project = wait_project(suite.b.port, slug, {"synced", "error"}, 300)
    if project["sync_status"] != "synced" or project["document_count"] != len(files):
        problems.append(f"afterwards: {project['sync_status']} with {project['document_count']} docs")
    dead = get_run(suite.b.port, slug, run_a)
    evidence.append(f"frozen run afterwards: status={dead['status']} error={dead['error']!r}")
    resp = result.get("resp")
    if resp is None:
        answer = "never answered"
    elif resp.seconds > bound:
        answer = f"answered {resp.status} only after A was resumed ({resp.seconds:.1f}s)"
    else:
        answer = f"answered {resp.status} in {resp.seconds:.1f}s"
    detail = (f"A frozen inside a batch transaction (holds the project row lock); B's trigger {answer}; after "
              f"SIGCONT: {project['sync_status']} with {project['document_count']}/{len(files)} docs")
    suite.record("3b frozen holder inside a batch transaction", not problems,
                 ("; ".join(problems) + " | " + detail) if problems else detail, evidence)


# --------------------------------------------------------------------------------------------------------------
# Check 4: database outage while idle, and during a sync
# --------------------------------------------------------------------------------------------------------------


def check_db_outage_idle(suite: Suite) -> None:
    root, _ = suite.corpus("small", SMALL_DOCS)
    slug = create_project(suite.a.port, "Outage idle", root)
    problems, evidence = [], []
    suite.pg.stop("fast")
    t_down = time.monotonic()
    latencies = []
    try:
        for rnd in range(3):  # more than once: the first call after the outage may take a different path
            for s in (suite.a, suite.b):
                calls = [
                    ("GET /api/v1/system/health", request(s.port, "GET", "/api/v1/system/health", timeout=20),
                     503, None),
                    ("GET /q/health/ready", request(s.port, "GET", "/q/health/ready", timeout=20), 503, None),
                    ("GET /q/health/live", request(s.port, "GET", "/q/health/live", timeout=20), 200, None),
                    ("GET /api/v1/projects", request(s.port, "GET", "/api/v1/projects", timeout=20), 503,
                     "SERVICE_UNAVAILABLE"),
                    (f"GET /api/v1/projects/{slug}", request(s.port, "GET", f"/api/v1/projects/{slug}", timeout=20),
                     503, "SERVICE_UNAVAILABLE"),
                    (f"POST /api/v1/projects/{slug}/sync", trigger(s.port, slug, timeout=20), 503,
                     "SERVICE_UNAVAILABLE"),
                ]
                for what, r, want, code in calls:
                    latencies.append(r.seconds)
                    bad = []
                    if r.status != want:
                        bad.append(f"status {r.status}")
                    if code and r.code != code:
                        bad.append(f"code {r.code}")
                    if r.seconds > 5:
                        bad.append(f"took {r.seconds:.1f}s")
                    j = r.json or {}
                    if what.endswith("system/health") and j.get("status") != "unhealthy":
                        bad.append(f"status field {j.get('status')!r}")
                    if what.endswith("/ready") and j.get("status") != "DOWN":
                        bad.append(f"status field {j.get('status')!r}")
                    if what.endswith("/live") and j.get("status") != "UP":
                        bad.append(f"status field {j.get('status')!r}")
                    if bad:
                        problems.append(f"{s.name} round {rnd + 1} {what}: {', '.join(bad)}")
                        evidence.append(f"{s.name} {what} -> {r.brief()}")
    finally:
        suite.pg.start()
    t_up = time.monotonic()
    ready_after = {}
    for s in (suite.a, suite.b):
        try:
            wait_until(s.ready, 60, 0.25, f"{s.name} ready")
            ready_after[s.name] = time.monotonic() - t_up
        except SuiteError as e:
            problems.append(f"{s.name} not ready within 60s of PostgreSQL's return")
            evidence.append(str(e))
    for s in (suite.a, suite.b):
        r = request(s.port, "GET", "/api/v1/projects")
        if r.status != 200:
            problems.append(f"{s.name} GET /api/v1/projects after recovery: {r.brief()}")
    detail = (f"down {t_up - t_down:.1f}s: health 503 unhealthy, ready 503 DOWN, live 200 UP, API 503 "
              f"SERVICE_UNAVAILABLE; max answer {max(latencies):.2f}s (bound 5s); ready again after "
              + ", ".join(f"{k} {v:.1f}s" for k, v in ready_after.items()) + " without restart")
    suite.record("4a database outage while idle", not problems,
                 ("; ".join(problems[:4]) + " | " + detail) if problems else detail, evidence)


def check_db_outage_during_sync(suite: Suite) -> None:
    root, files = suite.corpus("large", LARGE_DOCS)
    slug = create_project(suite.a.port, "Outage during sync", root)
    mark_a = suite.a.log_mark()
    run_a = trigger_ok(suite.a.port, slug)
    progress = wait_progress(suite.b.port, slug, run_a)
    problems, evidence = [], []
    suite.pg.stop("fast")
    try:
        time.sleep(3)
    finally:
        suite.pg.start()
    t_up = time.monotonic()
    for s in (suite.a, suite.b):
        wait_until(s.ready, 60, 0.25, f"{s.name} ready after the outage")
    bound = STALE_S + REAPER_S + 15
    try:
        project = wait_project(suite.b.port, slug, {"synced", "error"}, bound)
        ended = time.monotonic() - t_up
    except SuiteError:
        project = get_project(suite.b.port, slug)
        ended = None
        problems.append(f"still {project['sync_status']} {bound:.0f}s after PostgreSQL came back")
    interrupted = get_run(suite.b.port, slug, run_a)
    evidence.append(f"interrupted run: status={interrupted['status']} error={interrupted['error']!r} "
                    f"added={interrupted['added']}; project: {project['sync_status']} {project['sync_error']!r}")
    if ended is not None and project["sync_status"] != "error":
        # 'synced' would mean the run survived the outage: fine only if it really read everything.
        if project["document_count"] != len(files):
            problems.append(f"ended {project['sync_status']} with {project['document_count']} docs")
    if interrupted["status"] == "syncing":
        problems.append("the interrupted run still shows syncing")
    evidence += log_lines(suite.a.log_since(mark_a), re.escape(run_a) + "|database")
    final = None
    if not problems:
        trigger_ok(suite.b.port, slug)
        final = wait_project(suite.b.port, slug, {"synced", "error"}, 300)
        if final["sync_status"] != "synced" or final["document_count"] != len(files):
            problems.append(f"the next sync ended {final['sync_status']} with {final['document_count']} docs "
                            f"({final['sync_error']})")
    detail = (f"PG stopped 3s at added={progress['added']}; run ended {interrupted['status']} "
              f"{'never' if ended is None else f'{ended:.1f}s'} after PG returned ({interrupted['error']!r}); next "
              f"sync {final['sync_status'] if final else '-'} with "
              f"{final['document_count'] if final else '-'}/{len(files)} docs")
    suite.record("4b database outage during a sync", not problems,
                 ("; ".join(problems) + " | " + detail) if problems else detail, evidence)


# --------------------------------------------------------------------------------------------------------------
# Check 5: hostile HTTP input
# --------------------------------------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    send: object  # callable(port) -> Resp
    want: set  # acceptable statuses (from the contract)
    code: str | None = None  # expected error.code for 4xx/5xx
    survive_only: bool = False  # "whatever the server answers": only no 500 and the service survives
    actual: Resp | None = None
    problem: str | None = None


def hostile_cases(suite: Suite, slug: str, valid_path: Path) -> list[Case]:
    P = "/api/v1/projects"
    J = {"Content-Type": "application/json"}
    vp = str(valid_path)
    outside_link = suite.corpora / "link-to-etc"
    if not outside_link.exists():
        outside_link.symlink_to("/etc")
    a_file = next(p for p in sorted((valid_path / "stories").rglob("*.md")) if p.is_file())
    counter = iter(range(10_000))

    def post(body: bytes | str, headers=None):
        h = dict(J) if headers is None else headers
        return lambda port: request(port, "POST", P, body.encode() if isinstance(body, str) else body, h)

    def create(obj):
        return lambda port: request(port, "POST", P, json.dumps(obj).encode(), J)

    def get(path, headers=None):
        return lambda port: request(port, "GET", path, headers=headers)

    def raw(method, target, headers=None, body=b""):
        return lambda port: raw_request(port, method, target, headers, body)

    def uniq(prefix: str) -> str:
        return f"{prefix} {next(counter)} {random.randint(0, 1 << 30)}"

    def chunked_upload(total: int):
        def send(port):
            head = (f"POST {P} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
                    f"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").encode()
            # Valid JSON once complete, so a 422 "Malformed JSON" can only mean the body was cut at the limit.
            parts = [b'{"name": "'] + [b"x" * 65536] * (total // 65536) + [b'", "sdlc_path": "/x"}']

            def chunks():
                for part in parts:
                    yield f"{len(part):x}\r\n".encode() + part + b"\r\n"
                yield b"0\r\n\r\n"

            return raw_exchange(port, head, chunks(), method="POST", timeout=30)
        return send

    def big_body(size: int):
        def send(port):
            body = b'{"name": "' + b"x" * size + b'", "sdlc_path": "/x"}'
            head = (f"POST {P} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
            return raw_exchange(port, head, [body[i:i + 65536] for i in range(0, len(body), 65536)],
                                method="POST", timeout=30)
        return send

    sql = "' OR '1'='1'; DROP TABLE project; --"
    sq = q(sql)
    V, NF, PNF, NA, UM, MNA = "VALIDATION_ERROR", "NOT_FOUND", "PATH_NOT_FOUND", "NOT_ACCEPTABLE", \
        "UNSUPPORTED_MEDIA_TYPE", "METHOD_NOT_ALLOWED"
    cases = [
        # -- malformed / truncated JSON --------------------------------------------------------------------
        Case("truncated JSON '{'", post("{"), {422}, V),
        Case("truncated JSON mid-value", post('{"name": "x", "sdlc_path": '), {422}, V),
        Case("not JSON at all", post("name=x&sdlc_path=y"), {422}, V),
        Case("empty body with JSON content type", post(""), {422}, V),
        Case("JSON null", post("null"), {422}, V),
        Case("JSON array", post('[{"name": "x"}]'), {422}, V),
        Case("JSON string", post('"hello"'), {422}, V),
        Case("JSON number", post("42"), {422}, V),
        Case("trailing garbage after object", post('{"name": "x", "sdlc_path": "/x"} trailing'), {422}, V),
        Case("invalid UTF-8 inside a JSON string", post(b'{"name": "\xff\xfe", "sdlc_path": "/x"}'), {422}, V),
        Case("10,000 nested arrays", post("[" * 10000 + "]" * 10000), {422}, V),
        Case("number 1e999999 as name", post('{"name": 1e999999, "sdlc_path": "/x"}'), {422}, V),
        # -- wrong JSON types -------------------------------------------------------------------------------
        Case('{"name":123}', create({"name": 123, "sdlc_path": vp}), {422}, V),
        Case('{"name":true}', create({"name": True, "sdlc_path": vp}), {422}, V),
        Case('{"name":["a"]}', create({"name": ["a"], "sdlc_path": vp}), {422}, V),
        Case('{"name":{"a":1}}', create({"name": {"a": 1}, "sdlc_path": vp}), {422}, V),
        Case('{"name":null}', create({"name": None, "sdlc_path": vp}), {422}, V),
        Case('{"sdlc_path":123}', create({"name": uniq("types"), "sdlc_path": 123}), {422}, V),
        Case('{"sdlc_path":["/x"]}', create({"name": uniq("types"), "sdlc_path": [vp]}), {422}, V),
        Case('source_type "git"', create({"name": uniq("src"), "sdlc_path": vp, "source_type": "git"}), {422}, V),
        Case('source_type 7', create({"name": uniq("src"), "sdlc_path": vp, "source_type": 7}), {422}, V),
        Case("duplicate keys", post('{"name": "dup a", "name": "dup b", "sdlc_path": "%s"}' % vp), {422}, V),
        Case("missing sdlc_path", create({"name": uniq("nopath")}), {422}, V),
        Case("unknown field is ignored", create({"name": uniq("unknown field"), "sdlc_path": vp, "zz": 1}), {201}),
        # -- names: unicode, control characters, length ------------------------------------------------------
        Case("name with NUL (\\u0000)", create({"name": "nul\u0000name", "sdlc_path": vp}), {422}, V),
        Case("name with RLO (\\u202e)", create({"name": uniq("rlo \u202e txt.exe"), "sdlc_path": vp}), {201}),
        Case("name with emoji and text", create({"name": uniq("rocket 🚀"), "sdlc_path": vp}), {201}),
        Case("name only emoji (empty slug)", create({"name": "🚀🛰️", "sdlc_path": vp}), {422}, V),
        Case("name with newline and tab", create({"name": uniq("line\nbreak\ttab"), "sdlc_path": vp}), {201}),
        Case("name 10,000 characters", create({"name": "n" * 10000, "sdlc_path": vp}), {422}, V),
        Case("name of spaces only", create({"name": "   \t ", "sdlc_path": vp}), {422}, V),
        # -- path traversal and path rules -------------------------------------------------------------------
        Case("sdlc_path /tmp/../etc", create({"name": uniq("trav"), "sdlc_path": "/tmp/../etc"}), {400}, PNF),
        Case("sdlc_path root/../../etc", create({"name": uniq("trav"), "sdlc_path": f"{suite.corpora}/../../etc"}),
             {400}, PNF),
        Case("sdlc_path symlink in root -> /etc", create({"name": uniq("trav"), "sdlc_path": str(outside_link)}),
             {400}, PNF),
        Case("sdlc_path relative 'etc'", create({"name": uniq("trav"), "sdlc_path": "etc"}), {400}, PNF),
        Case("sdlc_path missing folder", create({"name": uniq("trav"), "sdlc_path": f"{suite.corpora}/nope"}),
             {400}, PNF),
        Case("sdlc_path is a file", create({"name": uniq("trav"), "sdlc_path": str(a_file)}), {400}, PNF),
        Case("sdlc_path with NUL", create({"name": uniq("trav"), "sdlc_path": vp + "\u0000/x"}), {422}, V),
        Case("PUT sdlc_path outside roots", lambda port: request(port, "PUT", f"{P}/{slug}",
             json.dumps({"sdlc_path": "/etc"}).encode(), J), {400}, PNF),
        Case("PUT empty object", lambda port: request(port, "PUT", f"{P}/{slug}", b"{}", J), {422}, V),
        Case("GET ..%2f..%2fetc/documents", raw("GET", f"{P}/..%2f..%2fetc/documents"), {404}, NF),
        Case("GET %2e%2e/%2e%2e/etc/passwd", raw("GET", f"{P}/%2e%2e/%2e%2e/etc/passwd"), {404}, NF),
        Case("GET document ..%2f..%2f..%2fetc%2fpasswd",
             raw("GET", f"{P}/{slug}/documents/story/..%2f..%2f..%2fetc%2fpasswd"), {404}, NF),
        # -- SQL-looking text in every parameter --------------------------------------------------------------
        Case("SQL in slug (GET project)", get(f"{P}/{sq}"), {404}, NF),
        Case("SQL in slug (POST sync)", lambda port: trigger(port, sq), {404}, NF),
        Case("SQL in slug (documents)", get(f"{P}/{sq}/documents"), {404}, NF),
        Case("SQL in type filter", get(f"{P}/{slug}/documents?type={sq}"), {422}, V),
        Case("SQL in status filter", get(f"{P}/{slug}/documents?status={sq}"), {200}),
        # (the whole value percent-encoded: a raw ';' is a parameter separator for the HTTP layer)
        Case("SQL in sort", get(f"{P}/{slug}/documents?sort=" + q("title;" + sql)), {422}, V),
        Case("SQL in order", get(f"{P}/{slug}/documents?order=" + q("asc, " + sql)), {422}, V),
        Case("SQL in page", get(f"{P}/{slug}/documents?page=1{sq}"), {422}, V),
        Case("SQL in per_page", get(f"{P}/{slug}/documents?per_page=1{sq}"), {422}, V),
        Case("SQL in document type segment", get(f"{P}/{slug}/documents/{sq}/US0001"), {404}, NF),
        Case("SQL in doc_id segment", get(f"{P}/{slug}/documents/story/{sq}"), {404}, NF),
        Case("SQL in search q", get(f"/api/v1/search?q={sq}"), {200}),
        Case("tsquery operators in q", get("/api/v1/search?q=" + q("a & b | !c <-> d:* (e")), {200}),
        Case("SQL in search project", get(f"/api/v1/search?q=story&project={sq}"), {200}),
        Case("SQL in search type", get(f"/api/v1/search?q=story&type={sq}"), {422}, V),
        Case("SQL in sync-runs limit", get(f"{P}/{slug}/sync-runs?limit=5{sq}"), {422}, V),
        Case("SQL in run id", get(f"{P}/{slug}/sync-runs/{sq}"), {404}, NF),
        # -- NUL bytes in parameters (PostgreSQL text cannot hold U+0000) ---------------------------------------
        Case("NUL in slug", get(f"{P}/a%00b"), {404}, NF),
        Case("NUL in slug (POST sync)", lambda port: trigger(port, "a%00b"), {404}, NF),
        Case("NUL in status filter", get(f"{P}/{slug}/documents?status=a%00b"), {200, 422}),
        Case("NUL in doc_id segment", get(f"{P}/{slug}/documents/story/US0001%00"), {404}, NF),
        Case("NUL in search project", get("/api/v1/search?q=story&project=a%00b"), {200, 422}),
        Case("NUL in search q", get("/api/v1/search?q=a%00b"), {422}, V),
        # -- numbers at and past the edges -------------------------------------------------------------------
        Case("page=0", get(f"{P}/{slug}/documents?page=0"), {422}, V),
        Case("per_page=-1", get(f"{P}/{slug}/documents?per_page=-1"), {422}, V),
        Case("per_page=1000 (capped)", get(f"{P}/{slug}/documents?per_page=1000"), {200}),
        Case("per_page=99999999999 (1..∞, capped)", get(f"{P}/{slug}/documents?per_page=99999999999"), {200}),
        Case("page=2147483647", get(f"{P}/{slug}/documents?page=2147483647&per_page=100"), {200}),
        Case("limit=0", get(f"{P}/{slug}/sync-runs?limit=0"), {422}, V),
        Case("limit=1000 (capped)", get(f"{P}/{slug}/sync-runs?limit=1000"), {200}),
        Case("search per_page=51", get("/api/v1/search?q=story&per_page=51"), {422}, V),
        Case("search q of 501 characters", get("/api/v1/search?q=" + "a" * 501), {422}, V),
        Case("search without q", get("/api/v1/search"), {422}, V),
        # -- invalid UTF-8 in query strings -----------------------------------------------------------------
        Case("percent-encoded invalid UTF-8 in q (%ff%fe)", raw("GET", "/api/v1/search?q=%ff%fe"), {200, 422}, V),
        Case("raw bytes 0xff 0xfe in q", raw("GET", b"/api/v1/search?q=\xff\xfe"), {200, 400, 422}, V),
        Case("invalid UTF-8 in status (%c3%28)", raw("GET", f"{P}/{slug}/documents?status=%c3%28"), {200, 422}, V),
        Case("invalid UTF-8 in slug segment (%ff)", raw("GET", f"{P}/%ff%fe"), {404}, NF),
        # -- methods, media types, Accept, routes -----------------------------------------------------------
        Case("PATCH project", lambda port: request(port, "PATCH", f"{P}/{slug}", b"{}", J), {405}, MNA),
        Case("DELETE on the collection", lambda port: request(port, "DELETE", P), {405}, MNA),
        Case("PUT on the collection", lambda port: request(port, "PUT", P, b"{}", J), {405}, MNA),
        Case("TRACE on the collection", raw("TRACE", P), {405}, MNA),
        Case("GET on sync (POST only)", get(f"{P}/{slug}/sync"), {405}, MNA),
        Case("POST on documents", lambda port: request(port, "POST", f"{P}/{slug}/documents", b"{}", J), {405}, MNA),
        Case("DELETE on sync-runs", lambda port: request(port, "DELETE", f"{P}/{slug}/sync-runs"), {405}, MNA),
        Case("POST on search", lambda port: request(port, "POST", "/api/v1/search?q=x", b"{}", J), {405}, MNA),
        Case("DELETE on stats", lambda port: request(port, "DELETE", "/api/v1/stats"), {405}, MNA),
        Case("Content-Type text/plain", post('{"name": "x", "sdlc_path": "/x"}', {"Content-Type": "text/plain"}),
             {415}, UM),
        Case("Content-Type form", post("name=x&sdlc_path=%2Fx",
                                       {"Content-Type": "application/x-www-form-urlencoded"}), {415}, UM),
        Case("Content-Type multipart", post("--b\r\n\r\n--b--", {"Content-Type": "multipart/form-data; boundary=b"}),
             {415}, UM),
        Case("Accept: text/html", get(P, {"Accept": "text/html"}), {406}, NA),
        Case("Accept: application/xml on a project", get(f"{P}/{slug}", {"Accept": "application/xml"}), {406}, NA),
        Case("Accept: text/html, JSON at q=0.1", get(P, {"Accept": "text/html, application/json;q=0.1"}), {200}),
        Case("unknown route /api/v1/nope", get("/api/v1/nope"), {404}, NF),
        Case("unknown route /api/v2/projects", get("/api/v2/projects"), {404}, NF),
        Case("unknown project", get(f"{P}/no-such-project"), {404}, NF),
        Case("unknown run id (UUID)", get(f"{P}/{slug}/sync-runs/00000000-0000-0000-0000-000000000000"), {404}, NF),
        # -- sizes: bodies and headers -----------------------------------------------------------------------
        Case("2 MB body with Content-Length", big_body(2 * 1024 * 1024), {413}, "PAYLOAD_TOO_LARGE"),
        Case("2 MB chunked body, no Content-Length", chunked_upload(2 * 1024 * 1024), {413}, "PAYLOAD_TOO_LARGE"),
        Case("64 KB header", get(P, {"X-Big": "h" * 65536}), set(), survive_only=True),
        Case("200 headers", raw("GET", P, {f"X-H{i}": "v" for i in range(200)}), {200}, survive_only=True),
        Case("16 KB request line", raw("GET", f"{P}/{'a' * 16384}"), set(), survive_only=True),
        Case("Content-Length not a number", raw("POST", P, {"Content-Type": "application/json",
                                                            "Content-Length": "abc"}), set(), survive_only=True),
    ]
    return cases


def check_hostile_http(suite: Suite) -> None:
    root, _ = suite.corpus("small", SMALL_DOCS)
    slug = create_project(suite.a.port, "Hostile HTTP", root)
    trigger_ok(suite.a.port, slug)
    wait_project(suite.a.port, slug, {"synced", "error"}, 120)
    marks = {s.name: s.log_mark() for s in (suite.a, suite.b)}
    cases = hostile_cases(suite, slug, root)
    for i, case in enumerate(cases):
        port = (suite.a, suite.b)[i % 2].port  # both processes see hostile input
        r = case.send(port)
        case.actual = r
        if r.status is None:
            case.problem = f"no answer: {r.error}"
        elif r.status >= 500:
            case.problem = f"{r.status}"
        elif case.survive_only:
            pass
        elif r.status not in case.want:
            case.problem = f"status {r.status}, want {'/'.join(map(str, sorted(case.want)))}"
        if case.problem is None and r.status >= 400 and not case.survive_only:
            env = r.envelope_problem()
            if env:
                case.problem = env
            elif case.code and r.code != case.code and r.status in case.want:
                case.problem = f"code {r.code}, want {case.code}"
    # The service keeps serving.
    after = {s.name: request(s.port, "GET", "/api/v1/projects") for s in (suite.a, suite.b)}
    survived = all(r.status == 200 for r in after.values())
    bad = [c for c in cases if c.problem]
    evidence = [f"{'FAIL' if c.problem else 'ok  '} {c.name}: {c.actual.brief(160)}"
                + (f"  <- {c.problem}" if c.problem else "") for c in cases]
    for s in (suite.a, suite.b):
        evidence += [f"{s.name} log: {line}" for line in
                     log_lines(s.log_since(marks[s.name]), r"Unexpected failure|ERROR", 8)]
    survive_notes = "; ".join(f"{c.name} -> {c.actual.status}" for c in cases if c.survive_only)
    detail = (f"{len(cases) - len(bad)}/{len(cases)} cases as the contract says; 5xx: "
              f"{sum(1 for c in cases if c.actual.status and c.actual.status >= 500)}; "
              f"GET /projects afterwards: {', '.join(f'{k} {v.status}' for k, v in after.items())}; {survive_notes}")
    if bad:
        detail = "failing: " + "; ".join(f"{c.name} ({c.problem})" for c in bad) + " | " + detail
    suite.record("5 hostile HTTP input", not bad and survived, detail, evidence)


# --------------------------------------------------------------------------------------------------------------
# Check 6: hostile files through the real processes
# --------------------------------------------------------------------------------------------------------------


def distinct_words(n_bytes: int) -> tuple[str, list[str]]:
    """Text of about n_bytes made of distinct made-up words (letters only, so no stemming merges them)."""
    letters = "bcdfghjklmnpqrstvwxz"
    words, size, i = [], 0, 0
    while size < n_bytes:
        x, w = i, []
        for _ in range(6):
            w.append(letters[x % 20])
            x //= 20
        word = "q" + "".join(w) + "u"
        words.append(word)
        size += len(word) + 1
        i += 1
    return " ".join(words), words


def build_hostile_corpus(root: Path) -> dict:
    """Returns what the first run should find: {'valid': set of rel paths, 'bad': {rel: reason fragment}}."""
    def w(rel: str, data: bytes | str) -> None:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    valid, bad = set(), {}
    for i in range(1, 4):
        w(f"stories/US000{i}-normal.md", story_text("normal", i, "Done"))
        valid.add(f"stories/US000{i}-normal.md")
    w("PRD.md", "# Product\n\n**Status:** Draft\n\nThe product requirements.\n")
    valid.add("PRD.md")
    # Invalid UTF-8 and binary content.
    w("bugs/BG0001-bad-utf8.md", b"# Bad bytes \xff\xfe\xc3\x28\n\nbody\n")
    bad["bugs/BG0001-bad-utf8.md"] = "UTF-8"
    w("bugs/BG0002-binary.md", bytes(random.Random(7).randrange(256) for _ in range(4096)) + b"\x00\x00")
    bad["bugs/BG0002-binary.md"] = ""  # invalid UTF-8 or NUL: either reason is right
    # Symbolic links: to a file outside the root, a loop, a link to a folder above, a dangling one.
    (root / "links").mkdir()
    os.symlink("/etc/hostname", root / "links" / "US0100-outside.md")
    os.symlink(root / "links" / "loop-b.md", root / "links" / "loop-a.md")
    os.symlink(root / "links" / "loop-a.md", root / "links" / "loop-b.md")
    os.symlink("..", root / "links" / "up")
    os.symlink("/nonexistent/US0101.md", root / "links" / "US0101-dangling.md")
    # 50 levels deep.
    deep = "/".join(f"d{i:02d}" for i in range(1, 51))
    w(f"stories/{deep}/US0200-deep.md", story_text("deep", 200, "Ready"))
    valid.add(f"stories/{deep}/US0200-deep.md")
    # 10,000 files in one folder.
    many = root / "many"
    many.mkdir()
    for i in range(10_000):
        (many / f"note-{i:05d}.md").write_text(f"# Note {i:05d}\n\nA note in a crowded folder.\n")
        valid.add(f"many/note-{i:05d}.md")
    # Awkward names.
    for name in ("notes/my file #1 ü 🚀.md", "notes/ spaced  name .md", "notes/percent%20and?query.md",
                 "notes/Ωmega—dash.md"):
        w(name, f"# {Path(name).stem}\n\nAwkward name.\n")
        valid.add(name)
    # Empty file.
    w("stories/US0300-empty.md", b"")
    valid.add("stories/US0300-empty.md")
    # The same doc_id in two folders.
    w("epics/EP0001-dup.md", "# Dup short\n\n> **Status:** Draft\n\nShort path wins.\n")
    w("epics/archive/EP0001-dup.md", "# Dup long\n\n> **Status:** Done\n\nLonger path.\n")
    valid |= {"epics/EP0001-dup.md", "epics/archive/EP0001-dup.md"}
    # A folder that a later run finds replaced by a file, and one replaced by a same-named .md file.
    w("swap/US0500-in-folder.md", story_text("swap", 500, "Draft"))
    w("swap2.md/US0501-in-folder.md", story_text("swap", 501, "Draft"))
    valid |= {"swap/US0500-in-folder.md", "swap2.md/US0501-in-folder.md"}
    # A valid document that a later run finds corrupted (its stored copy must be kept).
    w("stories/US0600-later-bad.md", story_text("later", 600, "Ready"))
    valid.add("stories/US0600-later-bad.md")
    # A document that a later run finds deleted.
    w("stories/US0700-later-gone.md", story_text("gone", 700, "Ready"))
    valid.add("stories/US0700-later-gone.md")
    # 5 MB of distinct words (under the 6 MB limit) and a 7 MB file (over it).
    text, words = distinct_words(5 * 1024 * 1024)
    w("other/big-words.md", "# Big words\n\n" + text + "\n")
    valid.add("other/big-words.md")
    w("other/too-big.md", "# Too big\n\n" + "x" * (7 * 1024 * 1024) + "\n")
    bad["other/too-big.md"] = "too large"
    # Skipped places: hidden and tool folders, _index.md, other extensions.
    w(".hidden/US0800-hidden.md", "# hidden\n")
    w("node_modules/US0801-module.md", "# module\n")
    w("stories/_index.md", "# index\n")
    w("stories/US0802-upper.MD", "# upper case extension\n")
    return {"valid": valid, "bad": bad, "words": words}


def check_hostile_files(suite: Suite) -> None:
    root = suite.corpora / "hostile"
    root.mkdir()
    t_build = time.monotonic()
    expect = build_hostile_corpus(root)
    log(f"  hostile corpus built in {time.monotonic() - t_build:.1f}s")
    as_root = suite.a.user is None
    unreadable_rel = "stories/US0400-unreadable.md"
    (root / unreadable_rel).write_text(story_text("unreadable", 400, "Draft"))
    os.chmod(root / unreadable_rel, 0o000)
    if not as_root:
        expect["bad"][unreadable_rel] = "permission"
    else:
        expect["valid"].add(unreadable_rel)  # root reads it anyway
    time.sleep(2.1)
    slug = create_project(suite.a.port, "Hostile files", root)
    marks = {s.name: s.log_mark() for s in (suite.a, suite.b)}

    # -- first run ------------------------------------------------------------------------------------------
    t0 = time.monotonic()
    run1 = trigger_ok(suite.a.port, slug)
    problems, evidence = [], []
    try:
        project = wait_project(suite.b.port, slug, {"synced", "error"}, 180)
    except SuiteError as e:
        suite.record("6a hostile corpus: first run", False, f"run did not end: {e}")
        return
    took = time.monotonic() - t0
    run = get_run(suite.b.port, slug, run1)
    reasons = {e["file_path"]: e["reason"] for e in run["errors_detail"]}
    evidence.append(f"run 1: status={run['status']} completed={run['completed']} added={run['added']} "
                    f"errors={run['errors']} error={run['error']!r}")
    evidence += [f"  errors_detail: {p}: {r}" for p, r in reasons.items()]
    if run["status"] != "error" or not run["completed"]:
        problems.append(f"run ended {run['status']} completed={run['completed']} (want error, completed: "
                        f"per-file errors)")
    for rel, fragment in expect["bad"].items():
        if rel not in reasons:
            problems.append(f"{rel} not in errors_detail")
        elif fragment and fragment.lower() not in reasons[rel].lower():
            problems.append(f"{rel}: reason {reasons[rel]!r} does not say {fragment!r}")
    unexpected_errors = set(reasons) - set(expect["bad"])
    if unexpected_errors:
        problems.append(f"unexpected per-file errors: {sorted(unexpected_errors)[:5]}")
    if run["errors"] != len(expect["bad"]):
        problems.append(f"errors={run['errors']}, want {len(expect['bad'])}")
    if project["document_count"] != len(expect["valid"]):
        problems.append(f"document_count {project['document_count']}, want {len(expect['valid'])}")
    docs = all_documents(suite.b.port, slug)
    by_type = {}
    for d in docs:
        by_type[d["type"]] = by_type.get(d["type"], 0) + 1
    evidence.append(f"documents by type: {by_type}")
    # Particular documents.
    checks = {
        "deep story": (f"/api/v1/projects/{slug}/documents/story/US0200-deep", 200),
        "unicode name": (f"/api/v1/projects/{slug}/documents/other/{q('my file #1 ü 🚀')}", 200),
        "spaced name": (f"/api/v1/projects/{slug}/documents/other/{q(' spaced  name ')}", 200),
        "empty file": (f"/api/v1/projects/{slug}/documents/story/US0300-empty", 200),
        "duplicate doc_id": (f"/api/v1/projects/{slug}/documents/epic/EP0001-dup", 200),
        "link outside (skipped)": (f"/api/v1/projects/{slug}/documents/story/US0100-outside", 404),
        "hidden folder (skipped)": (f"/api/v1/projects/{slug}/documents/story/US0800-hidden", 404),
    }
    for what, (path, want) in checks.items():
        r = request(suite.b.port, "GET", path)
        if r.status != want:
            problems.append(f"{what}: GET -> {r.brief(120)} (want {want})")
        elif what == "duplicate doc_id" and r.json.get("file_path") != "epics/EP0001-dup.md":
            problems.append(f"duplicate doc_id served {r.json.get('file_path')}, want the shortest path")
        elif what == "empty file" and r.json.get("title") != "US0300-empty":
            problems.append(f"empty file title {r.json.get('title')!r}")
    if by_type.get("epic") != 2:
        problems.append(f"{by_type.get('epic')} epics listed, want both EP0001-dup files")
    five_xx = []
    for s in (suite.a, suite.b):
        five_xx += log_lines(s.log_since(marks[s.name]), r"Unexpected failure|ERROR", 5)
    if five_xx:
        problems.append(f"errors in the service logs: {five_xx[:2]}")
        evidence += five_xx
    suite.record("6a hostile corpus: first run", not problems,
                 ("; ".join(problems) + " | " if problems else "")
                 + f"ended {run['status']} (completed, {run['errors']} per-file errors: "
                 + ", ".join(f"{Path(p).name}: {r}" for p, r in reasons.items())
                 + f") in {took:.1f}s; {project['document_count']} docs = every valid file (10k-file folder, "
                 f"50-deep, unicode/space/# names, empty, duplicate doc_id); links/loops skipped", evidence)

    # -- unreadable file ------------------------------------------------------------------------------------
    if as_root:
        suite.record("6b unreadable file (chmod 000)", "SKIP",
                     "services run as root, which reads a mode-000 file anyway (SERVICE_USER=root)")
    else:
        r = reasons.get(unreadable_rel)
        suite.record("6b unreadable file (chmod 000)", bool(r and "permission" in r.lower()),
                     f"services run as {suite.a.user}: {unreadable_rel} -> per-file error {r!r}, run completed")

    # -- the 5 MB document: stored whole, searchable ----------------------------------------------------------
    problems, evidence = [], []
    words = expect["words"]
    r = request(suite.b.port, "GET", f"/api/v1/projects/{slug}/documents/other/big-words", timeout=60)
    content_len = len(r.json.get("content", "")) if r.status == 200 else None
    want_len = len(" ".join(words))
    if content_len is None or content_len < want_len:
        problems.append(f"detail: {r.brief(100) if r.status != 200 else f'content {content_len} chars'}, "
                        f"want ≥ {want_len}")
    early, mid = words[100], words[len(words) // 2]
    hits = {}
    for label, word in (("early", early), ("late", mid)):
        s = request(suite.a.port, "GET", f"/api/v1/search?q={word}&project={slug}", timeout=30)
        hits[label] = (s.status, s.json.get("total") if s.status == 200 else None, round(s.seconds, 2))
    for label, word in (("early", early), ("late", mid)):
        if hits[label][:2] != (200, 1):
            problems.append(f"search for the {label} word {word!r} -> {hits[label]}")
    evidence.append(f"search early word {early!r}: {hits['early']}; word at 2.5 MB {mid!r}: {hits['late']} "
                    f"(every word is indexed, in chunks)")
    suite.record("6c 5 MB document stored and searchable", not problems,
                 ("; ".join(problems) + " | " if problems else "")
                 + f"content {content_len} chars served whole; word at char ~{100 * 9}: total={hits['early'][1]} "
                 f"in {hits['early'][2]}s; word at 2.5 MB: total={hits['late'][1]} in {hits['late'][2]}s", evidence)

    # -- the over-size file: a per-file error that says so -------------------------------------------------------
    r = reasons.get("other/too-big.md")
    suite.record("6d file over the size limit (7 MB > 6M)", bool(r and "too large" in r), f"errors_detail: "
                 f"other/too-big.md -> {r!r}; run {run['status']} completed={run['completed']}")

    # -- changes between runs ---------------------------------------------------------------------------------
    problems, evidence = [], []
    shutil.rmtree(root / "swap")
    (root / "swap").write_text("now a plain file\n")
    shutil.rmtree(root / "swap2.md")
    (root / "swap2.md").write_text("# Swap two\n\nNow a document file.\n")
    (root / "stories" / "US0600-later-bad.md").write_bytes(b"# Later bad \xff\xfe\n")
    (root / "stories" / "US0700-later-gone.md").unlink()
    expect2 = set(expect["valid"]) - {"swap/US0500-in-folder.md", "swap2.md/US0501-in-folder.md",
                                      "stories/US0700-later-gone.md"} | {"swap2.md"}
    # US0600 stays stored (its file is now bad, but exists).
    time.sleep(2.1)
    run2 = trigger_ok(suite.b.port, slug)
    project = wait_project(suite.a.port, slug, {"synced", "error"}, 180)
    run = get_run(suite.a.port, slug, run2)
    reasons2 = {e["file_path"]: e["reason"] for e in run["errors_detail"]}
    evidence.append(f"run 2: status={run['status']} completed={run['completed']} added={run['added']} "
                    f"updated={run['updated']} deleted={run['deleted']} skipped={run['skipped']} "
                    f"errors={run['errors']} error={run['error']!r}")
    evidence += [f"  errors_detail: {p}: {r}" for p, r in reasons2.items()]
    if project["document_count"] != len(expect2):
        problems.append(f"document_count {project['document_count']}, want {len(expect2)}")
    if run["deleted"] != 3:
        problems.append(f"deleted={run['deleted']}, want 3 (two in replaced folders, one removed file)")
    if "stories/US0600-later-bad.md" not in reasons2:
        problems.append("the corrupted file is not a per-file error")
    kept = request(suite.a.port, "GET", f"/api/v1/projects/{slug}/documents/story/US0600-later-bad")
    if kept.status != 200 or kept.json.get("title") != "later story 000600":
        problems.append(f"stored copy of the corrupted file not kept: {kept.brief(120)}")
    for gone in ("story/US0500-in-folder", "story/US0501-in-folder", "story/US0700-later-gone"):
        g = request(suite.a.port, "GET", f"/api/v1/projects/{slug}/documents/{gone}")
        if g.status != 404:
            problems.append(f"{gone} still served after its file went: {g.status}")
    sw = request(suite.a.port, "GET", f"/api/v1/projects/{slug}/documents/other/swap2")
    if sw.status != 200:
        problems.append(f"file swap2.md (was a folder) not stored: {sw.brief(120)}")
    suite.record("6e changes between runs", not problems,
                 ("; ".join(problems) + " | " if problems else "")
                 + f"folder→file: its docs deleted, new swap2.md stored; corrupted file kept its stored copy "
                 f"({reasons2.get('stories/US0600-later-bad.md')!r}); removed file deleted; run 2 "
                 f"{run['status']} deleted={run['deleted']} docs={project['document_count']}", evidence)


def check_vanishing_files(suite: Suite) -> None:
    """Files deleted after the walk listed them, before the run read them: per-file errors, nothing lost."""
    root = suite.corpora / "vanish"
    root.mkdir()
    n = max(4000, LARGE_DOCS * 2 // 3)
    files = write_story_corpus(root, n, "vanish")
    time.sleep(2.1)
    slug = create_project(suite.a.port, "Vanishing files", root)
    run_id = trigger_ok(suite.a.port, slug)
    wait_progress(suite.b.port, slug, run_id)
    # The walk is done once a batch committed; files are read in walk (name) order: delete from the end.
    ordered = sorted(files)
    victims = ordered[-max(200, n // 10):]
    for rel in victims:
        (root / rel).unlink()
    t_del = time.monotonic()
    project = wait_project(suite.b.port, slug, {"synced", "error"}, 300)
    run = get_run(suite.b.port, slug, run_id)
    problems, evidence = [], []
    reasons = {e["reason"] for e in run["errors_detail"]}
    evidence.append(f"run: status={run['status']} completed={run['completed']} added={run['added']} "
                    f"errors={run['errors']} error={run['error']!r} reasons={reasons}")
    if not run["completed"]:
        problems.append(f"run did not complete: {run['status']} {run['error']!r}")
    if reasons - {"vanished"}:
        problems.append(f"reasons other than 'vanished': {reasons}")
    if run["errors"] == 0 and run["status"] != "synced":
        problems.append(f"no per-file errors yet status {run['status']}")
    if run["errors"] > 0 and run["status"] != "error":
        problems.append(f"{run['errors']} per-file errors but status {run['status']}")
    on_disk = disk_md_files(root)
    stored = {(d["doc_id"], d["title"]) for d in all_documents(suite.b.port, slug)}
    want = {files[rel] for rel in on_disk}
    lost = want - stored
    if lost:
        problems.append(f"{len(lost)} documents that exist on disk are missing, e.g. {sorted(lost)[:2]}")
    # The next run reconciles: exactly the files on disk.
    trigger_ok(suite.b.port, slug)
    final = wait_project(suite.a.port, slug, {"synced", "error"}, 300)
    if final["sync_status"] != "synced" or final["document_count"] != len(on_disk):
        problems.append(f"next run: {final['sync_status']} with {final['document_count']} docs, want synced "
                        f"{len(on_disk)}")
    suite.record("6f files deleted during a sync", not problems,
                 ("; ".join(problems) + " | " if problems else "")
                 + f"deleted {len(victims)} of {n} files mid-run: run completed {run['status']} with "
                 f"{run['errors']} 'vanished' errors, every file still on disk stored; next run synced "
                 f"{final['document_count']} = disk", evidence)


def check_search_freshness(suite: Suite) -> None:
    """Search results are cached per replica, keyed by a database-wide document generation. A document must be
    searchable on every replica as soon as the sync that wrote it committed, and gone once it is deleted."""
    root = suite.corpora / "fresh"
    (root / "stories").mkdir(parents=True)
    (root / "stories" / "US0001-base.md").write_text(story_text("fresh", 1, "Draft"))
    marker = "zqxvfreshmarkerword"
    slug = create_project(suite.a.port, "Search freshness", root)
    trigger_ok(suite.a.port, slug)
    wait_project(suite.a.port, slug, {"synced", "error"}, 60)
    path = f"/api/v1/search?q={marker}"
    problems, seen = [], []

    def totals(label: str) -> dict:
        out = {}
        for s in (suite.a, suite.b):
            for _ in range(2):  # twice: the second answer may come from the cache
                r = request(s.port, "GET", path)
                out.setdefault(s.name, []).append(r.json.get("total") if r.status == 200 else r.status)
        seen.append(f"{label}: {out}")
        return out

    before = totals("before the document exists")
    if any(t != 0 for v in before.values() for t in v):
        problems.append(f"marker found before it exists: {before}")
    (root / "stories" / "US0002-marker.md").write_text(f"# Marker story\n\n> **Status:** Draft\n\n{marker} here.\n")
    trigger_ok(suite.b.port, slug)  # written by B, searched on both
    wait_project(suite.b.port, slug, {"synced", "error"}, 60)
    after = totals("after B's sync committed it")
    if any(t != 1 for v in after.values() for t in v):
        problems.append(f"not found on every replica right after the sync: {after}")
    r = request(suite.b.port, "DELETE", f"/api/v1/projects/{slug}")
    if r.status != 204:
        problems.append(f"DELETE project: {r.brief()}")
    gone = totals("after the project was deleted on B")
    if any(t != 0 for v in gone.values() for t in v):
        problems.append(f"still found after the project was deleted: {gone}")
    suite.record("8 search fresh on both replicas", not problems,
                 ("; ".join(problems) + " | " if problems else "")
                 + "marker word: 0 hits on A and B (each asked twice, so cached) -> 1 hit on both right after B's "
                 "sync -> 0 on both right after DELETE on B", seen)


def check_project_freshness(suite: Suite) -> None:
    """Project reads are held in memory per replica until a change notification. A replica's own writes must be
    visible to it at once, and the other replica's within a moment (the notification's trip), never later."""
    root = suite.corpora / "fresh-project"
    (root / "stories").mkdir(parents=True)
    (root / "stories" / "US0001-base.md").write_text(story_text("fresh-project", 1, "Draft"))
    slug = create_project(suite.a.port, "Project freshness", root)
    trigger_ok(suite.a.port, slug)
    wait_project(suite.a.port, slug, {"synced", "error"}, 60)
    problems, seen = [], []

    def get(server) -> dict:
        r = request(server.port, "GET", f"/api/v1/projects/{slug}")
        return r.json if r.status == 200 else {"status": r.status}

    def lag(server, ok, what: str) -> float | None:
        """Milliseconds until ok(project read on server) holds; None past 2 s."""
        t0 = time.monotonic()
        while time.monotonic() - t0 < 2.0:
            if ok(get(server)):
                return (time.monotonic() - t0) * 1000
            time.sleep(0.002)
        problems.append(f"{server.name} did not show {what} within 2 s")
        return None

    for server in (suite.a, suite.b):  # fill both caches
        get(server), get(server)
    r = request(suite.a.port, "PUT", f"/api/v1/projects/{slug}", {"name": "Renamed on A"})
    if r.status != 200:
        problems.append(f"PUT on A: {r.brief()}")
    own_rename = get(suite.a).get("name") == "Renamed on A"
    if not own_rename:
        problems.append("A's own rename not visible to A at once")
    rename_lag = lag(suite.b, lambda p: p.get("name") == "Renamed on A", "A's rename")
    seen.append(f"rename on A: visible on A at once: {own_rename}; on B after {rename_lag} ms")

    run_id = trigger_ok(suite.b.port, slug)
    own_trigger = (get(suite.b).get("last_sync") or {}).get("run_id") == run_id
    if not own_trigger:
        problems.append("B's own trigger not visible to B at once")
    trigger_lag = lag(suite.a, lambda p: (p.get("last_sync") or {}).get("run_id") == run_id, "B's new run")
    wait_project(suite.b.port, slug, {"synced", "error"}, 60)
    end_lag = lag(suite.a, lambda p: (p.get("last_sync") or {}).get("finished_at") is not None, "the run's end")
    seen.append(f"trigger on B: visible on B at once: {own_trigger}; on A after {trigger_lag} ms; "
                f"its end on A after {end_lag} ms of B's")

    r = request(suite.b.port, "DELETE", f"/api/v1/projects/{slug}")
    delete_lag = lag(suite.a, lambda p: p.get("status") == 404, "the deletion") if r.status == 204 else None
    seen.append(f"delete on B: 404 on A after {delete_lag} ms")
    fmt = lambda v: "?" if v is None else f"{v:.0f} ms"
    suite.record("9 project reads fresh on both replicas", not problems,
                 ("; ".join(problems) + " | " if problems else "")
                 + f"own writes visible at once on the writing replica; on the other replica after: rename "
                 f"{fmt(rename_lag)}, new run {fmt(trigger_lag)}, run end {fmt(end_lag)}, delete {fmt(delete_lag)}",
                 seen)


def check_logs(suite: Suite) -> None:
    found = []
    for s in (suite.a, suite.b):
        found += [f"{s.name}: {line}" for line in log_lines(s.log_since(0), r"Unexpected failure \(incident", 20)]
    suite.record("7 no unexpected failures (500) logged", not found,
                 f"{len(found)} 'Unexpected failure' entries in the service logs" + (
                     f", first: {found[0][:200]}" if found else ""), found)


# --------------------------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------------------------

CHECKS = [
    ("1", check_exactly_once),
    ("2", check_killed_holder),
    ("3a", check_zombie_fencing),
    ("3b", check_zombie_in_transaction),
    ("4a", check_db_outage_idle),
    ("4b", check_db_outage_during_sync),
    ("5", check_hostile_http),
    ("6a", check_hostile_files),  # records 6a-6e
    ("6f", check_vanishing_files),
    ("8", check_search_freshness),
    ("9", check_project_freshness),
    ("7", check_logs),  # last: it reads every log line the suite produced
]

NAMES = {
    "1": "1 exactly once across replicas", "2": "2 killed holder (SIGKILL) taken over",
    "3a": "3a zombie fencing (SIGSTOP between batches)", "3b": "3b frozen holder inside a batch transaction",
    "4a": "4a database outage while idle", "4b": "4b database outage during a sync", "5": "5 hostile HTTP input",
    "6a": "6a hostile files", "6f": "6f files deleted during a sync", "7": "7 no unexpected failures (500) logged",
    "8": "8 search fresh on both replicas", "9": "9 project reads fresh on both replicas",
}


def selected(check_id: str) -> bool:
    if not ONLY:
        return True
    return any(check_id.startswith(o) or o.startswith(check_id) for o in ONLY)


def print_table(rows: list[Row], total: float) -> None:
    w = max([len(r.name) for r in rows] + [5])
    print()
    print(f"{'check'.ljust(w)}  result  seconds  detail")
    print(f"{'-' * w}  ------  -------  {'-' * 60}")
    for r in rows:
        print(f"{r.name.ljust(w)}  {r.status.ljust(6)}  {r.seconds:7.1f}  {r.detail}")
    for r in rows:
        if r.evidence and (r.status == "FAIL" or r.name.startswith("5 ") or os.environ.get("VERBOSE") == "1"):
            print()
            print(f"--- {r.name} ({r.status}) ---")
            for line in r.evidence:
                print(f"  {line}")
    passed = sum(r.status == "PASS" for r in rows)
    failed = sum(r.status == "FAIL" for r in rows)
    skipped = sum(r.status == "SKIP" for r in rows)
    print()
    print(f"total time {total:.0f}s")
    print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))


def main() -> int:
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 65536)), hard))
    except (ValueError, OSError):
        pass
    if os.geteuid() != 0:
        print("run as root: PostgreSQL is started through runuser and the services as SERVICE_USER", file=sys.stderr)
        return 2

    def on_term(signum, frame):
        raise KeyboardInterrupt()

    # Ctrl-C, kill and a closed terminal all end in the same clean-up (SIGINT set explicitly: a shell starting
    # us in the background would otherwise leave it ignored).
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_term)
    suite = Suite()
    interrupted = False
    try:
        suite.start()
        for check_id, fn in CHECKS:
            if not selected(check_id):
                continue
            log(f"== check {check_id} ==")
            suite.restart_clock()
            n_before = len(suite.rows)
            try:
                suite.ensure_healthy()
                suite.restart_clock()
                fn(suite)
            except KeyboardInterrupt:
                raise
            except Exception as e:  # noqa: BLE001 - one broken check must not stop the others
                tb = traceback.format_exc().strip().splitlines()
                suite.record(NAMES.get(check_id, check_id), False, f"check aborted: {type(e).__name__}: {e}",
                             tb[-8:])
            if len(suite.rows) == n_before:
                suite.record(NAMES.get(check_id, check_id), False, "check recorded no result")
    except KeyboardInterrupt:
        interrupted = True
        log("interrupted: cleaning up")
    except SuiteError as e:
        suite.record("setup", False, str(e))
    finally:
        total = time.monotonic() - T0
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)  # a second Ctrl-C must not leave processes behind
        try:
            suite.cleanup()
        finally:
            print_table(suite.rows, total)
    failed = any(r.status == "FAIL" for r in suite.rows)
    return 130 if interrupted else (1 if failed else 0)


if __name__ == "__main__":
    sys.exit(main())
