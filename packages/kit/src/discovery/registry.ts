// Service discovery port. The static adapter reads the port table of the configuration; the etcd
// adapter keeps leased keys and watches them. Callers subscribe and always see the live list.

/** The version of an instance that registered none (entries written before versions existed). */
export const defaultVersion = "stable";

/** An instance's version, for gray release routing (the gateway's rules pick instances by it). */
export const versionOf = (i: Instance): string => i.version ?? defaultVersion;
export interface Instance {
  /** Unique per process, e.g. `user-<uuid>`. */
  id: string;
  service: string;
  host: string;
  httpPort: number;
  grpcPort: number;
  /** SHOP_SERVICE_VERSION of the process; absent reads as `defaultVersion`. */
  version?: string;
}

export interface Registry {
  /** Announces this instance until `close` (or until its lease runs out if the process dies). */
  register(instance: Instance): Promise<void>;
  /** Calls `onChange` with the current instances as soon as known, then on every change. */
  subscribe(service: string, onChange: (instances: Instance[]) => void): () => void;
  /** Withdraws what this process registered and stops watching. */
  close(): Promise<void>;
}
