// Test images made with sharp: a JPEG carrying EXIF (camera, GPS-like text, orientation), a PNG,
// a GIF, and bytes that only look like images.
import sharp from "sharp";

export const secretExif = "Ada's Camera, 51.5007N 0.1246W";

/** A JPEG with EXIF metadata (Artist, Copyright, Orientation) that must not survive an upload. */
export function jpegWithExif(width = 1200, height = 800): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#c33" } })
    .jpeg()
    .withMetadata({ orientation: 1, exif: { IFD0: { Artist: secretExif, Copyright: secretExif } } })
    .toBuffer();
}

export function png(width = 640, height = 480, background = "#3a3"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background } })
    .png()
    .toBuffer();
}

export function gif(width = 300, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: "#33c" } })
    .gif()
    .toBuffer();
}

/** Whether any EXIF/XMP/ICC-like block or the secret text is still in the bytes. */
export async function hasMetadata(bytes: Buffer): Promise<boolean> {
  const meta = await sharp(bytes).metadata();
  return bytes.includes(secretExif) || meta.exif !== undefined || meta.xmp !== undefined || meta.iptc !== undefined;
}
