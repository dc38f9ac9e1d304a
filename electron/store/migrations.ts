// Numbered schema migrations (1–5, the daily loop's tables, are in migrations-daily-loop.ts; new ones are
// added at the end of this list). Numbers only increase; a shipped migration is never edited.
// All pending migrations run in one transaction that also sets PRAGMA user_version.

import type { Database } from 'better-sqlite3';
import { rebuildPageRollups, rollupStatements, zoneChangeSql } from './rollups';
import { dailyLoopMigrations } from './migrations-daily-loop';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}

export const migrations: Migration[] = [
  ...dailyLoopMigrations,
  {
    version: 6,
    name: 'git sync: the outbox of records changed here, file paths, conflicts and problems',
    up: (db) => {
      db.exec(`
        -- Every change made on this device queues its record for the next sync. Writes that come
        -- from the repository itself run with sync_flags.importing set and queue nothing.
        CREATE TABLE sync_flags (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        -- moved_from: where a page lived before its person or month changed ("<received ISO> <handle>").
        CREATE TABLE sync_outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, key TEXT NOT NULL, moved_from TEXT);
        CREATE TABLE sync_paths (kind TEXT NOT NULL, key TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (kind, key));
        CREATE TABLE sync_conflicts (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          at INTEGER NOT NULL,
          kind TEXT NOT NULL,
          key TEXT NOT NULL,
          field TEXT NOT NULL,
          kept TEXT NOT NULL, -- JSON
          lost TEXT NOT NULL, -- JSON: the value set aside, which a person can restore
          lost_side TEXT NOT NULL CHECK (lost_side IN ('ours', 'theirs')),
          restored_record INTEGER NOT NULL DEFAULT 0,
          resolved_at INTEGER
        );
        CREATE TABLE sync_problems (file TEXT NOT NULL, line INTEGER NOT NULL, message TEXT NOT NULL, at INTEGER NOT NULL);
        -- Private notes stay on this device: sync writes the page without them.
        ALTER TABLE pages ADD COLUMN notes_private INTEGER NOT NULL DEFAULT 0;
      `);
      const outbox = (table: string, kind: string, key: string): string => `
        CREATE TRIGGER ${table}_outbox_insert AFTER INSERT ON ${table}
          WHEN NOT EXISTS (SELECT 1 FROM sync_flags WHERE name = 'importing')
          BEGIN INSERT INTO sync_outbox (kind, key) SELECT '${kind}', ${key}; END;
        CREATE TRIGGER ${table}_outbox_update AFTER UPDATE ON ${table}
          WHEN NOT EXISTS (SELECT 1 FROM sync_flags WHERE name = 'importing')
          BEGIN INSERT INTO sync_outbox (kind, key) SELECT '${kind}', ${key}; END;`;
      db.exec(
        [
          outbox('people', 'person', 'NEW.handle'),
          outbox('pages', 'page', 'NEW.id').replace(/CREATE TRIGGER pages_outbox_update[\s\S]*$/, ''),
          `CREATE TRIGGER pages_outbox_update AFTER UPDATE ON pages
            WHEN NOT EXISTS (SELECT 1 FROM sync_flags WHERE name = 'importing')
            BEGIN INSERT INTO sync_outbox (kind, key, moved_from) SELECT 'page', NEW.id,
              CASE WHEN strftime('%Y-%m', OLD.received_at / 1000, 'unixepoch')
                     != strftime('%Y-%m', NEW.received_at / 1000, 'unixepoch') OR OLD.person_id != NEW.person_id
                THEN strftime('%Y-%m', OLD.received_at / 1000, 'unixepoch') || ' '
                  || (SELECT handle FROM people WHERE id = OLD.person_id) END; END;`,
          outbox('toil_entries', 'toil', 'NEW.id').replace(/CREATE TRIGGER toil_entries_outbox_update[\s\S]*$/, ''),
          `CREATE TRIGGER toil_entries_outbox_update AFTER UPDATE ON toil_entries
            WHEN NOT EXISTS (SELECT 1 FROM sync_flags WHERE name = 'importing')
            BEGIN INSERT INTO sync_outbox (kind, key, moved_from) SELECT 'toil', NEW.id,
              CASE WHEN substr(OLD.day, 1, 7) != substr(NEW.day, 1, 7) OR OLD.person_id != NEW.person_id
                THEN substr(OLD.day, 1, 7) || ' ' || (SELECT handle FROM people WHERE id = OLD.person_id) END; END;`,
          outbox('postmortems', 'postmortem', 'NEW.id'),
          outbox('postmortem_templates', 'template', 'NEW.name'),
          outbox('teams', 'team', 'NEW.name'),
          outbox('rotations', 'rotation', 'NEW.name'),
          outbox('overrides', 'rotation', 'name FROM rotations WHERE id = NEW.rotation_id'),
          outbox('action_items', 'postmortem', 'NEW.postmortem_id'),
          outbox('incidents', 'postmortem', 'id FROM postmortems WHERE incident_id = NEW.id'),
        ].join('\n'),
      );
    },
  },
  {
    version: 7,
    name: 'page rollups per day kept by triggers (the load dashboards read them), team holiday calendars',
    up: (db) => {
      // The trigger bodies come from store/rollups.ts. Once this version ships, changing them
      // takes a new migration that recreates the triggers, with a frozen copy of this text here.
      db.exec(`
        -- Per UTC day (received_at / 86400000): see store/rollups.ts. Never written directly.
        CREATE TABLE page_day_tallies (
          day INTEGER NOT NULL,
          person_id TEXT NOT NULL,
          service_id TEXT NOT NULL,
          pages INTEGER NOT NULL,
          actionable INTEGER NOT NULL,
          noise INTEGER NOT NULL,
          sleep_hour INTEGER NOT NULL,
          off_hours INTEGER NOT NULL,
          weekend INTEGER NOT NULL, -- Saturday or Sunday in the person's zone
          minutes_spent INTEGER NOT NULL,
          minutes_logged INTEGER NOT NULL,
          over30 INTEGER NOT NULL,
          ack_ms INTEGER NOT NULL,
          acked INTEGER NOT NULL,
          resolve_ms INTEGER NOT NULL,
          resolved INTEGER NOT NULL,
          PRIMARY KEY (day, person_id, service_id)
        ) WITHOUT ROWID;
        -- slot: (ISO weekday - 1) * 24 + hour, in the person's zone
        CREATE TABLE page_day_hours (
          day INTEGER NOT NULL,
          person_id TEXT NOT NULL,
          slot INTEGER NOT NULL,
          pages INTEGER NOT NULL,
          PRIMARY KEY (day, person_id, slot)
        ) WITHOUT ROWID;
        -- kind 0: minutes to acknowledge, 1: to resolve (whole minutes, rounded up)
        CREATE TABLE page_day_minutes (
          day INTEGER NOT NULL,
          person_id TEXT NOT NULL,
          kind INTEGER NOT NULL,
          minutes INTEGER NOT NULL,
          pages INTEGER NOT NULL,
          PRIMARY KEY (day, person_id, kind, minutes)
        ) WITHOUT ROWID;
        CREATE TRIGGER pages_rollup_insert AFTER INSERT ON pages WHEN NEW.deleted_at IS NULL BEGIN
          ${rollupStatements('NEW', 1)}
        END;
        CREATE TRIGGER pages_rollup_delete AFTER DELETE ON pages WHEN OLD.deleted_at IS NULL BEGIN
          ${rollupStatements('OLD', -1)}
        END;
        -- Soft deletes and restores, and edits of anything counted (a page can move person or time).
        CREATE TRIGGER pages_rollup_update_old AFTER UPDATE ON pages
        WHEN OLD.deleted_at IS NULL AND (NEW.deleted_at IS NOT NULL OR OLD.person_id IS NOT NEW.person_id OR OLD.person_id IS NOT NEW.person_id
          OR OLD.service_id IS NOT NEW.service_id OR OLD.received_at IS NOT NEW.received_at
          OR OLD.acknowledged_at IS NOT NEW.acknowledged_at OR OLD.resolved_at IS NOT NEW.resolved_at
          OR OLD.triage IS NOT NEW.triage OR OLD.sleep_hour IS NOT NEW.sleep_hour OR OLD.off_hours IS NOT NEW.off_hours
          OR OLD.minutes_spent IS NOT NEW.minutes_spent) BEGIN
          ${rollupStatements('OLD', -1)}
        END;
        CREATE TRIGGER pages_rollup_update_new AFTER UPDATE ON pages
        WHEN NEW.deleted_at IS NULL AND (OLD.deleted_at IS NOT NULL OR OLD.person_id IS NOT NEW.person_id
          OR OLD.service_id IS NOT NEW.service_id OR OLD.received_at IS NOT NEW.received_at
          OR OLD.acknowledged_at IS NOT NEW.acknowledged_at OR OLD.resolved_at IS NOT NEW.resolved_at
          OR OLD.triage IS NOT NEW.triage OR OLD.sleep_hour IS NOT NEW.sleep_hour OR OLD.off_hours IS NOT NEW.off_hours
          OR OLD.minutes_spent IS NOT NEW.minutes_spent) BEGIN
          ${rollupStatements('NEW', 1)}
        END;
        CREATE TRIGGER people_rollup_zone AFTER UPDATE OF time_zone ON people
        WHEN OLD.time_zone IS NOT NEW.time_zone BEGIN
          ${zoneChangeSql}
        END;

        -- A team's holiday calendar: local dates, judged in each person's own zone.
        CREATE TABLE team_holidays (
          team_id TEXT NOT NULL REFERENCES teams(id),
          date TEXT NOT NULL, -- YYYY-MM-DD
          name TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          device_id TEXT NOT NULL,
          deleted_at INTEGER, -- a removed holiday is a tombstone, as every record that may sync
          PRIMARY KEY (team_id, date)
        );
      `);
      rebuildPageRollups(db);
    },
  },
  {
    version: 8,
    name: 'git sync of rotations imported from calendar feeds (their shifts queue the rotation) and of team holidays',
    up: (db) =>
      db.exec(`
        CREATE TRIGGER feed_shifts_outbox_insert AFTER INSERT ON feed_shifts
          WHEN NOT EXISTS (SELECT 1 FROM sync_flags WHERE name = 'importing')
          BEGIN INSERT INTO sync_outbox (kind, key) SELECT 'rotation', name FROM rotations WHERE id = NEW.rotation_id; END;
        -- A re-import writes every shift again: only a real change queues the rotation.
        CREATE TRIGGER feed_shifts_outbox_update AFTER UPDATE ON feed_shifts
          WHEN NOT EXISTS (SELECT 1 FROM sync_flags WHERE name = 'importing')
            AND (OLD.person_id IS NOT NEW.person_id OR OLD.start_at IS NOT NEW.start_at
              OR OLD.end_at IS NOT NEW.end_at OR OLD.is_override IS NOT NEW.is_override OR OLD.key IS NOT NEW.key)
          BEGIN INSERT INTO sync_outbox (kind, key) SELECT 'rotation', name FROM rotations WHERE id = NEW.rotation_id; END;
        CREATE TRIGGER feed_shifts_outbox_delete AFTER DELETE ON feed_shifts
          WHEN NOT EXISTS (SELECT 1 FROM sync_flags WHERE name = 'importing')
          BEGIN INSERT INTO sync_outbox (kind, key) SELECT 'rotation', name FROM rotations WHERE id = OLD.rotation_id; END;
        -- A team's holiday calendar (version 7) syncs as holidays/<team>.yaml: a change queues it.
        CREATE TRIGGER team_holidays_outbox_insert AFTER INSERT ON team_holidays
          WHEN NOT EXISTS (SELECT 1 FROM sync_flags WHERE name = 'importing')
          BEGIN INSERT INTO sync_outbox (kind, key) SELECT 'holidays', name FROM teams WHERE id = NEW.team_id; END;
        CREATE TRIGGER team_holidays_outbox_update AFTER UPDATE ON team_holidays
          WHEN NOT EXISTS (SELECT 1 FROM sync_flags WHERE name = 'importing')
          BEGIN INSERT INTO sync_outbox (kind, key) SELECT 'holidays', name FROM teams WHERE id = NEW.team_id; END;
        -- Feed rotations this device has: the next sync sends them (the app before skipped them).
        INSERT INTO sync_outbox (kind, key) SELECT 'rotation', name FROM rotations WHERE kind = 'feed' AND deleted_at IS NULL;
        -- …and reads the repository's rotation and holiday files once more: an older app skipped
        -- feed rotations, and did not know holidays.
        INSERT INTO settings (key, value) VALUES ('repo.reread', 'rotations/ holidays/')
          ON CONFLICT (key) DO UPDATE SET value = excluded.value;
      `),
  },
  {
    version: 9,
    name: 'paging history imports: where an imported page came from (platform, its id, a link back), one page per (platform, id); people keep an email to be matched by',
    up: (db) =>
      db.exec(`
        -- 'source' keeps 'import' for every imported page (its CHECK is part of the table, and an
        -- older reader knows only 'manual' and 'import'); the platform is said here.
        ALTER TABLE pages ADD COLUMN external_source TEXT
          CHECK (external_source IN ('pagerduty', 'opsgenie', 'grafana-oncall', 'csv'));
        ALTER TABLE pages ADD COLUMN external_id TEXT;
        ALTER TABLE pages ADD COLUMN external_link TEXT;
        CREATE UNIQUE INDEX pages_external ON pages (external_source, external_id) WHERE external_source IS NOT NULL;
        -- Hand-logged pages a new import may be the same page as: same person, received close by.
        CREATE INDEX pages_person_received ON pages (person_id, received_at);
        ALTER TABLE people ADD COLUMN email TEXT;
        CREATE INDEX people_email ON people (lower(email)) WHERE email IS NOT NULL;
      `),
  },
  {
    version: 10,
    name: "postmortem text versions: every change of a postmortem's text gets the next number and is kept a while, so a save based on an older text merges with what was stored since",
    up: (db) =>
      db.exec(`
        -- The text's version: one more on every change of the text, whoever writes it (an editor,
        -- sync, a restore). A save says the version it was based on.
        ALTER TABLE postmortems ADD COLUMN text_version INTEGER NOT NULL DEFAULT 0;
        -- The texts of recent versions, the base of a three-way merge for a save based on one of
        -- them (the last 200 per postmortem: minutes of typing, far more than an editor lags).
        CREATE TABLE postmortem_texts (
          postmortem_id TEXT NOT NULL REFERENCES postmortems(id),
          version INTEGER NOT NULL,
          body TEXT NOT NULL,
          PRIMARY KEY (postmortem_id, version)
        ) WITHOUT ROWID;
        INSERT INTO postmortem_texts (postmortem_id, version, body) SELECT id, 0, body FROM postmortems;
        CREATE TRIGGER postmortems_text_version AFTER UPDATE OF body ON postmortems
          WHEN OLD.body IS NOT NEW.body
          BEGIN
            UPDATE postmortems SET text_version = OLD.text_version + 1 WHERE id = NEW.id;
            INSERT OR REPLACE INTO postmortem_texts (postmortem_id, version, body)
              VALUES (NEW.id, OLD.text_version + 1, NEW.body);
            DELETE FROM postmortem_texts WHERE postmortem_id = NEW.id AND version <= OLD.text_version + 1 - 200;
          END;
        CREATE TRIGGER postmortems_text_first AFTER INSERT ON postmortems
          BEGIN
            INSERT OR REPLACE INTO postmortem_texts (postmortem_id, version, body) VALUES (NEW.id, NEW.text_version, NEW.body);
          END;
      `),
  },
  {
    version: 11,
    name: 'error budgets: SLOs (OpenSLO documents), daily SLI totals per SLO, and customer impact on incidents',
    up: (db) =>
      db.exec(`
        -- An SLO: its OpenSLO text as written to slos/<name>.yaml (unknown fields kept) and the
        -- fields the figures need as JSON (shared/domain/slo/openslo.ts's Slo), read without YAML.
        CREATE TABLE slos (
          name TEXT PRIMARY KEY,
          service TEXT NOT NULL,
          document TEXT NOT NULL,
          spec TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          device_id TEXT NOT NULL,
          deleted_at INTEGER
        );
        CREATE INDEX slos_by_service ON slos (service) WHERE deleted_at IS NULL;
        -- A UTC day's good and total events for one SLO (raw samples stay where they were read).
        CREATE TABLE sli_days (
          slo TEXT NOT NULL,
          day TEXT NOT NULL,
          good REAL NOT NULL CHECK (good >= 0),
          total REAL NOT NULL CHECK (total >= good),
          updated_at INTEGER NOT NULL,
          device_id TEXT NOT NULL,
          PRIMARY KEY (slo, day)
        ) WITHOUT ROWID;
        -- Customer impact: from impact_start to impact_end, impact_share of requests (1: full outage).
        ALTER TABLE incidents ADD COLUMN impact_start INTEGER;
        ALTER TABLE incidents ADD COLUMN impact_end INTEGER;
        ALTER TABLE incidents ADD COLUMN impact_share REAL CHECK (impact_share > 0 AND impact_share <= 1);
        CREATE TRIGGER slos_outbox_insert AFTER INSERT ON slos
          WHEN NOT EXISTS (SELECT 1 FROM sync_flags WHERE name = 'importing')
          BEGIN INSERT INTO sync_outbox (kind, key) VALUES ('slo', NEW.name); END;
        CREATE TRIGGER slos_outbox_update AFTER UPDATE ON slos
          WHEN NOT EXISTS (SELECT 1 FROM sync_flags WHERE name = 'importing')
          BEGIN INSERT INTO sync_outbox (kind, key) VALUES ('slo', NEW.name); END;
        CREATE TRIGGER sli_days_outbox_insert AFTER INSERT ON sli_days
          WHEN NOT EXISTS (SELECT 1 FROM sync_flags WHERE name = 'importing')
          BEGIN INSERT INTO sync_outbox (kind, key) VALUES ('sli', NEW.slo || '/' || substr(NEW.day, 1, 7)); END;
        CREATE TRIGGER sli_days_outbox_update AFTER UPDATE ON sli_days
          WHEN NOT EXISTS (SELECT 1 FROM sync_flags WHERE name = 'importing')
            AND (OLD.good IS NOT NEW.good OR OLD.total IS NOT NEW.total)
          BEGIN INSERT INTO sync_outbox (kind, key) VALUES ('sli', NEW.slo || '/' || substr(NEW.day, 1, 7)); END;
        -- A teammate's newer app may have pushed SLO files already: read those folders once more.
        INSERT INTO settings (key, value) VALUES ('repo.reread', 'slos/ sli/')
          ON CONFLICT (key) DO UPDATE SET value = value || ' ' || excluded.value;
      `),
  },
  {
    version: 12,
    name: 'imported pages carry their platform, id and link through the reliability repository',
    up: (db) =>
      db.exec(`
        -- Pages imported before their fields were in the page file: the next sync sends them again, with them.
        INSERT INTO sync_outbox (kind, key) SELECT 'page', id FROM pages WHERE external_source IS NOT NULL;
        -- …and reads the repository's page files once more: the app before skipped a page line
        -- that carried them (an unknown field), so those pages arrive now.
        INSERT INTO settings (key, value) VALUES ('repo.reread', 'pages/')
          ON CONFLICT (key) DO UPDATE SET value = trim(value || ' pages/');
      `),
  },
];

export const latestVersion = migrations[migrations.length - 1]?.version ?? 0;
