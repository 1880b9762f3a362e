// The image types accepted, keyed by what file-type reads from the bytes (never the client's
// Content-Type), and the names files are stored and served under.

export const imageTypes = {
  "image/jpeg": { ext: "jpg", format: "jpeg" },
  "image/png": { ext: "png", format: "png" },
  "image/webp": { ext: "webp", format: "webp" },
  "image/gif": { ext: "gif", format: "gif" },
  "image/avif": { ext: "avif", format: "avif" },
} as const;

export type ImageType = keyof typeof imageTypes;

export const isImageType = (mime: string): mime is ImageType => Object.hasOwn(imageTypes, mime);

/** Widths of the WebP variants; an image narrower than one keeps its own width there. */
export const variantSizes = [160, 480, 1080] as const;

/** `<id>.<ext>` or `<id>-<size>.webp`, id the hex SHA-256 of the re-encoded original. */
export const namePattern = /^([0-9a-f]{64})(?:-(\d{2,4}))?\.(jpg|png|webp|gif|avif)$/;

export const originalName = (id: string, type: ImageType) => `${id}.${imageTypes[type].ext}`;
export const variantName = (id: string, size: number) => `${id}-${size}.webp`;
export const fileUrl = (name: string) => `/files/${name}`;

/** The Content-Type of a stored name; undefined for anything that is not one of ours. */
export function contentTypeOf(name: string): ImageType | undefined {
  const ext = namePattern.exec(name)?.[3];
  return (Object.keys(imageTypes) as ImageType[]).find((t) => imageTypes[t].ext === ext);
}
