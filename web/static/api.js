// The page's only link to the server: GraphQL queries against the endpoint
// named in <body data-graphql>, and their answers normalized into the plain
// shapes the views use. Every query the page sends is in this file.

import { snippet } from './rank.js';

const endpoint = document.body.dataset.graphql || '/graphql';

// gql posts a query and returns its data, or throws with the server's message.
export async function gql(query, variables) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  let body;
  try {
    body = await res.json();
  } catch {
    throw new Error(`GraphQL ${endpoint}: HTTP ${res.status}`);
  }
  if (body.errors && body.errors.length) {
    const e = body.errors[0];
    const err = new Error(`GraphQL: ${e.message}`);
    err.code = e.extensions && e.extensions.code;
    if (!body.data) throw err;
    // partial data: surface the first error but keep the rest usable
    console.warn(err, body.errors);
  }
  if (!res.ok && !body.data) throw new Error(`GraphQL ${endpoint}: HTTP ${res.status}`);
  return body.data;
}

const ACTOR_NODE = 'actor:';
const DOC_NODE = 'document:';
export const actorNodeId = (id) => ACTOR_NODE + id;
export const docNodeId = (symbol) => DOC_NODE + symbol;

// ---- search suggestions ----

// The server ranks actors and documents (docs/api.md, suggest); the page
// only splits them into groups. Paragraph hits come in the same request.
const SUGGEST = `query Suggest($text: String!) {
  suggest(text: $text, first: 20) {
    type id label matched
    actor { id type }
    document { symbol kind date title }
  }
  search(text: $text, first: 5) { paragraph { id number item text document { symbol } } }
}`;

const nodes = (conn) => ((conn && conn.edges) || []).map((e) => e.node);

// suggest returns {actors, documents, paragraphs} for the words typed, best
// first: at most 6 actors and 6 documents.
export async function suggest(text) {
  let d;
  try {
    d = await gql(SUGGEST, { text });
  } catch (err) {
    // Text with no searchable words ("of the") is an invalid search; show nothing.
    if (err.code === 'invalid') return { actors: [], documents: [], paragraphs: [] };
    throw err;
  }
  const sugg = d.suggest || [];
  return {
    actors: sugg.filter((x) => x.type === 'ACTOR' && x.actor).slice(0, 6).map((x) => ({
      id: x.actor.id,
      name: x.label,
      type: x.actor.type,
      nodeId: x.id,
      matched: x.matched || '',
    })),
    documents: sugg.filter((x) => x.type === 'DOCUMENT' && x.document).slice(0, 6).map((x) => ({ ...x.document, nodeId: x.id })),
    paragraphs: (d.search || []).map((hit) => paraHit(hit.paragraph, text)),
  };
}

function paraHit(p, text) {
  return {
    id: p.id,
    number: (p.number || '') + (p.item || ''),
    symbol: p.document.symbol,
    docNodeId: docNodeId(p.document.symbol),
    snippet: snippet(p.text, text),
  };
}

const SEARCH = `query Search($text: String!) {
  search(text: $text, first: 100) { paragraph { id number item text document { symbol } } }
}`;

export async function searchParagraphs(text) {
  const d = await gql(SEARCH, { text });
  return (d.search || []).map((hit) => paraHit(hit.paragraph, text));
}

// ---- graph ----

const HOOD = `query Hood($id: ID!, $depth: Int!, $limit: Int!) {
  neighbourhood(id: $id, depth: $depth, limit: $limit) {
    truncated
    nodes { id type label data { key value } }
    edges { id source target kind class label count }
  }
}`;

const kv = (data) => Object.fromEntries((data || []).map((x) => [x.key, x.value]));

// neighbourhood returns {nodes, edges, truncated} in the graph view's shape.
// Nodes: {id, kind, label, title, ref, date, type, docKind}; edges: {id,
// source, target, kind, class, verb, label, count, date, symbol, actor}.
// hoodLimit is the most nodes the page asks for: 400 at depth 1; 200 from
// depth 2, where 400 nodes come with about 4,000 edges (the African Union
// at depth 2), which Cytoscape takes seconds to draw (docs/explorer.md).
export const hoodLimit = (depth) => (depth >= 2 ? 200 : 400);

