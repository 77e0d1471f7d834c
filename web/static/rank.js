// Pure helper for search suggestions: cutting snippets (the server ranks
// actors and documents).
// No DOM, so `npm test` runs it in Node.

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

