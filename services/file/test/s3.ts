// An S3-compatible server for the tests: s3rver (the npm package) on a free port, storing under a
// temporary folder, with one bucket; its keys are S3RVER/S3RVER.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import type { S3Options } from "../src/storage/s3.ts";

export interface TestS3 {
  options: S3Options;
  /** The file service's variables for this server. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startS3(bucket = "shop-files"): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), "shop-s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const options: S3Options = { bucket, endpoint, region: "us-east-1", accessKeyId: "S3RVER", secretAccessKey: "S3RVER", forcePathStyle: true, timeoutMs: 5000 };
  return {
    options,
    env: {
      SHOP_FILE_S3_BUCKET: bucket,
      SHOP_FILE_S3_ENDPOINT: endpoint,
      SHOP_FILE_S3_REGION: options.region,
      SHOP_FILE_S3_ACCESS_KEY_ID: options.accessKeyId,
      SHOP_FILE_S3_SECRET_ACCESS_KEY: options.secretAccessKey,
      SHOP_FILE_S3_FORCE_PATH_STYLE: "true",
    },
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
