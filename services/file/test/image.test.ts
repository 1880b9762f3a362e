// The image pipeline alone (no servers): the type comes from the bytes, anything else or anything
// broken is UNSUPPORTED_IMAGE, metadata is gone, variants have their widths, the id is stable and
// the pixel limit stops a small file that would decode huge.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, test } from "node:test";
import { AppError } from "@shop/kit/errors";
import sharp from "sharp";
import { processImage, sniff } from "../src/image/process.ts";
import { gif, hasMetadata, jpegWithExif, png } from "./images.ts";

const reasonOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof AppError, String(err));
    return err.reason;
  }
  assert.fail("expected a refusal");
};

void describe("image pipeline", () => {
  void test("the type is read from the bytes", async () => {
    assert.equal(await sniff(await png()), "image/png");
    assert.equal(await sniff(await jpegWithExif()), "image/jpeg");
    assert.equal(await sniff(await gif()), "image/gif");
    assert.equal(
      await sniff(
        await sharp(await png())
          .webp()
          .toBuffer(),
      ),
      "image/webp",
    );
  });

  void test("text, an SVG, a PDF header, a truncated JPEG and an empty buffer are UNSUPPORTED_IMAGE", async () => {
    const jpeg = await jpegWithExif();
    for (const bad of [
      Buffer.from("hello, this is not an image"),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj"),
      jpeg.subarray(0, Math.floor(jpeg.length / 2)),
      Buffer.alloc(0),
    ]) {
      assert.equal(await reasonOf(processImage(bad, 40_000_000)), "UNSUPPORTED_IMAGE");
    }
  });

  void test("EXIF is stripped from the original and the variants", async () => {
    const input = await jpegWithExif();
    assert.ok(await hasMetadata(input), "the input carries EXIF");
    const out = await processImage(input, 40_000_000);
    assert.equal(out.type, "image/jpeg");
    assert.equal(await hasMetadata(out.original.bytes), false);
    for (const v of out.variants) assert.equal(await hasMetadata(v.bytes), false);
  });

  void test("variants are WebP 160, 480 and 1080 wide, never wider than the original", async () => {
    const big = await processImage(await jpegWithExif(1200, 800), 40_000_000);
    assert.deepEqual(
      big.variants.map((v) => [v.size, v.width, v.height]),
      [
        [160, 160, 107],
        [480, 480, 320],
        [1080, 1080, 720],
      ],
    );
    for (const v of big.variants) assert.equal((await sharp(v.bytes).metadata()).format, "webp");
    const small = await processImage(await png(300, 200), 40_000_000);
    assert.deepEqual(
      small.variants.map((v) => v.width),
      [160, 300, 300],
    );
  });

  void test("the id is the SHA-256 of the re-encoded original, the same for the same bytes", async () => {
    const input = await png();
    const [a, b] = [await processImage(input, 40_000_000), await processImage(input, 40_000_000)];
    assert.equal(a.id, b.id);
    assert.equal(a.id, createHash("sha256").update(a.original.bytes).digest("hex"));
    assert.notEqual((await processImage(await png(640, 480, "#a33"), 40_000_000)).id, a.id);
  });

  void test("an image of more pixels than allowed is IMAGE_TOO_LARGE before it is decoded", async () => {
    // 4000 x 4000 of one colour: a small PNG, 64 MB once decoded.
    const bomb = await png(4000, 4000);
    assert.ok(bomb.length < 64_000_000 / 100, `${bomb.length} bytes`);
    assert.equal(await reasonOf(processImage(bomb, 1_000_000)), "IMAGE_TOO_LARGE");
  });
});
