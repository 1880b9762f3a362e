// Values the server puts into every call's context for handlers to read.
import { createContextKey } from "@connectrpc/connect";

export interface Principal {
  userId: string;
  roles: string[];
  /** The access token's id (jti), for logs. */
  tokenId: string;
}

export const principalKey = createContextKey<Principal | undefined>(undefined, { description: "signed-in user" });
/** The end user's IP: the gateway's x-shop-client-ip, else the peer address. */
export const clientIpKey = createContextKey<string>("unknown", { description: "client ip" });
/** Whether the caller is inside the system (see internal-trust.ts). */
export const internalCallerKey = createContextKey<boolean>(false, { description: "internal caller" });
