/** Sends a text message; the outbox adapter writes it to disk and the log, the HTTP one calls a gateway. */
export interface SmsSender {
  send(message: { to: string; body: string; purpose: string }): Promise<{ id: string }>;
}
