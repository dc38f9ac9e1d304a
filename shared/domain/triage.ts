// Targets count actionable pages only where the triage is known. Pages nobody has triaged yet
// (imported history starts that way) are not counted as actionable — and the figures say so
// plainly, with how many of them would have to be actionable to miss the target.

export interface UntriagedEffect {
  untriaged: number;
  /** How many of the untriaged pages, found actionable, would miss a target met so far; null when none could. */
  toMiss: number | null;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * `actionable` pages are known; the target is missed once the actionable figure reaches
 * `missedAt` pages (for a rate, the target times the on-call weeks).
 */
export function untriagedEffect(actionable: number, untriaged: number, missedAt: number): UntriagedEffect {
  if (untriaged <= 0) return { untriaged: 0, toMiss: null };
  if (actionable >= missedAt) return { untriaged, toMiss: null };
  const toMiss = Math.max(1, Math.ceil(missedAt - actionable - 1e-9));
  return { untriaged, toMiss: toMiss <= untriaged ? toMiss : null };
}

/** The plain sentence that goes after a target's own: '' when every page is triaged. */
export function untriagedSentence(effect: UntriagedEffect): string {
  if (effect.untriaged === 0) return '';
  const pages = plural(effect.untriaged, 'page is', 'pages are');
  const counted = `${pages} not triaged yet and not counted as actionable`;
  if (effect.toMiss === null) return `${counted}.`;
  return `${counted}: if ${effect.toMiss === effect.untriaged && effect.untriaged > 1 ? 'all' : effect.toMiss} of them needed action, the target is missed.`;
}
