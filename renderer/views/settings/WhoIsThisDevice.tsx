import { useEffect, useState } from 'react';
import type { Person } from '../../../shared/contract';
import type { Team } from '../../../shared/rotation-contract';
import { ApiError } from '../../api';
import { Field } from '../../components/Field';
import { useApp } from '../../state/app';
import { chooseMe, listPeople, listTeams } from '../../state/people';
import { useSync } from '../../state/sync';

/**
 * A fresh device connected to the team's repository: its person was only made from the OS user
 * name. Who is this? Someone on the roster (a second laptop), or someone new.
 */
export function WhoIsThisDevice(): React.JSX.Element | null {
  const info = useApp((s) => s.info);
  const changed = useApp((s) => s.changed);
  const toast = useApp((s) => s.toast);
  const syncing = useSync((s) => s.syncing);
  const [people, setPeople] = useState<Person[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [chosen, setChosen] = useState('');
  const [team, setTeam] = useState('');
  useEffect(() => {
    if (syncing) return;
    void listPeople().then(setPeople);
    void listTeams().then(setTeams);
  }, [syncing]);
  if (!info || info.meChosen) return null;
  const others = people.filter((p) => p.id !== info.me.id);
  async function choose(id: string): Promise<void> {
    try {
      const person = await chooseMe(id, team);
      toast(`This device logs pages as ${person.name} (@${person.handle})${team ? `, on team ${team}` : ''}.`);
      changed();
    } catch (e) {
      toast(e instanceof ApiError ? e.message : String(e), 'error');
    }
  }
  return (
    <form
      className="who-is-this"
      aria-labelledby="who-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) void choose(chosen);
      }}
    >
      <h3 id="who-title">Who is this device?</h3>
      <p className="small muted">
        It logs as <strong>@{info.me.handle}</strong>, made from this computer’s user name. Until you choose, that name
        stays off the team’s roster.
      </p>
      {others.length > 0 && (
        <Field label="I am on the team as">
          <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">Choose a person…</option>
            {others.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} (@{p.handle})
              </option>
            ))}
          </select>
        </Field>
      )}
      {teams.length > 0 && (
        <Field label="On the team">
          <select value={team} onChange={(e) => setTeam(e.target.value)}>
            <option value="">As it is</option>
            {teams.map((t) => (
              <option key={t.id} value={t.name}>
                {t.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => void choose(info.me.id)}>
          I’m new: keep @{info.me.handle}
        </button>
        {others.length > 0 && (
          <button type="submit" className="primary" disabled={!chosen}>
            This is me
          </button>
        )}
      </div>
    </form>
  );
}
