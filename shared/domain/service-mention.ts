// Which known service a page's summary names, so the page dialog can ask before filing a page
// about "payments-api" under the last service used. Pure; the dialog and its tests use it.

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The known service the summary names as a whole word (case-insensitive; the longest when
 * several overlap, then the first named), or null.
 * "payments-api p99 above 800ms" names payments-api; "payments-apiary" and "api" do not.
 */
export function serviceNamedIn(summary: string, services: readonly string[]): string | null {
  let best: { service: string; at: number } | null = null;
  for (const service of services) {
    if (service.trim() === '') continue;
    // A word boundary that treats - _ . / as part of a service name.
    const pattern = new RegExp(
      `(^|[^\\p{L}\\p{N}_./-])${escapeRegExp(service)}(?=$|[^\\p{L}\\p{N}_/-]|[.](?![\\p{L}\\p{N}]))`,
      'iu',
    );
    const match = pattern.exec(summary);
    if (!match) continue;
    const at = match.index + (match[1]?.length ?? 0);
    if (!best || service.length > best.service.length || (service.length === best.service.length && at < best.at))
      best = { service, at };
  }
  return best?.service ?? null;
}

/**
 * The service the summary names when it differs from the one in the service field, so the
 * person must choose; null when they agree, the summary names none, or the person already chose.
 */
export function serviceToConfirm(
  summary: string,
  service: string,
  services: readonly string[],
  chosen: boolean,
): string | null {
  if (chosen) return null;
  const named = serviceNamedIn(summary, services);
  if (!named || named.toLowerCase() === service.trim().toLowerCase()) return null;
  return named;
}