// ---- summarized neighbourhoods ----

const SUMMARY = `query Summary($id: ID!, $depth: Int!, $top: Int!, $by: NeighbourGrouping!, $open: [ID!]) {
  neighbourhoodSummary(id: $id, depth: $depth, top: $top, groupBy: $by, open: $open) {
    neighbours shown omittedEdges truncated
    nodes { id type label depth weight members data { key value } }
    edges { id source target kind class label count }
  }
}`;

// SUMMARY_TOP is how many neighbours a summary shows one by one at first;
// "show more" adds as many again.
export const SUMMARY_TOP = 30;

// neighbourhoodSummary returns the neighbourhood of id summarized (top
// neighbours one by one, the rest in groups) in the graph view's shape:
// {nodes, edges, neighbours, shown, omittedEdges, truncated, summary: true}.
// Group nodes: {id, kind: 'group', label, groupBy: 'year'|'kind'|'type',
// groupKey, memberKind: 'document'|'actor', members, weight, depth, start}.
export async function neighbourhoodSummary(id, depth, { top = SUMMARY_TOP, groupBy = 'year', open = [] } = {}) {
  const g = (await gql(SUMMARY, { id, depth, top, by: groupBy === 'kind' ? 'KIND' : 'YEAR', open })).neighbourhoodSummary;
  const ns = g.nodes.map((n) => {
    const d = kv(n.data);
    const extra = { depth: n.depth, weight: n.weight, members: n.members };
    if (n.type === 'GROUP') {
      return { id: n.id, kind: 'group', label: n.label, groupBy: d.by, groupKey: d.key, memberKind: (d.members || '').toLowerCase(), ...extra, start: g.nodes[0].id, ref: n.id };
    }
    return { ...graphNode(n, d), ...extra };
  });
  return { ...graphEdges(ns, g.edges), neighbours: g.neighbours, shown: g.shown, omittedEdges: g.omittedEdges, truncated: g.truncated, summary: true };
}

// graphNode turns a document or actor node of the API into the view's.
function graphNode(n, d) {
  if (n.type === 'DOCUMENT') {
    return { id: n.id, kind: 'document', docKind: d.kind || '', label: n.label, title: [d.symbol, d.date, d.title].filter(Boolean).join(' · '), ref: d.symbol || n.label, date: d.date || '' };
  }
  return { id: n.id, kind: 'actor', type: d.type || '', label: n.label, title: n.label, ref: d.id || n.id.replace(/^actor:/, '') };
}

// graphEdges turns the API's edges into the view's, given the view's nodes.
function graphEdges(ns, edges) {
  const byId = new Map(ns.map((n) => [n.id, n]));
  const es = (edges || []).map((e) => {
    const kind = e.kind.toLowerCase().replace('_', '-');
    const src = byId.get(e.source) || {};
    const tgt = byId.get(e.target) || {};
    const cls = kind === 'obligation' ? e.class || 'other' : kind === 'led-by' ? 'part-of' : kind;
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      kind,
      class: cls,
      verb: kind === 'obligation' || kind === 'stance' ? e.label || '' : '',
      label: e.label || '',
      count: e.count || 1,
      date: src.kind === 'document' ? src.date : '',
      symbol: src.kind === 'document' ? src.ref : '',
      actor: tgt.kind === 'actor' ? tgt.ref : '',
      group: src.kind === 'group' ? src.id : tgt.kind === 'group' ? tgt.id : '',
    };
  });
  return { nodes: ns, edges: es };
}

export async function neighbourhood(id, depth) {
  const limit = hoodLimit(depth);
  const g = (await gql(HOOD, { id, depth, limit })).neighbourhood;
  const ns = (g.nodes || []).map((n) => graphNode(n, kv(n.data)));
  return { ...graphEdges(ns, g.edges), truncated: g.truncated, limit };
}

