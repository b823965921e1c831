import { signal } from '@preact/signals';

/** Path routing under /portal with the History API (the server answers every /portal/* with the app). */
const BASE = '/portal';
const current = () => location.pathname.replace(/^\/portal/, '') || '/';
export const route = signal(current());
export const search = signal(location.search);

export function navigate(path: string): void {
  history.pushState(null, '', BASE + path);
  route.value = path.split('?')[0]!;
  search.value = path.includes('?') ? `?${path.split('?')[1]}` : '';
  window.scrollTo(0, 0);
}

addEventListener('popstate', () => {
  route.value = current();
  search.value = location.search;
});

/** A link that routes inside the app (and still works as a normal link). */
export const onLink = (path: string) => (e: MouseEvent) => {
  if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  navigate(path);
};
