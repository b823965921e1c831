import http from 'node:http';

export type Received = { at: number; headers: http.IncomingHttpHeaders; body: string; json: any };
type Behaviour = 'ok' | 'fail' | 'timeout' | 'close';

/**
 * A local callback receiver whose answers follow a script (e.g. fail, timeout, ok), recording
 * every request it gets.
 */
export async function startReceiver(script: Behaviour[] = []): Promise<{ url: string; received: Received[]; waitFor: (n: number, ms?: number) => Promise<Received[]>; close: () => Promise<void> }> {
  const received: Received[] = [];
  let i = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        /* recorded as text */
      }
      received.push({ at: Date.now(), headers: req.headers, body, json });
      const behaviour = script[i++] ?? 'ok';
      if (behaviour === 'ok') return res.end('thanks');
      if (behaviour === 'fail') {
        res.statusCode = 503;
        return res.end('down for maintenance');
      }
      if (behaviour === 'close') return req.socket.destroy();
      // 'timeout': never answer; the sender gives up.
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/callback`,
    received,
    waitFor: async (n, ms = 30_000) => {
      const end = Date.now() + ms;
      while (received.length < n && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      if (received.length < n) throw new Error(`expected ${n} callbacks, got ${received.length}`);
      return received;
    },
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}
