// A toil category from what the chore was called, when the person named none: "rotate TLS
// certificates" is certificate/secret rotation, not "other" (issue #17). Only categories that
// exist are suggested; words are whole words, any case.

const hints: readonly [category: string, words: RegExp][] = [
  ['certificate/secret rotation', /\b(tls|ssl|certs?|certificates?|secrets?|credentials?|api keys?|renew(al)?)\b/i],
  ['access request', /\b(access|permissions?|grant(ed)?|onboard(ing)?|offboard(ing)?|iam|sso|vpn)\b/i],
  ['manual deploy', /\b(deploy(s|ed|ment)?|release[sd]?|roll ?out|roll ?back|hotfix)\b/i],
  ['alert triage', /\b(alerts?|triage|pages?|flapping|on-?call noise)\b/i],
  ['data fix', /\b(data fix|backfill(ed)?|fix(ed)? (records|rows|data)|reconcil(e|iation)|corrupt(ed|ion)?)\b/i],
  ['capacity change', /\b(capacity|scale[ds]?|scaling|resiz(e|ed|ing)|quotas?|disk space|add(ed)? nodes?)\b/i],
  ['ticket work', /\b(tickets?|jira|support requests?)\b/i],
];

/** The category a description suggests among `categories`, or 'other'. */
export function suggestToilCategory(description: string, categories: readonly string[]): string {
  const known = new Map(categories.map((c) => [c.toLowerCase(), c]));
  for (const [category, words] of hints) {
    const name = known.get(category);
    if (name && words.test(description)) return name;
  }
  return known.get('other') ?? 'other';
}
