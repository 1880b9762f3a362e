// The store the configuration names: S3 when a bucket is set, else a folder under the data dir.
import { join } from "node:path";
import type { FileConfig } from "../config.ts";
import { createDiskStore } from "./disk.ts";
import type { BlobStore } from "./port.ts";
import { createS3Store } from "./s3.ts";

export function createStore(c: FileConfig): BlobStore {
  const { s3 } = c.file;
  if (s3.bucket) return createS3Store({ ...s3, timeoutMs: c.rpcTimeoutMs });
  return createDiskStore(c.file.dir || join(c.dataDir, "files"));
}