// ---- obligations and stances ----

const PARA = 'paragraph { id number item text }';
const DOC = 'document { symbol date title chapterVII }';
const OB_FIELDS = `id kind verb verbPhrase class action deadline deadlineDate until condition chapterVII
  addressee { id name type } addresseeMention
  ${PARA} ${DOC}
  provenance { marks { role start end } }`;
const ST_FIELDS = `id verb verbPhrase target { id name type } targetText
  ${PARA} ${DOC}
  provenance { marks { role start end } }`;

// ob and st bring obligations and stances to one shape: {id, kind, verb,
// verbPhrase, class, addressee, target, action, deadline, ..., paragraph,
// document, marks}.
function ob(o) {
  return { ...o, marks: (o.provenance && o.provenance.marks) || [] };
}
function st(s) {
  return { ...s, kind: 'stance', class: 'stance', addressee: s.target, target: s.targetText, marks: (s.provenance && s.provenance.marks) || [] };
}

const ONE = `query One($id: ID!) {
  obligation(id: $id) { ${OB_FIELDS} }
  stance(id: $id) { ${ST_FIELDS} }
}`;

// obligation finds an obligation or a stance by its id
// ("S/2012/946#op12/14"), whichever the id names; null when neither.
export async function obligation(id) {
  const d = await gql(ONE, { id });
  if (d.obligation) return ob(d.obligation);
  if (d.stance) return st(d.stance);
  return null;
}

const LINK = `query Link($filter: ObligationFilter!) {
  obligations(filter: $filter, first: 200) { totalCount edges { node { ${OB_FIELDS} } } }
}`;

const LINK_STANCES = `query LinkStances($symbol: String!) {
  document(symbol: $symbol) { stances { ${ST_FIELDS} } }
}`;

// linkObligations returns the obligations (or stances) an edge of the graph
// stands for: those of document symbol addressed to actor, of one class.
export async function linkObligations({ symbol, actor, kind, cls }) {
  if (kind === 'stance') {
    const d = (await gql(LINK_STANCES, { symbol })).document;
    return ((d && d.stances) || []).map(st).filter((s) => s.addressee && s.addressee.id === actor);
  }
  if (kind === 'partner') {
    const d = (await gql(PARTNER, { symbol })).document;
    return ((d && d.obligations) || []).filter((o) => o.partners.some((p) => p.id === actor)).map(ob);
  }
  const filter = { actor, document: symbol };
  if (cls) filter.class = cls;
  const d = await gql(LINK, { filter });
  return nodes(d.obligations).map(ob);
}

const PARTNER = `query Partner($symbol: String!) {
  document(symbol: $symbol) { obligations { partners { id } ${OB_FIELDS} } }
}`;

const ACTOR_ROW = `id kind verb verbPhrase class action deadline chapterVII
      paragraph { id number item }
      document { symbol date }`;

const ACTOR = `query Actor($id: ID!, $first: Int!, $order: ObligationOrder, $filter: ObligationFilter) {
  actor(id: $id) {
    id name type aliases
    all: obligations(first: 1) { totalCount }
    obligations(first: $first, order: $order, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { ${ACTOR_ROW} } }
    }
  }
}`;

const ACTOR_PAGE = `query ActorPage($id: ID!, $first: Int!, $after: String, $order: ObligationOrder, $filter: ObligationFilter) {
  actor(id: $id) {
    obligations(first: $first, after: $after, order: $order, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { ${ACTOR_ROW} } }
    }
  }
}`;

const ACTOR_CURSOR = `query ActorCursor($id: ID!, $first: Int!, $after: String, $order: ObligationOrder, $filter: ObligationFilter) {
  actor(id: $id) { obligations(first: $first, after: $after, order: $order, filter: $filter) { pageInfo { hasNextPage endCursor } } }
}`;

// SORT_KEYS maps the table's sort keys to ObligationSortKey.
export const SORT_KEYS = { date: 'DATE', doc: 'DOCUMENT', verb: 'VERB', class: 'CLASS', action: 'ACTION', deadline: 'DEADLINE', ch7: 'CHAPTER_VII' };

