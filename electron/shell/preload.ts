// The bridge: the renderer gets exactly one function, `oncall.invoke(operation, input)`.
// Sandboxed preloads may import only 'electron'; the main process validates everything.

import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('oncall', {
  invoke: (operation: string, input: unknown): Promise<unknown> =>
    ipcRenderer.invoke('oncall:invoke', operation, input),
});
