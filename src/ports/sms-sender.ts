/** Sends a text message; the outbox adapter writes it to disk and the log, the HTTP one calls a gateway. */
export interface SmsSender {
  /** `channel: 'voice'` asks the gateway to read `body` aloud in a call (landlines cannot take SMS). */
  send(message: { to: string; body: string; purpose: string; channel?: 'sms' | 'voice' }): Promise<{ id: string }>;
}
