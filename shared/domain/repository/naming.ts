// How files are named after a record's name (rotations, holiday calendars, postmortem titles):
// the slug, and the hash that tells apart names that slug alike ("Payments EU", "Payments-EU",
// names in other scripts). Written once; every kind that names files after a record uses it.

import { slugOf } from '../postmortem/file';

export { slugOf };

/** FNV-1a of a name, 8 hex digits: tells apart names that slug alike. */
export function nameHash(name: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(name)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * The files a record named `name` may have in `folder`: `<folder>/<slug>.yaml`, and
 * `<folder>/<slug>-<hash of the name>.yaml` for when another name that slugs alike has the first.
 */
export function namedPaths(folder: string, name: string, extension = '.yaml'): [string, string] {
  const slug = slugOf(name);
  return [`${folder}/${slug}${extension}`, `${folder}/${slug}-${nameHash(name)}${extension}`];
}
