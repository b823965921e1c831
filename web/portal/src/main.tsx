import { render } from 'preact';
import { App } from './app.tsx';
import { loadMe } from './api.ts';

void loadMe();
render(<App />, document.getElementById('app')!);
