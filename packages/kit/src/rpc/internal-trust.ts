// Who counts as inside the system. Services believe the end user's IP that the gateway forwards
// (x-shop-client-ip) and serve ACCESS_INTERNAL RPCs only to such callers: ones presenting the
// shared internal token (SHOP_INTERNAL_TOKEN), or, when no token is configured (one machine, the
// embedded profile), ones connecting over loopback. Anyone else could pick their own IP to dodge
// the per-IP login throttle. Loopback trust is safe only while nobody else can connect: a process
// bound beyond loopback without a token refuses to start (checkInternalTrust).
import { timingSafeEqual } from "node:crypto";

export const internalTokenHeader = "x-shop-internal-token";

const isLoopback = (peer: string | undefined) => !!peer && (peer === "::1" || peer.startsWith("127.") || peer.startsWith("::ffff:127."));

export function isInternalCaller(presented: string | undefined, peer: string | undefined, token: string): boolean {
  if (!token) return isLoopback(peer);
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether binding `host` keeps a listener on this machine only. */
export const isLoopbackHost = (host: string) => host === "localhost" || isLoopback(host);

/** Throws when `bindHost` is reachable from other machines but no internal token is set. */
export function checkInternalTrust(bindHost: string, token: string): void {
  if (token || isLoopbackHost(bindHost)) return;
  throw new Error(
    `SHOP_BIND_HOST=${bindHost} is reachable from other machines, but SHOP_INTERNAL_TOKEN is not set: ` +
      "set the same long random SHOP_INTERNAL_TOKEN for every process of the system (or bind to 127.0.0.1)",
  );
}
