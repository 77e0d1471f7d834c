// The who-must-do-what table: one page of rows that the server sorted,
// filtered and paged (the caller fetches them), drawn to fit its panel;
// headers that sort, a filter box, a class filter, a pager, and a CSV
// download of every row that matches. The state (sort, filters, page) is
// kept in the URL by the caller (onState).

import { h, clear } from './dom.js';

// csvField quotes a field per RFC 4180.
export function csvField(v) {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export function toCSV(columns, rows) {
  const lines = [columns.map((c) => csvField(c.label)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField(c.text(r))).join(','));
  return lines.join('\r\n') + '\r\n';
}

// nextSort is the sort after a click on the header of key: the other
// direction when it is the current key, else ascending (dates newest
// first). sort is "key" or "-key"; "" means "-date".
export function nextSort(sort, key) {
  const cur = sort || '-date';
  const desc = cur.startsWith('-');
  if (cur.replace(/^-/, '') === key) return desc ? key : '-' + key;
  return key === 'date' ? '-date' : key;
}

// sortLabel says the sort in words: "newest first", "verb, Z to A".
export function sortLabel(sort, names) {
  const cur = sort || '-date';
  const key = cur.replace(/^-/, '');
  const desc = cur.startsWith('-');
  if (key === 'date') return desc ? 'newest first' : 'oldest first';
  return `by ${(names[key] || key).toLowerCase()}${desc ? ', descending' : ''}`;
}

// pageRange says which rows a page shows: "Rows 51–100 of 4,703".
export function pageRange(page, size, count, total) {
  const fmt = (n) => n.toLocaleString('en');
  if (total === 0) return 'No rows';
  const from = (page - 1) * size + 1;
  return `Rows ${fmt(from)}–${fmt(from + count - 1)} of ${fmt(total)}`;
}

// renderTable draws one page into container.
//
// columns: [{key, label, sorts: [{key, label}], cell(row) -> Node|string}]
// (a column may sort by several keys: "Document" by document and date);
// rows: the page; state: {sort, q, cls, year, page, focusFilter}; total:
// rows matching; all: the actor's rows in all; pageSize; hasNext;
// classes: the class filter's choices; onState(newState, typing) when the
// user sorts, filters or pages; onCSV(button) to download every matching
// row; caption.
export function renderTable(container, { columns, rows, state, total, all, pageSize, hasNext, classes, onState, onCSV, caption }) {
  clear(container);
  const sort = state.sort || '-date';
  const key = sort.replace(/^-/, '');
  const desc = sort.startsWith('-');
  const page = state.page || 1;
  const set = (change, typing) => onState({ ...state, page: 1, ...change }, typing);

  const filterInput = h('input', { type: 'search', id: 'table-filter', value: state.q || '', placeholder: 'words of the paragraph', 'aria-controls': 'ob-table' });
  let timer = 0;
  filterInput.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => set({ q: filterInput.value }, true), 300);
  });
  const classSelect = h('select', { id: 'table-class', 'aria-controls': 'ob-table', onchange: (ev) => set({ cls: ev.target.value }) },
    h('option', { value: '' }, 'any class'),
    (classes || []).map((c) => h('option', { value: c, selected: c === state.cls ? '' : null }, c)));
  const download = h('button', { type: 'button', id: 'csv-download', onclick: (ev) => onCSV(ev.target) }, 'Download CSV');
  const names = Object.fromEntries(columns.flatMap((c) => c.sorts || []).map((s) => [s.key, s.label]));
  const status = h('span', { class: 'muted', id: 'table-count', role: 'status', 'data-total': String(total), 'data-all': String(all) },
    `${pageRange(page, pageSize, rows.length, total)}${total !== all ? ` (of ${all.toLocaleString('en')} in all)` : ''}, ${sortLabel(sort, names)}`);
  container.append(h('div', { class: 'tools' },
    h('label', {}, 'Filter by words', filterInput),
    h('label', {}, 'Class', classSelect),
    state.year ? h('button', { type: 'button', id: 'table-year', class: 'chip', title: 'Show every year', onclick: () => set({ year: '' }) }, `Year ${state.year} ✕`) : null,
    download));

  const head = h('tr', {}, columns.map((c) => {
    const active = (c.sorts || []).some((s) => s.key === key);
    return h('th', { scope: 'col', 'data-col': c.key, 'aria-sort': active ? (desc ? 'descending' : 'ascending') : 'none' },
      (c.sorts || []).map((s, i) => [i ? h('span', { class: 'muted' }, ' · ') : null, h('button', {
        type: 'button',
        'data-col': s.key,
        class: s.key === key ? 'sorted ' + (desc ? 'desc' : 'asc') : null,
        'aria-label': `Sort by ${s.label}${s.key === key ? (desc ? ', now descending' : ', now ascending') : ''}`,
        onclick: () => set({ sort: nextSort(sort, s.key) }),
      }, s.label)]),
      (c.sorts || []).length ? null : c.label);
  }));
  const body = h('tbody', {}, rows.map((r) => h('tr', { 'data-row': r.id || '' }, columns.map((c) => h('td', { 'data-col': c.key }, c.cell(r))))));
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of the table' },
    h('button', { type: 'button', id: 'page-first', disabled: page <= 1, onclick: () => onState({ ...state, page: 1 }) }, '« First'),
    h('button', { type: 'button', id: 'page-prev', disabled: page <= 1, onclick: () => onState({ ...state, page: page - 1 }) }, '‹ Previous'),
    h('span', { id: 'page-of' }, `Page ${page} of ${pages}`),
    h('button', { type: 'button', id: 'page-next', disabled: !hasNext, onclick: () => onState({ ...state, page: page + 1 }) }, 'Next ›'));
  container.append(status,
    h('table', { class: 'grid', id: 'ob-table' }, caption ? h('caption', { class: 'visually-hidden' }, caption) : null, h('thead', {}, head), body),
    total > pageSize ? pager : null);
  // keep the caret in the filter box across redraws
  if (state.focusFilter) {
    filterInput.focus();
    filterInput.setSelectionRange(filterInput.value.length, filterInput.value.length);
  }
}
