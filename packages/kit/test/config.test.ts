import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { loadConfig } from "@shop/kit/config";
import { platformEnv, platformSchema } from "@shop/kit/platform";

const schema = platformSchema.extend({ limits: z.object({ perMinute: z.coerce.number().int().positive().default(60) }).prefault({}) });
const env = { ...platformEnv, SHOP_TEST_PER_MINUTE: "limits.perMinute" };

function tempFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "shop-config-")), "shop.config.yaml");
  writeFileSync(file, text);
  return file;
}

void test("defaults < file < environment", () => {
  const file = tempFile("logLevel: warn\nlimits:\n  perMinute: 5\nservices:\n  user:\n    httpPort: 7000\n");
  const defaults = loadConfig(schema, env, {});
  assert.equal(defaults.value.logLevel, "info");
  assert.equal(defaults.value.services.user.grpcPort, 9190);
  const fromFile = loadConfig(schema, env, { SHOP_CONFIG_FILE: file });
  assert.equal(fromFile.value.logLevel, "warn");
  assert.equal(fromFile.value.limits.perMinute, 5);
  assert.equal(fromFile.value.services.user.httpPort, 7000);
  fromFile.close();
  const fromEnv = loadConfig(schema, env, { SHOP_CONFIG_FILE: file, SHOP_LOG_LEVEL: "debug", SHOP_USER_HTTP_PORT: "7100" });
  assert.equal(fromEnv.value.logLevel, "debug");
  assert.equal(fromEnv.value.services.user.httpPort, 7100);
  assert.equal(fromEnv.value.limits.perMinute, 5);
  fromEnv.close();
});

void test("invalid values are refused with the key named", () => {
  assert.throws(() => loadConfig(schema, env, { SHOP_USER_HTTP_PORT: "eighty" }), /services\.user\.httpPort/);
  assert.throws(() => loadConfig(schema, env, { SHOP_LOG_LEVEL: "loud" }), /logLevel/);
  assert.throws(() => loadConfig(schema, env, { SHOP_CONFIG_FILE: tempFile("- a\n- b\n") }), /mapping/);
});

void test("an edit of the file reaches subscribers; a broken edit keeps the last good value", async () => {
  const file = tempFile("logLevel: info\nlimits:\n  perMinute: 10\n");
  const config = loadConfig(schema, env, { SHOP_CONFIG_FILE: file });
  try {
    const changed = new Promise<number>((resolve) => config.onChange((next) => resolve(next.limits.perMinute)));
    writeFileSync(file, "logLevel: debug\nlimits:\n  perMinute: 3\n");
    assert.equal(await changed, 3);
    assert.equal(config.value.logLevel, "debug");
    writeFileSync(file, "limits:\n  perMinute: -1\n");
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(config.value.limits.perMinute, 3);
  } finally {
    config.close();
  }
});

void test("an emptied or deleted file is a broken edit: the last good values stay, with a warning", async () => {
  const file = tempFile("limits:\n  perMinute: 7\n");
  const config = loadConfig(schema, env, { SHOP_CONFIG_FILE: file });
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  process.on("warning", onWarning);
  const warned = async (about: RegExp) => {
    for (let i = 0; i < 100 && !warnings.some((m) => about.test(m)); i++) await sleep(100);
    assert.ok(
      warnings.some((m) => about.test(m)),
      `no warning ${String(about)} within 10 s (got ${JSON.stringify(warnings)})`,
    );
  };
  try {
    writeFileSync(file, "");
    await warned(/is empty/);
    assert.equal(config.value.limits.perMinute, 7);
    rmSync(file);
    await warned(/is gone/);
    assert.equal(config.value.limits.perMinute, 7);
  } finally {
    process.off("warning", onWarning);
    config.close();
  }
});
