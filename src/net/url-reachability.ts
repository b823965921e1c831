import dns from 'node:dns';
import net from 'node:net';
import { isPublicAddress } from './address-policy.ts';

export type Lookup = (hostname: string) => Promise<string[]>;

const systemLookup: Lookup = async (hostname) => (await dns.promises.lookup(hostname, { all: true })).map((a) => a.address);

/**
 * Why idgate could never call `rawUrl` under the outbound policy (convention 9), or undefined.
 * Judged like safeFetch judges at call time: an IP literal directly, a hostname by every address
 * it resolves to. A name that does not resolve (now) is not judged: DNS may be down or split, and
 * delivery reports it later.
 */
export async function privateUrlReason(rawUrl: string, lookup: Lookup = systemLookup, timeoutMs = 3000): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return undefined; // not a URL at all: the option parser names that problem
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) return isPublicAddress(host) ? undefined : `${host} is a private, loopback or reserved address`;
  let timer: NodeJS.Timeout | undefined;
  const addresses = await Promise.race([
    lookup(host).catch(() => [] as string[]),
    new Promise<string[]>((r) => (timer = setTimeout(() => r([]), timeoutMs))),
  ]).finally(() => clearTimeout(timer));
  const bad = addresses.find((a) => !isPublicAddress(a));
  return bad ? `${host} resolves to ${bad}, a private, loopback or reserved address` : undefined;
}
