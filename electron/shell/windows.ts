// The app's two windows — the main one and the small always-on-top quick-log window — made by
// one function with one set of security options, the same page and the same preload: the
// quick-log window is the same app opened at #/quick-log, with no other powers.

import { BrowserWindow, type Rectangle } from 'electron';

export interface WindowSpec {
  preload: string;
  bounds: Partial<Rectangle> & { width: number; height: number };
  quickLog: boolean;
  icon: string | null;
}

export function createAppWindow(spec: WindowSpec): BrowserWindow {
  return new BrowserWindow({
    ...spec.bounds,
    minWidth: spec.quickLog ? 420 : 640,
    minHeight: spec.quickLog ? 420 : 480,
    title: spec.quickLog ? 'Log a page' : 'On-call Workstation',
    show: false,
    alwaysOnTop: spec.quickLog,
    skipTaskbar: spec.quickLog,
    minimizable: !spec.quickLog,
    maximizable: !spec.quickLog,
    fullscreenable: !spec.quickLog,
    ...(spec.icon ? { icon: spec.icon } : {}),
    webPreferences: {
      preload: spec.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}
