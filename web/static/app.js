// The explorer page: search with suggestions, the graph view, and the detail
// panel (obligation in its paragraph, actor table, document view). All state
// lives in the URL query string; every view is rendered from it, so a link
// can be shared and back/forward work.

import * as api from './api.js';
import { h, clear, debounce } from './dom.js';
import { segments } from './marks.js';
import { renderTable, toCSV } from './table.js';
import { layoutTimeline, layoutYears, renewals } from './timeline.js';
import { createGraph, NODE_TYPES, EDGE_CLASSES, classColor, nodeType, groupType, loadFcose, shown, FCOSE_FROM, WORKER_FROM, workerAvailable, warmLayoutWorker } from './graph.js';

const $ = (id) => document.getElementById(id);
const CLASSES = ['decision', 'demand', 'request', 'authorization', 'strong recommendation', 'weak recommendation', 'stance'];
const OBLIGATION_CLASSES = CLASSES.slice(0, 6);
// TABLE_RESET is the table's state for a new actor: newest first, no
// filter, the first page.
const TABLE_RESET = { tq: '', ts: '', ty: '', tc: '', tp: 1 };
// EXPAND_TOP is how many neighbours an expanded node adds one by one.
const EXPAND_TOP = 15;

// ---- URL state ----------------------------------------------------------

// readState parses the query string into the page state.
function readState() {
  const p = new URLSearchParams(location.search);
  return {
    n: p.get('n') || '', // focus node id
    x: p.getAll('x'), // expanded node ids
    depth: Number(p.get('depth')) || 1,
    classes: p.getAll('class'),
    verb: p.get('verb') || '',
    from: p.get('from') || '',
    to: p.get('to') || '',
    v: p.get('v') || '', // detail view: obligation, actor, document, search
    id: p.get('id') || '', // what the detail view shows
    para: p.get('para') || '', // paragraph to show in a document view
    tq: p.get('tq') || '', // table filter: words of the paragraph
    ts: p.get('ts') || '', // table sort ("verb", "-date"); newest first when empty
    ty: p.get('ty') || '', // table filter: a year
    tc: p.get('tc') || '', // table filter: a class
    tp: Math.max(1, Number(p.get('tp')) || 1), // table page
    group: p.get('group') || '', // how big neighbourhoods are grouped: '' (documents by year), 'kind', 'none'
    top: Math.min(500, Math.max(1, Number(p.get('top')) || api.SUMMARY_TOP)), // neighbours shown one by one
    g: p.getAll('g'), // groups opened (each time a group is named, more of it shows)
  };
}

function stateURL(s) {
  const p = new URLSearchParams();
  if (s.n) p.set('n', s.n);
  for (const x of s.x) p.append('x', x);
  if (s.depth !== 1) p.set('depth', String(s.depth));
  for (const c of s.classes) p.append('class', c);
  if (s.verb) p.set('verb', s.verb);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.v) p.set('v', s.v);
  if (s.id) p.set('id', s.id);
  if (s.para) p.set('para', s.para);
  if (s.tq) p.set('tq', s.tq);
  if (s.ts) p.set('ts', s.ts);
  if (s.ty) p.set('ty', s.ty);
  if (s.tc) p.set('tc', s.tc);
  if (s.tp > 1) p.set('tp', String(s.tp));
  if (s.group) p.set('group', s.group);
  if (s.top !== api.SUMMARY_TOP) p.set('top', String(s.top));
  for (const g of s.g) p.append('g', g);
  const q = p.toString();
  return location.pathname + (q ? '?' + q : '');
}

// go changes the state: it pushes a history entry (or replaces the current
// one) and renders.
function go(change, { replace = false } = {}) {
  const cur = readState();
  const next = { ...cur, ...change };
  // Another focus node or grouping: its own groups, the first neighbours.
  if (('n' in change && change.n !== cur.n) || ('group' in change && change.group !== cur.group)) {
    next.g = change.g || [];
    if (!('top' in change)) next.top = api.SUMMARY_TOP;
  }
  const url = stateURL(next);
  if (url !== location.pathname + location.search) {
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
  }
  render();
}

window.addEventListener('popstate', () => render());

// ---- errors -------------------------------------------------------------

function showError(err) {
  const el = $('error');
  el.textContent = String(err && err.message ? err.message : err);
  el.hidden = false;
  console.error(err);
}

function clearError() {
  $('error').hidden = true;
}

// ---- search with suggestions -------------------------------------------

const search = {
  items: [], // [{kind, label, sub, select()}]
  active: -1,
  seq: 0,
};

function setupSearch() {
  const input = $('q');
  const list = $('suggestions');
  const suggest = debounce(async () => {
    const text = input.value.trim();
    const seq = ++search.seq;
    if (text.length < 2 || text === search.taken) { closeSuggestions(); return; }
    try {
      const res = await api.suggest(text);
      // Drop the reply if a newer request is on its way, or the text was taken meanwhile.
      if (seq !== search.seq || text === search.taken) return;
      showSuggestions(res, text);
    } catch (err) {
      showError(err);
    }
  }, 180);
  input.addEventListener('input', () => { search.taken = ''; suggest(); });
  input.addEventListener('keydown', (ev) => {
    const n = search.items.length;
    if (ev.key === 'ArrowDown' && n) { ev.preventDefault(); moveActive(list.hidden ? 0 : (search.active + 1) % n); list.hidden = false; input.setAttribute('aria-expanded', 'true'); }
    else if (ev.key === 'ArrowUp' && n) { ev.preventDefault(); moveActive((search.active - 1 + n) % n); }
    else if (ev.key === 'Enter') {
      ev.preventDefault();
      if (search.active >= 0 && !list.hidden) choose(search.items[search.active]);
      else if (input.value.trim()) {
        // Enter without a highlighted suggestion: full-text search of paragraphs.
        search.taken = input.value.trim();
        closeSuggestions();
        go({ v: 'search', id: input.value.trim(), para: '', ...TABLE_RESET });
      }
    } else if (ev.key === 'Escape') closeSuggestions();
  });
  input.addEventListener('blur', () => setTimeout(closeSuggestions, 150));
}

