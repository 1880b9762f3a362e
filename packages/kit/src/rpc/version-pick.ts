// Gray release: a caller (the gateway) can ask that one call go to instances of a chosen version,
// or to those of any other, by putting a VersionPick in the call's context values. The balancer
// keeps its round-robin, breakers and retries within that group, falls back to the other group
// when the wanted one has no usable instance, and writes back which version answered.
// Calls without a pick (every service-to-service call) go to any version.
import { createContextKey } from "@connectrpc/connect";

export interface VersionPick {
  /** The version the choice is about (a canary's). */
  version: string;
  /** true: an instance of `version`; false: an instance of any other version. */
  on: boolean;
  /** Written by the balancer: the version of the instance that ran the (last) attempt. */
  servedVersion?: string;
  /** Written by the balancer: true when no instance of the wanted group could take the call. */
  fallback?: boolean;
}

export const versionPickKey = createContextKey<VersionPick | undefined>(undefined, { description: "gray release version pick" });
