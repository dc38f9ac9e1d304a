// Durations as people type them: "45m", "45 min", "1h30", "1h 30m", "1.5h", "90", "1:30".

import { suggestToilCategory } from './toil-category';

export type DurationResult = { ok: true; minutes: number } | { ok: false; message: string };

const maxMinutes = 24 * 60;

function checked(minutes: number, text: string): DurationResult {
  if (!Number.isFinite(minutes)) return { ok: false, message: `"${text}" is not a duration (try 45m, 1h30 or 1.5h)` };
  const rounded = Math.round(minutes);
  if (rounded <= 0) return { ok: false, message: `"${text}" must be longer than zero` };
  if (rounded > maxMinutes) return { ok: false, message: `"${text}" is more than 24 hours; log each day separately` };
  return { ok: true, minutes: rounded };
}

/** Parses one duration; whitespace inside ("1h 30m") is allowed. */
export function parseDuration(input: string): DurationResult {
  const text = input.trim().toLowerCase();
  if (text.startsWith('-')) return { ok: false, message: `"${input.trim()}" must not be negative` };
  let match = /^(\d+):([0-5]\d)$/.exec(text);
  if (match) return checked(Number(match[1]) * 60 + Number(match[2]), input.trim());
  match = /^(\d+(?:[.,]\d+)?)$/.exec(text);
  if (match) return checked(Number(match[1]?.replace(',', '.')), input.trim()); // a bare number is minutes
  match =
    /^(?:(\d+(?:[.,]\d+)?)\s*(?:h|hr|hrs|hour|hours))?\s*(?:(\d+(?:[.,]\d+)?)\s*(?:m|min|mins|minute|minutes)?)?$/.exec(
      text,
    );
  if (match && (match[1] !== undefined || match[2] !== undefined) && text.length > 0) {
    const hours = match[1] ? Number(match[1].replace(',', '.')) : 0;
    const minutes = match[2] ? Number(match[2].replace(',', '.')) : 0;
    // "1.5h30" is not something anyone means.
    if (match[1]?.match(/[.,]/) && match[2])
      return { ok: false, message: `"${input.trim()}" is not a duration (try 1h30 or 1.5h)` };
    return checked(hours * 60 + minutes, input.trim());
  }
  return { ok: false, message: `"${input.trim()}" is not a duration (try 45m, 1h30 or 1.5h)` };
}

export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h${String(m).padStart(2, '0')}`;
}

export interface QuickToil {
  minutes: number;
  category: string;
  service: string | null;
  description: string;
}

const unitOnly = /^(?:h|hr|hrs|hours?|m|mins?|minutes?)$/i;
const minutesWithUnit = /^\d+(?:m|mins?|minutes?)$/i;

/**
 * The duration at the start of a line and how many words it took: "45m …", "1h30 …",
 * "1h 30m …", "45 min …". Minutes after an hour need their unit ("1h 30m"), so a description
 * that starts with a number ("20m 3 access requests") is left alone.
 */
function leadingDuration(words: string[]): { text: string; used: number } | null {
  const [first, second, third] = words;
  if (!first || (!/^\d/.test(first) && !first.startsWith('-'))) return null;
  if (second && unitOnly.test(second)) {
    if (/^\d+(?:[.,]\d+)?$/.test(first)) {
      const hours = /^h/i.test(second);
      if (hours && third && minutesWithUnit.test(third)) return { text: `${first}${second} ${third}`, used: 3 };
      return { text: `${first} ${second}`, used: 2 };
    }
  }
  if (/^\d+(?:[.,]\d+)?(?:h|hr|hrs|hours?)$/i.test(first) && second && minutesWithUnit.test(second)) {
    return { text: `${first} ${second}`, used: 2 };
  }
  return { text: first, used: 1 };
}

export function parseQuickToil(
  line: string,
  categories: string[],
  services: string[],
): { ok: true; value: QuickToil } | { ok: false; message: string } {
  const all = line.trim().split(/\s+/).filter(Boolean);
  const lead = leadingDuration(all);
  if (!lead) return { ok: false, message: 'start with how long it took, e.g. "45m alert triage payments"' };
  const duration = parseDuration(lead.text);
  if (!duration.ok) return duration;
  const words = all.slice(lead.used);
  const lower = words.map((w) => w.toLowerCase());
  let category = '';
  let used = 0;
  for (const candidate of categories) {
    const parts = candidate.toLowerCase().split(/\s+/);
    if (parts.length > used && parts.every((part, i) => lower[i] === part)) {
      category = candidate;
      used = parts.length;
    }
  }
  let service: string | null = null;
  const next = lower[used];
  if (next) {
    const exact = services.find((s) => s.toLowerCase() === next);
    const prefixed = services.filter((s) => s.toLowerCase().startsWith(next));
    service = exact ?? (prefixed.length === 1 ? (prefixed[0] ?? null) : null);
  }
  const description = words.join(' ') || category;
  if (!description) return { ok: false, message: 'say what the toil was, e.g. "45m alert triage payments"' };
  return {
    ok: true,
    value: {
      minutes: duration.minutes,
      category: category || suggestToilCategory(description, categories),
      service,
      description,
    },
  };
}
