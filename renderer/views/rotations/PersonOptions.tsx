// The options of a "which person" select: a first empty choice, then each person by name (the
// value is their handle).

import type { Person } from '../../../shared/contract';

export function PersonOptions({ people, none }: { people: Person[]; none: string }): React.JSX.Element {
  return (
    <>
      <option value="">{none}</option>
      {people.map((p) => (
        <option key={p.id} value={p.handle}>
          {p.name}
        </option>
      ))}
    </>
  );
}
