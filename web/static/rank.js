// Pure helpers for search suggestions: ranking actors and cutting snippets.
// No DOM, so `npm test` runs them in Node.

// rankActors puts the actor the text names exactly first, then actors with
// a name or alias starting with the text, then the others; shorter names
// first within a rank. The API lists matches in id order.
export function rankActors(exact, list, lower) {
  const rank = (a) => {
    if (exact && a.id === exact.id) return 0;
    const names = [a.name, ...(a.aliases || [])].map((n) => n.toLowerCase());
    if (names.includes(lower)) return 1;
    if (names.some((n) => n.startsWith(lower))) return 2;
    if (names.some((n) => n.split(/[\s-]+/).some((w) => w.startsWith(lower)))) return 3;
    return 4;
  };
  const all = exact && !list.some((a) => a.id === exact.id) ? [exact, ...list] : list.slice();
  return all
    .map((a) => ({ a, r: rank(a) }))
    .sort((x, y) => x.r - y.r || x.a.name.length - y.a.name.length || x.a.name.localeCompare(y.a.name))
    .map((x) => x.a);
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

