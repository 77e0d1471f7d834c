#!/usr/bin/env python3
"""Dumps many GraphQL answers of a running resgraph server into a directory, for diffing two builds.

    answers.py http://127.0.0.1:8080 /tmp/answers-after    # then diff -r against another build's
"""
import json, sys, os, urllib.request
url, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
def q(query, variables=None):
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    req = urllib.request.Request(url + "/graphql", body, {"Content-Type": "application/json"})
    return json.loads(urllib.request.urlopen(req, timeout=600).read())
def dump(name, query, variables=None):
    r = q(query, variables)
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump(r, f, indent=1, sort_keys=False)
    if "errors" in r:
        print(name, "errors:", json.dumps(r["errors"])[:300], file=sys.stderr)
    return r
def pages(name, field, sel, first, args="", key=None):
    after, i = None, 0
    while True:
        a = f'first: {first}' + (f', after: "{after}"' if after else '') + (", " + args if args else "")
        r = dump(f"{name}-{i:03d}", "{ %s(%s) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { %s } } } }" % (field, a, sel))
        c = r.get("data", {}).get(field) if r.get("data") else None
        if not c or not c["pageInfo"]["hasNextPage"]:
            return
        after, i = c["pageInfo"]["endCursor"], i + 1

DOC = """symbol kind status draftSymbol adoptedSymbol date meeting title sponsors chapterVII warnings
 votes { for against abstaining members { member vote } } subjects { dictionary label iri } source { file format sha256 }
 citations { symbol relation mention span { start end line column } paragraph { id } from { symbol } target { symbol } }
 citedBy { symbol relation from { symbol } }
 stances { id verb verbPhrase targetText target { id } paragraph { id } }
 obligations { id } """
PARA = "id kind number item section lead text footnotes span { start end line column } document { symbol } obligations { id }"
OBL = """id kind verb verbPhrase verbs class addresseeMention action deadline deadlineDate recurrence duration until condition chapterVII
 addressee { id name } partners { id } beneficiaries { id } paragraph { id number } document { symbol }
 provenance { text file clause { start end } marks { role start end } source { start end line column } paragraph { id } }"""
ACT = "id name type aliases sanctions unEntity inRegistry partOf { id } ledBy { id } parts { id } stances(first: 500) { id } documents(first: 500) { totalCount edges { node { symbol } } } obligations(first: 3) { totalCount edges { node { id } } }"

pages("docs", "documents", DOC, 100)
pages("docparas", "documents", "symbol paragraphs { %s }" % PARA, 10)
pages("obls", "obligations", OBL, 200)
pages("acts", "actors", ACT, 15)
pages("docs-au", "documents", "symbol", 500, 'filter: {actor: "African Union"}')
pages("docs-cites", "documents", "symbol", 500, 'filter: {cites: "S/RES/2085 (2012)"}')
pages("docs-text", "documents", "symbol", 500, 'filter: {text: "Mali", from: "2012", to: "2014"}, order: NEWEST_FIRST')
pages("docs-kind", "documents", "symbol", 500, 'filter: {kind: "presidential statement", chapterVII: false}')
pages("obls-sg", "obligations", "id", 500, 'filter: {actor: "Secretary-General"}')
pages("obls-f", "obligations", "id", 500, 'filter: {actor: "AU", verb: "requests", from: "2010", to: "2020"}')
pages("obls-text", "obligations", "id", 500, 'filter: {text: "trust fund"}')
pages("obls-status", "obligations", "id", 500, 'filter: {status: "any", class: "decision", kind: "task"}')
pages("obls-type", "obligations", "id", 500, 'filter: {actorType: "state", chapterVII: true}')
pages("acts-s", "actors", "id", 500, 'search: "union", type: "regional-organization"')
for by in ["ACTOR", "VERB", "CLASS", "YEAR"]:
    dump("counts-" + by, '{ counts(by: %s, filter: {from: "2005"}) { key label count } }' % by)
dump("stats", "{ stats { documents paragraphs obligations stances citations actors } }")
for i, t in enumerate(["trust fund", "Secretary-General report Council", "sanctions committee panel of experts", "Mali"]):
    dump(f"search-{i}", '{ search(text: "%s", first: 100) { score paragraph { id document { symbol } } } }' % t)
for i, t in enumerate(["AU", "african", "S/RES/20", "mali", "sec", "2085", "council"]):
    dump(f"suggest-{i}", '{ suggest(text: "%s", first: 50) { type id label matched score actor { id } document { symbol } } }' % t)
