// GET /sd/prometheus on the operations listener, against a real etcd: every registered instance as
// a Prometheus HTTP SD target group (services at their HTTP port, gateways at their operations
// listener), and an instance that leaves the registry leaves the targets.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { createEtcdRegistry } from "@shop/kit/discovery/etcd";
import type { Registry } from "@shop/kit/discovery/registry";
import { createHealth } from "@shop/kit/health";
import { createLogger } from "@shop/kit/log";
import { startEtcd, type EtcdServer } from "@shop/testkit/etcd";
import { watchInstances } from "../src/health.ts";
import { buildOpsApp } from "../src/ops.ts";
import { opsService } from "../src/service-discovery.ts";

const logger = createLogger("gateway-test", "warn");
let etcd: EtcdServer;
let product1: Registry;
let product2: Registry;
let gatewayOps: Registry;
let reader: Registry;

before(async () => {
  etcd = await startEtcd();
  const make = () => createEtcdRegistry({ endpoints: [etcd.url], ttlSeconds: 5, logger });
  [product1, product2, gatewayOps, reader] = [make(), make(), make(), make()];
  await product1.register({ id: "product-a", service: "product", host: "127.0.0.1", httpPort: 41001, grpcPort: 41101 });
  await product2.register({ id: "product-b", service: "product", host: "127.0.0.1", httpPort: 41002, grpcPort: 41102 });
  await gatewayOps.register({ id: `${opsService}-x`, service: opsService, host: "127.0.0.1", httpPort: 41999, grpcPort: 0 });
});

after(async () => {
  await Promise.all([product1, product2, gatewayOps, reader].map((r) => r.close()));
  await etcd.stop();
});

type Groups = { targets: string[]; labels: Record<string, string> }[];

void test("lists every live instance in Prometheus' HTTP SD format, and follows the registry", async () => {
  const deployables = ["user", "product"];
  const instances = watchInstances(reader, [...deployables, opsService]);
  const ops = buildOpsApp(logger, { health: createHealth(), deployables, instances, timeoutMs: () => 500 });
  try {
    const read = async (): Promise<Groups> => {
      const res = await ops.inject({ method: "GET", url: "/sd/prometheus" });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers["content-type"]), /^application\/json/);
      return res.json<Groups>();
    };
    const until = async (want: (g: Groups) => boolean) => {
      for (let i = 0; i < 100; i++) {
        const groups = await read();
        if (want(groups)) return groups;
        await sleep(100);
      }
      throw new Error(`never as wanted: ${JSON.stringify(await read())}`);
    };
    const groups = await until((g) => g.length === 3);
    const byId = new Map(groups.map((g) => [g.labels.instance_id, g]));
    assert.deepEqual(byId.get("product-a"), { targets: ["127.0.0.1:41001"], labels: { job: "product", instance_id: "product-a" } });
    assert.deepEqual(byId.get("product-b"), { targets: ["127.0.0.1:41002"], labels: { job: "product", instance_id: "product-b" } });
    assert.deepEqual(byId.get(`${opsService}-x`), { targets: ["127.0.0.1:41999"], labels: { job: "gateway", instance_id: `${opsService}-x` } });

    await product2.close(); // a clean stop revokes its lease: it leaves the targets at once
    const left = await until((g) => g.length === 2);
    assert.deepEqual(left.map((g) => g.labels.instance_id).sort(), [`${opsService}-x`, "product-a"]);
  } finally {
    instances.stop();
    await ops.close();
  }
});
