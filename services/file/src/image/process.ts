// An upload made safe to serve: the type read from the bytes by file-type, then decoded by sharp
// (refusing more pixels than allowed before any is decoded) and encoded again, which drops EXIF,
// GPS and every other metadata; plus WebP variants of the variant widths. The id is the SHA-256 of
// the re-encoded original, so the same upload always gives the same names.
import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { AppError } from "@shop/kit/errors";
import sharp, { type OutputInfo, type Sharp } from "sharp";
import { brokenImage, imageTooLarge, unsupportedImage } from "../domain/errors.ts";
import { imageTypes, isImageType, variantSizes, type ImageType } from "../domain/image-types.ts";

export interface Encoded {
  bytes: Buffer;
  width: number;
  height: number;
}

export interface Processed {
  id: string;
  type: ImageType;
  original: Encoded;
  variants: (Encoded & { size: number })[];
}

/** The image type the bytes say they are; the client's Content-Type and file name play no part. */
export async function sniff(data: Uint8Array): Promise<ImageType> {
  const found = await fileTypeFromBuffer(data);
  if (!found || !isImageType(found.mime)) throw unsupportedImage(found?.mime ?? "unknown");
  return found.mime;
}

const encoders: Record<ImageType, (s: Sharp) => Sharp> = {
  "image/jpeg": (s) => s.jpeg({ quality: 85 }),
  "image/png": (s) => s.png(),
  "image/webp": (s) => s.webp({ quality: 85 }),
  "image/gif": (s) => s.gif(),
  "image/avif": (s) => s.avif({ quality: 60 }),
};

// An animated image's height in sharp's answers is all its frames stacked; the frame's is pageHeight.
const encoded = ({ data, info }: { data: Buffer; info: OutputInfo }): Encoded => ({ bytes: data, width: info.width, height: info.pageHeight ?? info.height });

/** sharp's refusals are the client's bad input; the pixel limit gets a reason of its own. */
async function decoding<T>(maxPixels: number, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof Error && /pixel limit/i.test(err.message)) throw imageTooLarge(maxPixels);
    throw brokenImage();
  }
}

export async function processImage(data: Uint8Array, maxPixels: number): Promise<Processed> {
  const type = await sniff(data);
  // GIF and WebP keep their frames; the others are turned upright by their EXIF orientation first.
  const animated = imageTypes[type].format === "gif" || imageTypes[type].format === "webp";
  const input = () => sharp(data, { limitInputPixels: maxPixels, failOn: "warning", animated, autoOrient: !animated });
  return decoding(maxPixels, async () => {
    const meta = await input().metadata();
    // Every frame is decoded: a small GIF of many large frames is a bomb too.
    const frames = animated ? (meta.pages ?? 1) : 1;
    if (meta.width * (meta.pageHeight ?? meta.height) * frames > maxPixels) throw imageTooLarge(maxPixels);
    const original = encoded(await encoders[type](input()).toBuffer({ resolveWithObject: true }));
    const variants = [];
    for (const size of variantSizes) {
      const out = await input().resize({ width: size, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer({ resolveWithObject: true });
      variants.push({ size, ...encoded(out) });
    }
    return { id: createHash("sha256").update(original.bytes).digest("hex"), type, original, variants };
  });
}
