// Through the gateway, as a browser or curl does it, against the whole stack (files on disk under
// the data dir): uploads by purpose and role with raw bytes, the type read from the bytes whatever
// Content-Type says, the size limit, and the images served immutable with their validators.
import assert from "node:assert/strict";
import { request } from "node:http";
import { after, before, describe, test } from "node:test";
import sharp from "sharp";
import { assertErrorBody, register, startStackWithAdmin, type Answer, type Call, type Stack } from "../../gateway/test/helpers.ts";
import { hasMetadata, jpegWithExif, png } from "./images.ts";

const maxBytes = 300_000;
let stack: Stack;
let call: Call;
let adminToken: string;
let shopper: string;
let base: string;

before(async () => {
  const limit = { SHOP_FILE_MAX_BYTES: String(maxBytes) };
  ({ stack, call, adminToken } = await startStackWithAdmin(limit, limit));
  base = `http://127.0.0.1:${stack.gateway.httpPort}`;
  shopper = (await register(call)).access;
});
after(async () => {
  await stack?.stop();
});

interface UploadedFile {
  id: string;
  contentType: string;
  url: string;
  variants: { size: number; width: number; url: string }[];
}

async function upload(purpose: string, body: Uint8Array | string, opts: { token?: string; contentType?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { "content-type": opts.contentType ?? "application/octet-stream" };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(`${base}/api/v1/files?purpose=${purpose}`, { method: "POST", headers, body });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, text, json };
}

const fileOf = (res: Answer) => {
  assert.equal(res.status, 200, res.text);
  return res.json.file as UploadedFile;
};

const reasonOf = (res: Answer) => (res.json.details as { reason: string }).reason;

void describe("files through the gateway", () => {
  void test("who may upload: nobody signed in 401, a shopper's product image 403, a bad purpose 400", async () => {
    const data = await png(100, 100);
    assertErrorBody(await upload("review", data), 401, "unauthenticated");
    const forbidden = await upload("product", data, { token: shopper });
    assertErrorBody(forbidden, 403, "permission_denied");
    assert.equal(reasonOf(forbidden), "ADMIN_REQUIRED");
    assertErrorBody(await upload("avatar", data, { token: shopper }), 400, "invalid_argument");
  });

  void test("a PNG sent as image/jpeg is a PNG; it is served immutable with an ETag, and 304 when current", async () => {
    const file = fileOf(await upload("review", await png(640, 480), { token: shopper, contentType: "image/jpeg" }));
    assert.equal(file.contentType, "image/png");
    assert.equal(file.url, `/files/${file.id}.png`);
    const res = await fetch(`${base}${file.url}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "image/png");
    assert.equal(res.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    const etag = res.headers.get("etag")!;
    assert.ok(etag);
    assert.equal((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).format, "png");
    const again = await fetch(`${base}${file.url}`, { headers: { "if-none-match": etag } });
    assert.equal(again.status, 304);
    assert.equal((await fetch(`${base}${file.url}`, { method: "HEAD" })).status, 200);
  });

  void test("a JPEG's EXIF is not in the served bytes; its variants are WebP of their widths", async () => {
    const file = fileOf(await upload("review", await jpegWithExif(), { token: shopper, contentType: "text/plain" }));
    const served = Buffer.from(await (await fetch(`${base}${file.url}`)).arrayBuffer());
    assert.equal(await hasMetadata(served), false);
    for (const v of file.variants) {
      const res = await fetch(`${base}${v.url}`);
      assert.equal(res.headers.get("content-type"), "image/webp");
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      assert.deepEqual([meta.format, meta.width], ["webp", v.width]);
    }
    assert.deepEqual(
      file.variants.map((v) => v.width),
      [160, 480, 1080],
    );
  });

  void test("text or a truncated image is 400 UNSUPPORTED_IMAGE; an empty body 400", async () => {
    const text = await upload("review", "just some words", { token: shopper, contentType: "image/png" });
    assertErrorBody(text, 400, "invalid_argument");
    assert.equal(reasonOf(text), "UNSUPPORTED_IMAGE");
    const jpeg = await jpegWithExif();
    const truncated = await upload("review", jpeg.subarray(0, jpeg.length - 2000), { token: shopper });
    assertErrorBody(truncated, 400, "invalid_argument");
    assert.equal(reasonOf(truncated), "UNSUPPORTED_IMAGE");
    assertErrorBody(await upload("review", new Uint8Array(), { token: shopper }), 400, "invalid_argument");
  });

  void test("a body over SHOP_FILE_MAX_BYTES is 413, declared or streamed", async () => {
    assertErrorBody(await upload("review", Buffer.alloc(maxBytes + 1, 7), { token: shopper }), 413);
    // No Content-Length, and the body never ends: the gateway answers as soon as the limit is passed.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/api/v1/files?purpose=review`, {
        method: "POST",
        headers: { authorization: `Bearer ${shopper}`, "content-type": "image/png", "transfer-encoding": "chunked" },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode!);
        req.destroy();
      });
      req.on("error", reject);
      const write = (left: number) => left > 0 && req.write(Buffer.alloc(64 * 1024, 7), () => write(left - 1));
      write(Math.ceil(maxBytes / (64 * 1024)) + 1);
    });
    assert.equal(status, 413);
  });

  void test("an admin's product image URL is accepted by the product admin API", async () => {
    const file = fileOf(await upload("product", await png(800, 800, "#158"), { token: adminToken, contentType: "image/png" }));
    const category = await call("POST", "/api/v1/admin/categories", { token: adminToken, body: { name: "Lamps" } });
    assert.equal(category.status, 200, category.text);
    const product = await call("POST", "/api/v1/admin/products", {
      token: adminToken,
      body: {
        title: "Lamp",
        brand: "Acme",
        categoryId: category.json.id,
        images: [file.url, file.variants[1]!.url],
        skus: [{ priceMinor: "1500", currency: "EUR" }],
      },
    });
    assert.equal(product.status, 200, product.text);
    assert.deepEqual(product.json.images, [file.url, file.variants[1]!.url]);
  });

  void test("an unknown or malformed name is 404, never cached", async () => {
    for (const path of [`/files/${"b".repeat(64)}.png`, "/files/..%2f..%2fetc%2fpasswd", "/files/x.svg"]) {
      const res = await call("GET", path);
      assertErrorBody(res, 404, "not_found");
      assert.equal(res.headers.get("cache-control"), "private, no-store");
    }
  });
});
