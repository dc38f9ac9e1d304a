// HTML postmortems — a Confluence page export, Google Docs' "Download → Web page", or what mammoth
// makes of a .docx — turned into Markdown with turndown (GFM tables by Joplin's plugin), so they
// are read like any Markdown postmortem. Scripts, styles and images are dropped: the app shows no
// raw HTML and keeps no files besides the text.

import { gfm } from '@joplin/turndown-plugin-gfm';
import TurndownService from 'turndown';

export interface ConvertedHtml {
  markdown: string;
  /** The document's <title> (Confluence: "Space : Page"), when it has one. */
  title: string | null;
}

let service: TurndownService | null = null;

function turndown(): TurndownService {
  if (service) return service;
  service = new TurndownService({
    headingStyle: 'atx',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '_',
  });
  service.use(gfm);
  service.remove(['script', 'style', 'noscript', 'iframe', 'object', 'embed', 'head', 'title', 'meta', 'link']);
  // Images would be links to files the import does not bring; their alt text is kept.
  service.addRule('image', {
    filter: 'img',
    replacement: (_content, node) => (node as HTMLElement).getAttribute('alt') ?? '',
  });
  // Confluence's page chrome around #main-content: breadcrumbs, the title heading (the <title> is
  // read instead), "Created by …" and the footer.
  service.addRule('confluence-chrome', {
    filter: (node) =>
      /^(?:breadcrumb-section|title-heading|footer|likes-and-labels-container|comments-section)$/.test(
        node.getAttribute('id') ?? '',
      ) || /\bpage-metadata\b/.test(node.getAttribute('class') ?? ''),
    replacement: () => '',
  });
  // Confluence's task lists (https://confluence.atlassian.com/doc/add-assign-and-view-tasks-590260030.html):
  // <ul class="inline-task-list"><li data-inline-task-id="1" class="checked">…</li>, the assignee an
  // @mention (<a class="confluence-userlink user-mention" data-username="…">) and the due date a
  // <time datetime="YYYY-MM-DD"> — read as "- [x] … (owner: @user, due: YYYY-MM-DD)", like a Markdown one.
  service.addRule('confluence-task', {
    filter: (node) => node.nodeName === 'LI' && node.hasAttribute('data-inline-task-id'),
    replacement: (content, node) => {
      const checked = /\bchecked\b/.test((node as HTMLElement).getAttribute('class') ?? '');
      let text = content.replace(/\s+/g, ' ').trim();
      // Written the app's way, "(owner: @user, due: …)", so the reading view's Owner and Due
      // columns hold them and the title does not repeat them.
      const due = /\s*\(due: (\d{4}-\d{2}-\d{2})\)/.exec(text);
      if (due) text = text.replace(due[0], '');
      const owner = /\s+@([\w.-]+)$/.exec(text);
      if (owner) text = text.slice(0, owner.index);
      const details = [owner ? `owner: @${owner[1]}` : '', due ? `due: ${due[1]}` : ''].filter((d) => d !== '');
      if (details.length > 0) text += ` (${details.join(', ')})`;
      return `- [${checked ? 'x' : ' '}] ${text}${node.nextSibling ? '\n' : ''}`;
    },
  });
  service.addRule('confluence-mention', {
    filter: (node) =>
      node.nodeName === 'A' &&
      node.hasAttribute('data-username') &&
      /\b(?:user-mention|confluence-userlink)\b/.test(node.getAttribute('class') ?? ''),
    replacement: (content, node) => {
      const inTask = (node as HTMLElement).closest?.('li[data-inline-task-id]');
      return inTask ? `@${(node as HTMLElement).getAttribute('data-username') ?? ''}` : content;
    },
  });
  service.addRule('confluence-task-date', {
    filter: (node) =>
      node.nodeName === 'TIME' &&
      /^\d{4}-\d{2}-\d{2}$/.test(node.getAttribute('datetime') ?? '') &&
      Boolean((node as HTMLElement).closest?.('li[data-inline-task-id]')),
    replacement: (_content, node) => `(due: ${(node as HTMLElement).getAttribute('datetime') ?? ''})`,
  });
  // Google Docs wraps every link in https://www.google.com/url?q=<target>&…
  service.addRule('google-link', {
    filter: (node) =>
      node.nodeName === 'A' && /^https:\/\/www\.google\.com\/url\?q=/.test(node.getAttribute('href') ?? ''),
    replacement: (content, node) => {
      const href = new URL((node as HTMLElement).getAttribute('href') ?? '').searchParams.get('q') ?? '';
      return /^https?:\/\//.test(href) ? `[${content}](${href})` : content;
    },
  });
  // Google Docs' "Title" style is a paragraph of class "title": it is the document's title.
  service.addRule('docs-title', {
    filter: (node) => node.nodeName === 'P' && /\btitle\b/.test(node.getAttribute('class') ?? ''),
    replacement: (content) => `\n\n# ${content.trim()}\n\n`,
  });
  return service;
}

export function htmlToMarkdown(html: string): ConvertedHtml {
  const rawTitle =
    /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ??
    /<p[^>]*class="[^"]*\btitle\b[^"]*"[^>]*>([\s\S]*?)<\/p>/i.exec(html)?.[1]?.replace(/<[^>]*>/g, '') ??
    null;
  const title = rawTitle
    ? rawTitle
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/\s+/g, ' ')
        .replace(/^[^:]{1,60} : /, '') // Confluence: "Space : Page title"
        .trim() || null
    : null;
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  const markdown = turndown()
    .turndown(body)
    .replace(/\u00a0/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    // A table without a header row (Word, Google Docs) gets an empty one; its first row is the header.
    // So does one whose <th> row is not the first node of its <tbody> (an export with whitespace
    // between the tags, as Confluence writes it); the plugin ends that separator with a space.
    .replace(/^(\|(?:[ \t]*\|)+)[ \t]*\n(\|(?:[ \t]*:?-+:?[ \t]*\|)+)[ \t]*\n(\|.*\|)[ \t]*$/gm, '$3\n$2')
    // A cell of several paragraphs (Google Docs and Confluence put each in a <p>) comes out of the
    // table plugin joined by <br>: raw HTML the app would show as text. One line, the paragraphs
    // kept apart by a space.
    .replace(/^\|.*\|$/gm, (row) => row.replace(/(?:[ \t]*<br\s*\/?>[ \t]*)+/g, ' '));
  return { markdown: `${markdown.trim()}\n`, title };
}
