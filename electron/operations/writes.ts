// Operations that write say so where they are registered: `'pages.add': writes((ctx, input) => …)`.
// The operation table then runs the handler inside one IMMEDIATE transaction (see table.ts), so
// no handler opens its own, and a write refused half-way leaves nothing behind.
//
// IMMEDIATE, because a deferred transaction that reads and then writes fails at once with
// SQLITE_BUSY when another process (the CLI, the app, a sync) committed in between.

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any handler's shape
const writing = new WeakSet<Function>();

/** Declares that the handler writes to the store. */
export function writes<H extends (...args: never[]) => unknown>(handler: H): H {
  writing.add(handler);
  return handler;
}

export function isWriting(handler: unknown): boolean {
  return typeof handler === 'function' && writing.has(handler);
}

const writingInSteps = new WeakSet<Function>(); // eslint-disable-line @typescript-eslint/no-unsafe-function-type

/**
 * Declares a handler that writes in transactions of its own, because long work between them (git,
 * a network fetch) must not hold the store's write lock: connecting and syncing a repository.
 */
export function writesInSteps<H extends (...args: never[]) => unknown>(handler: H): H {
  writingInSteps.add(handler);
  return handler;
}

export function isWritingInSteps(handler: unknown): boolean {
  return typeof handler === 'function' && writingInSteps.has(handler);
}
