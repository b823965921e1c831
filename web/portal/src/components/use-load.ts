import { useCallback, useEffect, useState } from 'preact/hooks';

/** Loads data for a page; `reload` runs it again (after an action). */
export function useLoad<T>(fn: () => Promise<T>, keys: unknown[]): { data: T | null; error: string; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState('');
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    fn().then(
      (d) => live && (setData(d), setError('')),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [...keys, tick]);
  return { data, error, reload: useCallback(() => setTick((n) => n + 1), []) };
}
