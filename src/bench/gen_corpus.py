#!/usr/bin/env python3
"""Deterministic sdlc-studio corpus for the SDLC Lens sync benchmark.

Usage: gen_corpus.py --docs N --seed S --out DIR --copy-file FILE --markers FILE

Writes N documents (prd.md, trd.md, then epics, stories, plans, test specs, bugs, change requests, rfcs,
reviews, retros) into DIR in the sdlc-studio layout, each 1-8 KB of UTF-8 markdown with a front-matter
blockquote, headings, lists, tables and code fences. The prose draws words from a fixed list with a Zipf-like
distribution, so full-text search has very common and rare words; a few invented marker words go into a known
handful of documents (listed in --markers) so a later search benchmark has exact expected hit counts.

Alongside, it writes --copy-file: one row per document (file_path, sha256, title, body) in PostgreSQL COPY text
format, prepared now so the baseline times only the COPY itself. The body is the document minus its heading and
front matter, which is what the service stores and indexes.

Only the standard library is used; the same --docs and --seed give byte-identical files.
"""

import argparse
import bisect
import hashlib
import json
import os
import random

# --- vocabulary -------------------------------------------------------------------------------------------------

# Roughly frequency-ordered: the Zipf draw makes the first words very common and the tail rare.
WORDS = """
the of and to a in is that for it as with be on this by are or not from at which can we will an
system user data service should must when each project document sync file api request response
value time status story epic plan test error page list state change support new update field
query database record version path event report team release build process check result
configuration client server access token session cache index search filter sort order limit
message queue worker job task schedule retry timeout failure success log metric trace alert
view model form input output table column row key name type id format parse read write store
delete create validate handle return call load save open close start stop run deploy rollback
migrate schema backup restore monitor dashboard chart summary detail history audit permission role
account team owner priority points estimate scope risk issue blocker dependency milestone sprint
review approval feedback criteria scenario given then expected actual behaviour regression
performance latency throughput memory disk network connection pool thread lock transaction commit
consistency integrity duplicate missing invalid empty stale fresh current previous next first last
small large fast slow simple complex clear explicit implicit optional required default custom
internal external public private shared local remote manual automatic periodic single multiple
across between within without before after during while until since because although however
therefore otherwise instead also only still already often usually rarely never always sometimes
quickly safely correctly eventually carefully directly clearly fully partly mostly nearly exactly
operator developer maintainer reviewer tester customer administrator analyst designer stakeholder
browser mobile desktop terminal console endpoint webhook payload header cookie redirect upload
download export import archive compress encrypt decrypt sign verify hash checksum digest encode
decode render display highlight navigate select toggle expand collapse refresh reload paginate
notification email digest reminder invite onboarding signup login logout password reset recover
homelab cluster node container image volume mount network firewall proxy gateway balancer replica
primary secondary failover heartbeat lease fence reaper watcher listener observer publisher
subscriber producer consumer channel topic partition offset snapshot checkpoint journal ledger
invoice billing quota usage plan tier subscription trial upgrade downgrade cancel refund receipt
markdown heading paragraph bullet fence blockquote link anchor slug title body metadata frontmatter
parser lexer token grammar prefix suffix pattern regex match capture group literal escape
identifier reference parent child sibling ancestor descendant tree graph edge cycle orphan
coverage fixture mock stub harness suite case assertion flaky deterministic seed random sample
threshold budget target baseline benchmark profile hotspot bottleneck allocation collection pause
""".split()

# Invented words that appear nowhere else: (word, number of documents that contain it).
MARKERS = [("quokkalith", 1), ("zanthoperine", 3), ("fribblewock", 7), ("marmotaxis", 25)]
# A marker that only ever appears in one title (for title-ranking checks later).
TITLE_MARKER = "obsidianvelt"

OWNERS = ["Priya Nair", "Darren Hughes", "Zoë Müller", "José Álvarez", "Aiko Tanaka", "Liam O'Connor",
          "Fatima Zahra", "Sven Eriksson", "Grace Okafor", "Mateo Rossi", "Chen Wei", "Ingrid Holm"]
PERSONAS = ["operator", "developer", "team lead", "product owner", "administrator", "reviewer", "customer"]
PRIORITIES = ["Critical", "High", "Medium", "Low", "P1", "P2", "High - customer escalation"]
POINTS = ["1", "2", "3", "5", "8", "13", "TBD"]
LANGS = ["python", "java", "sql", "bash", "yaml", "json", "typescript"]

