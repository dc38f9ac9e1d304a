// Postmortem templates: the default blameless three-section template, a longer one in the style
// of the Google SRE book, and a team's own as Markdown (each "## Heading" is a section; the text
// under it is the guidance shown beside the editor, not part of the postmortem).

export interface TemplateSection {
  title: string;
  guidance: string;
}

export interface Template {
  name: string;
  description: string;
  builtIn: boolean;
  sections: TemplateSection[];
}

export const defaultTemplate: Template = {
  name: 'default',
  description: 'Blameless, three sections: what happened, why, and what teams are changing.',
  builtIn: true,
  sections: [
    {
      title: 'What Happened',
      guidance:
        'A factual timeline, no interpretation yet. Every entry starts with its time. Pre-filled from the incident’s pages.',
    },
    {
      title: 'Why It Happened',
      guidance:
        'At least five “because” statements. Each names a condition of the system, process or tooling — never a person’s action. Number them: action items refer to them.',
    },
    {
      title: 'What Teams Are Changing',
      guidance:
        'Specific changes to the system, each with an owner, a due date and the “because” it addresses. Not “be more careful”.',
    },
  ],
};

export const sreBookTemplate: Template = {
  name: 'sre-book',
  description: 'The longer format in the style of the Google SRE book.',
  builtIn: true,
  sections: [
    { title: 'Summary', guidance: 'Two or three sentences: what broke, for whom, for how long.' },
    { title: 'Impact', guidance: 'Who and what was affected, and how much (users, requests, revenue, SLO budget).' },
    { title: 'Trigger', guidance: 'The change or event that set the failure off — a condition, not a person.' },
    {
      title: 'Root Causes',
      guidance: 'At least five “because” statements, each a condition of the system, process or tooling.',
    },
    { title: 'Detection', guidance: 'How the problem was noticed, and how it could be noticed sooner.' },
    { title: 'Resolution', guidance: 'What mitigated and then resolved it.' },
    {
      title: 'Action Items',
      guidance: 'Specific changes, each with an owner, a due date and the “because” it addresses.',
    },
    { title: 'Lessons Learned', guidance: 'What went well, what went wrong, where the team got lucky.' },
    { title: 'Timeline', guidance: 'Every entry starts with its time. Pre-filled from the incident’s pages.' },
  ],
};

export const builtInTemplates: Template[] = [defaultTemplate, sreBookTemplate];

export class TemplateError extends Error {}

/** Reads a team's template: "## Heading" lines are sections, the text under each its guidance. */
export function parseTemplate(name: string, markdown: string, description = ''): Template {
  if (markdown.length > 200_000) throw new TemplateError('the template is larger than 200 kB');
  const sections: TemplateSection[] = [];
  let intro = '';
  for (const line of markdown.replace(/\r\n/g, '\n').split('\n')) {
    const heading = /^##[ \t]+(.+?)[ \t]*#*[ \t]*$/.exec(line);
    if (heading) sections.push({ title: (heading[1] ?? '').trim(), guidance: '' });
    else if (/^#[ \t]/.test(line) && sections.length === 0) continue;
    else {
      const last = sections[sections.length - 1];
      if (last) last.guidance += `${line}\n`;
      else intro += `${line}\n`;
    }
  }
  if (sections.length === 0) {
    throw new TemplateError('the template has no sections: start each section with a “## Heading” line');
  }
  const titles = new Set<string>();
  for (const section of sections) {
    const key = section.title.toLowerCase();
    if (titles.has(key)) throw new TemplateError(`the section “${section.title}” appears twice`);
    titles.add(key);
    section.guidance = section.guidance.trim();
  }
  return { name, description: description || intro.trim().split('\n')[0] || '', builtIn: false, sections };
}

/** A template back as Markdown (what `templates/<name>.md` in the team's repository holds). */
export function templateMarkdown(template: Template): string {
  const parts = [`# ${template.name}`, ''];
  if (template.description) parts.push(template.description, '');
  for (const section of template.sections) {
    parts.push(`## ${section.title}`, '');
    if (section.guidance) parts.push(section.guidance, '');
  }
  return `${parts.join('\n').trimEnd()}\n`;
}

/** A new postmortem's body: every section's heading, with the given bodies where known. */
export function documentFrom(template: Template, bodies: Record<string, string> = {}): string {
  return template.sections
    .map((section) => {
      const body = bodies[section.title]?.trim();
      return body ? `## ${section.title}\n\n${body}\n` : `## ${section.title}\n`;
    })
    .join('\n');
}
