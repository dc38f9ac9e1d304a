import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The base sheet first: each view's own sheet, imported by the view, comes after it.
import './base.css';
import { App } from './app/App';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
