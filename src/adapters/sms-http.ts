import type { Logger } from 'pino';
import type { SmsSender } from '../ports/sms-sender.ts';
import { safeFetch } from '../net/safe-fetch.ts';
import { escapeHtml as xmlEscape } from '../domain/escape-html.ts';

export type SmsHttpConfig = { baseUrl: string; accountSid: string; authToken: string; from: string; allowPrivate: boolean };


/**
 * Twilio-compatible REST gateway: SMS through `Messages.json`, voice calls through `Calls.json`
 * with inline TwiML (the code is spoken twice, digit by digit, so it can be written down).
 * Any gateway that speaks this API (Twilio, SignalWire, a local fake in tests) works.
 */
export class HttpSmsSender implements SmsSender {
  constructor(
    private readonly cfg: SmsHttpConfig,
    private readonly logger: Logger,
  ) {}

  async send(message: { to: string; body: string; purpose: string; channel?: 'sms' | 'voice' }): Promise<{ id: string }> {
    const voice = message.channel === 'voice';
    const form = new URLSearchParams({ To: message.to, From: this.cfg.from });
    if (voice) {
      const spoken = xmlEscape(message.body.replace(/\d/g, (d) => `${d} `));
      form.set('Twiml', `<Response><Say>${spoken}</Say><Pause length="1"/><Say>${spoken}</Say></Response>`);
    } else form.set('Body', message.body);
    const url = `${this.cfg.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(this.cfg.accountSid)}/${voice ? 'Calls' : 'Messages'}.json`;
    const res = await safeFetch(url, {
      method: 'POST',
      allowPrivate: this.cfg.allowPrivate,
      timeoutMs: 15_000,
      maxBytes: 256 * 1024,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${this.cfg.accountSid}:${this.cfg.authToken}`).toString('base64')}`,
      },
      body: form.toString(),
    });
    let parsed: { sid?: string; message?: string } = {};
    try {
      parsed = JSON.parse(res.body.toString('utf8')) as typeof parsed;
    } catch {
      /* non-JSON error bodies are reported by status below */
    }
    if (res.status < 200 || res.status >= 300 || !parsed.sid) {
      throw new Error(`SMS gateway answered HTTP ${res.status}${parsed.message ? `: ${parsed.message}` : ''}`);
    }
    this.logger.info({ sms: { id: parsed.sid, purpose: message.purpose, channel: voice ? 'voice' : 'sms' } }, 'message handed to the SMS gateway');
    return { id: parsed.sid };
  }
}
