// Child process for the registry test: registers one instance in etcd, says so, then idles until
// it is killed, so the test can watch what a dead process leaves behind.
import type { Instance } from "@shop/kit/discovery/registry";
import { createEtcdRegistry } from "@shop/kit/discovery/etcd";
import { createLogger } from "@shop/kit/log";

const [url, ttl, json] = process.argv.slice(2);
const registry = createEtcdRegistry({ endpoints: [url!], ttlSeconds: Number(ttl), logger: createLogger("fixture", "silent") });
await registry.register(JSON.parse(json!) as Instance);
process.stdout.write("registered\n");
setInterval(() => undefined, 60_000);
