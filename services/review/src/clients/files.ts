// The file service, for a new review's photos: each file with who uploaded it and for what.
// BatchGetFiles is internal, hence the internal token. A file service that does not answer within
// the deadline is FILE_UNAVAILABLE.
import { createClient, type Transport } from "@connectrpc/connect";
import { filev1 } from "@shop/contracts";
import type { Registry } from "@shop/kit/discovery/registry";
import type { Logger } from "@shop/kit/log";
import { createServiceTransport } from "@shop/kit/rpc/client";
import type { TlsMaterial } from "@shop/kit/rpc/tls";
import { fileUnavailable } from "../domain/errors.ts";
import type { StoredFile } from "../domain/photos.ts";

export interface Files {
  /** The files among `ids` that exist (unknown ids are left out). */
  batchGet(ids: string[]): Promise<StoredFile[]>;
  close(): void;
}

export interface FilesOptions {
  registry: Registry;
  logger: Logger;
  timeoutMs: number;
  internalToken: string;
  tls?: TlsMaterial;
}

export function createFiles(o: FilesOptions): Files {
  const transport = createServiceTransport("file", o.registry, {
    timeoutMs: o.timeoutMs,
    logger: o.logger,
    maxAttempts: 2,
    internalToken: o.internalToken,
    tls: o.tls,
  });
  return filesOver(transport, o.logger, () => transport.close());
}

const toStored = (f: filev1.File): StoredFile => ({
  id: f.id,
  url: f.url,
  variants: f.variants.map((v) => ({ size: v.size, url: v.url })),
  uploads: f.uploads.map((u) => ({ userId: u.userId, forReview: u.purpose === filev1.Purpose.REVIEW })),
});

export function filesOver(transport: Transport, logger: Logger, close: () => void = () => undefined): Files {
  const client = createClient(filev1.FileInternalService, transport);
  return {
    async batchGet(ids) {
      if (!ids.length) return [];
      const found = await client.batchGetFiles({ ids }).catch((err: unknown) => {
        logger.warn({ err }, "file service did not answer BatchGetFiles");
        throw fileUnavailable();
      });
      return found.files.map(toStored);
    },
    close,
  };
}
