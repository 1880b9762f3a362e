// Who a request comes from, for the gray split: the signed-in user (also on public routes, when a
// valid token comes along: a chosen user sees the canary catalog too), else the client id the
// storefront keeps per browser (x-shop-client-id), else the IP. None of it grants anything: a
// client that picks its client id only picks which version answers it.
import type { FastifyRequest } from "fastify";
import { bearerToken } from "../auth.ts";
import type { Caller } from "./router.ts";

export const clientIdHeader = "x-shop-client-id";

/** The user id of a valid token, else undefined (an invalid token on a public route is not an error). */
export type Identify = (token: string) => Promise<string | undefined>;

export function callerOf(req: FastifyRequest, knownUserId: string | undefined, identify: Identify): Caller {
  const clientId = req.headers[clientIdHeader];
  let userId: Promise<string | undefined> | undefined;
  return {
    header: (name) => {
      const value = req.headers[name];
      return typeof value === "string" ? value : undefined;
    },
    userId: () => {
      const token = bearerToken(req.headers.authorization);
      userId ??= knownUserId !== undefined || !token ? Promise.resolve(knownUserId) : identify(token);
      return userId;
    },
    anonymousKey: typeof clientId === "string" && clientId.length > 0 && clientId.length <= 128 ? `client:${clientId}` : `ip:${req.ip}`,
  };
}
