// A mandate's timeline laid out for an SVG: its periods in force as bars
// on a time axis, its decisions as ticks, years as labels. Pure, so that
// web/test can check it without a browser.

const DAY = 86400000;

function ms(iso) { return Date.parse(iso + 'T00:00:00Z'); }

// Colours by event type, and the word a tick's title uses.
export const EVENT_COLORS = {
  establish: '#1b7837', authorize: '#1b7837', extend: '#2166ac', modify: '#e08214', terminate: '#b2182b', expire: '#b2182b',
};

// layoutTimeline places periods and events between x = pad and width - pad.
// Periods without an end run to `end` (the corpus's last day), drawn open.
// It returns { bars, ticks, years, from, to }, every x rounded to 0.1.
export function layoutTimeline({ periods, events }, width, end, pad = 8) {
  const days = [];
  for (const p of periods) { days.push(p.from); if (p.until) days.push(p.until); }
  for (const e of events) days.push(e.date);
  if (days.length === 0) return { bars: [], ticks: [], years: [], from: '', to: '' };
  days.sort();
  const from = days[0];
  let to = days[days.length - 1];
  if (end && periods.some((p) => !p.until) && end > to) to = end;
  const t0 = ms(from);
  const span = Math.max(DAY, ms(to) - t0);
  const x = (iso) => Math.round((pad + ((ms(iso) - t0) / span) * (width - 2 * pad)) * 10) / 10;
  const bars = periods.map((p) => {
    const x0 = x(p.from);
    const x1 = x(p.until || to);
    return { x: x0, w: Math.max(1, Math.round((x1 - x0) * 10) / 10), from: p.from, until: p.until, open: !p.until, symbol: p.symbol, computed: !!p.computed, endedBy: p.endedBy };
  });
  const ticks = events.map((e) => ({ x: x(e.date), type: e.type, symbol: e.symbol, date: e.date, paragraphs: e.paragraphs, until: e.until, color: EVENT_COLORS[e.type] || '#555' }));
  const years = [];
  const y0 = Number(from.slice(0, 4));
  const y1 = Number(to.slice(0, 4));
  const step = Math.max(1, Math.ceil((y1 - y0 + 1) / Math.max(1, Math.floor((width - 2 * pad) / 48))));
  for (let y = y0 + (from.slice(5) === '01-01' ? 0 : 1); y <= y1; y += step) {
    years.push({ x: x(`${y}-01-01`), label: String(y) });
  }
  return { bars, ticks, years, from, to };
}

// renditions returns the task-setting resolutions of a mandate, in order:
// the ones a user compares side by side.
export function renewals(events) {
  const seen = new Set();
  const out = [];
  for (const e of events) {
    if (e.type === 'expire' || seen.has(e.symbol)) continue;
    seen.add(e.symbol);
    out.push({ symbol: e.symbol, date: e.date });
  }
  return out;
}

// layoutYears places an actor's obligations by year as a strip of bars,
// one a year from the first to the last (years with none get no bar),
// each stacked by class in the order classes gives (obligations of other
// classes on top). years: [{year, count, byClass: {class: n}}]. It returns
// {bars: [{year, count, x, w, y, h, parts: [{cls, y, h}]}], labels: [{x,
// label}], max}, every number rounded to 0.1; bars grow up from height -
// base.
export function layoutYears(years, width, height, classes, { pad = 4, base = 14 } = {}) {
  const round = (v) => Math.round(v * 10) / 10;
  const ys = years.filter((y) => y.count > 0);
  if (!ys.length) return { bars: [], labels: [], max: 0 };
  const y0 = Number(ys[0].year);
  const y1 = Number(ys[ys.length - 1].year);
  const n = y1 - y0 + 1;
  const slot = (width - 2 * pad) / n;
  const max = Math.max(...ys.map((y) => y.count));
  const room = height - base - 2;
  const bars = ys.map((y) => {
    const i = Number(y.year) - y0;
    const h = Math.max(1, (y.count / max) * room);
    let top = height - base;
    const parts = [];
    let rest = y.count;
    for (const cls of [...classes, '']) {
      const c = cls ? (y.byClass[cls] || 0) : rest;
      if (c <= 0) continue;
      rest -= cls ? c : 0;
      const ph = (c / y.count) * h;
      top -= ph;
      parts.push({ cls: cls || 'other', y: round(top), h: round(ph) });
    }
    const w = Math.max(1, Math.min(36, slot * 0.8)); // a lone year is a bar, not a block
    return { year: y.year, count: y.count, byClass: y.byClass, x: round(pad + i * slot + (slot - w) / 2), w: round(w), y: round(height - base - h), h: round(h), parts };
  });
  const every = Math.max(1, Math.ceil(32 / slot)); // a label at least 32 px apart
  const labels = [];
  for (let y = y0; y <= y1; y++) {
    if ((y - y0) % every === 0) labels.push({ x: round(pad + (y - y0 + 0.5) * slot), label: String(y) });
  }
  return { bars, labels, max };
}
