// Who counts as inside the system. Services believe the end user's IP that the gateway forwards
// (x-shop-client-ip) and serve ACCESS_INTERNAL RPCs only to such callers: ones presenting the
// shared internal token (SHOP_INTERNAL_TOKEN), or, when no token is configured (one machine, the
// embedded profile), ones connecting over loopback. Anyone else could pick their own IP to dodge
// the per-IP login throttle.
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
