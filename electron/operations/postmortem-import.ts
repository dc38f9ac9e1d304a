// Importing a postmortem document: Markdown of any heading style, HTML (Confluence, Google Docs,
// a .docx as mammoth gives it), with foreign front matter kept as details. `importPreviewOf` is
// what the preview shows; `importPostmortem` stores exactly that (and refuses, storing nothing,
// when the document has no sections and the author mapped none).

import type { OperationOutput, ParsedInput } from '../../shared/contract';
import { PostmortemFileError } from '../../shared/domain/postmortem/file';
import {
  ImportError,
  previewImport,
  type ImportPreview as DomainPreview,
} from '../../shared/domain/postmortem/import/preview';
import type { ActionItemFile } from '../../shared/domain/postmortem/file';
import type { ImportPreview } from '../../shared/postmortem-contract';
import { htmlToMarkdown } from '../import/postmortem-html';
import { getPostmortemRow, type PostmortemRow } from '../store/postmortems';
import {
  actionRowsFor,
  ForeignActionItemError,
  impactOf,
  incidentRowOf,
  storePostmortem,
} from '../store/postmortem-records';
import type { OperationContext } from './context';
import { OperationFailure } from './errors';
import { currentPerson } from './me';
import { allTemplates, guidanceOf, livePostmortem, msOrNull, toPostmortem } from './postmortem-rows';

type ImportInput = ParsedInput<'postmortems.import'>;

const looksLikeHtml = (text: string): boolean => /^\s*(?:<!doctype html|<html[\s>]|<\?xml[^>]*>\s*<html)/i.test(text);

export function importPreviewOf(
  ctx: OperationContext,
  input: ImportInput,
): { preview: ImportPreview; domain: DomainPreview } {
  const field = input.html !== undefined ? 'html' : 'markdown';
  const me = currentPerson(ctx);
  try {
    let markdown = input.markdown ?? '';
    let titleHint: string | null = null;
    let format = input.format ?? 'markdown';
    if (input.html !== undefined || (input.format === undefined && looksLikeHtml(markdown))) {
      const converted = htmlToMarkdown(input.html ?? markdown);
      markdown = converted.markdown;
      titleHint = converted.title;
      if (format === 'markdown') format = 'html';
    }
    const domain = previewImport({
      markdown,
      format,
      fileName: input.fileName,
      titleHint,
      mapping: input.mapping,
      zone: me?.timeZone ?? ctx.defaults.timeZone,
    });
    const existing = domain.meta ? getPostmortemRow(ctx.db, domain.meta.id) : undefined;
    const { meta, ...rest } = domain;
    return { preview: { ...rest, updates: existing && meta ? meta.id : null }, domain };
  } catch (error) {
    if (error instanceof PostmortemFileError || error instanceof ImportError) {
      throw new OperationFailure('invalid_input', `${field}: ${error.message}`, field);
    }
    throw error;
  }
}

const validLink = (link: string | null): string | null => {
  if (!link || link.length > 2000) return null;
  try {
    return /^https?:$/.test(new URL(link).protocol) ? link : null;
  } catch {
    return null;
  }
};

export function importPostmortem(ctx: OperationContext, input: ImportInput): OperationOutput<'postmortems.import'> {
  const { preview, domain } = importPreviewOf(ctx, input);
  const meta = domain.meta;
  const field = input.html !== undefined ? 'html' : 'markdown';
  if (!meta && preview.sections.length === 0) {
    throw new OperationFailure(
      'invalid_input',
      `${field}: no sections found: give the document headings (e.g. “## What Happened”) or map its blocks to sections in the import preview`,
      field,
    );
  }
  const now = ctx.now();
  const me = currentPerson(ctx);
  const templates = allTemplates(ctx.db);
  const existing = meta ? getPostmortemRow(ctx.db, meta.id) : undefined;
  const id = meta?.id ?? ctx.newId();
  const incidentRow = meta ? incidentRowOf(ctx.db, meta, now) : null;
  const templateName = meta?.template ?? 'imported';
  const body = preview.markdown;
  const row: PostmortemRow = {
    id,
    incident_id: incidentRow?.id ?? null,
    title: preview.title,
    template: templateName,
    status: meta?.status ?? 'draft',
    authors: JSON.stringify(meta?.authors ?? (me ? [me.handle] : [])),
    time_zone: meta?.timeZone ?? preview.timeZone,
    body,
    guidance: JSON.stringify(
      guidanceOf(
        templates.find((t) => t.name === templateName),
        body,
      ),
    ),
    created_at: meta ? Date.parse(meta.created) : now,
    updated_at: meta?.updated ? Date.parse(meta.updated) : now,
    published_at: msOrNull(meta?.published),
    deleted_at: null,
  };
  const items: ActionItemFile[] = meta
    ? meta.actionItems
    : preview.actionItems.map((a) => ({
        id: ctx.newId(),
        title: a.title,
        owner: a.owner,
        due: a.due,
        because: a.because,
        status: a.status,
        reason: '',
        link: validLink(a.link),
      }));
  const actions = actionRowsFor(id, items, now);
  try {
    storePostmortem(
      ctx.db,
      {
        row,
        existing: Boolean(existing),
        incidentRow,
        incidentPages: meta?.incident?.pages ?? [],
        // A file with front matter says the incident's impact (none: none); a plain document says nothing of it.
        impact: meta ? impactOf(meta) : undefined,
        actions,
      },
      ctx.deviceId,
      now,
    );
  } catch (error) {
    if (error instanceof ForeignActionItemError) throw new OperationFailure('invalid_input', error.message, field);
    throw error;
  }
  return { postmortem: toPostmortem(ctx, livePostmortem(ctx, id)), created: !existing, preview };
}