function showSuggestions(groups, text) {
  const list = clear($('suggestions'));
  search.items = [];
  search.active = -1;
  const add = (group, entries) => {
    if (!entries.length) return;
    list.append(h('li', { class: 'group', role: 'presentation' }, group));
    for (const e of entries) {
      const i = search.items.length;
      search.items.push(e);
      list.append(h('li', {
        id: 'sugg-' + i,
        role: 'option',
        'aria-selected': 'false',
        'data-kind': e.kind,
        onmousedown: (ev) => { ev.preventDefault(); choose(e); },
      }, h('span', { class: 'kind' }, e.kindLabel), h('span', {}, e.label), e.sub ? h('span', { class: 'snippet' }, e.sub) : null));
    }
  };
  add('Actors', groups.actors.map((a) => ({
    kind: 'actor', kindLabel: a.type || 'actor', label: a.name, sub: a.matched && a.matched !== a.name ? `“${a.matched}”` : '',
    select: () => go({ n: a.nodeId, x: [], v: 'actor', id: a.id, para: '', ...TABLE_RESET }),
  })));
  add('Documents', groups.documents.map((d) => ({
    kind: 'document', kindLabel: d.kind || 'document', label: d.symbol, sub: [d.date, d.title].filter(Boolean).join(' · '),
    select: () => go({ n: d.nodeId, x: [], v: 'document', id: d.symbol, para: '', ...TABLE_RESET }),
  })));
  add('Paragraphs', groups.paragraphs.map((p) => ({
    kind: 'paragraph', kindLabel: `${p.symbol} ¶${p.number || p.id}`, label: p.snippet, sub: '',
    select: () => go({ n: p.docNodeId, x: [], v: 'document', id: p.symbol, para: p.id, ...TABLE_RESET }),
  })));
  const all = { kind: 'search', kindLabel: 'text', label: `Search paragraphs for “${text}”`, select: () => go({ v: 'search', id: text, para: '' }) };
  add('Full text', [all]);
  list.hidden = false;
  $('q').setAttribute('aria-expanded', 'true');
}

function moveActive(i) {
  const list = $('suggestions');
  list.querySelectorAll('[role=option]').forEach((el) => el.setAttribute('aria-selected', 'false'));
  search.active = i;
  const el = $('sugg-' + i);
  if (el) {
    el.setAttribute('aria-selected', 'true');
    el.scrollIntoView({ block: 'nearest' });
    $('q').setAttribute('aria-activedescendant', el.id);
  }
}

function closeSuggestions() {
  const list = $('suggestions');
  list.hidden = true;
  $('q').setAttribute('aria-expanded', 'false');
  $('q').removeAttribute('aria-activedescendant');
}

function choose(item) {
  closeSuggestions();
  search.seq++;
  $('q').value = item.kind === 'search' ? $('q').value : item.label;
  search.taken = $('q').value.trim();
  item.select();
  $('detail').focus({ preventScroll: true });
}

// ---- filters ------------------------------------------------------------

function setupFilters() {
  const box = $('class-filters');
  for (const c of CLASSES) {
    const id = 'class-' + c.replace(/\s+/g, '-');
    box.append(h('label', { for: id },
      h('input', { type: 'checkbox', id, value: c, name: 'class' }),
      h('span', { class: 'swatch line', style: `background:${classColor(c)}`, 'aria-hidden': 'true' }), c));
  }
  const form = $('filters');
  form.addEventListener('change', (ev) => {
    if (ev.target.id === 'f-verb') return; // handled on input, debounced
    go(filtersFromForm());
  });
  $('f-verb').addEventListener('input', debounce(() => go(filtersFromForm(), { replace: true }), 400));
  $('f-verb').addEventListener('change', () => go(filtersFromForm()));
  form.addEventListener('submit', (ev) => ev.preventDefault());
  $('f-reset').addEventListener('click', () => go({ classes: [], verb: '', from: '', to: '', depth: 1 }));
}

function filtersFromForm() {
  return {
    classes: [...document.querySelectorAll('#class-filters input:checked')].map((i) => i.value),
    verb: $('f-verb').value.trim().toLowerCase(),
    from: $('f-from').value,
    to: $('f-to').value,
    depth: Number($('f-depth').value) || 1,
  };
}

function syncFilters(s) {
  document.querySelectorAll('#class-filters input').forEach((i) => { i.checked = s.classes.includes(i.value); });
  if (document.activeElement !== $('f-verb')) $('f-verb').value = s.verb;
  $('f-from').value = s.from;
  $('f-to').value = s.to;
  $('f-depth').value = String(s.depth);
  $('f-group').value = s.group;
}

// keep decides whether a graph element passes the filters.
function keeper(s) {
  return (d) => {
    if (d.kind === 'group' && d.groupBy === 'year' && d.groupKey !== 'undated') {
      const [y0, y1 = y0] = d.groupKey.split('-'); // a year or a period ("2005-2009")
      if ((s.from && y1 < s.from.slice(0, 4)) || (s.to && y0 > s.to.slice(0, 4))) return false;
    }
    if (s.classes.length && d.class && d.class !== 'cites' && !s.classes.includes(d.class)) return false;
    if (s.verb && d.verb && !String(d.verb).toLowerCase().includes(s.verb)) return false;
    if (s.from && d.date && d.date < s.from) return false;
    if (s.to && d.date && d.date > s.to) return false;
    return true;
  };
}

// ---- graph --------------------------------------------------------------

let graph = null;
const hoods = new Map(); // query -> Promise<{nodes, edges, ...}>

// hood returns the neighbourhood of id as the graph draws it: summarized
// (the top neighbours one by one, the rest in groups) unless the state asks
// for no grouping; root tells the focus node from an expanded one.
function hood(id, depth, s, root) {
  const opts = s.group === 'none' ? null : {
    top: root ? s.top : EXPAND_TOP,
    groupBy: s.group || 'year',
    open: s.g.filter((g) => g.startsWith('group:' + id + '|')),
  };
  const key = JSON.stringify([id, depth, opts]);
  if (!hoods.has(key)) {
    const p = opts ? api.neighbourhoodSummary(id, depth, opts) : api.neighbourhood(id, depth);
    p.catch(() => hoods.delete(key));
    hoods.set(key, p);
  }
  return hoods.get(key);
}

// groupLabel says what a group holds, shortly: "2013 · 84 docs",
// "2005–2009 · 330 docs", "State · 12".
function groupLabel(d) {
  const n = d.members.toLocaleString('en');
  if (d.groupBy === 'year') return `${d.label} · ${n} docs`;
  return `${(NODE_TYPES[d.groupKey] || {}).label || d.groupKey} · ${n}`;
}

