// How the Load view writes its figures: one decimal, a share as a percentage, "—" for none.

export const n1 = (value: number | null): string => (value === null ? '—' : (Math.round(value * 10) / 10).toString());
export const pct = (value: number | null): string => (value === null ? '—' : `${Math.round(value * 100)}%`);
