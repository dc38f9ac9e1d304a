// What sync keeps in the store's settings: where the repository is, what was last synced, and
// what to read again.

export const keys = {
  url: 'repo.url',
  lastCommit: 'repo.last_commit',
  lastSyncAt: 'repo.last_sync_at',
  error: 'repo.error',
  treeClean: 'repo.tree_clean',
  /** A folder of files this device must read again whole (set by a migration that taught it a new kind). */
  reread: 'repo.reread',
  /** The fetched tree's entries left out of the working tree (JSON SkippedEntry[]; see tree.ts). */
  skipped: 'repo.skipped',
};