NB = "truncated nodes { id type label data { key value } document { symbol } actor { id } } edges { id source target kind class label count }"
for i, (n, d, k) in enumerate([("African Union", 2, ""), ("Secretary-General", 1, ""), ("S/RES/2085 (2012)", 2, ", kinds: [CITES, OBLIGATION]"), ("state/mali", 3, ", kinds: [PART_OF, LED_BY, PARTNER, STANCE]")]):
    dump(f"nb-{i}", '{ neighbourhood(id: "%s", depth: %d, limit: 500%s) { %s } }' % (n, d, k, NB))
for i, (a, b) in enumerate([("x/malian-rebel-groups", "S/RES/2100 (2013)"), ("African Union", "state/haiti"), ("Secretary-General", "S/RES/1373 (2001)")]):
    dump(f"path-{i}", '{ shortestPath(from: "%s", to: "%s") { %s } }' % (a, b, NB))
r = q('{ obligations(first: 5, filter: {actor: "AU"}) { edges { node { id } } } document(symbol: "S/RES/2085 (2012)") { stances { id } } }')
for e in r["data"]["obligations"]["edges"]:
    dump("obl-" + e["node"]["id"].replace("/", "_"), '{ obligation(id: "%s") { %s } stance(id: "%s") { id } }' % (e["node"]["id"], OBL, e["node"]["id"]))
for s in r["data"]["document"]["stances"]:
    dump("st-" + s["id"].replace("/", "_"), '{ stance(id: "%s") { id verb verbPhrase targetText target { id } document { symbol } provenance { text marks { role start end } } } }' % s["id"])
dump("actor-au", '{ actor(name: "AU") { %s } byid: actor(id: "secretary-general") { id name } }' % ACT)
dump("doc-one", '{ document(symbol: "s/res/2085(2012)") { symbol paragraph(id: "op9") { %s } paragraphs(kind: "preambular") { id } } }' % PARA)
for v in ["OBLIGATIONS", "CITATIONS", "BIPARTITE", "FULL"]:
    dump("measures-" + v, '{ measures(view: %s, first: 30) { nodeCount edgeCount nodes { id label degree weightedDegree pagerank betweenness community } } }' % v)
print("done", file=sys.stderr)
MAND = """id name actor { id } established until inForce inForce2014: inForce(day: "2014-06-01")
 events { type document { symbol } symbol date paragraphs paragraphNodes { id } until computed duration changes text clause { start end } evidence }
 periods { from until symbol document { symbol } computed endedBy } successor { id } predecessor { id }
 tasks { id } tasks2015: tasks(asOf: "2015-01-01") { id validity { from until basis supersededBy } carriedFrom { id } } """
dump("mandates-all", "{ mandates { %s } }" % MAND)
dump("mandates-2012", '{ mandates(inForceOn: "2012-12-20", search: "mis") { id name } }')
r = q("{ mandates { id } }")
for m in r["data"]["mandates"][:40]:
    dump("mandate-" + m["id"].replace("/", "_"), '{ mandate(id: "%s") { %s } }' % (m["id"], MAND))
for i, (f, t, b) in enumerate([("2010-01-01", "2012-12-31", None), ("2019-01-01", "2021-12-31", "secretary-general"), ("1990-01-01", "2030-01-01", None)]):
    bb = (', bearer: "%s"' % b) if b else ""
    dump(f"cal-{i}", '{ reportingCalendar(from: "%s", to: "%s"%s) { due { day bearer { id } bearerMention action rule recurrence n bound boundBasis document { symbol } symbol paragraph paragraphNode { id } } undated { bearer { id } action rule why symbol paragraph } } }' % (f, t, bb))
for i, (f, t, m) in enumerate([("S/RES/2100 (2013)", "S/RES/2164 (2014)", None), ("S/RES/2164 (2014)", "S/RES/2227 (2015)", "minusma")]):
    mm = (', mandate: "%s"' % m) if m else ""
    dump(f"diff-{i}", '{ diff(from: "%s", to: "%s"%s) { kind addressee { id } from { symbol paragraph verb class text } to { symbol paragraph verb class text } direction similarity } }' % (f, t, mm))
pages("obls-inforce", "obligations", "id validity { from until basis supersededBy } carriedFrom { id }", 500, 'filter: {inForceOn: "2014-04-10", actor: "Secretary-General"}')
pages("obls-validity", "obligations", "id validity { from until basis supersededBy } carriedFrom { id }", 200)
print("mandates done", file=sys.stderr)
