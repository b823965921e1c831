import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmsSender } from '../../src/ports/sms-sender.ts';
import { OutboxSmsSender } from '../../src/adapters/sms-outbox.ts';
import { HttpSmsSender } from '../../src/adapters/sms-http.ts';

type Delivered = { to: string; channel: 'sms' | 'voice'; text: string };

/** A local Twilio-compatible gateway: checks basic auth, records Messages and Calls. */
async function fakeGateway(): Promise<{ url: string; received: Delivered[]; close: () => Promise<void> }> {
  const received: Delivered[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const m = /^\/2010-04-01\/Accounts\/AC123\/(Messages|Calls)\.json$/.exec(req.url ?? '');
      const auth = req.headers.authorization === `Basic ${Buffer.from('AC123:secret').toString('base64')}`;
      res.setHeader('content-type', 'application/json');
      if (!auth) return res.writeHead(401).end(JSON.stringify({ message: 'Authenticate' }));
      const form = new URLSearchParams(body);
      if (!m || form.get('From') !== '+15005550006') return res.writeHead(400).end(JSON.stringify({ message: 'bad request' }));
      if (form.get('To') === '+15005550001') return res.writeHead(400).end(JSON.stringify({ code: 21211, message: "The 'To' number is not valid" }));
      const voice = m[1] === 'Calls';
      received.push({ to: form.get('To')!, channel: voice ? 'voice' : 'sms', text: voice ? form.get('Twiml')! : form.get('Body')! });
      res.writeHead(201).end(JSON.stringify({ sid: `${voice ? 'CA' : 'SM'}${received.length}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((r) => server.close(() => r())) };
}

type Harness = { sender: SmsSender; delivered: () => Delivered[]; close: () => Promise<void> };

const adapters: Record<string, () => Promise<Harness>> = {
  outbox: async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-sms-'));
    return {
      sender: new OutboxSmsSender(dir, pino({ level: 'silent' }), () => 0),
      delivered: () => {
        const file = path.join(dir, 'sms-outbox.jsonl');
        if (!fs.existsSync(file)) return [];
        return fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => {
          const m = JSON.parse(l);
          return { to: m.to, channel: m.channel ?? 'sms', text: m.body };
        });
      },
      close: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  },
  http: async () => {
    const gw = await fakeGateway();
    return {
      sender: new HttpSmsSender({ baseUrl: gw.url, accountSid: 'AC123', authToken: 'secret', from: '+15005550006', allowPrivate: true }, pino({ level: 'silent' })),
      delivered: () => gw.received,
      close: gw.close,
    };
  },
};

// One contract every SMS adapter passes (DESIGN.md convention 7).
for (const [name, make] of Object.entries(adapters)) {
  describe(`SmsSender contract: ${name} adapter`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await make();
    });
    afterAll(() => h?.close());

    it('delivers an SMS with its text and returns an id', async () => {
      const { id } = await h.sender.send({ to: '+447911123456', body: 'Acme: your verification code is 123456.', purpose: 'phone_verification' });
      expect(id).toMatch(/\S{2,}/);
      expect(h.delivered().at(-1)).toEqual({ to: '+447911123456', channel: 'sms', text: 'Acme: your verification code is 123456.' });
    });

    it('places a voice call carrying the code for a landline', async () => {
      await h.sender.send({ to: '+442079460958', body: 'Your Acme verification code is 654321.', purpose: 'phone_verification', channel: 'voice' });
      const last = h.delivered().at(-1)!;
      expect(last.to).toBe('+442079460958');
      expect(last.channel).toBe('voice');
      expect(last.text.replace(/\D/g, '')).toContain('654321');
    });
  });
}

describe('HTTP SMS adapter errors', () => {
  it('rejects when the gateway refuses the number or the credentials', async () => {
    const gw = await fakeGateway();
    try {
      const ok = { baseUrl: gw.url, accountSid: 'AC123', authToken: 'secret', from: '+15005550006', allowPrivate: true };
      await expect(new HttpSmsSender(ok, pino({ level: 'silent' })).send({ to: '+15005550001', body: 'x', purpose: 't' })).rejects.toThrow(/HTTP 400: The 'To' number is not valid/);
      await expect(new HttpSmsSender({ ...ok, authToken: 'wrong' }, pino({ level: 'silent' })).send({ to: '+447911123456', body: 'x', purpose: 't' })).rejects.toThrow(/HTTP 401/);
      await expect(new HttpSmsSender({ ...ok, allowPrivate: false }, pino({ level: 'silent' })).send({ to: '+447911123456', body: 'x', purpose: 't' })).rejects.toThrow(/private/);
      expect(gw.received).toHaveLength(0);
    } finally {
      await gw.close();
    }
  });
});
