// Blobs as objects of one bucket on S3 or any S3-compatible server (MinIO, Ceph, s3rver), through
// the AWS SDK. Every request is bounded by the SDK's timeouts, so a hung server fails the call.
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, NoSuchKey, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { BlobStore } from "./port.ts";

export interface S3Options {
  bucket: string;
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
  /** Bound of one request, in ms. */
  timeoutMs: number;
}

export function createS3Store(o: S3Options): BlobStore {
  const client = new S3Client({
    region: o.region,
    forcePathStyle: o.forcePathStyle,
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    // Without keys the SDK's own chain (environment, instance role) is used.
    ...(o.accessKeyId ? { credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey } } : {}),
    requestHandler: { requestTimeout: o.timeoutMs, connectionTimeout: o.timeoutMs },
    maxAttempts: 3,
  });
  const Bucket = o.bucket;
  return {
    async put(name, bytes, contentType) {
      await client.send(new PutObjectCommand({ Bucket, Key: name, Body: bytes, ContentType: contentType }));
    },
    async get(name) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: name }));
        return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
      } catch (err) {
        if (err instanceof NoSuchKey || (err as { name?: string }).name === "NoSuchKey") return undefined;
        throw err;
      }
    },
    async delete(name) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: name }));
    },
    async ping() {
      await client.send(new HeadBucketCommand({ Bucket }));
    },
    close() {
      client.destroy();
    },
  };
}
