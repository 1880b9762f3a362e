// Service discovery port. The static adapter reads the port table of the configuration; the etcd
// adapter keeps leased keys and watches them. Callers subscribe and always see the live list.
export interface Instance {
  /** Unique per process, e.g. `user-<uuid>`. */
  id: string;
  service: string;
  host: string;
  httpPort: number;
  grpcPort: number;
}

export interface Registry {
  /** Announces this instance until `close` (or until its lease runs out if the process dies). */
  register(instance: Instance): Promise<void>;
  /** Calls `onChange` with the current instances as soon as known, then on every change. */
  subscribe(service: string, onChange: (instances: Instance[]) => void): () => void;
  /** Withdraws what this process registered and stops watching. */
  close(): Promise<void>;
}
