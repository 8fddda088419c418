#!/usr/bin/env python3
"""Search ranking check: the service's top 20 against the full ranking computed directly in SQL.

usage: search_overlap.py <base_url> <markers.json>
with the libpq environment (PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE) pointing at the service's database and
psql on PATH or in $PG_BIN.

The reference ranking is the exact one: ts_rank of every hit's full vector, ordered by score descending then id
(a long document by its best chunk). For each query it prints the overlap of the two top 20 (shared ids / size of
the reference top 20), both totals, and where they differ; it ends with one line:
RESULT overlap_min=<0..1> overlap_mean=<0..1> queries=<n> totals_equal=<true|false>
and, before it, one "SHARE <word> <total>/<documents>" line per common word (the share of documents it matches).

A query with an exclusion (-word) is ranked by the service by its other words: ts_rank of a query holding a negation
gives every hit the same score (it finds no pair of present words to measure), so the reference ranks such hits by id
alone. For those queries a second overlap, against the reference ranked by the query without its exclusions, is
printed as overlap_ranked_without_exclusions.
"""
import json
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request

TOP = 20


def psql(sql, *params):
    binary = os.path.join(os.environ["PG_BIN"], "psql") if os.environ.get("PG_BIN") else "psql"
    args = [binary, "-X", "-At", "-v", "ON_ERROR_STOP=1", "-F", "\t"]
    for i, value in enumerate(params, 1):
        args += ["-v", f"p{i}={'' if value is None else value}"]
    out = subprocess.run(args, input=sql, capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


# :'p1' query text, :'p2' project slug or '', :'p3' type or '', :'p4' the query to rank by
REFERENCE = """
WITH query AS MATERIALIZED (SELECT websearch_to_tsquery('english', :'p1') AS q,
                                   websearch_to_tsquery('english', :'p4') AS rank_q),
hits AS (
    SELECT DISTINCT ON (s.document_id) s.document_id AS id, ts_rank(s.search_vector, query.rank_q) AS score
      FROM document_search s, query
     WHERE s.search_vector @@ query.q
       AND (:'p2' = '' OR s.project_id = (SELECT id FROM project WHERE slug = :'p2'))
       AND (:'p3' = '' OR s.doc_type = :'p3')
     ORDER BY s.document_id, 2 DESC
)
SELECT 'T', count(*)::text, '' FROM hits
UNION ALL
(SELECT 'H', d.doc_id, h.score::text FROM hits h JOIN document d ON d.id = h.id ORDER BY h.score DESC, h.id LIMIT %d)
""" % TOP


def service(base, q, project, doc_type):
    params = {"q": q, "per_page": str(TOP)}
    if project:
        params["project"] = project
    if doc_type:
        params["type"] = doc_type
    url = base.rstrip("/") + "/api/v1/search?" + urllib.parse.urlencode(params)
    with urllib.request.urlopen(url, timeout=120) as response:
        body = json.load(response)
    return body["total"], [item["doc_id"] for item in body["items"]]


def overlap_of(reference, top):
    if not reference and not top:
        return 1.0
    return len(set(reference) & set(top)) / max(len(reference), 1)


def queries(markers):
    common = [w for w in markers["common_words"]]
    rare = list(markers["markers"].keys())
    project = psql("SELECT slug FROM project ORDER BY id LIMIT 1")[0][0]
    out = [(w, None, None) for w in common]
    out += [(w, None, None) for w in rare]
    out += [(w, None, None) for w in markers.get("title_marker", {})]
    a, b = common[0], common[1]
    out += [
        (f"{a} {b}", None, None),
        (f"{common[3]} {common[4]}", None, None),
        (f'"{a} {b}"', None, None),
        (f'"{common[3]} {common[4]}"', None, None),
        (f"{a} -{b}", None, None),
        (f"{common[3]} -{a}", None, None),
        (f"{a} or {rare[0]}", None, None),
        (f"{rare[-1]} {a}", None, None),
        (a, project, None),
        (a, None, "story"),
        (common[3], project, "epic"),
        (f"{a} {b}", None, "bug"),
    ]
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    base, markers_path = sys.argv[1], sys.argv[2]
    with open(markers_path) as f:
        markers = json.load(f)
    documents = int(psql("SELECT count(*) FROM document")[0][0])
    overlaps = []
    totals_equal = True
    shares = {}
    for q, project, doc_type in queries(markers):
        rows = psql(REFERENCE, q, project, doc_type, q)
        ref_total = int(next(r[1] for r in rows if r[0] == "T"))
        ref_top = [r[1] for r in rows if r[0] == "H"]
        total, top = service(base, q, project, doc_type)
        overlap = overlap_of(ref_top, top)
        overlaps.append(overlap)
        totals_equal &= total == ref_total
        if q in markers["common_words"] and not project and not doc_type:
            shares[q] = total
        label = q + (f" project={project}" if project else "") + (f" type={doc_type}" if doc_type else "")
        print(f"QUERY {label!r}: overlap={overlap:.2f} total={total} reference_total={ref_total}")
        missing = [d for d in ref_top if d not in top]
        extra = [d for d in top if d not in ref_top]
        if missing or extra:
            print(f"  only in reference: {missing}; only in service: {extra}")
        positive = re.sub(r'-"[^"]*"|-\S+', " ", q).strip()
        if positive != q and positive:
            ranked = [r[1] for r in psql(REFERENCE, q, project, doc_type, positive) if r[0] == "H"]
            print(f"  overlap_ranked_without_exclusions={overlap_of(ranked, top):.2f}")
    for word, total in shares.items():
        print(f"SHARE {word} {total}/{documents} = {total / documents:.3f}")
    print(f"RESULT overlap_min={min(overlaps):.3f} overlap_mean={sum(overlaps) / len(overlaps):.3f} "
          f"queries={len(overlaps)} totals_equal={'true' if totals_equal else 'false'}")


if __name__ == "__main__":
    main()
