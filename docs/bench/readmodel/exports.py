#!/usr/bin/env python3
"""Writes six exports of a running resgraph server into a directory: exports.py URL DIR."""
import sys, os, urllib.request
url, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
for name in ["full.nquads", "full.graphml", "obligations.jsonld", "citations.gexf", "bipartite.cytoscape", "coaddressee.graphml"]:
    data = urllib.request.urlopen(url + "/export/" + name, timeout=600).read()
    open(os.path.join(out, "export-" + name), "wb").write(data)
