// Which file a record named after its name lives in (rotations, holiday calendars). The paths a
// name may have come from shared/domain/repository/naming.ts; here, which one a record gets: the
// file the repository has it in, else the first of its paths that no other record has — in the
// repository or in this sync. Names can slug alike, so a file only ever counts as the version of
// the record named inside it.

export interface NamedFileRules<R> {
  /** Its possible paths, in order of preference (the plain slug first). */
  paths: (record: R) => readonly string[];
  nameOf: (record: R) => string;
  read: (file: string, text: string) => { records: R[] };
  /** A file as the fetched branch has it. */
  current: (file: string) => string | null;
}

export class NamedFiles<R> {
  private readonly claimed = new Map<string, string>(); // file → name, in this sync
  private readonly known = new Map<string, string>(); // name → file the repository has it in

  constructor(private readonly rules: NamedFileRules<R>) {}

  /** A record that came in with this sync, in its file. */
  arrived(name: string, file: string): void {
    this.claimed.set(file, name);
    this.known.set(name, file);
  }

  /** Its file in the repository, or the one it gets. */
  fileOf(record: R): string {
    const name = this.rules.nameOf(record);
    const known = this.known.get(name);
    if (known) return known;
    const paths = this.rules.paths(record);
    let chosen = paths[paths.length - 1] ?? '';
    for (const file of paths) {
      const owner = this.claimed.get(file);
      const there = this.recordsIn(file, this.rules.current(file));
      const free = owner === undefined && there.length === 0;
      if (free || owner === name || there.some((r) => this.rules.nameOf(r) === name)) {
        chosen = file;
        break;
      }
    }
    this.claimed.set(chosen, name);
    return chosen;
  }

  /** The version of the record named `name` in a file's text (null: that file holds another's, or none). */
  versionIn(file: string, text: string | null, name: string): R | null {
    return this.recordsIn(file, text).find((r) => this.rules.nameOf(r) === name) ?? null;
  }

  private recordsIn(file: string, text: string | null): R[] {
    return text === null ? [] : this.rules.read(file, text).records;
  }
}
