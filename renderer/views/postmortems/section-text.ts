// A section's text in its editor against its body as stored (between one blank line and the
// next heading).

/** A section body as stored: the editor's text between one blank line and the next heading. */
export function wrap(text: string, last: boolean): string {
  if (text === '') return last ? '' : '\n';
  return `\n${text}\n${last ? '' : '\n'}`;
}

/** The editor's text of a section body (the inverse of `wrap`) and where it starts in the body. */
export function unwrap(body: string, last: boolean): { text: string; lead: number } {
  let t = body;
  if (!last && t.endsWith('\n\n')) t = t.slice(0, -1);
  if (t === '\n' || t === '') return { text: '', lead: 0 };
  const lead = t.startsWith('\n') ? 1 : 0;
  t = t.slice(lead);
  if (t.endsWith('\n')) t = t.slice(0, -1);
  return { text: t, lead };
}
