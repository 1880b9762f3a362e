// Domain rows <-> proto messages, and the uploader the kit's interceptors put in the context.
import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { HandlerContext } from "@connectrpc/connect";
import { filev1 } from "@shop/contracts";
import { principalKey } from "@shop/kit/rpc/context";
import { fileUrl, originalName, variantName, type ImageType } from "../domain/image-types.ts";
import type { FileWithUploads, Purpose } from "../repo/files.ts";
import type { Uploader } from "../usecases/upload.ts";

const purposes: Record<Purpose, filev1.Purpose> = { product: filev1.Purpose.PRODUCT, review: filev1.Purpose.REVIEW };

/** The request's purpose; protovalidate has refused UNSPECIFIED and unknown values already. */
export const purposeOf = (p: filev1.Purpose): Purpose => (p === filev1.Purpose.PRODUCT ? "product" : "review");

/** ACCESS_USER: the interceptor has checked there is a principal. */
export function uploaderOf(ctx: HandlerContext): Uploader {
  const p = ctx.values.get(principalKey)!;
  return { userId: p.userId, admin: p.roles.includes("admin") };
}

export function toFile(f: FileWithUploads): MessageInitShape<typeof filev1.FileSchema> {
  const name = originalName(f.id, f.contentType as ImageType);
  return {
    id: f.id,
    contentType: f.contentType,
    width: f.width,
    height: f.height,
    byteSize: BigInt(f.byteSize),
    name,
    url: fileUrl(name),
    variants: f.variants.map((v) => {
      const vn = variantName(f.id, v.size);
      return { size: v.size, width: v.width, height: v.height, byteSize: BigInt(v.byteSize), name: vn, url: fileUrl(vn) };
    }),
    uploads: f.uploads.map((u) => ({ userId: u.userId, purpose: purposes[u.purpose], uploadedAt: timestampFromDate(u.uploadedAt) })),
    createdAt: timestampFromDate(f.createdAt),
  };
}
