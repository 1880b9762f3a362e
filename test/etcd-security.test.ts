// etcd locked down, as the registry of a cluster with certificates should be: with authentication
// on, the registry built from the configuration (etcd.username, etcd.passwordFile) registers and
// follows instances while a client without the user is refused; with TLS and client certificates
// (etcd.caFile/certFile/keyFile, certificates from `shop certs`) the same works over https.
// Needs /usr/bin/etcd.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { Etcd3 } from "etcd3";
import { createRegistry } from "@shop/kit/discovery/create";
import type { Instance, Registry } from "@shop/kit/discovery/registry";
import { createLogger } from "@shop/kit/log";
import { platformSchema } from "@shop/kit/platform";
import { issueCertificates } from "@shop/launcher/certs";
import { startEtcd, type EtcdServer } from "@shop/testkit/etcd";

const logger = createLogger("etcd-auth-test", "silent");
const dir = mkdtempSync(join(tmpdir(), "shop-etcd-auth-"));
const passwordFile = join(dir, "etcd-password");
let etcd: EtcdServer;
let etcdTls: EtcdServer | undefined;

before(async () => {
  etcd = await startEtcd();
  // As `etcdctl user add root; role add shop; role grant-permission shop readwrite /shop/services/
  // --prefix; user add shop; user grant-role shop shop; auth enable` would (etcdctl adds the root role).
  const admin = new Etcd3({ hosts: etcd.url });
  await admin.user("root").create("root-password");
  await admin.role("root").create();
  await admin.user("root").addRole("root");
  const role = await admin.role("shop").create();
  await role.grant({ permission: "Readwrite", range: admin.range({ prefix: "/shop/services/" }) });
  await admin.user("shop").create("shop-password");
  await admin.user("shop").addRole("shop");
  await admin.auth.authEnable({});
  admin.close();
  writeFileSync(passwordFile, "shop-password\n", { mode: 0o600 });
});

after(async () => {
  await etcdTls?.stop();
  await etcd?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Registers one instance and waits to see it listed. */
async function roundTrip(registry: Registry): Promise<void> {
  const instance: Instance = { id: "user-etcd-security-test", service: "user", host: "127.0.0.1", httpPort: 7001, grpcPort: 7002 };
  await registry.register(instance);
  const seen = await new Promise<Instance[]>((resolve) => {
    const stop = registry.subscribe("user", (list) => {
      if (!list.length) return;
      stop();
      resolve(list);
    });
  });
  assert.deepEqual(seen, [instance]);
  await registry.close();
}

void test("with etcd's user and password file the registry registers and follows instances", async () => {
  await roundTrip(createRegistry(platformSchema.parse({ etcdUrl: etcd.url, etcd: { username: "shop", passwordFile } }), logger));
});

void test("with etcd on TLS asking for client certificates the registry works over https", async () => {
  const certs = await issueCertificates({ dir: join(dir, "certs"), services: ["etcd", "user"] });
  etcdTls = await startEtcd({ tls: { ca: certs.ca, cert: certs.services.etcd!.cert, key: certs.services.etcd!.key } });
  assert.match(etcdTls.url, /^https:/);
  const etcdConfig = { caFile: certs.ca, certFile: certs.services.user!.cert, keyFile: certs.services.user!.key };
  await roundTrip(createRegistry(platformSchema.parse({ etcdUrl: etcdTls.url, etcd: etcdConfig }), logger));
});

void test("without credentials etcd refuses to list or write instances", async () => {
  const anonymous = new Etcd3({ hosts: etcd.url });
  await assert.rejects(anonymous.getAll().prefix("/shop/services/").keys(), /user name is empty|permission denied|not capable/i);
  await assert.rejects(anonymous.put("/shop/services/user/fake").value("{}").exec(), /user name is empty|permission denied|not capable/i);
  anonymous.close();
});

void test("the settings are checked at start: user without password, client certificate without CA", () => {
  const bare = { etcdUrl: etcd.url };
  assert.throws(() => createRegistry(platformSchema.parse({ ...bare, etcd: { username: "shop" } }), logger), /username and password/);
  assert.throws(() => createRegistry(platformSchema.parse({ ...bare, etcd: { certFile: "/x.pem", keyFile: "/x-key.pem" } }), logger), /needs caFile/);
});
