import { describe, expect, it } from 'vitest';
import type { FastifyReply } from 'fastify';
import { cookieName, setSessionCookie } from './portal-auth.ts';
import type { PortalDeps } from '../../services/portal/portal-deps.ts';

const depsFor = (publicUrl: string) => ({ config: { publicUrl } }) as unknown as PortalDeps;
function cookieOf(publicUrl: string, value: string | null): string {
  let header = '';
  const reply = { header: (_n: string, v: string) => ((header = v), reply) } as unknown as FastifyReply;
  setSessionCookie(depsFor(publicUrl), reply, value);
  return header;
}

describe('portal session cookie', () => {
  it('is __Host- prefixed, Secure, Path=/ over https', () => {
    expect(cookieName(depsFor('https://id.example.com'))).toBe('__Host-idgate_portal');
    expect(cookieOf('https://id.example.com', 'abc')).toBe('__Host-idgate_portal=abc; Path=/; HttpOnly; SameSite=Strict; Secure');
  });
  it('is HttpOnly and SameSite=Strict on /portal over http, and cleared with Max-Age=0', () => {
    expect(cookieOf('http://127.0.0.1:8080', 'abc')).toBe('idgate_portal=abc; Path=/portal; HttpOnly; SameSite=Strict');
    expect(cookieOf('http://127.0.0.1:8080', null)).toBe('idgate_portal=; Path=/portal; HttpOnly; SameSite=Strict; Max-Age=0');
  });
});
