#!/usr/bin/python3
"""Reads a Resgraph GraphML or GEXF export with NetworkX and prints, as JSON,
what NetworkX sees: graph kind, counts, attributes of every node and edge,
PageRank and betweenness computed by NetworkX. Run by export's Go tests
(TestNetworkX*) with Debian's /usr/bin/python3 and python3-networkx.

usage: check_networkx.py graphml|gexf PATH [PIVOT_ID ...]

PageRank: nx.pagerank(G, alpha=0.85, weight="weight"), tolerance tightened.
Betweenness: nx.betweenness_centrality(G, normalized=True); with pivots, the
sampled estimate from exactly those sources:
betweenness_centrality_subset(sources=pivots, targets=all) rescaled like
betweenness_centrality(k=len(pivots)).
"""
import json
import sys

import networkx as nx
from networkx.readwrite import gexf


def read(fmt, path):
    if fmt == "graphml":
        return nx.read_graphml(path)
    # NetworkX 2.8 knows GEXF 1.1draft and 1.2draft only; 1.3 differs in its
    # namespace, not in the elements read here.
    gexf.GEXF.versions["1.3"] = {
        "NS_GEXF": "http://gexf.net/1.3",
        "NS_VIZ": "http://gexf.net/1.3/viz",
        "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
        "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
        "VERSION": "1.3",
    }
    return nx.read_gexf(path, version="1.3")


def main():
    fmt, path, pivots = sys.argv[1], sys.argv[2], sys.argv[3:]
    G = read(fmt, path)
    n = G.number_of_nodes()
    pr = nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-15, max_iter=100000) if n else {}
    if pivots:
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
