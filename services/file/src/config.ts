// The file service's configuration: the platform keys plus upload limits and where the bytes go
// (a folder under the data dir, or an S3-compatible bucket when one is named). Each key's comment
// is its entry in the config reference.
import { z } from "zod";
import { platformEnv, platformSchema } from "@shop/kit/platform";

// From the environment everything is a string, and "false" must mean false.
const flag = z.union([z.boolean(), z.string()]).transform((v) => v === true || v === "true" || v === "1");

/** Largest upload, in bytes; the gateway reads the same variable and answers 413 past it. */
export const maxBytes = z.coerce
  .number()
  .int()
  .min(1024)
  .max(100 * 1024 * 1024)
  .default(10 * 1024 * 1024);

export const fileSchema = platformSchema.extend({
  file: z
    .object({
      maxBytes,
      /** Largest image decoded, in pixels (width × height × frames): a small file that would inflate past it is refused. */
      maxPixels: z.coerce.number().int().min(1).max(268_402_689).default(40_000_000),
      /** Images decoded at once; more wait, and past `maxWaiting` are told to retry. */
      maxConcurrent: z.coerce.number().int().min(1).max(64).default(2),
      maxWaiting: z.coerce.number().int().min(0).max(10_000).default(32),
      /** Folder of the bytes without S3; empty: <dataDir>/files. */
      dir: z.string().default(""),
      s3: z
        .object({
          /** A bucket name switches storage to S3; the endpoint is for S3-compatible servers (MinIO…), empty for AWS. */
          bucket: z.string().default(""),
          endpoint: z.string().default(""),
          region: z.string().min(1).default("us-east-1"),
          accessKeyId: z.string().default(""),
          secretAccessKey: z.string().default(""),
          /** http://host/bucket/key rather than http://bucket.host/key (MinIO and most self-hosted servers). */
          forcePathStyle: flag.default(false),
        })
        .prefault({}),
    })
    .prefault({}),
});

export type FileConfig = z.output<typeof fileSchema>;

export const fileEnv: Record<string, string> = {
  ...platformEnv,
  SHOP_FILE_MAX_BYTES: "file.maxBytes",
  SHOP_FILE_MAX_PIXELS: "file.maxPixels",
  SHOP_FILE_MAX_CONCURRENT: "file.maxConcurrent",
  SHOP_FILE_MAX_WAITING: "file.maxWaiting",
  SHOP_FILE_DIR: "file.dir",
  SHOP_FILE_S3_BUCKET: "file.s3.bucket",
  SHOP_FILE_S3_ENDPOINT: "file.s3.endpoint",
  SHOP_FILE_S3_REGION: "file.s3.region",
  SHOP_FILE_S3_ACCESS_KEY_ID: "file.s3.accessKeyId",
  SHOP_FILE_S3_SECRET_ACCESS_KEY: "file.s3.secretAccessKey",
  SHOP_FILE_S3_FORCE_PATH_STYLE: "file.s3.forcePathStyle",
};
