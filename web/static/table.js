// The who-must-do-what table: sortable by any column, filtered by a text
// box, downloadable as CSV. Sort and filter are kept in the URL by the
// caller (onState).

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

// paraCompare orders paragraph numbers as numbers ("2" < "10"), then items.
function naturalCompare(a, b) {
  return String(a).localeCompare(String(b), 'en', { numeric: true, sensitivity: 'base' });
}

// renderTable draws rows into container. columns: [{key, label, text(row),
// cell(row) -> Node|string, sort(row) -> value}]. state: {sort: "key" or
// "-key", q: filter text}. onState(newState) is called when the user sorts or
// filters; filename names the CSV download.
export function renderTable(container, { columns, rows, state, onState, filename, caption }) {
  clear(container);
  const q = (state.q || '').trim().toLowerCase();
  const desc = (state.sort || '').startsWith('-');
  const key = (state.sort || '').replace(/^-/, '');
  const col = columns.find((c) => c.key === key);
  let shown = q ? rows.filter((r) => columns.some((c) => String(c.text(r) || '').toLowerCase().includes(q))) : rows.slice();
  if (col) {
    const val = col.sort || col.text;
    shown.sort((a, b) => naturalCompare(val(a), val(b)) * (desc ? -1 : 1));
  }
  const filterInput = h('input', { type: 'search', id: 'table-filter', value: state.q || '', placeholder: 'words in any column', 'aria-controls': 'ob-table' });
  let timer = 0;
  filterInput.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => onState({ ...state, q: filterInput.value }, true), 250);
  });
  const download = h('button', {
    type: 'button',
    id: 'csv-download',
    onclick: () => {
      const blob = new Blob([toCSV(columns, shown)], { type: 'text/csv;charset=utf-8' });
      const a = h('a', { href: URL.createObjectURL(blob), download: filename });
      document.body.appendChild(a);
      a.click();
      setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    },
  }, 'Download CSV');
  const count = h('span', { class: 'muted', id: 'table-count', role: 'status' }, `${shown.length} of ${rows.length} rows`);
  container.append(h('div', { class: 'tools' }, h('label', {}, 'Filter rows', filterInput), download, count));
  const head = h('tr', {}, columns.map((c) => {
    const sorted = c.key === key ? (desc ? 'descending' : 'ascending') : 'none';
    return h('th', { scope: 'col', 'aria-sort': sorted },
      h('button', {
        type: 'button',
        'data-col': c.key,
        'aria-label': `Sort by ${c.label}`,
        onclick: () => onState({ ...state, sort: c.key === key && !desc ? '-' + c.key : c.key }),
      }, c.label));
  }));
  const body = h('tbody', {}, shown.map((r) => h('tr', { 'data-row': r.id || '' }, columns.map((c) => h('td', { 'data-col': c.key }, c.cell ? c.cell(r) : c.text(r))))));
  container.append(h('div', { class: 'table-wrap' }, h('table', { class: 'grid', id: 'ob-table' }, caption ? h('caption', { class: 'visually-hidden' }, caption) : null, h('thead', {}, head), body)));
  // keep the caret in the filter box across redraws
  if (state.focusFilter) {
    filterInput.focus();
    filterInput.setSelectionRange(filterInput.value.length, filterInput.value.length);
  }
}
