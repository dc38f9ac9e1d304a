// A .docx postmortem as HTML (mammoth maps Word's Heading 1–6, lists, tables and links to their
// HTML elements by style, dropping the looks) — the import then reads it as any HTML document.

import mammoth from 'mammoth';

export async function docxToHtml(file: Buffer): Promise<string> {
  const result = await mammoth.convertToHtml(
    { buffer: file },
    // Word's Title style is the document's title (mammoth leaves it a plain paragraph).
    { styleMap: ["p[style-name='Title'] => p.title:fresh"] },
  );
  return `<html><body>${result.value}</body></html>`;
}