# Status spellings per type, including the messy ones real folders contain.
STATUSES = {
    "epic": ["Draft", "Ready", "Approved", "In Progress", "Done", "**Done**", "Done — shipped in v2"],
    "story": ["Proposed", "Draft", "Ready", "Planned", "In Progress", "in progress", "Review", "Blocked",
              "Done", "Done — implemented 2026-07-08", "Won't Implement", "Deferred", "Superseded"],
    "plan": ["Draft", "In Progress", "Complete", "Complete (81/88)", "Superseded"],
    "test-spec": ["Draft", "Ready", "In Progress", "Complete", "Superseded"],
    "bug": ["Open", "In Progress", "Fixed", "Verified", "Closed", "Won't Fix", "inbox"],
    "cr": ["Proposed", "Approved", "In Progress", "Complete", "Rejected", "Deferred", "Blocked", "inbox"],
    "rfc": ["Draft", "In Review", "Accepted", "Withdrawn", "inbox"],
    "review": ["Done", "Complete"],
    "retro": ["Done"],
}

# (folder, id prefix, type, share of the documents after prd and trd)
LAYOUT = [
    ("epics", "EP", "epic", 0.03),
    ("stories", "US", "story", 0.35),
    ("plans", "PL", "plan", 0.20),
    ("test-specs", "TS", "test-spec", 0.18),
    ("bugs", "BG", "bug", 0.14),
    ("change-requests", "CR", "cr", 0.06),
    ("rfcs", "RFC", "rfc", 0.02),
    ("reviews", "RV", "review", 0.01),
    ("retros", "RETRO", "retro", 0.01),
]

MIN_BYTES = 1024
MAX_BYTES = 8192


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        # Zipf-Mandelbrot cumulative weights over WORDS: "the" comes out near 5 %, as in English prose.
        total = 0.0
        self.cum = []
        for rank in range(len(WORDS)):
            total += 1.0 / (rank + 1 + 2.7)
            self.cum.append(total)
        self.total = total

    # Only rng.random() is used, so the output does not depend on Python's choice()/randint() internals.
    def pick(self, seq):
        return seq[int(self.rng.random() * len(seq))]

    def between(self, lo, hi):
        return lo + int(self.rng.random() * (hi - lo + 1))

    def chance(self, p):
        return self.rng.random() < p

    def word(self):
        return WORDS[min(len(WORDS) - 1, bisect.bisect_left(self.cum, self.rng.random() * self.total))]

    def content_word(self):
        # Skip the stop-word-ish head for titles.
        while True:
            w = self.word()
            if len(w) > 3:
                return w

    def words(self, n):
        return " ".join(self.word() for _ in range(n))

    def sentence(self):
        s = self.words(self.between(6, 18))
        if self.chance(0.15):
            s += ", " + self.words(self.between(3, 8))
        return s[0].upper() + s[1:] + "."

    def paragraph(self, max_bytes=None):
        out = []
        for _ in range(self.between(2, 6)):
            s = self.sentence()
            if max_bytes is not None and len(" ".join(out + [s]).encode()) > max_bytes:
                break
            out.append(s)
        return " ".join(out)

    def title(self):
        t = " ".join(self.content_word() for _ in range(self.between(2, 6)))
        return t[0].upper() + t[1:]


def slugify(title):
    return "-".join(title.lower().split())[:48].rstrip("-")


def body_sections(g, doc_type):
    """An endless supply of markdown sections fitting the document type."""
    heads = ["Context", "Summary", "Background", "Approach", "Details", "Notes", "Risks", "Rollout",
             "Out of Scope", "Open Questions", "Design", "Observations", "Decision", "Follow-ups"]
    while True:
        kind = g.rng.random()
        head = g.pick(heads)
        if doc_type == "story" and kind < 0.25:
            n = g.between(1, 4)
            acs = []
            for i in range(n):
                acs.append(f"### AC{i + 1}: {g.title()}\n\n- **Given** {g.words(g.between(5, 10))}\n"
                           f"- **When** {g.words(g.between(4, 9))}\n- **Then** {g.words(g.between(5, 12))}\n")
            yield "## Acceptance Criteria\n\n" + "\n".join(acs)
        elif doc_type == "test-spec" and kind < 0.25:
            rows = "\n".join(f"| TC{g.between(1, 99):02d} | {g.words(g.between(3, 7))} | "
                             f"{g.pick(['Pass', 'Fail', 'Pending', 'Blocked'])} |"
                             for _ in range(g.between(3, 8)))
            yield f"## Test Cases\n\n| id | scenario | result |\n|---|---|---|\n{rows}\n"
        elif kind < 0.50:
            yield f"## {head}\n\n{g.paragraph()}\n\n{g.paragraph()}\n"
        elif kind < 0.65:
            items = "\n".join(f"- {g.sentence()}" for _ in range(g.between(3, 7)))
            yield f"## {head}\n\n{items}\n"
        elif kind < 0.72:
            items = "\n".join(f"- [{g.pick([' ', 'x'])}] {g.sentence()}" for _ in range(g.between(2, 6)))
            yield f"## Tasks\n\n{items}\n"
        elif kind < 0.85:
            lang = g.pick(LANGS)
            lines = []
            for _ in range(g.between(3, 12)):
                indent = "    " * g.between(0, 2)
                lines.append(f"{indent}{g.content_word()}_{g.content_word()}({g.content_word()}, "
                             f"{g.between(0, 999)})  # {g.words(3)}")
            # A '# ' line inside a fence must not become the title: keep one in some fences.
            if g.chance(0.2):
                lines.insert(0, "# " + g.words(4))
            yield f"## Example\n\n```{lang}\n" + "\n".join(lines) + "\n```\n"
        elif kind < 0.92:
            yield f"### {g.title()}\n\n1. {g.sentence()}\n2. {g.sentence()}\n3. {g.sentence()}\n"
        else:
            # A blockquote after body text is body, not metadata.
            yield f"## {head}\n\n{g.paragraph()}\n\n> **Note:** {g.sentence()}\n"