// groupTitle says it in full, for the keyboard list and tooltips.
function groupTitle(d) {
  const what = d.memberKind === 'actor' ? 'actor' : 'document';
  const key = d.groupBy === 'year' ? `of ${d.label}` : `(${(NODE_TYPES[d.groupKey] || {}).label || d.groupKey})`;
  return `${plural(d.members, what)} ${key}, ${plural(d.depth, 'hop')} away, not shown one by one (${plural(d.weight, 'fact')} in all): open the group to show the ones of most weight`;
}

// legend lists the node types and edge classes drawn now.
function legend() {
  const el = clear($('legend'));
  const types = new Set(shown(graph.cy.nodes()).map((n) => n.data('ntype')));
  const classes = new Set(shown(graph.cy.edges()).map((e) => e.data('class')));
  el.append(h('strong', {}, 'Nodes:'));
  for (const [k, v] of Object.entries(NODE_TYPES)) {
    if (!types.has(k)) continue;
    el.append(h('span', { class: 'item', 'data-type': k }, h('span', { class: 'swatch' + (v.shape === 'ellipse' ? ' round' : ''), style: `background:${v.color}`, 'aria-hidden': 'true' }), v.label));
  }
  if (shown(graph.cy.nodes()).some((n) => n.data('kind') === 'group')) {
    el.append(h('span', { class: 'item', 'data-type': 'group' }, h('span', { class: 'swatch group', 'aria-hidden': 'true' }), 'Group (click to open; size: members)'));
  }
  el.append(h('strong', {}, 'Edges:'));
  for (const [k, v] of Object.entries(EDGE_CLASSES)) {
    if (!classes.has(k)) continue;
    const style = v.dashed || v.dotted
      ? `background:repeating-linear-gradient(90deg,${v.color} 0 ${v.dotted ? 2 : 4}px,transparent ${v.dotted ? 2 : 4}px ${v.dotted ? 4 : 7}px)`
      : `background:${v.color}`;
    el.append(h('span', { class: 'item', 'data-class': k }, h('span', { class: 'swatch line', style, 'aria-hidden': 'true' }), v.label));
  }
}

function onNodeTap(d) {
  const s = readState();
  if (d.kind === 'group') {
    go({ g: [...s.g, d.id] }); // opens it: its heaviest members one by one
    return;
  }
  if (d.kind === 'obligation' || d.kind === 'stance') {
    go({ v: d.kind, id: d.ref, para: '' });
    return;
  }
  const x = s.x.includes(d.id) || d.id === s.n ? s.x : [...s.x, d.id];
  if (d.kind === 'actor') go({ x, v: 'actor', id: d.ref, ...TABLE_RESET });
  else if (d.kind === 'document') go({ x, v: 'document', id: d.ref, para: '' });
  else go({ x });
}

let graphKey = '';
let lastFilter = '';
const filterKey = (s) => [s.classes.join(','), s.verb, s.from, s.to].join('|');
let graphTruncated = 0; // the node limit that cut the neighbourhood, 0 when none
let graphSummary = null; // the focus node's summary, when the graph is summarized

async function renderGraph(s) {
  const key = [s.n, ...s.x, s.depth, s.group, s.top, ...s.g].join('\u0000');
  const keep = keeper(s);
  let fresh = false; // a new graph, drawn below
  if (key !== graphKey) {
    graphKey = key;
    const ids = [s.n, ...s.x].filter(Boolean);
    const parts = await Promise.all(ids.map((id, i) => hood(id, i === 0 ? s.depth : 1, s, i === 0)));
    if (graphKey !== key) return; // superseded
    const nodes = new Map();
    const edges = new Map();
    graphTruncated = parts.filter((p) => p.truncated).map((p) => p.limit || 2000)[0] || 0;
    graphSummary = parts[0].summary ? parts[0] : null;
    for (const p of parts) {
      for (const n of p.nodes) {
        if (nodes.has(n.id)) continue;
        nodes.set(n.id, n.kind === 'group' ? { ...n, label: groupLabel(n), title: groupTitle(n) } : n);
      }
      for (const e of p.edges) if (!edges.has(e.id)) edges.set(e.id, e);
    }
    performance.mark('resgraph:graph-data');
    // A big graph is laid out in a Web Worker, which loads fCoSE itself;
    // on the page, a graph from FCOSE_FROM nodes waits for fCoSE, which
    // keeps hundreds of nodes readable.
    const inWorker = nodes.size >= WORKER_FROM && workerAvailable();
    // The worker loads its scripts while the page draws the graph.
    if (inWorker) warmLayoutWorker();
    if (nodes.size >= FCOSE_FROM && !inWorker) {
      await loadFcose().catch(showError);
      if (graphKey !== key) return;
    }
    if (nodes.size > 100 && !inWorker) {
      // Say what is happening before the layout holds the page for a moment.
      $('graph-summary').textContent = `Laying out ${plural(nodes.size, 'node')}…`;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      if (graphKey !== key) return;
    }
    const changed = graph.set([...nodes.values()], [...edges.values()], s.n, s.x);
    performance.mark('resgraph:graph-set');
    document.body.dataset.graph = 'laying-out';
    let pending = false;
    if (changed) {
      pending = graph.layout(s.x.length === 0, {
        onBusy: showBusy,
        onRefined: () => {
          if (!graph.touched()) graph.fit();
          performance.mark('resgraph:graph-refined');
          afterPaint('graph-refined-painted');
          settled(key);
        },
      });
    }
    if (!pending) settled(key);
    performance.mark('resgraph:graph-layout');
    fresh = true;
  }
  graph.filter(keep);
  legend();
  const refit = fresh || filterKey(s) !== lastFilter;
  lastFilter = filterKey(s);
  graph.cy.$(':selected').unselect();
  if (s.v === 'link') graph.cy.edges().filter((e) => linkId(e.data()) === s.id).select();
  else if (s.v === 'actor' || s.v === 'document') graph.cy.nodes().filter((n) => n.data('ref') === s.id && n.data('kind') === s.v).select();
  const c = graph.visibleCounts();
  const focus = graph.cy.getElementById(s.n);
  const sum = graphSummary;
  const groups = shown(graph.cy.nodes()).filter((n) => n.data('kind') === 'group').length;
  $('graph-summary').textContent = `${focus.length ? focus.data('label') + ': ' : ''}${plural(c.nodes, 'node')}, ${plural(c.edges, 'edge')}` +
    (sum && sum.shown < sum.neighbours ? ` · ${sum.shown.toLocaleString('en')} of ${plural(sum.neighbours, 'neighbour').replace(/^\d+/, sum.neighbours.toLocaleString('en'))} one by one, the rest in ${plural(groups, 'group')}` : '') +
    (graphTruncated ? (sum ? ` (the walk stopped at ${graphTruncated} nodes)` : ` (neighbourhood cut at ${graphTruncated} nodes: lower the depth, or expand the nodes you need)`) : '');
  const ds = $('graph-summary').dataset;
  ds.nodes = String(c.nodes);
  ds.edges = String(c.edges);
  ds.neighbours = sum ? String(sum.neighbours) : '';
  ds.shown = sum ? String(sum.shown) : '';
  ds.groups = String(groups);
  const more = $('show-more');
  more.hidden = !(sum && sum.shown < sum.neighbours && s.top < 500);
  more.textContent = `Show ${Math.min(api.SUMMARY_TOP, 500 - s.top)} more one by one`;
  const list = clear($('node-list'));
  const vis = graph.visibleNodes().sort((a, b) => (a.kind + a.label).localeCompare(b.kind + b.label));
  for (const d of vis.slice(0, 400)) {
    const what = d.kind === 'group' ? 'Group' : (NODE_TYPES[nodeType(d)] || {}).label || d.kind;
    list.append(h('li', {}, h('button', { type: 'button', 'data-node': d.id, onclick: () => onNodeTap(d) }, `${what}: ${d.title || d.label}`)));
  }
  // Frame the graph last, once the summary and the legend have their
  // height: a change of the pane's size afterwards would redraw it all.
  if (refit) graph.fit();
  if (fresh) {
    performance.mark('resgraph:graph-drawn');
    afterPaint('graph-painted');
  }
}

