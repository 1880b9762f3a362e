// UploadFile: checks who may upload for what, makes the image safe (image/process.ts), writes its
// bytes, then records the file and the upload. The bytes are written first, so a recorded file
// always has them; the same image again writes the same names and records nothing new.
import { transaction } from "@shop/kit/transaction";
import { adminRequired, busy, fileTooLarge } from "../domain/errors.ts";
import { originalName, variantName } from "../domain/image-types.ts";
import { processImage } from "../image/process.ts";
import { findFiles, recordUpload, type FileWithUploads, type Purpose } from "../repo/files.ts";
import type { Deps } from "./deps.ts";

export interface Uploader {
  userId: string;
  admin: boolean;
}

export async function uploadFile(d: Deps, who: Uploader, purpose: Purpose, data: Uint8Array): Promise<FileWithUploads> {
  const { maxBytes, maxPixels, maxWaiting } = d.limits();
  if (purpose === "product" && !who.admin) throw adminRequired();
  if (data.byteLength > maxBytes) throw fileTooLarge(maxBytes);
  // A crowd of uploads waits its turn, but only so many: the rest are told to come back.
  if (d.decode.pendingCount >= maxWaiting) throw busy();
  const image = await d.decode(() => processImage(data, maxPixels));
  const { id, type, original, variants } = image;
  await Promise.all([
    d.store.put(originalName(id, type), original.bytes, type),
    ...variants.map((v) => d.store.put(variantName(id, v.size), v.bytes, "image/webp")),
  ]);
  return transaction(d.db, async (tx) => {
    await recordUpload(
      tx,
      {
        id,
        contentType: type,
        width: original.width,
        height: original.height,
        byteSize: original.bytes.byteLength,
        variants: variants.map((v) => ({ size: v.size, width: v.width, height: v.height, byteSize: v.bytes.byteLength })),
      },
      { userId: who.userId, purpose },
    );
    const [file] = await findFiles(tx, [id], who.userId);
    return file!;
  });
}
