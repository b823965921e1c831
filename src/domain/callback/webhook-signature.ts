import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks signature (https://www.standardwebhooks.com): `v1,` + base64 HMAC-SHA256 over
 * `${id}.${timestamp}.${body}`, keyed by the secret's bytes (the base64 part after `whsec_`).
 * Receivers verify with any Standard Webhooks library and the account's webhook secret.
 */
export function webhookHeaders(secrets: string | readonly string[], id: string, timestampSeconds: number, body: string): Record<string, string> {
  // During a secret rotation the header carries one signature per secret, space-separated
  // (Standard Webhooks: a receiver accepts the message when any signature matches its secret).
  const signatures = (typeof secrets === 'string' ? [secrets] : secrets).map((secret) => {
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
  });
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampSeconds), 'webhook-signature': signatures.join(' ') };
}