// settled says (body[data-graph=settled], mark resgraph:graph-settled)
// that the graph of key is laid out for good, once it is painted.
function settled(key) {
  if (graphKey !== key) return;
  afterPaint('graph-settled', () => { if (graphKey === key) document.body.dataset.graph = 'settled'; });
}

// showBusy shows that a layout of n nodes runs in the background (0:
// none). The page stays usable meanwhile.
function showBusy(n) {
  const el = $('graph-busy');
  el.hidden = !n;
  el.lastChild.textContent = n ? `Laying out ${plural(n, 'node')}…` : '';
}

// ---- detail views -------------------------------------------------------

function detail(title, ...children) {
  const el = clear($('detail'));
  el.scrollTop = 0; // a new view starts at its top
  el.append(h('h2', { id: 'detail-title' }, title), h('div', {}, children));
  return el;
}

function docLink(symbol, para, label) {
  return h('a', {
    href: stateURL({ ...readState(), v: 'document', id: symbol, para: para || '' }),
    'data-doc': symbol,
    onclick: (ev) => { ev.preventDefault(); go({ v: 'document', id: symbol, para: para || '' }); },
  }, label || symbol);
}

function actorLink(a) {
  if (!a) return '';
  return h('a', {
    href: stateURL({ ...readState(), v: 'actor', id: a.id, ...TABLE_RESET }),
    'data-actor': a.id,
    onclick: (ev) => { ev.preventDefault(); go({ v: 'actor', id: a.id, ...TABLE_RESET }); },
  }, a.name || a.id);
}

// textOn returns black or white, whichever reads better on the colour bg
// (WCAG relative luminance).
function textOn(bg) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(bg.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#000' : '#fff';
}

