// FileService (uploads, forwarded by the gateway) and FileInternalService (the gateway's reads and
// other services' look-ups). The kit's interceptors have checked access and input.
import type { ServiceImpl } from "@connectrpc/connect";
import type { filev1 } from "@shop/contracts";
import type { Deps } from "../usecases/deps.ts";
import { getFiles, readFile } from "../usecases/get-files.ts";
import { uploadFile } from "../usecases/upload.ts";
import { purposeOf, toFile, uploaderOf } from "./mapping.ts";

export function fileService(d: Deps): ServiceImpl<typeof filev1.FileService> {
  return {
    async uploadFile(req, ctx) {
      return { file: toFile(await uploadFile(d, uploaderOf(ctx), purposeOf(req.purpose), req.data)) };
    },
  };
}

export function fileInternalService(d: Deps): ServiceImpl<typeof filev1.FileInternalService> {
  return {
    async batchGetFiles(req) {
      return { files: (await getFiles(d, req.ids)).map(toFile) };
    },
    async readFile(req) {
      return readFile(d, req.name);
    },
  };
}