// obligationOrder turns the table's sort ("-date", "verb") into an
// ObligationOrder; newest first when none.
export function obligationOrder(sort) {
  const desc = !sort || sort.startsWith('-');
  const by = SORT_KEYS[(sort || '-date').replace(/^-/, '')] || 'DATE';
  return { by, descending: desc };
}

// tableFilter turns the table's filters ({q, year, cls}) into an
// ObligationFilter (the actor is the view's).
export function tableFilter({ q, year, cls } = {}) {
  const f = {};
  if (q && q.trim()) f.text = q.trim();
  if (year) { f.from = year; f.to = year; }
  if (cls) f.class = cls;
  return Object.keys(f).length ? f : null;
}

const row = (o) => ({
  id: o.id, kind: o.kind, verb: o.verb, verbPhrase: o.verbPhrase, class: o.class, action: o.action,
  deadline: o.deadline, chapterVII: o.chapterVII,
  paragraph: o.paragraph ? o.paragraph.number : '', item: o.paragraph ? o.paragraph.item : '', paragraphId: o.paragraph ? o.paragraph.id : '',
  symbol: o.document.symbol, date: o.document.date,
});

const page = (c) => ({ total: c.totalCount, rows: nodes(c).map(row), hasNext: c.pageInfo.hasNextPage, endCursor: c.pageInfo.endCursor });

// actorObligations returns the actor with the first page of its
// obligations as flat rows, sorted and filtered on the server: {id, name,
// type, aliases, all (its obligations in all), page: {total, rows,
// hasNext, endCursor}}; null when there is no such actor.
export async function actorObligations(id, { sort, filter, first = 50 } = {}) {
  const a = (await gql(ACTOR, { id, first, order: obligationOrder(sort), filter: tableFilter(filter) })).actor;
  if (!a) return null;
  return { id: a.id, name: a.name, type: a.type, aliases: a.aliases || [], all: a.all.totalCount, page: page(a.obligations) };
}

// actorObligationsPage returns the page after cursor after.
export async function actorObligationsPage(id, { sort, filter, first = 50, after = null } = {}) {
  const a = (await gql(ACTOR_PAGE, { id, first, after, order: obligationOrder(sort), filter: tableFilter(filter) })).actor;
  return a ? page(a.obligations) : null;
}

// actorCursorAfter returns the cursor after the first n rows (to open a
// page of a shared link), 500 rows a request; null for n = 0.
export async function actorCursorAfter(id, n, { sort, filter } = {}) {
  let after = null;
  while (n > 0) {
    const first = Math.min(500, n);
    const a = (await gql(ACTOR_CURSOR, { id, first, after, order: obligationOrder(sort), filter: tableFilter(filter) })).actor;
    if (!a) return null;
    after = a.obligations.pageInfo.endCursor;
    n -= first;
    if (!a.obligations.pageInfo.hasNextPage) break;
  }
  return after;
}

// actorAllObligations returns every row matching, in order, 500 a
// request; progress(done, total) is called after each.
export async function actorAllObligations(id, { sort, filter } = {}, progress = () => {}) {
  const rows = [];
  let after = null;
  for (;;) {
    const p = await actorObligationsPage(id, { sort, filter, first: 500, after });
    if (!p) break;
    rows.push(...p.rows);
    progress(rows.length, p.total);
    if (!p.hasNext) break;
    after = p.endCursor;
  }
  return rows;
}

// The obligations of an actor by year, in all and by class, in one request.
const YEARS = `query Years($actor: String!) {
  all: counts(by: YEAR, filter: {actor: $actor}) { key count }
  decision: counts(by: YEAR, filter: {actor: $actor, class: "decision"}) { key count }
  demand: counts(by: YEAR, filter: {actor: $actor, class: "demand"}) { key count }
  request: counts(by: YEAR, filter: {actor: $actor, class: "request"}) { key count }
  authorization: counts(by: YEAR, filter: {actor: $actor, class: "authorization"}) { key count }
  strong: counts(by: YEAR, filter: {actor: $actor, class: "strong recommendation"}) { key count }
  weak: counts(by: YEAR, filter: {actor: $actor, class: "weak recommendation"}) { key count }
}`;