// afterPaint sets the performance mark resgraph:<name> once Cytoscape has
// drawn the graph (its next frame).
function afterPaint(name, then = () => {}) {
  const mark = () => setTimeout(() => { performance.mark('resgraph:' + name); then(); }, 0);
  graph.cy.one('render', mark);
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function short(text, n) {
  return text.length > n ? text.slice(0, n - 1) + '…' : text;
}

function classBadge(c) {
  const bg = classColor(c);
  return h('span', { class: 'cls', style: `background:${bg};color:${textOn(bg)}` }, c || '—');
}

// markedText renders a paragraph's text with an action's marks.
function markedText(text, marks) {
  return h('div', { class: 'para-text' }, segments(text, marks).map((s) =>
    s.roles.length ? h('mark', { class: s.roles.map((r) => 'm-' + r).join(' '), 'data-role': s.roles.join(' '), title: s.roles.join(', ') }, s.text) : s.text));
}

function markLegend(marks) {
  const roles = [...new Set((marks || []).map((m) => m.role))];
  return h('p', { class: 'mark-legend' }, 'Marked:', roles.map((r) => h('mark', { class: 'm-' + r }, r)));
}

// obligationParts renders an obligation or stance: its document, date, parts
// and its paragraph with the extracted parts marked.
function obligationParts(o) {
  const para = o.paragraph || {};
  const doc = o.document || {};
  return [
    h('dl', { class: 'meta' },
      h('dt', {}, 'Document'), h('dd', { 'data-field': 'symbol' }, docLink(doc.symbol, para.id)),
      h('dt', {}, 'Date'), h('dd', { 'data-field': 'date' }, doc.date || '—'),
      doc.chapterVII || o.chapterVII ? [h('dt', {}, 'Chapter VII'), h('dd', {}, 'yes')] : null),
    h('dl', { class: 'parts' },
      h('dt', {}, o.kind === 'stance' ? 'Target' : 'Addressee'), h('dd', { 'data-part': 'addressee' }, o.addressee ? actorLink(o.addressee) : (o.target || '—')),
      h('dt', {}, 'Verb'), h('dd', { 'data-part': 'verb' }, o.verbPhrase || o.verb, ' ', classBadge(o.class)),
      o.action ? [h('dt', {}, 'Action'), h('dd', { 'data-part': 'action' }, o.action)] : null,
      o.deadline ? [h('dt', {}, 'Deadline'), h('dd', { 'data-part': 'deadline' }, o.deadline, o.deadlineDate ? ` (${o.deadlineDate})` : '')] : null,
      o.until ? [h('dt', {}, 'Until'), h('dd', {}, o.until)] : null,
      o.condition ? [h('dt', {}, 'Condition'), h('dd', {}, o.condition)] : null),
    markLegend(o.marks),
    h('div', { class: 'para current', 'data-para': para.id || '', 'data-ob': o.id },
      h('span', { class: 'num' }, `${para.number || ''}${para.item || ''}.`),
      markedText(para.text || '', o.marks)),
  ];
}

function obligationTitle(o) {
  const para = o.paragraph || {};
  const doc = o.document || {};
  return `${o.kind === 'stance' ? 'Stance' : 'Obligation'}: ${doc.symbol || ''} ¶${para.number || para.id || ''}${para.item || ''}`;
}

async function showObligation(s) {
  const o = await api.obligation(s.id);
  if (!o) { detail('Not found', h('p', {}, `No obligation or stance ${s.id}.`)); return; }
  const doc = o.document || {};
  detail(obligationTitle(o),
    doc.title ? h('p', { class: 'muted' }, doc.title) : null,
    ...obligationParts(o),
    h('p', {}, docLink(doc.symbol, (o.paragraph || {}).id, `Open ${doc.symbol} at this paragraph`)));
}

// A link id names an edge of the graph: symbol|actor|kind|class.
function linkId(e) {
  return [e.symbol, e.actor, e.kind, e.kind === 'obligation' ? e.class : ''].join('|');
}

async function showLink(s) {
  const [symbol, actor, kind, cls] = s.id.split('|');
  const obs = await api.linkObligations({ symbol, actor, kind, cls });
  if (obs.length === 1) {
    const o = obs[0];
    detail(obligationTitle(o), ...obligationParts(o),
      h('p', {}, docLink(symbol, (o.paragraph || {}).id, `Open ${symbol} at this paragraph`)));
    return;
  }
  const who = obs.length && obs[0].addressee ? obs[0].addressee.name : actor;
  detail(`${symbol} → ${who}: ${obs.length} ${kind === 'stance' ? 'stances' : (cls || '') + ' obligations'}`,
    h('p', { class: 'muted' }, 'Each one in its paragraph, with the extracted parts marked.'),
    obs.map((o) => h('section', { class: 'ob-block' },
      h('h3', {}, h('a', {
        href: stateURL({ ...readState(), v: o.kind === 'stance' ? 'stance' : 'obligation', id: o.id }),
        onclick: (ev) => { ev.preventDefault(); go({ v: o.kind === 'stance' ? 'stance' : 'obligation', id: o.id }); },
      }, `¶${(o.paragraph || {}).number || ''}${(o.paragraph || {}).item || ''} ${o.verbPhrase || o.verb}`)),
      obligationParts(o))));
}

function onEdgeTap(e) {
  if (e.group) { // a group's summed edge: open the group
    onNodeTap(graph.cy.getElementById(e.group).data());
    return;
  }
  if (e.kind === 'obligation' || e.kind === 'stance' || e.kind === 'partner') {
    go({ v: 'link', id: linkId(e), para: '' });
  } else if (e.kind === 'cites') {
    const t = graph.cy.getElementById(e.target).data();
    if (t && t.kind === 'document') go({ v: 'document', id: t.ref, para: '' });
  }
}

// TABLE_COLUMNS are the table's columns, narrow enough for the panel:
// where (document, paragraph, date), verb and class, action, deadline,
// Chapter VII. Each sorts on the server by the keys it lists.
const TABLE_COLUMNS = [
  {
    key: 'doc', label: 'Document', sorts: [{ key: 'doc', label: 'Document' }, { key: 'date', label: 'Date' }],
    cell: (r) => [docLink(r.symbol, r.paragraphId), ' ', h('span', { class: 'para-no', 'data-col': 'para' }, `¶${r.paragraph}${r.item}`), h('br'), h('span', { class: 'muted', 'data-col': 'date' }, r.date)],
  },
  {
    key: 'verb', label: 'Verb', sorts: [{ key: 'verb', label: 'Verb' }, { key: 'class', label: 'Class' }],
    cell: (r) => [h('button', { type: 'button', class: 'linklike', 'data-ob': r.id, onclick: () => go({ v: r.kind === 'stance' ? 'stance' : 'obligation', id: r.id }) }, r.verbPhrase || r.verb), h('br'), h('span', { 'data-col': 'class' }, classBadge(r.class))],
  },
  { key: 'action', label: 'Action', sorts: [{ key: 'action', label: 'Action' }], cell: (r) => h('span', { class: 'clamp', title: r.action }, r.action) },
  { key: 'deadline', label: 'Deadline', sorts: [{ key: 'deadline', label: 'Deadline' }], cell: (r) => r.deadline },
  { key: 'ch7', label: 'Ch. VII', sorts: [{ key: 'ch7', label: 'Ch. VII' }], cell: (r) => (r.chapterVII ? 'yes' : '') },
];

// CSV_COLUMNS are the downloaded file's columns, one fact each.
const CSV_COLUMNS = [
  { label: 'Paragraph', text: (r) => r.paragraph + r.item },
  { label: 'Document', text: (r) => r.symbol },
  { label: 'Date', text: (r) => r.date },
  { label: 'Verb', text: (r) => r.verbPhrase || r.verb },
  { label: 'Class', text: (r) => r.class },
  { label: 'Action', text: (r) => r.action },
  { label: 'Deadline', text: (r) => r.deadline },
  { label: 'Chapter VII', text: (r) => (r.chapterVII ? 'yes' : '') },
];

// TABLE_PAGE is the table's page size.
const TABLE_PAGE = 50;

// tableState is the table's part of the page state.
function tableState(s) {
  return { sort: s.ts || '-date', q: s.tq, cls: s.tc, year: s.ty, page: s.tp };
}

// tableCursors keeps, for each query of the table (actor, sort, filters),
// the cursor each page starts after, so that Next and Previous cost one
// request; a page opened from a link finds its cursor first.
const tableCursors = new Map();
let tableSeq = 0;
let lastTableDraw = null;

async function showActor(s) {
  const t0 = tableState(s);
  let a;
  try {
    a = await api.actorObligations(s.id, { sort: t0.sort, filter: t0, first: TABLE_PAGE });
  } catch (err) {
    if (err.code !== 'invalid') throw err;
    a = await api.actorObligations(s.id, { sort: t0.sort, first: 1 }); // the words filter had no words to search for
    if (a) a.page = null;
  }
  if (!a) { detail('Not found', h('p', {}, `No actor ${s.id}.`)); return; }
  const tableBox = h('div', { id: 'actor-table' });
  const strip = h('section', { id: 'years', class: 'years', 'aria-labelledby': 'years-title' });
  detail(`Who must do what: ${a.name}`,
    h('dl', { class: 'meta' },
      h('dt', {}, 'Type'), h('dd', {}, a.type || '—'),
      a.aliases && a.aliases.length ? [h('dt', {}, 'Also'), h('dd', {}, a.aliases.join(', '))] : null,
      h('dt', {}, 'Obligations'), h('dd', { id: 'actor-total' }, String(a.all))),
    a.all === 0 ? h('p', { id: 'no-obligations' }, 'No obligations are addressed to this actor in the graph.') : strip,
    a.all === 0 ? null : tableBox);
  if (a.all === 0) { lastTableDraw = null; return; }
  const first = a.page && t0.page === 1 ? { key: tableKey(a.id, t0), page: a.page } : null;
  const draw = (st, focusFilter) => drawTable(a, tableBox, st, focusFilter, first);
  lastTableDraw = draw;
  showYears(a, strip, s);
  showMandate(a.id, $('detail'));
  await draw(s, false);
}

function tableKey(id, t) {
  return JSON.stringify([id, t.sort, t.q || '', t.cls || '', t.year || '']);
}

// drawTable fetches the page the state asks for (sorted, filtered and
// paged on the server) and draws it; first is the first page, already
// fetched with the actor.
async function drawTable(a, box, s, focusFilter, first) {
  const t = tableState(s);
  const key = tableKey(a.id, t);
  const seq = ++tableSeq;
  box.dataset.loading = 'true';
  syncYears(t.year);
  let cursors = tableCursors.get(key);
  if (!cursors) tableCursors.set(key, (cursors = [null]));
  let p;
  let message = '';
  try {
    if (t.page === 1 && first && first.key === key) {
      p = first.page;
    } else {
      let after = cursors[t.page - 1];
      if (after === undefined) after = await api.actorCursorAfter(a.id, (t.page - 1) * TABLE_PAGE, { sort: t.sort, filter: t });
      p = await api.actorObligationsPage(a.id, { sort: t.sort, filter: t, first: TABLE_PAGE, after });
    }
  } catch (err) {
    if (err.code !== 'invalid') throw err;
    message = err.message.replace(/^GraphQL: /, '');
  }
  if (seq !== tableSeq) return; // a newer state is being drawn
  p = p || { total: 0, rows: [], hasNext: false, endCursor: null };
  cursors[t.page] = p.endCursor;
  renderTable(box, {
    columns: TABLE_COLUMNS,
    rows: p.rows,
    state: { ...t, focusFilter },
    total: p.total,
    all: a.all,
    pageSize: TABLE_PAGE,
    hasNext: p.hasNext,
    classes: OBLIGATION_CLASSES,
    caption: `Obligations of ${a.name}`,
    onState: (st, typing) => go({ ts: st.sort === '-date' ? '' : st.sort, tq: st.q || '', tc: st.cls || '', ty: st.year || '', tp: st.page || 1 }, { replace: !!typing }),
    onCSV: (button) => downloadCSV(button, a, t),
  });
  if (message) box.querySelector('#table-count').textContent = message;
  box.dataset.loading = '';
  box.dataset.key = key;
  box.dataset.page = String(t.page);
  performance.mark('resgraph:table-drawn');
}

// downloadCSV downloads every row the table's filters match, in its
// order (500 a request).
async function downloadCSV(button, a, t) {
  const label = button.textContent;
  button.disabled = true;
  try {
    const rows = await api.actorAllObligations(a.id, { sort: t.sort, filter: t }, (done, total) => {
      button.textContent = `Downloading ${done.toLocaleString('en')} of ${total.toLocaleString('en')}…`;
    });
    const blob = new Blob([toCSV(CSV_COLUMNS, rows)], { type: 'text/csv;charset=utf-8' });
    const link = h('a', { href: URL.createObjectURL(blob), download: `obligations-${a.id.replace(/[^a-z0-9]+/gi, '-')}.csv` });
    document.body.appendChild(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  } catch (err) {
    showError(err);
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

// showYears draws the strip of an actor's obligations by year, stacked by
// class; clicking a year filters the table to it.
async function showYears(a, box, s) {
  let years;
  try { years = await api.actorYears(a.id); } catch (err) { console.warn(err); return; }
  const width = 600;
  const height = 76;
  const t = layoutYears(years, width, height, OBLIGATION_CLASSES);
  if (!t.bars.length) return;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'group', 'aria-label': `Obligations of ${a.name} by year`, class: 'year-strip' });
  for (const b of t.bars) {
    const parts = Object.entries(b.byClass).filter(([, n]) => n > 0).map(([c, n]) => `${c} ${n}`).join(', ');
    const bar = svg('g', { class: 'year', 'data-year': b.year, 'data-count': String(b.count), tabindex: '0', role: 'button', 'aria-label': `${b.year}: ${b.count} obligations; show them` },
      svg('title', {}, `${b.year}: ${b.count} obligations (${parts})`),
      svg('rect', { x: b.x - 1, y: 0, width: b.w + 2, height: height - 12, class: 'hit' }),
      ...b.parts.map((q) => svg('rect', { x: b.x, y: q.y, width: b.w, height: q.h, fill: classColor(q.cls) })));
    const pick = () => { const cur = readState().ty; go({ ty: cur === b.year ? '' : b.year, tp: 1 }); };
    bar.addEventListener('click', pick);
    bar.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); pick(); } });
    chart.append(bar);
  }
  for (const l of t.labels) chart.append(svg('text', { x: l.x, y: height - 2, 'font-size': 10, 'text-anchor': 'middle', fill: '#4a4a4a' }, l.label));
  box.append(h('h3', { id: 'years-title' }, 'Obligations by year'),
    h('p', { class: 'muted legend-line' }, `Most in a year: ${t.max}. Click a year to list its obligations; colours are classes, as in the graph.`),
    chart);
  syncYears(readState().ty);
}