def front_matter(fields, prd_style=False):
    lines = []
    for key, value in fields:
        if value is None:
            continue
        lines.append(f"**{key}:** {value}" if prd_style else f"> **{key}:** {value}")
    return "\n".join(lines) + "\n"


def build_document(g, doc_type, heading, fields, prd_style=False, extra_words=()):
    """Returns (full text, title, body) with the UTF-8 size between MIN_BYTES and MAX_BYTES."""
    target = MIN_BYTES + int((g.rng.random() ** 1.6) * (MAX_BYTES - MIN_BYTES))
    head = f"# {heading}\n\n" + front_matter(fields, prd_style) + "\n"
    parts = []
    size = len(head.encode())
    sections = body_sections(g, doc_type)
    pending_words = list(extra_words)
    while size < target:
        section = next(sections)
        if pending_words:  # all markers go into the first section, which always fits
            section = section.rstrip("\n") + f"\n\nSee also {' and '.join(pending_words)} for the background.\n"
            pending_words = []
        room = MAX_BYTES - size - 1
        if len(section.encode()) + 1 > room:
            # Fill what is left with a short paragraph instead of overshooting the 8 KB cap.
            filler = g.paragraph(max_bytes=room - 20) if room > 40 else ""
            if filler:
                parts.append("## Addendum\n\n" + filler + "\n")
            break
        parts.append(section)
        size += len(section.encode()) + 1
    body = "\n".join(parts)
    while len((head + body).encode()) < MIN_BYTES:  # rare short tail: pad with sentences
        body += "\n" + g.sentence() + "\n"
    return head + body, heading, body


