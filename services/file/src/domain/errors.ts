// The file service's expected outcomes, each with its stable reason.
import { AppError } from "@shop/kit/errors";

export const unsupportedImage = (detected: string) =>
  new AppError("invalid_argument", "UNSUPPORTED_IMAGE", "send a JPEG, PNG, WebP, GIF or AVIF image", {
    metadata: { detected },
    violations: [{ field: "data", message: `not a supported image (${detected})`, rule: "image_type" }],
  });
/** The type is right but the bytes do not decode: truncated or corrupt. */
export const brokenImage = () =>
  new AppError("invalid_argument", "UNSUPPORTED_IMAGE", "the image could not be decoded (truncated or corrupt)", {
    metadata: { detected: "corrupt" },
    violations: [{ field: "data", message: "does not decode", rule: "image_decode" }],
  });
export const imageTooLarge = (maxPixels: number) =>
  new AppError("invalid_argument", "IMAGE_TOO_LARGE", `the image has more than ${maxPixels} pixels`, {
    metadata: { maxPixels: String(maxPixels) },
    violations: [{ field: "data", message: `over ${maxPixels} pixels`, rule: "max_pixels" }],
  });
export const fileTooLarge = (maxBytes: number) =>
  new AppError("invalid_argument", "FILE_TOO_LARGE", `the upload is over ${maxBytes} bytes`, { metadata: { maxBytes: String(maxBytes) } });
export const adminRequired = () => new AppError("permission_denied", "ADMIN_REQUIRED", "product images need the admin role");
export const fileNotFound = (name: string) => new AppError("not_found", "FILE_NOT_FOUND", "no such file", { metadata: { name } });
export const busy = () =>
  new AppError("resource_exhausted", "FILE_SERVICE_BUSY", "too many images are being processed; retry shortly", { retryAfterSeconds: 1 });
