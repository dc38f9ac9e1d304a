import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The base sheet first: each view's own sheet, imported by the view, comes after it.
import './base.css';
import { parseHash } from '../shared/domain/desktop/routes';
import { App } from './app/App';
import { QuickLog } from './app/QuickLog';

// The desktop app's quick-log window is this page opened at #/quick-log.
const route = parseHash(window.location.hash);
const quickLog = route?.ok === true && route.value.kind === 'quick-log';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(<StrictMode>{quickLog ? <QuickLog /> : <App />}</StrictMode>);
}
