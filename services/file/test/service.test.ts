// The file service as a process, storing in S3 (s3rver): uploads by purpose and role, the same
// bytes from two shoppers, what BatchGetFiles and ReadFile answer, and the limits.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Code } from "@connectrpc/connect";
import { filev1 } from "@shop/contracts";
import sharp from "sharp";
import { hasMetadata, jpegWithExif, png } from "./images.ts";
import { rejectsWith, startFiles, type FileTest } from "./helpers.ts";
import { startS3, type TestS3 } from "./s3.ts";

// Over the RPC server's default 1 MiB: the service raises its read limit to fit.
const maxBytes = 1_500_000;
let t: FileTest;
let s3: TestS3;

before(async () => {
  s3 = await startS3();
  t = await startFiles({ ...s3.env, SHOP_FILE_MAX_BYTES: String(maxBytes), SHOP_FILE_MAX_PIXELS: "2000000" });
});
after(async () => {
  await t?.close();
  await s3?.stop();
});

void describe("file service", () => {
  void test("a shopper's review photo is stored re-encoded, with variants, readable by name", async () => {
    const { file } = await t.files.uploadFile({ purpose: filev1.Purpose.REVIEW, data: await jpegWithExif() }, t.shopper.options);
    assert.ok(file);
    assert.match(file.id, /^[0-9a-f]{64}$/);
    assert.equal(file.contentType, "image/jpeg");
    assert.equal(file.name, `${file.id}.jpg`);
    assert.equal(file.url, `/files/${file.id}.jpg`);
    assert.deepEqual([file.width, file.height], [1200, 800]);
    assert.deepEqual(
      file.variants.map((v) => [v.size, v.width, v.height, v.url]),
      [
        [160, 160, 107, `/files/${file.id}-160.webp`],
        [480, 480, 320, `/files/${file.id}-480.webp`],
        [1080, 1080, 720, `/files/${file.id}-1080.webp`],
      ],
    );
    assert.deepEqual(
      file.uploads.map((u) => [u.userId, u.purpose]),
      [[t.shopper.userId, filev1.Purpose.REVIEW]],
    );
    const original = await t.internal.readFile({ name: file.name });
    assert.equal(original.contentType, "image/jpeg");
    assert.equal(BigInt(original.data.length), file.byteSize);
    assert.equal(await hasMetadata(Buffer.from(original.data)), false);
    const variant = await t.internal.readFile({ name: file.variants[0]!.name });
    assert.equal(variant.contentType, "image/webp");
    assert.equal((await sharp(variant.data).metadata()).width, 160);
  });

  void test("the same bytes from another shopper: the same file, both uploads recorded, each answer shows only the caller's", async () => {
    const data = await png(500, 300, "#246");
    const first = (await t.files.uploadFile({ purpose: filev1.Purpose.REVIEW, data }, t.shopper.options)).file!;
    const second = (await t.files.uploadFile({ purpose: filev1.Purpose.REVIEW, data }, t.otherShopper.options)).file!;
    assert.equal(second.id, first.id);
    assert.deepEqual(
      second.uploads.map((u) => u.userId),
      [t.otherShopper.userId],
    );
    const again = (await t.files.uploadFile({ purpose: filev1.Purpose.REVIEW, data }, t.shopper.options)).file!;
    assert.equal(again.id, first.id);
    const { files } = await t.internal.batchGetFiles({ ids: [first.id, "0".repeat(64)] });
    assert.equal(files.length, 1, "unknown ids are left out");
    assert.deepEqual(new Set(files[0]!.uploads.map((u) => u.userId)), new Set([t.shopper.userId, t.otherShopper.userId]));
  });

  void test("product images need the admin role; a refused upload records nothing", async () => {
    const data = await png(200, 200, "#812");
    await rejectsWith(t.files.uploadFile({ purpose: filev1.Purpose.PRODUCT, data }, t.shopper.options), Code.PermissionDenied, "ADMIN_REQUIRED");
    await rejectsWith(t.files.uploadFile({ purpose: filev1.Purpose.REVIEW, data }), Code.Unauthenticated);
    const { file } = await t.files.uploadFile({ purpose: filev1.Purpose.PRODUCT, data }, t.admin.options);
    const { files } = await t.internal.batchGetFiles({ ids: [file!.id] });
    assert.deepEqual(
      files[0]!.uploads.map((u) => [u.userId, u.purpose]),
      [[t.admin.userId, filev1.Purpose.PRODUCT]],
    );
  });

  void test("bad input is refused: not an image, too many bytes, too many pixels, no purpose", async () => {
    const review = (data: Uint8Array) => t.files.uploadFile({ purpose: filev1.Purpose.REVIEW, data }, t.shopper.options);
    await rejectsWith(review(Buffer.from("GIF89a but not really")), Code.InvalidArgument, "UNSUPPORTED_IMAGE");
    await rejectsWith(review(Buffer.alloc(maxBytes + 1000, 1)), Code.InvalidArgument, "FILE_TOO_LARGE");
    await rejectsWith(review(await png(2000, 1500)), Code.InvalidArgument, "IMAGE_TOO_LARGE");
    await rejectsWith(t.files.uploadFile({ data: await png() }, t.shopper.options), Code.InvalidArgument);
  });

  void test("an upload with an Idempotency-Key is answered again from its record", async () => {
    const data = await png(120, 90, "#fa0");
    const options = { headers: { authorization: `Bearer ${t.shopper.token}`, "idempotency-key": `upload-${Date.now()}` } };
    const first = await t.files.uploadFile({ purpose: filev1.Purpose.REVIEW, data }, options);
    let replayed = "";
    const second = await t.files.uploadFile(
      { purpose: filev1.Purpose.REVIEW, data },
      { ...options, onHeader: (h) => (replayed = h.get("idempotent-replayed") ?? "") },
    );
    assert.equal(replayed, "true");
    assert.equal(second.file!.id, first.file!.id);
  });

  void test("ReadFile: an unknown name is FILE_NOT_FOUND, a malformed one INVALID_ARGUMENT", async () => {
    await rejectsWith(t.internal.readFile({ name: `${"a".repeat(64)}.png` }), Code.NotFound, "FILE_NOT_FOUND");
    await rejectsWith(t.internal.readFile({ name: "../../etc/passwd" }), Code.InvalidArgument);
  });
});
