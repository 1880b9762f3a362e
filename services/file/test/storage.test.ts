// One contract for every blob store: the local folder (embedded profile) and S3 (here s3rver, a
// real S3-compatible server). Both must keep bytes exactly, overwrite a name idempotently, answer
// undefined for a missing name and delete quietly.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createDiskStore } from "../src/storage/disk.ts";
import type { BlobStore } from "../src/storage/port.ts";
import { createS3Store } from "../src/storage/s3.ts";
import { startS3, type TestS3 } from "./s3.ts";

const name = (suffix = "") => `${randomBytes(32).toString("hex")}${suffix}.png`;

function contract(label: string, open: () => Promise<{ store: BlobStore; close: () => Promise<void> }>) {
  void describe(`blob store contract: ${label}`, () => {
    let store: BlobStore;
    let close: () => Promise<void>;
    before(async () => ({ store, close } = await open()));
    after(() => close());

    void test("put then get gives the same bytes; a missing name is undefined", async () => {
      const n = name();
      const bytes = randomBytes(200_000);
      await store.put(n, bytes, "image/png");
      assert.deepEqual(Buffer.from((await store.get(n))!), bytes);
      assert.equal(await store.get(name()), undefined);
    });

    void test("putting a name again overwrites it (a retried upload)", async () => {
      const n = name("-160");
      await store.put(n, Buffer.from("first"), "image/png");
      await store.put(n, Buffer.from("second"), "image/png");
      assert.equal(Buffer.from((await store.get(n))!).toString(), "second");
    });

    void test("delete removes the name; deleting a missing one is no error", async () => {
      const n = name();
      await store.put(n, Buffer.from("x"), "image/png");
      await store.delete(n);
      assert.equal(await store.get(n), undefined);
      await store.delete(n);
    });

    void test("concurrent puts of many names all land", async () => {
      const names = Array.from({ length: 20 }, () => name());
      await Promise.all(names.map((n) => store.put(n, Buffer.from(n), "image/png")));
      for (const n of names) assert.equal(Buffer.from((await store.get(n))!).toString(), n);
    });

    void test("ping answers while the store is there", async () => {
      await store.ping();
    });
  });
}

contract("disk", () => {
  const dir = mkdtempSync(join(tmpdir(), "shop-files-"));
  const store = createDiskStore(dir);
  return Promise.resolve({
    store,
    close: () => {
      // No temporary file is left behind by the writes.
      const leftovers = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith(".tmp"));
      rmSync(dir, { recursive: true, force: true });
      assert.deepEqual(leftovers, []);
      return Promise.resolve();
    },
  });
});

contract("s3 (s3rver)", async () => {
  const s3: TestS3 = await startS3();
  const store = createS3Store(s3.options);
  return {
    store,
    close: async () => {
      store.close();
      await s3.stop();
    },
  };
});

void test("the disk store refuses a name that could leave its folder", async () => {
  const dir = mkdtempSync(join(tmpdir(), "shop-files-"));
  const store = createDiskStore(dir);
  try {
    for (const bad of ["../../etc/passwd", "a/../../b", "..", "x/y.png", ""]) {
      await assert.rejects(store.put(bad, Buffer.from("x"), "image/png"), /bad name/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
