// Marks: Action.Marks give UTF-8 byte offsets into Paragraph.Text; the DOM
// indexes strings in UTF-16 code units. These helpers convert one to the
// other and split a text into segments, each with the roles that cover it.

const encoder = new TextEncoder();

// byteToUnit returns a function mapping a UTF-8 byte offset in s to the
// UTF-16 index of the same place. An offset inside a character maps to the
// start of that character; offsets past the end map to s.length.
export function byteToUnit(s) {
  const total = encoder.encode(s).length;
  const table = new Uint32Array(total + 1);
  let b = 0;
  let u = 0;
  for (const ch of s) { // iterates code points
    const cp = ch.codePointAt(0);
    const nb = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let i = 0; i < nb; i++) table[b + i] = u;
    b += nb;
    u += ch.length;
  }
  table[total] = s.length;
  return (off) => {
    if (!(off > 0)) return 0;
    if (off >= total) return s.length;
    return table[off];
  };
}

// segments splits text at the boundaries of marks ({role, start, end} in
// bytes) and returns [{text, roles}] in order; roles is sorted and empty
// for unmarked text. Marks out of range are clipped; empty ones dropped.
export function segments(text, marks) {
  const conv = byteToUnit(text);
  const spans = [];
  for (const m of marks || []) {
    const a = conv(m.start);
    const b = conv(m.end);
    if (b > a) spans.push({ role: m.role, a, b });
  }
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.a); cuts.add(s.b); }
  const points = [...cuts].sort((x, y) => x - y);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const roles = [...new Set(spans.filter((s) => s.a <= a && s.b >= b).map((s) => s.role))].sort();
    out.push({ text: text.slice(a, b), roles });
  }
  return out;
}

// ROLE_LABELS names the roles for people (legend, tooltips).
export const ROLE_LABELS = {
  addressee: 'addressee',
  verb: 'verb',
  action: 'action',
  deadline: 'deadline',
  partner: 'partner',
  recurrence: 'recurrence',
  duration: 'duration',
  condition: 'condition',
};
