#!/usr/bin/python3
"""Reads a Resgraph CSV export (the directory WriteCSVDir writes) the way an
analyst would, with defaults: Python's csv module (csv.reader and
csv.DictReader, field size limit untouched), json for the list cells and
texts.jsonl, datetime.date.fromisoformat for the dates, and pandas (read_csv
and read_json(lines=True), no options) when it is installed. Prints, as
JSON, what each reader sees. Run by export's Go tests (TestTabularReaders,
TestCorpusReaders) with Debian's /usr/bin/python3 (python3-pandas).

usage: check_tabular.py DIR
"""
import csv
import datetime
import json
import os
import sys

LISTS = {"aliases", "periods", "verbs", "classes", "relations", "truncated"}
DATES = {"date", "start", "end"}


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    lists = dates = 0
    longest = 0
    for r in rows:
        for k, v in r.items():
            longest = max(longest, len(v))
            if v == "":
                continue
            if k in LISTS:
                x = json.loads(v)
                assert isinstance(x, list) and all(isinstance(s, str) for s in x), (k, v)
                lists += 1
            elif k in DATES:
                datetime.date.fromisoformat(v)
                dates += 1
    return rows, lists, dates, longest


def main():
    d = sys.argv[1]
    out = {"field_size_limit": csv.field_size_limit(), "csv": {}, "pandas": None}
    for name in ("nodes.csv", "edges.csv", "aliases.csv", "graph.csv"):
        rows, lists, dates, longest = read_csv(os.path.join(d, name))
        out["csv"][name] = {"rows": len(rows), "lists": lists, "dates": dates, "longest": longest,
                            "header": list(rows[0].keys()) if rows else []}
    texts = []
    with open(os.path.join(d, "texts.jsonl"), encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line))
    out["texts"] = {"rows": len(texts), "longest": max((len(t["text"]) for t in texts), default=0),
                    "keys": sorted({k for t in texts for k in t})}
    try:
        import pandas as pd
    except ImportError:
        pd = None
    if pd is not None:
        p = {"version": pd.__version__}
        for name in ("nodes.csv", "edges.csv", "aliases.csv", "graph.csv"):
            df = pd.read_csv(os.path.join(d, name))
            info = {"rows": len(df), "dtypes": {c: str(t) for c, t in df.dtypes.items()}}
            for c in DATES & set(df.columns):
                # ISO days parse as dates with pandas' own parser.
                info.setdefault("parsed_dates", {})[c] = int(pd.to_datetime(df[c], format="%Y-%m-%d").notna().sum())
            out_lists = 0
            for c in LISTS & set(df.columns):
                out_lists += int(df[c].dropna().map(json.loads).map(len).gt(0).sum())
            info["lists"] = out_lists
            p[name] = info
        if texts:
            p["texts.jsonl"] = {"rows": len(pd.read_json(os.path.join(d, "texts.jsonl"), lines=True))}
        out["pandas"] = p
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
