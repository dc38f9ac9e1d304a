// The store's first five versions: the daily loop's tables — people, services and pages with their
// search index, the toil log, teams and rotations, incidents and postmortems. Shipped migrations
// are never edited; later ones are in migrations.ts.

import type { Migration } from './migrations';

export const dailyLoopMigrations: Migration[] = [
  {
    version: 1,
    name: 'people, services, pages, settings',
    up: (db) =>
      db.exec(`
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        );
        CREATE TABLE people (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          handle TEXT NOT NULL UNIQUE,
          time_zone TEXT NOT NULL,
          working_hours TEXT NOT NULL,
          business_hours TEXT NOT NULL,
          sleep_hours TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          device_id TEXT NOT NULL,
          deleted_at INTEGER
        );
        CREATE TABLE services (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL UNIQUE COLLATE NOCASE,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          device_id TEXT NOT NULL,
          deleted_at INTEGER
        );
        CREATE TABLE pages (
          id TEXT PRIMARY KEY,
          person_id TEXT NOT NULL REFERENCES people(id),
          service_id TEXT NOT NULL REFERENCES services(id),
          severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 5),
          summary TEXT NOT NULL,
          notes TEXT NOT NULL DEFAULT '',
          source TEXT NOT NULL CHECK (source IN ('manual', 'import')),
          triage TEXT CHECK (triage IN ('actionable', 'noise')),
          received_at INTEGER NOT NULL,
          acknowledged_at INTEGER,
          resolved_at INTEGER,
          zone TEXT NOT NULL,
          sleep_hour INTEGER NOT NULL,
          sleep_hour_overridden INTEGER NOT NULL DEFAULT 0,
          off_hours INTEGER NOT NULL,
          minutes_spent INTEGER,
          tags TEXT NOT NULL DEFAULT '[]',
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          device_id TEXT NOT NULL,
          deleted_at INTEGER
        );
        -- A page's rowid is its time key (see store/pages.ts): rowid order is newest-first order,
        -- so the list, date ranges and search walk the table or an index in order and stop early.
        CREATE INDEX pages_by_person ON pages (person_id, received_at) WHERE deleted_at IS NULL;
        CREATE INDEX pages_by_service ON pages (service_id) WHERE deleted_at IS NULL;
      `),
  },
  {
    version: 2,
    name: 'full-text search over page summary and notes',
    up: (db) =>
      db.exec(`
        CREATE VIRTUAL TABLE pages_fts USING fts5(
          summary, notes, content = 'pages', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER pages_fts_insert AFTER INSERT ON pages BEGIN
          INSERT INTO pages_fts (rowid, summary, notes) VALUES (new.rowid, new.summary, new.notes);
        END;
        CREATE TRIGGER pages_fts_delete AFTER DELETE ON pages BEGIN
          INSERT INTO pages_fts (pages_fts, rowid, summary, notes) VALUES ('delete', old.rowid, old.summary, old.notes);
        END;
        CREATE TRIGGER pages_fts_update AFTER UPDATE ON pages
        WHEN old.rowid != new.rowid OR old.summary IS NOT new.summary OR old.notes IS NOT new.notes BEGIN
          INSERT INTO pages_fts (pages_fts, rowid, summary, notes) VALUES ('delete', old.rowid, old.summary, old.notes);
          INSERT INTO pages_fts (rowid, summary, notes) VALUES (new.rowid, new.summary, new.notes);
        END;
        INSERT INTO pages_fts (pages_fts) VALUES ('rebuild');
      `),
  },
  {
    version: 3,
    name: 'toil log: categories, entries, timers, weekly capacity and leave, recurring chores',
    up: (db) => {
      db.exec(`
        ALTER TABLE people ADD COLUMN weekly_capacity_hours REAL NOT NULL DEFAULT 40;
        CREATE TABLE toil_categories (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL UNIQUE COLLATE NOCASE,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          device_id TEXT NOT NULL,
          deleted_at INTEGER
        );
        CREATE TABLE recurring_tasks (
          id TEXT PRIMARY KEY,
          title TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          device_id TEXT NOT NULL,
          deleted_at INTEGER
        );
        CREATE TABLE toil_entries (
          id TEXT PRIMARY KEY,
          person_id TEXT NOT NULL REFERENCES people(id),
          day TEXT NOT NULL, -- the local date in the person's own zone
          started_at INTEGER,
          minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
          category_id TEXT NOT NULL REFERENCES toil_categories(id),
          service_id TEXT REFERENCES services(id),
          description TEXT NOT NULL,
          automatable INTEGER NOT NULL DEFAULT 0,
          automation_effort_hours REAL,
          page_id TEXT REFERENCES pages(id),
          recurring_task_id TEXT REFERENCES recurring_tasks(id),
          source TEXT NOT NULL CHECK (source IN ('manual', 'timer')),
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          device_id TEXT NOT NULL,
          deleted_at INTEGER
        );
        -- Covers the quarterly report's two aggregates, so they read the index alone, in day order.
        CREATE INDEX toil_by_day ON toil_entries (day, person_id, minutes, category_id, service_id, recurring_task_id,
          automatable, automation_effort_hours) WHERE deleted_at IS NULL;
        CREATE INDEX toil_by_person ON toil_entries (person_id, day) WHERE deleted_at IS NULL;
        CREATE TABLE toil_timers (
          person_id TEXT PRIMARY KEY REFERENCES people(id),
          started_at INTEGER NOT NULL,
          category_id TEXT NOT NULL REFERENCES toil_categories(id),
          service_id TEXT REFERENCES services(id),
          description TEXT NOT NULL
        );
        CREATE TABLE capacity_weeks (
          person_id TEXT NOT NULL REFERENCES people(id),
          week TEXT NOT NULL, -- the Monday of the week
          hours REAL NOT NULL CHECK (hours BETWEEN 0 AND 168),
          note TEXT NOT NULL DEFAULT '',
          updated_at INTEGER NOT NULL,
          device_id TEXT NOT NULL,
          PRIMARY KEY (person_id, week)
        );
      `);
      const insert = db.prepare(
        "INSERT INTO toil_categories (id, name, created_at, updated_at, device_id) VALUES (?, ?, 0, 0, 'built-in')",
      );
      for (const name of [
        'manual deploy',
        'alert triage',
        'access request',
        'data fix',
        'certificate/secret rotation',
        'capacity change',
        'ticket work',
        'other',
      ]) {
        insert.run(`category-${name.replace(/[^a-z]+/g, '-')}`, name);
      }
    },
  },
  {
    version: 4,
    name: 'teams and rotations: rules, members, overrides, and shifts imported from calendar feeds',
    up: (db) =>
      db.exec(`
        CREATE TABLE rotations (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL UNIQUE COLLATE NOCASE,
          layer TEXT NOT NULL DEFAULT 'primary',
          -- 'rules': shifts derived from the fields below; 'feed': shifts imported (feed_shifts)
          kind TEXT NOT NULL CHECK (kind IN ('rules', 'feed')),
          time_zone TEXT NOT NULL,
          start TEXT NOT NULL, -- the first handoff, local wall-clock time "2026-01-05T09:00"
          shift_length INTEGER NOT NULL CHECK (shift_length > 0),
          shift_unit TEXT NOT NULL CHECK (shift_unit IN ('hours', 'days', 'weeks')),
          restriction TEXT, -- JSON {start, end, days}: on call only inside that daily window
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          device_id TEXT NOT NULL,
          deleted_at INTEGER
        );
        CREATE TABLE rotation_members (
          rotation_id TEXT NOT NULL REFERENCES rotations(id),
          position INTEGER NOT NULL,
          person_id TEXT NOT NULL REFERENCES people(id),
          from_date TEXT,
          until_date TEXT,
          PRIMARY KEY (rotation_id, position)
        );
        CREATE TABLE overrides (
          id TEXT PRIMARY KEY,
          rotation_id TEXT NOT NULL REFERENCES rotations(id),
          person_id TEXT NOT NULL REFERENCES people(id),
          start_at INTEGER NOT NULL,
          end_at INTEGER NOT NULL CHECK (end_at > start_at),
          reason TEXT NOT NULL DEFAULT '',
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          device_id TEXT NOT NULL,
          deleted_at INTEGER
        );
        CREATE INDEX overrides_by_rotation ON overrides (rotation_id, start_at) WHERE deleted_at IS NULL;
        CREATE TABLE feed_shifts (
          rotation_id TEXT NOT NULL REFERENCES rotations(id),
          key TEXT NOT NULL, -- UID + recurrence id from the feed
          person_id TEXT NOT NULL REFERENCES people(id),
          start_at INTEGER NOT NULL,
          end_at INTEGER NOT NULL,
          is_override INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (rotation_id, key)
        );
        CREATE INDEX feed_shifts_by_time ON feed_shifts (rotation_id, start_at);
        CREATE TABLE teams (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL UNIQUE COLLATE NOCASE,
          targets TEXT NOT NULL DEFAULT '{}', -- JSON: the team's own targets over the defaults
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          device_id TEXT NOT NULL,
          deleted_at INTEGER
        );
        CREATE TABLE team_people (team_id TEXT NOT NULL REFERENCES teams(id), person_id TEXT NOT NULL REFERENCES people(id), PRIMARY KEY (team_id, person_id));
        CREATE TABLE team_services (team_id TEXT NOT NULL REFERENCES teams(id), service_id TEXT NOT NULL REFERENCES services(id), PRIMARY KEY (team_id, service_id));
        ALTER TABLE rotations ADD COLUMN team_id TEXT REFERENCES teams(id);
      `),
  },
  {
    version: 5,
    name: 'incidents, postmortems with revisions, action items and team templates',
    up: (db) =>
      db.exec(`
        CREATE TABLE incidents (
          id TEXT PRIMARY KEY,
          title TEXT NOT NULL,
          severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 5),
          services TEXT NOT NULL DEFAULT '[]', -- JSON array of service names
          started_at INTEGER NOT NULL,
          detected_at INTEGER,
          mitigated_at INTEGER,
          resolved_at INTEGER,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          device_id TEXT NOT NULL,
          deleted_at INTEGER
        );
        -- No foreign key to pages: a teammate's incident may arrive before (or without) its pages.
        CREATE TABLE incident_pages (
          incident_id TEXT NOT NULL REFERENCES incidents(id),
          page_id TEXT NOT NULL,
          PRIMARY KEY (incident_id, page_id)
        );
        CREATE INDEX incident_pages_by_page ON incident_pages (page_id);
        CREATE TABLE postmortems (
          id TEXT PRIMARY KEY,
          incident_id TEXT REFERENCES incidents(id),
          title TEXT NOT NULL,
          template TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('draft', 'review', 'published')),
          authors TEXT NOT NULL DEFAULT '[]', -- JSON array of handles
          time_zone TEXT NOT NULL, -- the zone the timeline is written in
          body TEXT NOT NULL, -- the Markdown sections (no front matter)
          guidance TEXT NOT NULL DEFAULT '[]', -- JSON: the template's sections and guidance
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          published_at INTEGER,
          device_id TEXT NOT NULL,
          deleted_at INTEGER
        );
        CREATE INDEX postmortems_by_incident ON postmortems (incident_id) WHERE deleted_at IS NULL;
        CREATE TABLE postmortem_revisions (
          postmortem_id TEXT NOT NULL REFERENCES postmortems(id),
          number INTEGER NOT NULL,
          body TEXT NOT NULL,
          saved_at INTEGER NOT NULL,
          -- 'autosave' revisions absorb the next minute of typing; 'checkpoint' ones (created,
          -- restored, imported, action items or zone changed) are kept as they are
          kind TEXT NOT NULL DEFAULT 'autosave' CHECK (kind IN ('autosave', 'checkpoint')),
          PRIMARY KEY (postmortem_id, number)
        );
        CREATE TABLE action_items (
          id TEXT PRIMARY KEY,
          postmortem_id TEXT NOT NULL REFERENCES postmortems(id),
          position INTEGER NOT NULL,
          title TEXT NOT NULL,
          owner TEXT, -- a handle: a person or a team
          due_date TEXT, -- YYYY-MM-DD
          because INTEGER, -- the number of the "because" it addresses
          status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'wont_do')),
          reason TEXT NOT NULL DEFAULT '',
          link TEXT,
          closed_at INTEGER,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          device_id TEXT NOT NULL,
          deleted_at INTEGER
        );
        CREATE INDEX action_items_by_postmortem ON action_items (postmortem_id, position) WHERE deleted_at IS NULL;
        CREATE INDEX action_items_by_due ON action_items (status, due_date) WHERE deleted_at IS NULL;
        CREATE TABLE postmortem_templates (
          name TEXT PRIMARY KEY,
          markdown TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          device_id TEXT NOT NULL,
          deleted_at INTEGER
        );
      `),
  },
];
