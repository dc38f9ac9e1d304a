// How the toil view writes shares and hours.

export const pct = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 100)}%`);
export const hours = (h: number): string =>
  h > 0 && h < 1 ? `${Math.round(h * 60)} min` : `${Math.round(h * 10) / 10} h`;