def copy_escape(value):
    return (value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--copy-file", required=True)
    ap.add_argument("--markers", required=True)
    args = ap.parse_args()
    if args.docs < 12:
        raise SystemExit("gen_corpus: --docs must be at least 12")

    g = Gen(args.seed)
    remaining = args.docs - 2  # prd.md and trd.md
    counts = [int(share * remaining) for (_, _, _, share) in LAYOUT]
    counts = [max(1, c) for c in counts]
    counts[1] += remaining - sum(counts)  # stories absorb the rounding

    # Titles and file names first, so documents can link to each other with real relative paths.
    docs = {}  # type -> list of (ref, title, relative path)
    for (folder, prefix, doc_type, _), n in zip(LAYOUT, counts):
        width = max(4, len(str(n)))
        items = []
        for i in range(1, n + 1):
            ref = f"{prefix}{i:0{width}d}"
            title = g.title()
            items.append((ref, title, f"{folder}/{ref}-{slugify(title)}.md"))
        docs[doc_type] = items

    # Marker words go into a fixed, seed-chosen set of non-singleton documents.
    all_paths = [p for items in docs.values() for (_, _, p) in items]
    marker_docs = {}  # path -> [words]
    marker_report = {}
    for word, n in MARKERS:
        chosen = []
        while len(chosen) < n:
            p = all_paths[int(g.rng.random() * len(all_paths))]
            if p not in chosen:
                chosen.append(p)
        for p in chosen:
            marker_docs.setdefault(p, []).append(word)
        marker_report[word] = sorted(chosen)
    title_marker_path = docs["epic"][0][2]

    os.makedirs(args.out, exist_ok=True)
    total_bytes = 0
    n_written = 0
    with open(args.copy_file, "w", encoding="utf-8", newline="\n") as copy_out:

        def emit(rel, text, title, body):
            nonlocal total_bytes, n_written
            data = text.encode("utf-8")
            full = os.path.join(args.out, rel)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "wb") as f:
                f.write(data)
            total_bytes += len(data)
            n_written += 1
            copy_out.write("\t".join(copy_escape(v) for v in
                                     (rel, hashlib.sha256(data).hexdigest(), title, body)) + "\n")

        def link(item, from_folder=True):
            ref, title, path = item
            return f"[{ref}: {title}](../{path})" if from_folder else f"[{ref}: {title}]({path})"

        # PRD and TRD: plain "**Key:** Value" metadata at the top, no blockquote.
        for name, label in (("prd", "Product Requirements Document"), ("trd", "Technical Requirements Document")):
            text, title, body = build_document(
                g, name, f"{label}: Delivery Insight",
                [("Status", "Draft"), ("Owner", OWNERS[0]), ("Version", "1.4"), ("Last Updated", "2026-05-01")],
                prd_style=True)
            emit(f"{name}.md", text, title, body)

        epics, stories = docs["epic"], docs["story"]
        for (folder, prefix, doc_type, _), items in zip(LAYOUT, [docs[t] for (_, _, t, _) in LAYOUT]):
            for idx, (ref, title, rel) in enumerate(items):
                heading = f"{ref}: {title}"
                if rel == title_marker_path:
                    heading += f" {TITLE_MARKER.capitalize()}"
                status = g.pick(STATUSES[doc_type])
                fields = [("Status", status)]
                if doc_type == "epic":
                    fields += [("Owner", g.pick(OWNERS)), ("Priority", g.pick(PRIORITIES)),
                               ("Target Release", f"v{g.between(1, 4)}.{g.between(0, 9)}")]
                elif doc_type == "story":
                    epic = epics[idx % len(epics)] if g.chance(0.95) else None
                    deps = [stories[g.between(0, len(stories) - 1)][0] for _ in range(g.between(0, 2))]
                    fields += [("Epic", link(epic) if epic else "TBD"),
                               ("Owner", g.pick(OWNERS) if g.chance(0.9) else None),
                               ("Priority", g.pick(PRIORITIES) if g.chance(0.9) else None),
                               ("Story Points", g.pick(POINTS) if g.chance(0.85) else None),
                               ("Depends on", ", ".join(deps) if deps else None),
                               ("Created", f"2026-{g.between(1, 12):02d}-{g.between(1, 28):02d}")]
                elif doc_type in ("plan", "test-spec"):
                    story = stories[g.between(0, len(stories) - 1)]
                    story_idx = int(story[0][2:]) - 1
                    epic = epics[story_idx % len(epics)]
                    epic_level = doc_type == "test-spec" and g.chance(0.1)
                    fields += [("Story", None if epic_level else link(story)), ("Epic", link(epic)),
                               ("Owner", g.pick(OWNERS) if g.chance(0.6) else None)]
                elif doc_type == "bug":
                    story = stories[g.between(0, len(stories) - 1)] if g.chance(0.5) else None
                    fields += [("Severity", g.pick(["Critical", "High", "Medium", "Low"])),
                               ("Story", link(story) if story else None),
                               ("Raised-by", g.pick(OWNERS)),
                               ("Affects", f"v{g.between(1, 4)}.{g.between(0, 9)} · **Component:** "
                                           f"{g.content_word()}")]
                elif doc_type == "cr":
                    deps = [docs["cr"][g.between(0, len(docs["cr"]) - 1)][0] for _ in range(g.between(0, 2))]
                    fields += [("Priority", g.pick(PRIORITIES)), ("Owner", g.pick(OWNERS)),
                               ("Depends on", ", ".join(deps) if deps else None),
                               ("Requested by", g.pick(OWNERS))]
                else:
                    fields += [("Owner", g.pick(OWNERS)), ("Date", f"2026-{g.between(1, 12):02d}-01")]
                text, t, body = build_document(g, doc_type, heading, fields,
                                               extra_words=marker_docs.get(rel, ()))
                emit(rel, text, t, body)

    if n_written != args.docs:
        raise SystemExit(f"gen_corpus: wrote {n_written} documents, expected {args.docs}")
    with open(args.markers, "w", encoding="utf-8") as f:
        json.dump({"docs": n_written, "bytes": total_bytes,
                   "common_words": [w for w in WORDS[:60] if len(w) > 5][:5],
                   "markers": {w: {"documents": len(p), "paths": p} for w, p in marker_report.items()},
                   "title_marker": {TITLE_MARKER: title_marker_path}}, f, indent=1)
    print(f"{n_written} {total_bytes}")


if __name__ == "__main__":
    main()
