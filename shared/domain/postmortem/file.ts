// A postmortem as a Markdown file with YAML front matter — what `oncall postmortem export` writes,
// what import reads, and what git sync will keep in `postmortems/<date>-<slug>.md`.
// export → import → export is byte-identical: the body is kept verbatim and the front matter is
// written from the record with a fixed key order.

import YAML from 'yaml';
import { z } from 'zod';
import { instant, isoDate, timeZone } from '../../schemas';

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().default(null);
const handle = z.string().trim().min(1).max(80);

export const actionItemFile = z.strictObject({
  id: z.string().min(1).max(64),
  title: z.string().trim().min(1, { message: 'must say what changes' }).max(500),
  owner: nullable(handle),
  due: nullable(isoDate),
  because: nullable(z.number().int().min(1).max(999)),
  status: z.enum(['open', 'done', 'wont_do'], { message: 'must be open, done or wont_do' }).default('open'),
  reason: z.string().max(2000).default(''),
  link: nullable(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000)),
});
export type ActionItemFile = z.infer<typeof actionItemFile>;

const recordId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be an id of letters, digits, "-" and "_" (at most 64)' });

export const frontMatter = z.strictObject({
  id: recordId,
  title: z.string().trim().min(1, { message: 'must not be empty' }).max(200),
  status: z.enum(['draft', 'review', 'published'], { message: 'must be draft, review or published' }),
  severity: nullable(z.number().int().min(1).max(5)),
  services: z.array(z.string().trim().min(1).max(80)).max(100).default([]),
  authors: z.array(handle).max(50).default([]),
  template: z.string().trim().min(1).max(80).default('default'),
  timeZone: timeZone.default('UTC'),
  created: instant,
  /** The last edit (git sync: where both sides changed the same field, the later edit wins). */
  updated: nullable(instant),
  published: nullable(instant),
  incident: nullable(
    z.strictObject({
      id: z.string().min(1).max(64),
      title: z.string().trim().min(1).max(200),
      started: instant,
      detected: nullable(instant),
      mitigated: nullable(instant),
      resolved: nullable(instant),
      pages: z.array(z.string().min(1).max(64)).max(10_000).default([]),
    }),
  ),
  actionItems: z.array(actionItemFile).max(500).default([]),
  /**
   * The incident's customer impact (error budgets): from start to end, the share of requests or
   * users affected — `full` for an outage. Written only when set, so files from before it read
   * (and write back) as they were; ignored without an incident.
   */
  impact: nullable(
    z
      .strictObject({
        start: instant,
        end: instant,
        share: z.union([
          z.literal('full'),
          z.number().gt(0, { message: 'must be above 0 (or full)' }).max(1, { message: 'must be at most 1 (or full)' }),
        ]),
      })
      .refine((impact) => Date.parse(impact.end) > Date.parse(impact.start), {
        message: 'end must be after start',
        path: ['end'],
      }),
  ),
});
export type FrontMatter = z.infer<typeof frontMatter>;

export class PostmortemFileError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface PostmortemFile {
  /** null for a plain Markdown postmortem without front matter. */
  meta: FrontMatter | null;
  /** The title from front matter, else the first "# " heading. */
  title: string | null;
  body: string;
}

export function writePostmortemFile(meta: FrontMatter, body: string): string {
  const ordered: FrontMatter = {
    id: meta.id,
    title: meta.title,
    status: meta.status,
    severity: meta.severity,
    services: meta.services,
    authors: meta.authors,
    template: meta.template,
    timeZone: meta.timeZone,
    created: meta.created,
    updated: meta.updated,
    published: meta.published,
    incident: meta.incident && {
      id: meta.incident.id,
      title: meta.incident.title,
      started: meta.incident.started,
      detected: meta.incident.detected,
      mitigated: meta.incident.mitigated,
      resolved: meta.incident.resolved,
      pages: meta.incident.pages,
    },
    actionItems: meta.actionItems.map((a) => ({
      id: a.id,
      title: a.title,
      owner: a.owner,
      due: a.due,
      because: a.because,
      status: a.status,
      reason: a.reason,
      link: a.link,
    })),
    impact: meta.impact && { start: meta.impact.start, end: meta.impact.end, share: meta.impact.share },
  };
  if (ordered.impact === null) delete (ordered as Partial<FrontMatter>).impact;
  const yaml = YAML.stringify(ordered, { lineWidth: 0, defaultStringType: 'PLAIN', nullStr: 'null' });
  return `---\n${yaml}---\n\n${body}`;
}

const maxBytes = 5 * 2 ** 20;

export function readPostmortemFile(text: string): PostmortemFile {
  if (text.length > maxBytes) throw new PostmortemFileError('the file is larger than 5 MB');
  if (text.includes('\u0000')) throw new PostmortemFileError('the file is not text (it contains NUL bytes)');
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const fence = /^---\n([\s\S]*?\n)?---\n/.exec(normalised);
  if (!fence) {
    const heading = /^[ \t]*#[ \t]+(.+?)[ \t]*#*[ \t]*$/m.exec(normalised);
    let body = normalised;
    if (heading && normalised.slice(0, heading.index).trim() === '') {
      body = normalised.slice(heading.index + heading[0].length).replace(/^\n+/, '');
    }
    return { meta: null, title: heading?.[1]?.trim() ?? null, body };
  }
  let raw: unknown;
  try {
    raw = YAML.parse(fence[1] ?? '', { schema: 'core', uniqueKeys: true, maxAliasCount: 0 });
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new PostmortemFileError(
      `front matter is not valid YAML${line ? ` (line ${line + 1})` : ''}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const parsed = frontMatter.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.') ?? '';
    const field = issue?.code === 'unrecognized_keys' ? [path, issue.keys.join(', ')].filter(Boolean).join('.') : path;
    const message = issue?.code === 'unrecognized_keys' ? 'is not a known field' : (issue?.message ?? 'is not valid');
    throw new PostmortemFileError(`front matter: ${field || 'the whole block'}: ${message}`, field);
  }
  let body = normalised.slice(fence[0].length);
  if (body.startsWith('\n')) body = body.slice(1);
  return { meta: parsed.data, title: parsed.data.title, body };
}

export function slugOf(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'postmortem'
  );
}
