// Everyone known here, for the people-mapping selects; read again after every change.

import { useEffect, useState } from 'react';
import type { Person } from '../../../shared/contract';

export function usePeople(list: () => Promise<Person[]>, revision: number): Person[] {
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    let live = true;
    list()
      .then((found) => live && setPeople(found))
      .catch(() => live && setPeople([]));
    return () => {
      live = false;
    };
  }, [list, revision]);
  return people;
}
