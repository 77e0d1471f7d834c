#!/usr/bin/python3
"""Reads a Resgraph GraphML or GEXF export with NetworkX and prints, as JSON,
what NetworkX sees: graph kind, counts, attributes of every node and edge,
PageRank and betweenness computed by NetworkX. Run by export's Go tests
(TestNetworkX*) with Debian's /usr/bin/python3 and python3-networkx.

usage: check_networkx.py graphml|gexf PATH [PIVOT_ID ... | --light]

With --light (the corpus), no betweenness: exact betweenness of the full
view takes hours in Python.

GEXF is read with nx.read_gexf's defaults (GEXF 1.2draft), nothing patched;
the script also checks the file against GEXF 1.2draft's rules (gexf_rules):
namespace and version, attribute types of the schema's list, every value
of its declared type, dates as xsd:date, start <= end, spells likewise,
edges between declared nodes and within their time.

PageRank: nx.pagerank(G, alpha=0.85, weight="weight"), tolerance tightened.
Betweenness: nx.betweenness_centrality(G, normalized=True); with pivots, the
sampled estimate from exactly those sources:
betweenness_centrality_subset(sources=pivots, targets=all) rescaled like
betweenness_centrality(k=len(pivots)).
"""
import datetime
import json
import re
import sys
import xml.etree.ElementTree as ET

import networkx as nx


def read(fmt, path):
    if fmt == "graphml":
        return nx.read_graphml(path)
    return nx.read_gexf(path)


# GEXF 1.2draft's attribute types (data.xsd, attrtype-type) and 1.3's.
TYPES = {
    "1.2draft": {"integer", "long", "double", "float", "boolean", "liststring", "string", "anyURI"},
    "1.3": {"byte", "short", "integer", "long", "float", "double", "boolean", "char", "string",
            "bigdecimal", "biginteger", "date", "anyURI", "liststring"},
}
NS = {"1.2draft": "http://www.gexf.net/1.2draft", "1.3": "http://gexf.net/1.3"}
VERSION = {"1.2draft": "1.2", "1.3": "1.3"}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_day(s):
    if not DAY.match(s):
        return False
    try:
        datetime.date.fromisoformat(s)
    except ValueError:
        return False
    return True


def valid_value(typ, v):
    try:
        if typ in ("integer", "long", "byte", "short", "biginteger"):
            int(v)
        elif typ in ("double", "float", "bigdecimal"):
            float(v)
        elif typ == "boolean":
            return v in ("true", "false")
        elif typ == "date":
            return is_day(v)
    except ValueError:
        return False
    return True


def gexf_rules(path, version):
    """Problems of the file against GEXF's rules, at most 20."""
    problems = []
    ns = NS[version]
    q = lambda t: "{%s}%s" % (ns, t)
    root = ET.parse(path).getroot()
    if root.tag != q("gexf"):
        problems.append("root element %s, want %s" % (root.tag, q("gexf")))
        return problems
    if root.get("version") != VERSION[version]:
        problems.append("version=%r, want %r" % (root.get("version"), VERSION[version]))
    graph = root.find(q("graph"))
    if graph is None:
        return problems + ["no graph element"]
    if graph.get("timeformat") != "date" or graph.get("mode") != "dynamic":
        problems.append("graph timeformat=%r mode=%r" % (graph.get("timeformat"), graph.get("mode")))
    types = {}
    for attrs in graph.findall(q("attributes")):
        cls = attrs.get("class")
        for a in attrs.findall(q("attribute")):
            if a.get("type") not in TYPES[version]:
                problems.append("%s attribute %s: type %r is not a GEXF %s type" % (cls, a.get("id"), a.get("type"), version))
            types[(cls, a.get("id"))] = a.get("type")

    def check_time(el, what):
        s, e = el.get("start"), el.get("end")
        for t in (s, e):
            if t is not None and not is_day(t):
                problems.append("%s: time %r is not an xsd:date" % (what, t))
        if s and e and s > e:
            problems.append("%s: start %s after end %s" % (what, s, e))
        return s, e

    def check(el, cls, what):
        s, e = check_time(el, what)
        spells = el.find(q("spells"))
        for sp in (spells if spells is not None else []):
            check_time(sp, what + " spell")
        av = el.find(q("attvalues"))
        for v in (av if av is not None else []):
            typ = types.get((cls, v.get("for")))
            if typ is None:
                problems.append("%s: attvalue for undeclared %r" % (what, v.get("for")))
            elif not valid_value(typ, v.get("value")):
                problems.append("%s: %s=%r is not a %s" % (what, v.get("for"), v.get("value"), typ))
        return s, e

    times = {}
    for n in graph.find(q("nodes")).findall(q("node")):
        times[n.get("id")] = check(n, "node", "node " + n.get("id"))
    for e in graph.find(q("edges")).findall(q("edge")):
        what = "edge " + e.get("id")
        s, t = check(e, "edge", what)
        for end in (e.get("source"), e.get("target")):
            if end not in times:
                problems.append("%s: no node %s" % (what, end))
                continue
            ns_, ne = times[end]
            if s and ns_ and s < ns_:
                problems.append("%s starts %s before its node %s (%s)" % (what, s, end, ns_))
            if ne and (t is None or t > ne):
                problems.append("%s ends %s after its node %s (%s)" % (what, t, end, ne))
    return problems[:20]


def main():
    fmt, path, pivots = sys.argv[1], sys.argv[2], sys.argv[3:]
    if fmt == "gexf-rules":
        # The rules alone, of the version given as the third argument.
        json.dump({"problems": gexf_rules(path, pivots[0])}, sys.stdout)
        return
    G = read(fmt, path)
    n = G.number_of_nodes()
    light = pivots == ["--light"]
    pr = nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-15, max_iter=100000) if n else {}
    if light:
        bc = {}
    elif pivots:
        raw = nx.betweenness_centrality_subset(G, sources=pivots, targets=list(G), normalized=False)
        factor = (1.0 if G.is_directed() else 2.0) * n / len(pivots) / ((n - 1) * (n - 2))
        bc = {v: x * factor for v, x in raw.items()}
    else:
        bc = nx.betweenness_centrality(G, normalized=True)
    edges = []
    if G.is_multigraph():
        it = G.edges(keys=True, data=True)
    else:
        it = ((u, v, None, d) for u, v, d in G.edges(data=True))
    for u, v, k, d in it:
        edges.append({"source": u, "target": v, "key": k, "data": d})
    out = {
        "networkx": nx.__version__,
        "problems": gexf_rules(path, "1.2draft") if fmt == "gexf" else [],
        "directed": G.is_directed(),
        "multigraph": G.is_multigraph(),
        "graph": {k: v for k, v in G.graph.items() if isinstance(v, (str, int, float, bool))},
        "nodes": n,
        "edges": G.number_of_edges(),
        "nodeData": {v: d for v, d in G.nodes(data=True)},
        "edgeData": edges,
        "pagerank": pr,
        "betweenness": bc,
    }
    json.dump(out, sys.stdout, default=str)


if __name__ == "__main__":
    main()