// syncYears marks the year the table is filtered to.
function syncYears(year) {
  document.querySelectorAll('#years g.year').forEach((g) => g.classList.toggle('selected', g.dataset.year === year));
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  for (const c of children) if (c != null) el.append(c);
  return el;
}

// showMandate adds, below an actor's obligations, the timeline of the
// mandate it holds (periods in force, decisions marked) and a side-by-side
// comparison of two of its renewals. Nothing when it holds no mandate.
async function showMandate(id, into) {
  let m;
  try { m = await api.mandate(id); } catch (err) { console.warn(err); return; }
  if (!m || !m.periods.length) return;
  const width = 640;
  const t = layoutTimeline(m, width, m.until || '');
  const chart = svg('svg', { viewBox: `0 0 ${width} 64`, width: '100%', role: 'img', 'aria-label': `Periods in force of ${m.name}` });
  for (const b of t.bars) {
    chart.append(svg('rect', { x: b.x, y: 18, width: b.w, height: 14, rx: 2, fill: b.computed ? '#9ecae1' : '#4292c6', 'data-symbol': b.symbol },
      svg('title', {}, `${b.from} – ${b.until || 'no end given'} (${b.symbol}${b.computed ? ', end computed from a period' : ''})${b.endedBy ? ', ended by ' + b.endedBy : ''}`)));
  }
  for (const k of t.ticks) {
    const tick = svg('line', { x1: k.x, x2: k.x, y1: 10, y2: 40, stroke: k.color, 'stroke-width': 2, class: 'tick', 'data-type': k.type },
      svg('title', {}, `${k.type} ${k.symbol} (${k.date})${k.paragraphs && k.paragraphs.length ? ', para. ' + k.paragraphs.join(', ') : ''}${k.until ? ' until ' + k.until : ''}`));
    tick.addEventListener('click', () => go({ v: 'document', id: k.symbol, para: k.paragraphs && k.paragraphs[0] ? 'op' + k.paragraphs[0] : '' }));
    chart.append(tick);
  }
  for (const y of t.years) chart.append(svg('text', { x: y.x, y: 56, 'font-size': 10, 'text-anchor': 'middle', fill: '#555' }, y.label));
  const rows = m.events.map((e) => h('tr', {},
    h('td', {}, e.date), h('td', {}, h('span', { class: 'ev ev-' + e.type }, e.type)),
    h('td', {}, docLink(e.symbol, e.paragraphs && e.paragraphs[0] ? 'op' + e.paragraphs[0] : '')),
    h('td', {}, (e.paragraphs || []).join(', ')), h('td', {}, e.until ? e.until + (e.computed ? ' (computed)' : '') : ''),
    h('td', {}, (e.changes || []).join(', '))));
  const rs = renewals(m.events);
  const pick = (name, i) => h('select', { id: name, 'aria-label': name === 'diff-from' ? 'Earlier resolution' : 'Later resolution' },
    ...rs.map((r, k) => h('option', { value: r.symbol, selected: k === i ? '' : null }, `${r.symbol} (${r.date})`)));
  const out = h('div', { id: 'diff-out' });
  const compare = async () => {
    clear(out);
    const a = $('diff-from').value, b = $('diff-to').value;
    try {
      const changes = await api.diff(a, b, m.id);
      out.append(diffTable(changes, a, b));
    } catch (err) { showError(err); }
  };
  const section = (h('section', { id: 'mandate', class: 'mandate' },
    h('h3', {}, `Mandate through time: ${m.name}`),
    h('p', { class: 'muted' }, `In force from ${m.established}${m.until ? ' to ' + m.until : ''}${m.inForce ? ' (in force now)' : ''}.`,
      m.predecessor ? [' Took over from ', actorLink(m.predecessor), '.'] : null,
      m.successor ? [' Succeeded by ', actorLink(m.successor), '.'] : null),
    chart,
    h('p', { class: 'legend-line' }, ...['establish', 'extend', 'modify', 'terminate'].map((k) => h('span', { class: 'ev ev-' + k }, k))),
    h('table', { class: 'events' }, h('thead', {}, h('tr', {}, ...['Date', 'Event', 'Resolution', 'Paragraphs', 'Until', 'Changes'].map((c) => h('th', {}, c)))), h('tbody', {}, rows)),
    rs.length > 1 ? h('div', { class: 'compare' }, h('h4', {}, 'Compare two renewals'),
      pick('diff-from', rs.length - 2), ' → ', pick('diff-to', rs.length - 1), ' ',
      h('button', { type: 'button', id: 'diff-go', onclick: compare }, 'Compare'), out) : null));
  // Above the obligations table: the timeline is what a mandate's page is for.
  const meta = into.querySelector('dl.meta');
  if (meta) meta.after(section); else into.append(section);
}