const YEAR_CLASSES = { decision: 'decision', demand: 'demand', request: 'request', authorization: 'authorization', strong: 'strong recommendation', weak: 'weak recommendation' };

// actorYears returns an actor's obligations by year: [{year, count,
// byClass: {class: count}}], in year order.
export async function actorYears(actor) {
  const d = await gql(YEARS, { actor });
  const years = new Map((d.all || []).map((b) => [b.key, { year: b.key, count: b.count, byClass: {} }]));
  for (const [alias, cls] of Object.entries(YEAR_CLASSES)) {
    for (const b of d[alias] || []) {
      const y = years.get(b.key);
      if (y) y.byClass[cls] = b.count;
    }
  }
  return [...years.values()].sort((a, b) => a.year.localeCompare(b.year));
}

// ---- documents ----

const DOCUMENT = `query Document($symbol: String!) {
  document(symbol: $symbol) {
    symbol kind date title chapterVII draftSymbol adoptedSymbol
    paragraphs { id kind number item lead text }
    obligations { id kind verb class addressee { id name } paragraph { id } }
    stances { id verb target { id name } targetText paragraph { id } }
    citations { symbol relation mention paragraph { id number } target { symbol } }
    citedBy { symbol relation paragraph { id number } from { symbol } }
  }
}`;

export async function getDocument(symbol) {
  const d = (await gql(DOCUMENT, { symbol })).document;
  if (!d) return null;
  const act = (o) => ({ ...o, paragraphId: o.paragraph && o.paragraph.id });
  return {
    ...d,
    paragraphs: d.paragraphs || [],
    actions: [...(d.obligations || []).map(act), ...(d.stances || []).map((s) => act(st(s)))],
    citesOut: (d.citations || []).map((c) => ({
      symbol: c.target ? c.target.symbol : c.symbol, inCorpus: !!c.target, relation: c.relation,
      paragraph: c.paragraph && c.paragraph.number, paragraphId: c.paragraph && c.paragraph.id,
    })),
    citesIn: (d.citedBy || []).map((c) => ({
      symbol: c.from.symbol, relation: c.relation,
      paragraph: c.paragraph && c.paragraph.number, paragraphId: c.paragraph && c.paragraph.id,
    })),
  };
}

// ---- start-up ----

const HOME = `query Home { documents(first: 1, order: NEWEST_FIRST) { edges { node { symbol } } } }`;

// home returns the view to open when the URL names none: the newest document.
export async function home() {
  const doc = nodes((await gql(HOME, {})).documents)[0];
  return doc ? { nodeId: docNodeId(doc.symbol), v: 'document', id: doc.symbol } : null;
}

const FACETS = `query Facets { counts(by: VERB) { key count } }`;

export async function facets() {
  const d = await gql(FACETS, {});
  return { verbs: (d.counts || []).map((b) => b.key) };
}

// ---- mandates through time ----

const MANDATE = `query Mandate($id: ID!) {
  mandate(id: $id) {
    id name established until inForce
    successor { id name } predecessor { id name }
    periods { from until symbol computed endedBy }
    events { type symbol date paragraphs until computed changes text }
  }
  stats { built }
}`;

// mandate returns the mandate held by actor id, or null when it holds none.
export async function mandate(id) {
  const d = await gql(MANDATE, { id });
  return d.mandate;
}

const DIFF = `query Diff($from: String!, $to: String!, $mandate: String) {
  diff(from: $from, to: $to, mandate: $mandate) {
    kind direction similarity
    from { symbol paragraph verb text until }
    to { symbol paragraph verb text until }
    words { op text }
  }
}`;

// diff returns what changed from one document to another for a mandate.
export async function diff(from, to, holder) {
  return (await gql(DIFF, { from, to, mandate: holder })).diff;
}
