import './styles.css';
import { render } from 'preact';
import { setLanguage } from './app/i18n.ts';
import { boot } from './app/state.ts';
import { App } from './app/app.tsx';

/** The capture app: Preact with signals; the session's language loads before the first paint. */
const root = document.getElementById('idgate-app')!;
void setLanguage(boot.view.language).finally(() => render(<App />, root));
