// The servers `shop cluster` starts when no URL names one: Redis here (etcd and RabbitMQ are
// started by test/cluster.test.ts), with its data in the folder given and a clean stop; and a
// missing binary named with its Debian package and the variable that avoids it.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { requireBinary } from "@shop/launcher/cluster/daemon";
import { startRedis } from "@shop/launcher/cluster/servers";
import { createOutput } from "@shop/launcher/output";
import { failFastRedis } from "@shop/kit/redis";

void test("a missing binary names its Debian package and the variable that avoids it", () => {
  assert.throws(
    () => requireBinary("/nonexistent/redis-server", "Redis", "redis-server", "SHOP_REDIS_URL"),
    /Redis is not installed \(\/nonexistent\/redis-server is missing\): apt-get install -y redis-server, or point SHOP_REDIS_URL at a running Redis/,
  );
});

void test(
  "Redis started from the machine's binary keeps its data in the folder and stops cleanly",
  { skip: !existsSync("/usr/bin/redis-server") && !process.env.CI && "redis-server is not installed" },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "shop-cluster-redis-"));
    const started = await startRedis(dir, createOutput());
    try {
      await started.daemon.ready;
      const redis = failFastRedis(started.url);
      await redis.connect();
      await redis.set("cluster-test", "kept");
      assert.equal(await redis.get("cluster-test"), "kept");
      await redis.quit();
      assert.ok(existsSync(join(dir, "redis", "appendonlydir")), "the append-only file is in the data folder");
    } finally {
      await started.daemon.stop();
      const exit = await started.daemon.exited;
      rmSync(dir, { recursive: true, force: true });
      assert.deepEqual(exit, { code: 0, signal: null }, "SIGTERM: Redis exits 0");
    }
  },
);
