// The registry port's contract, run against both adapters, then what only etcd promises: leases
// that vanish with their process, immediate withdrawal on close, recovery from lost leases and
// from an etcd that restarted empty. Needs /usr/bin/etcd (apt-get install -y etcd-server).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { Etcd3 } from "etcd3";
import { sourceNodeArgs } from "@shop/kit/entry";
import { createEtcdRegistry, registryRoot } from "@shop/kit/discovery/etcd";
import type { Instance, Registry } from "@shop/kit/discovery/registry";
import { createStaticRegistry } from "@shop/kit/discovery/static";
import { createLogger } from "@shop/kit/log";
import { platformSchema } from "@shop/kit/platform";
import { startEtcd, type EtcdServer } from "@shop/testkit/etcd";

const logger = createLogger("registry-test", "silent");
const fake = (id: string, grpcPort = 7000): Instance => ({ id, service: "user", host: "127.0.0.1", httpPort: grpcPort - 100, grpcPort });
const ids = (list: Instance[]) => list.map((i) => i.id).sort();

/** Follows a service and lets the test wait, with a generous deadline, for a list it expects. */
function follow(registry: Registry, service: string) {
  let latest: Instance[] | undefined;
  let changes = 0;
  const waiters = new Set<() => void>();
  const unsubscribe = registry.subscribe(service, (list) => {
    latest = list;
    changes++;
    for (const w of waiters) w();
  });
  return {
    unsubscribe,
    changes: () => changes,
    latest: () => latest,
    async until(ok: (list: Instance[]) => boolean, timeoutMs = 10_000): Promise<Instance[]> {
      const deadline = Date.now() + timeoutMs;
      while (!(latest && ok(latest))) {
        const left = deadline - Date.now();
        if (left <= 0) assert.fail(`registry list never matched; last seen: ${JSON.stringify(latest && ids(latest))}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 200));
          waiters.add(() => {
            clearTimeout(timer);
            resolve();
          });
        });
        waiters.clear();
      }
      return latest;
    },
  };
}

interface Adapter {
  /** A registry plus the instances of "user" it must report. */
  setup(): Promise<{ registry: Registry; expected: Instance[]; cleanup: () => Promise<void> }>;
}

function registryContract(name: string, adapter: Adapter) {
  void describe(`registry contract: ${name}`, () => {
    void test("subscribe reports the service's instances as soon as they are known", async () => {
      const { registry, expected, cleanup } = await adapter.setup();
      const seen = follow(registry, "user");
      const list = await seen.until((l) => l.length === expected.length);
      assert.deepEqual(
        list.map((i) => ({ ...i })).sort((a, b) => a.id.localeCompare(b.id)),
        [...expected].sort((a, b) => a.id.localeCompare(b.id)),
      );
      seen.unsubscribe();
      await registry.close();
      await cleanup();
    });

    void test("a service with no instance is an empty list, not silence", async () => {
      const { registry, cleanup } = await adapter.setup();
      const seen = follow(registry, "no-such-service");
      assert.deepEqual(await seen.until(() => true), []);
      seen.unsubscribe();
      await registry.close();
      await cleanup();
    });
  });
}

registryContract("static", {
  setup: () => {
    const services = platformSchema.parse({}).services;
    const expected = [{ id: "user-static", service: "user", host: "127.0.0.1", httpPort: 9090, grpcPort: 9190 }];
    return Promise.resolve({ registry: createStaticRegistry(services), expected, cleanup: () => Promise.resolve() });
  },
});

let etcd: EtcdServer;
before(async () => {
  etcd = await startEtcd();
});
after(async () => {
  await etcd?.stop();
});

const etcdRegistry = (ttlSeconds = 10) => createEtcdRegistry({ endpoints: [etcd.url], ttlSeconds, logger });

registryContract("etcd", {
  async setup() {
    const a = etcdRegistry();
    const b = etcdRegistry();
    const expected = [fake(`a-${Date.now()}`, 7001), fake(`b-${Date.now()}`, 7002)];
    await a.register(expected[0]!);
    await b.register(expected[1]!);
    return { registry: etcdRegistry(), expected, cleanup: async () => void (await Promise.all([a.close(), b.close()])) };
  },
});

void describe("etcd registry", () => {
  void test("close withdraws the instance at once, long before its TTL", async () => {
    const ttlSeconds = 30;
    const [a, b, watcher] = [etcdRegistry(ttlSeconds), etcdRegistry(ttlSeconds), etcdRegistry()];
    await a.register(fake("close-a"));
    await b.register(fake("close-b"));
    const seen = follow(watcher, "user");
    await seen.until((l) => ids(l).includes("close-a") && ids(l).includes("close-b"));
    const started = Date.now();
    await a.close();
    await seen.until((l) => !ids(l).includes("close-a"), 5000);
    assert.ok(Date.now() - started < ttlSeconds * 1000);
    assert.ok(ids(seen.latest()!).includes("close-b"));
    await Promise.all([b.close(), watcher.close()]);
  });

  void test("the instance of a killed process disappears within its TTL", async (t) => {
    const ttlSeconds = 3;
    const fixture = join(fileURLToPath(new URL(".", import.meta.url)), "helpers/register-instance.ts");
    const child = spawn(process.execPath, [...sourceNodeArgs, fixture, etcd.url, String(ttlSeconds), JSON.stringify(fake("doomed"))], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
    assert.equal(line, "registered");
    const watcher = etcdRegistry();
    const seen = follow(watcher, "user");
    await seen.until((l) => ids(l).includes("doomed"));
    // Let a few keepalives pass, so the lease is renewed in full just before the kill.
    await new Promise((r) => setTimeout(r, ttlSeconds * 1000));
    assert.ok(ids(seen.latest()!).includes("doomed"), "the lease was not kept alive");
    child.kill("SIGKILL");
    await once(child, "exit");
    const killed = Date.now();
    await seen.until((l) => !ids(l).includes("doomed"), ttlSeconds * 1000 + 5000);
    const goneAfterMs = Date.now() - killed;
    t.diagnostic(`gone ${goneAfterMs} ms after SIGKILL (TTL ${ttlSeconds} s)`);
    // etcd checks expiry every 500 ms; two seconds of slack cover that and the watch.
    assert.ok(goneAfterMs <= ttlSeconds * 1000 + 2000, `took ${goneAfterMs} ms`);
    await watcher.close();
  });

  void test("a lost lease is granted again and the key put back", async () => {
    const a = etcdRegistry(2);
    const watcher = etcdRegistry();
    await a.register(fake("phoenix"));
    const seen = follow(watcher, "user");
    await seen.until((l) => ids(l).includes("phoenix"));
    const raw = new Etcd3({ hosts: etcd.url });
    const [kv] = (await raw.getAll().prefix(`${registryRoot}user/phoenix`).exec()).kvs;
    assert.ok(kv);
    await raw.leaseClient.leaseRevoke({ ID: kv.lease });
    await seen.until((l) => !ids(l).includes("phoenix"), 5000);
    await seen.until((l) => ids(l).includes("phoenix"), 15_000);
    raw.close();
    await Promise.all([a.close(), watcher.close()]);
  });

  void test("malformed entries are ignored; unsubscribe stops notifications", async () => {
    const watcher = etcdRegistry();
    const seen = follow(watcher, "cart");
    await seen.until(() => true);
    const raw = new Etcd3({ hosts: etcd.url });
    await raw.put(`${registryRoot}cart/garbage`).value("{not json");
    await raw.put(`${registryRoot}cart/partial`).value(JSON.stringify({ id: "partial" }));
    await raw.put(`${registryRoot}cart/good`).value(JSON.stringify({ ...fake("good"), service: "cart" }));
    assert.deepEqual(ids(await seen.until((l) => l.length > 0)), ["good"]);
    seen.unsubscribe();
    const changes = seen.changes();
    await raw.delete().key(`${registryRoot}cart/good`);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(seen.changes(), changes);
    await raw.delete().prefix(`${registryRoot}cart/`);
    raw.close();
    await watcher.close();
  });

  void test("registering against an etcd that never answers fails the start, naming the endpoint", async () => {
    const nowhere = createEtcdRegistry({ endpoints: ["http://127.0.0.1:1"], ttlSeconds: 5, logger });
    await assert.rejects(nowhere.register(fake("lost")), /cannot register \/shop\/services\/user\/lost in etcd at http:\/\/127\.0\.0\.1:1/);
    await nowhere.close();
  });

  void test("after etcd restarts empty, registrations are put back and subscribers list again", async () => {
    const a = etcdRegistry(2);
    const watcher = etcdRegistry();
    await a.register(fake("survivor"));
    const seen = follow(watcher, "user");
    await seen.until((l) => ids(l).includes("survivor"));
    await etcd.restart({ wipe: true });
    const raw = new Etcd3({ hosts: etcd.url });
    const deadline = Date.now() + 30_000;
    while (!(await raw.get(`${registryRoot}user/survivor`).string()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    assert.ok(await raw.get(`${registryRoot}user/survivor`).string(), "the registration was not put back");
    // The new etcd counts revisions from 1 again: a watch merely resumed at the old revision would
    // miss this newcomer, so seeing it proves the subscriber listed and watched afresh.
    const b = etcdRegistry();
    await b.register(fake("newcomer"));
    assert.deepEqual(ids(await seen.until((l) => l.length === 2, 30_000)), ["newcomer", "survivor"]);
    raw.close();
    await Promise.all([a.close(), b.close(), watcher.close()]);
  });
});