// diffTable shows changes side by side: the earlier text, the later text.
function diffTable(changes, a, b) {
  if (!changes.length) return h('p', { id: 'diff-none' }, `No change in the obligations from ${a} to ${b}.`);
  const words = (ws, keep) => ws.filter((w) => w.op === '=' || w.op === keep).map((w) =>
    w.op === '=' ? w.text + ' ' : h(keep === '-' ? 'del' : 'ins', {}, w.text + ' '));
  const body = changes.map((c) => {
    const left = c.kind === 'changed' ? words(c.words, '-') : c.from ? (c.from.until || c.from.text) : '';
    const right = c.kind === 'changed' ? words(c.words, '+') : c.to ? (c.to.until || c.to.text) : '';
    return h('tr', { class: 'change-' + c.kind },
      h('td', {}, c.kind + (c.direction ? ' (' + c.direction + ')' : '')),
      h('td', {}, c.from ? [h('span', { class: 'muted' }, `para. ${c.from.paragraph} `), c.from.verb ? c.from.verb + ' ' : '', left] : ''),
      h('td', {}, c.to ? [h('span', { class: 'muted' }, `para. ${c.to.paragraph} `), c.to.verb ? c.to.verb + ' ' : '', right] : ''));
  });
  return h('table', { class: 'diff', id: 'diff-table' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Change'), h('th', {}, a), h('th', {}, b))), h('tbody', {}, body));
}

async function showDocument(s) {
  const d = await api.getDocument(s.id);
  if (!d) { detail('Not found', h('p', {}, `No document ${s.id}.`)); return; }
  const obByPara = new Map();
  for (const o of d.actions) {
    if (!obByPara.has(o.paragraphId)) obByPara.set(o.paragraphId, []);
    obByPara.get(o.paragraphId).push(o);
  }
  const cites = (list, dir) => list.length
    ? h('ul', { class: 'plain cites', id: 'cites-' + dir }, list.map((c) => h('li', {},
      dir === 'out' ? [c.relation ? c.relation + ' ' : '', c.inCorpus ? docLink(c.symbol) : c.symbol, c.paragraph ? h('span', { class: 'muted' }, ` (¶${c.paragraph})`) : '']
        : [docLink(c.symbol, c.paragraphId), h('span', { class: 'muted' }, ` ${c.relation || 'cites'} it${c.paragraph ? ' in ¶' + c.paragraph : ''}`)])))
    : h('p', { class: 'muted', id: 'cites-' + dir }, 'None in the graph.');
  const paras = h('div', { id: 'doc-paras' }, d.paragraphs.map((p) => {
    const obs = obByPara.get(p.id) || [];
    return h('div', { class: 'para' + (p.id === s.para ? ' current' : ''), id: 'p-' + p.id, 'data-para': p.id },
      h('span', { class: 'num' }, p.number ? p.number + (p.item || '') + '.' : (p.kind === 'preambular' ? 'PP' : '')),
      h('span', { class: 'para-text' }, p.text),
      obs.length ? h('div', {}, obs.map((o) => h('button', { type: 'button', class: 'linklike', 'data-ob': o.id, onclick: () => go({ v: o.kind === 'stance' ? 'stance' : 'obligation', id: o.id }) },
        `${o.verb} → ${o.addressee ? o.addressee.name : short(o.target || '?', 60)}`)).flatMap((b) => [b, ' '])) : null);
  }));
  detail(`${d.symbol}`,
    h('dl', { class: 'meta' },
      h('dt', {}, 'Kind'), h('dd', {}, d.kind || '—'),
      h('dt', {}, 'Date'), h('dd', {}, d.date || '—'),
      d.adoptedSymbol ? [h('dt', {}, 'Adopted as'), h('dd', {}, d.adoptedSymbol)] : null,
      d.draftSymbol ? [h('dt', {}, 'Draft'), h('dd', {}, d.draftSymbol)] : null,
      d.chapterVII ? [h('dt', {}, 'Chapter VII'), h('dd', {}, 'yes')] : null),
    d.title ? h('p', {}, d.title) : null,
    h('details', { open: d.citesOut.length <= 8, class: 'cites-box' }, h('summary', {}, h('h3', {}, `Cites (${d.citesOut.length})`)), cites(d.citesOut, 'out')),
    h('details', { open: d.citesIn.length <= 8, class: 'cites-box' }, h('summary', {}, h('h3', {}, `Cited by (${d.citesIn.length})`)), cites(d.citesIn, 'in')),
    h('h3', {}, `Paragraphs (${d.paragraphs.length})`), paras);
  if (s.para) {
    // Scroll the panel only (scrollIntoView would scroll the window too).
    const el = document.getElementById('p-' + s.para);
    const panel = $('detail');
    if (el) panel.scrollTop = Math.max(0, el.offsetTop - panel.clientHeight / 3);
  }
}

async function showSearch(s) {
  const hits = await api.searchParagraphs(s.id);
  detail(`Paragraphs matching “${s.id}”`,
    h('p', { class: 'muted' }, `${hits.length} paragraphs`),
    h('ul', { class: 'plain', id: 'search-hits' }, hits.map((p) => h('li', { class: 'para' },
      docLink(p.symbol, p.id, `${p.symbol} ¶${p.number || p.id}`), ' ',
      h('span', { class: 'para-text' }, p.snippet)))));
}

// ---- render -------------------------------------------------------------

let detailKey = '';

async function render() {
  const s = readState();
  clearError();
  syncFilters(s);
  try {
    if (!s.n) {
      performance.mark('resgraph:home-query');
      const home = await (homePromise || api.home());
      homePromise = null;
      if (home) {
        history.replaceState(null, '', stateURL({ ...s, n: home.nodeId, v: s.v || home.v, id: s.id || home.id }));
        return render();
      }
    }
    performance.mark('resgraph:render');
    const jobs = [renderGraph(s)];
    const dk = [s.v, s.id, s.para].join('\u0000');
    if (dk !== detailKey) {
      detailKey = dk;
      if (s.v === 'obligation' || s.v === 'stance') jobs.push(showObligation(s));
      else if (s.v === 'actor') jobs.push(showActor(s));
      else if (s.v === 'document') jobs.push(showDocument(s));
      else if (s.v === 'search') jobs.push(showSearch(s));
      else if (s.v === 'link') jobs.push(showLink(s));
    } else if (s.v === 'actor' && lastTableDraw) {
      jobs.push(lastTableDraw(s, document.activeElement && document.activeElement.id === 'table-filter'));
    }
    await Promise.all(jobs);
    if (!document.body.dataset.ready) document.body.dataset.readyMs = String(Math.round(performance.now()));
    document.body.dataset.ready = 'true';
  } catch (err) {
    detailKey = '';
    showError(err);
  }
}

// vendorLoaded resolves once the deferred third-party scripts have run.
function vendorLoaded() {
  return new Promise((resolve) => {
    const ready = () => typeof cytoscape !== 'undefined' && typeof cytoscapeFcose !== 'undefined';
    if (ready()) { resolve(); return; }
    document.addEventListener('DOMContentLoaded', resolve, { once: true });
    window.addEventListener('load', resolve, { once: true }); // also when a script failed to load
  });
}

// prefetch starts the first view's queries before Cytoscape is ready.
function prefetch() {
  const s = readState();
  if (s.n) {
    hood(s.n, s.depth, s, true);
    // A link to a node may open a big graph: the layout worker loads its
    // scripts meanwhile, on another core.
    warmLayoutWorker();
    return;
  }
  homePromise = api.home();
  homePromise.then((home) => { if (home) hood(home.nodeId, 1, s, true); }).catch(() => {});
}
let homePromise = null;

async function start() {
  performance.mark('resgraph:start');
  prefetch();
  await vendorLoaded();
  performance.mark('resgraph:vendor-loaded');
  try {
    graph = createGraph($('cy'), { onTap: onNodeTap, onEdgeTap });
  } catch (err) {
    showError(err);
    return;
  }
  setupSearch();
  setupFilters();
  $('f-group').addEventListener('change', () => go({ group: $('f-group').value }));
  $('show-more').addEventListener('click', () => { const s = readState(); go({ top: Math.min(500, s.top + api.SUMMARY_TOP) }); });
  $('home').addEventListener('click', (ev) => { ev.preventDefault(); go({ n: '', x: [], v: '', id: '', para: '', classes: [], verb: '', from: '', to: '', depth: 1, ...TABLE_RESET }); });
  render().then(() => {
    loadFcose().catch(showError);
    // The layout worker loads Cytoscape and fCoSE for itself: start it now,
    // so it is ready when a big graph comes.
    setTimeout(warmLayoutWorker, 0);
    // The verb list for the filter box is not needed for the first view.
    api.facets().then((f) => {
      const dl = clear($('verbs'));
      for (const v of f.verbs) dl.append(h('option', { value: v }));
    }).catch(() => {});
  });
}

// The vendor scripts are deferred; module scripts run after them.
start();
