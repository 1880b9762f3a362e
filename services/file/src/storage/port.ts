// Where the bytes of originals and variants live. Names are content-addressed and never change
// meaning, so `put` of an existing name may simply overwrite. Adapters: disk.ts (the embedded
// profile) and s3.ts (any S3-compatible server); test/storage.test.ts runs one suite on both.
export interface BlobStore {
  put(name: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes, or undefined when nothing is stored under the name. */
  get(name: string): Promise<Uint8Array | undefined>;
  /** Removes the name; removing a missing one is not an error. */
  delete(name: string): Promise<void>;
  /** Whether the store answers (readiness). */
  ping(): Promise<void>;
  close(): void;
}
