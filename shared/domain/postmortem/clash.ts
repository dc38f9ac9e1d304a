// Two versions of a postmortem's text whose lines clashed in a sync (the three-way merge could
// not combine them): which sections differ, and taking one section from the other version.
// The editor shows these so the author decides section by section; nothing is dropped meanwhile
// (the other version stays in the conflict log until the author is done).

import { joinSections, splitSections, type Section } from './document';

export interface SectionClash {
  /** The section's heading title ("" for the text before the first heading). */
  title: string;
  /** Which of the sections with this title (0 for the first). */
  occurrence: number;
  /** This section's body in the editor's text (null: only the other version has it). */
  mine: string | null;
  /** This section's body in the other version (null: only the editor's text has it). */
  other: string | null;
}

const keyed = (sections: Section[]): Map<string, Section> => {
  const seen = new Map<string, number>();
  const out = new Map<string, Section>();
  for (const section of sections) {
    const n = seen.get(section.title) ?? 0;
    seen.set(section.title, n + 1);
    out.set(`${n}\u0000${section.title}`, section);
  }
  return out;
};

/** The sections that differ between the two texts, in the editor's order (then the other's). */
export function clashingSections(mine: string, other: string): SectionClash[] {
  const a = keyed(splitSections(mine));
  const b = keyed(splitSections(other));
  const out: SectionClash[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key);
    const y = b.get(key);
    // A final line break more or less is not a difference (a section that stops being the last
    // gets one).
    if (x && y && x.heading === y.heading && x.body.replace(/\n$/, '') === y.body.replace(/\n$/, '')) continue;
    if (!x && y && y.heading === '' && y.body.trim() === '') continue;
    if (x && !y && x.heading === '' && x.body.trim() === '') continue;
    const [n, title] = key.split('\u0000') as [string, string];
    out.push({ title, occurrence: Number(n), mine: x ? x.body : null, other: y ? y.body : null });
  }
  return out;
}

/**
 * The editor's text with one section taken from the other version: replaced where both have it,
 * added after the section it follows in the other version where only that one has it, removed
 * where only the editor's text has it.
 */
export function takeSection(mine: string, other: string, clash: Pick<SectionClash, 'title' | 'occurrence'>): string {
  const key = `${clash.occurrence}\u0000${clash.title}`;
  const sections = splitSections(mine);
  const mineKeys = [...keyed(sections).keys()];
  const otherSections = splitSections(other);
  const otherKeys = [...keyed(otherSections).keys()];
  const at = mineKeys.indexOf(key);
  const from = otherKeys.indexOf(key);
  const taken = from >= 0 ? otherSections[from] : undefined;
  if (at >= 0 && taken) sections[at] = { ...taken };
  else if (at >= 0) sections.splice(at, 1);
  else if (taken) {
    // After the nearest earlier section of the other version that the editor's text has too.
    let after = -1;
    for (let i = from - 1; i >= 0 && after < 0; i -= 1) after = mineKeys.indexOf(otherKeys[i] ?? '');
    sections.splice(after >= 0 ? after + 1 : sections.length, 0, { ...taken });
  }
  // Every section but the last ends its last line, or the next heading would join it (and stop
  // being a heading).
  for (const section of sections.slice(0, -1)) {
    if ((section.heading || section.body) && !section.body.endsWith('\n')) {
      if (section.body === '' && !section.heading.endsWith('\n')) section.heading += '\n';
      else if (section.body !== '') section.body += '\n';
    }
  }
  return joinSections(sections);
}
