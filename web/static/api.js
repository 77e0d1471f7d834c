// The page's only link to the server: GraphQL queries against the endpoint
// named in <body data-graphql>, and their answers normalized into the plain
// shapes the views use. Every query the page sends is in this file.

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

const SUGGEST = `query Suggest($text: String!) {
  actors(search: $text, first: 6) { nodes { id name type aliases } }
  documents(filter: { text: $text }, first: 5) { nodes { symbol kind date title } }
  search(text: $text, first: 5) { paragraph { id number item text document { symbol } } }
}`;

// suggest returns {actors, documents, paragraphs} for the words typed.
export async function suggest(text) {
  const d = await gql(SUGGEST, { text });
  const lower = text.toLowerCase();
  return {
    actors: ((d.actors && d.actors.nodes) || []).map((a) => ({
      id: a.id,
      name: a.name,
      type: a.type,
      nodeId: actorNodeId(a.id),
      matched: [a.name, ...(a.aliases || [])].find((n) => n.toLowerCase().includes(lower)) || '',
    })),
    documents: ((d.documents && d.documents.nodes) || []).map((x) => ({ ...x, nodeId: docNodeId(x.symbol) })),
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

// snippet cuts text around the first word of q that occurs in it.
export function snippet(text, q, width = 160) {
  const t = text || '';
  const words = String(q).toLowerCase().split(/\s+/).filter(Boolean);
  const lt = t.toLowerCase();
  let at = -1;
  for (const w of words) { at = lt.indexOf(w); if (at >= 0) break; }
  if (t.length <= width) return t;
  const start = Math.max(0, at - width / 3);
  return (start > 0 ? '…' : '') + t.slice(start, start + width) + (start + width < t.length ? '…' : '');
}

const SEARCH = `query Search($text: String!) {
  search(text: $text, first: 100) { paragraph { id number item text document { symbol } } }
}`;

export async function searchParagraphs(text) {
  const d = await gql(SEARCH, { text });
  return (d.search || []).map((hit) => paraHit(hit.paragraph, text));
}

// ---- graph ----

const HOOD = `query Hood($id: ID!, $depth: Int!) {
  neighbourhood(id: $id, depth: $depth, limit: 400) {
    truncated
    nodes { id type label document { symbol date kind title } actor { id name type } }
    edges { id source target kind class label count }
  }
}`;

// neighbourhood returns {nodes, edges} in the graph view's shape. Nodes:
// {id, kind, label, title, ref, date, type}; edges: {id, source, target,
// kind, class, verb, label, count, date, symbol, actor}.
export async function neighbourhood(id, depth) {
  const d = await gql(HOOD, { id, depth });
  const g = d.neighbourhood;
  const nodes = (g.nodes || []).map((n) => {
    if (n.type === 'document') {
      const doc = n.document || {};
      return { id: n.id, kind: 'document', docKind: doc.kind || '', label: n.label, title: [doc.symbol, doc.date, doc.title].filter(Boolean).join(' · '), ref: doc.symbol || n.label, date: doc.date || '' };
    }
    const a = n.actor || {};
    return { id: n.id, kind: 'actor', label: n.label, title: n.label, ref: a.id || n.id.replace(/^actor:/, ''), type: a.type || '' };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = (g.edges || []).map((e) => {
    const src = byId.get(e.source) || {};
    const tgt = byId.get(e.target) || {};
    const cls = e.kind === 'obligation' ? e.class || 'other' : e.kind === 'led-by' ? 'part-of' : e.kind;
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      kind: e.kind,
      class: cls,
      verb: e.kind === 'cites' ? '' : e.label || '',
      label: e.label || '',
      count: e.count || 1,
      date: src.kind === 'document' ? src.date : '',
      symbol: src.kind === 'document' ? src.ref : '',
      actor: tgt.kind === 'actor' ? tgt.ref : '',
    };
  });
  return { nodes, edges, truncated: g.truncated };
}

// ---- obligations ----

const OB_FIELDS = `id kind verb verbPhrase class action deadline deadlineDate until condition chapterVII target
  addressee { id name type }
  marks { role start end }
  paragraph { id number item text }
  document { symbol date title chapterVII }`;

const OBLIGATION = `query Obligation($id: ID!) { obligation(id: $id) { ${OB_FIELDS} } }`;

export async function obligation(id) {
  const d = await gql(OBLIGATION, { id });
  return d.obligation;
}

const LINK = `query Link($filter: ObligationFilter!) {
  obligations(filter: $filter, first: 200) { totalCount nodes { ${OB_FIELDS} } }
}`;

const LINK_STANCES = `query LinkStances($actor: String!) {
  actor(id: $actor) { stances { ${OB_FIELDS} } }
}`;

// linkObligations returns the obligations (or stances) an edge of the graph
// stands for: those of document symbol addressed to actor, of one class.
export async function linkObligations({ symbol, actor, kind, cls }) {
  if (kind === 'stance') {
    const d = await gql(LINK_STANCES, { actor });
    return ((d.actor && d.actor.stances) || []).filter((o) => o.document.symbol === symbol);
  }
  const filter = { actor, document: symbol };
  if (cls) filter.class = cls;
  const d = await gql(LINK, { filter });
  return d.obligations.nodes || [];
}

const ACTOR = `query Actor($id: ID!) {
  actor(id: $id) {
    id name type aliases
    obligations(first: 500) { totalCount nodes {
      id kind verb verbPhrase class action deadline chapterVII
      paragraph { id number item }
      document { symbol date }
    } }
  }
}`;

// actorObligations returns the actor with its obligations as flat rows.
export async function actorObligations(id) {
  const d = await gql(ACTOR, { id });
  const a = d.actor;
  if (!a) return null;
  const conn = a.obligations;
  return {
    id: a.id, name: a.name, type: a.type, aliases: a.aliases || [],
    total: conn.totalCount,
    obligations: (conn.nodes || []).map((o) => ({
      id: o.id, kind: o.kind, verb: o.verb, verbPhrase: o.verbPhrase, class: o.class, action: o.action,
      deadline: o.deadline, chapterVII: o.chapterVII,
      paragraph: o.paragraph.number, item: o.paragraph.item, paragraphId: o.paragraph.id,
      symbol: o.document.symbol, date: o.document.date,
    })),
  };
}

// ---- documents ----

const DOCUMENT = `query Document($symbol: String!) {
  document(symbol: $symbol) {
    symbol kind date title chapterVII draftSymbol adoptedSymbol
    paragraphs { id kind number item text }
    obligations { id kind verb class target addressee { id name } paragraph { id } }
    stances { id kind verb class target addressee { id name } paragraph { id } }
    citations { relation mention paragraph { id number } document { symbol } }
    citedBy { relation mention paragraph { id number } from { symbol } }
  }
}`;

export async function getDocument(symbol) {
  const d = (await gql(DOCUMENT, { symbol })).document;
  if (!d) return null;
  const act = (o) => ({ ...o, paragraphId: o.paragraph && o.paragraph.id });
  return {
    ...d,
    paragraphs: d.paragraphs || [],
    actions: [...(d.obligations || []).map(act), ...(d.stances || []).map((o) => ({ ...act(o), kind: 'stance' }))],
    citesOut: (d.citations || []).map((c) => ({
      symbol: c.document ? c.document.symbol : c.mention, inCorpus: !!c.document, relation: c.relation,
      paragraph: c.paragraph && c.paragraph.number, paragraphId: c.paragraph && c.paragraph.id,
    })),
    citesIn: (d.citedBy || []).map((c) => ({
      symbol: c.from.symbol, relation: c.relation,
      paragraph: c.paragraph && c.paragraph.number, paragraphId: c.paragraph && c.paragraph.id,
    })),
  };
}

// ---- start-up ----

const HOME = `query Home { documents(first: 1, last: true) { nodes { symbol } } }`;

// home returns the view to open when the URL names none: the newest document.
export async function home() {
  const d = await gql(HOME, {});
  const doc = d.documents && d.documents.nodes[0];
  return doc ? { nodeId: docNodeId(doc.symbol), v: 'document', id: doc.symbol } : null;
}

const FACETS = `query Facets { counts(by: "verb") { key count } }`;

export async function facets() {
  const d = await gql(FACETS, {});
  return { verbs: (d.counts || []).map((b) => b.key) };
}
