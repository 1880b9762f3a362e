// Trust between services in a cluster with certificates (SHOP_TLS_*): a real user service and
// gateway on a real etcd, certificates from `shop certs`. A client without a certificate is refused;
// a kit client calls only instances whose CA-signed certificate names the service it meant, so a
// fake instance registered in etcd (with another service's certificate, or one of its own making)
// gets no request at all: no internal token, no password. The normal path works over mutual TLS:
// gateway -> user, product and inventory -> user for keys (product with its keys pinned instead).
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import http2 from "node:http2";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { inventoryv1, productv1, userv1 } from "@shop/contracts";
import { loadSigningKey } from "@shop/user/keys";
import { createEtcdRegistry } from "@shop/kit/discovery/etcd";
import type { Instance, Registry } from "@shop/kit/discovery/registry";
import { createLogger } from "@shop/kit/log";
import { createServiceTransport, type ServiceTransport } from "@shop/kit/rpc/client";
import { loadTls, type TlsMaterial } from "@shop/kit/rpc/tls";
import { issueCertificates, type IssuedFiles } from "@shop/launcher/certs";
import { startEtcd, type EtcdServer } from "@shop/testkit/etcd";
import { startServiceProcess, type ServiceProcess } from "@shop/testkit/process";
import { dropDatabases, requirePostgres, uniqueDbPrefix } from "@shop/testkit/servers";
import { fastHashing } from "@shop/testkit/user-service";
import { createListRegistry } from "../packages/kit/test/helpers/auth-server.ts";

const token = "internal-token-that-must-not-leak";
const dir = mkdtempSync(join(tmpdir(), "shop-tls-"));
const prefix = uniqueDbPrefix();
const logger = createLogger("cluster-tls-test", "silent");
let etcd: EtcdServer;
let certs: IssuedFiles;
let user: ServiceProcess;
let gateway: ServiceProcess;
let product: ServiceProcess;
let inventory: ServiceProcess;
let registry: Registry;
let gatewayTls: TlsMaterial;
const fakes: Fake[] = [];
const transports: ServiceTransport[] = [];

const tlsEnv = (service: string, issued = certs) => ({
  SHOP_TLS_CA_FILE: issued.ca,
  SHOP_TLS_CERT_FILE: issued.services[service]!.cert,
  SHOP_TLS_KEY_FILE: issued.services[service]!.key,
});

interface Fake {
  instance: Instance;
  /** Every request that reached it, with its headers. */
  requests: http2.IncomingHttpHeaders[];
  close(): Promise<void>;
}

/** An HTTP/2 TLS server with the given certificate that accepts anyone and records whatever arrives. */
async function startFake(id: string, files: { cert: string; key: string }, ca: string): Promise<Fake> {
  const material = loadTls({ caFile: ca, certFile: files.cert, keyFile: files.key }, id.includes("product") ? "product" : "user")!;
  const requests: http2.IncomingHttpHeaders[] = [];
  const server = http2.createSecureServer({ cert: material.cert, key: material.key }, (req, res) => {
    requests.push(req.headers);
    res.writeHead(500).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return {
    instance: { id, service: "user", host: "127.0.0.1", httpPort: port, grpcPort: port },
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const userClient = (reg: Registry) => {
  const transport = createServiceTransport("user", reg, { timeoutMs: 5000, internalToken: token, tls: gatewayTls });
  transports.push(transport);
  return { transport, auth: createClient(userv1.AuthService, transport) };
};

before(async () => {
  await requirePostgres();
  etcd = await startEtcd();
  certs = await issueCertificates({ dir: join(dir, "certs"), services: ["user", "gateway", "product", "inventory"] });
  // Someone else's CA, with a certificate that claims to be the user service.
  const rogue = await issueCertificates({ dir: join(dir, "rogue"), services: ["user"], caName: "Rogue CA" });
  gatewayTls = loadTls({ caFile: certs.ca, certFile: certs.services.gateway!.cert, keyFile: certs.services.gateway!.key }, "gateway")!;
  const env = { SHOP_ETCD_URL: etcd.url, SHOP_DB_PREFIX: prefix, SHOP_DATA_DIR: dir, SHOP_INTERNAL_TOKEN: token };
  user = await startServiceProcess("user", { ...env, ...fastHashing, ...tlsEnv("user") });
  gateway = await startServiceProcess("gateway", { ...env, ...tlsEnv("gateway") });
  // The product service has the user service's public keys pinned; inventory fetches them.
  const jwks = join(dir, "jwks.json");
  writeFileSync(jwks, JSON.stringify({ keys: [(await loadSigningKey(join(dir, "keys", "jwt-ed25519.pem"))).publicJwk] }));
  product = await startServiceProcess("product", { ...env, ...tlsEnv("product"), SHOP_JWT_PUBLIC_KEYS_FILE: jwks });
  inventory = await startServiceProcess("inventory", { ...env, ...tlsEnv("inventory") });
  fakes.push(await startFake("fake-with-product-cert", certs.services.product!, certs.ca));
  fakes.push(await startFake("fake-with-rogue-cert", rogue.services.user!, rogue.ca));
  // A self-signed certificate whose subject is CN=user (a CA of its own named "user").
  const selfSigned = await issueCertificates({ dir: join(dir, "self-signed"), services: [], caName: "user" });
  fakes.push(await startFake("fake-with-self-signed-cert", { cert: selfSigned.ca, key: join(dir, "self-signed", "ca-key.pem") }, selfSigned.ca));
  registry = createEtcdRegistry({ endpoints: [etcd.url], ttlSeconds: 10, logger });
  for (const f of fakes) await registry.register(f.instance);
});

after(async () => {
  transports.forEach((t) => t.close());
  await registry?.close();
  await Promise.all(fakes.map((f) => f.close()));
  await gateway?.stop();
  await product?.stop();
  await inventory?.stop();
  await user?.stop();
  await etcd?.stop();
  await dropDatabases(prefix);
  rmSync(dir, { recursive: true, force: true });
});

void test("the user service refuses a client without a certificate, and plaintext", async () => {
  const session = http2.connect(`https://127.0.0.1:${user.grpcPort}`, { ca: gatewayTls.ca, checkServerIdentity: () => undefined });
  session.on("error", () => undefined);
  const answered = await new Promise<number | Error>((resolve) => {
    const req = session.request({ ":method": "POST", ":path": "/shop.user.v1.AuthService/GetJwks", "content-type": "application/json" });
    req.on("response", (h) => resolve(Number(h[":status"])));
    req.on("error", (err: Error) => resolve(err));
    req.end("{}");
  });
  session.destroy();
  assert.ok(answered instanceof Error, `expected the handshake to fail, got status ${String(answered)}`);

  const plain = createClient(userv1.AuthService, createConnectTransport({ baseUrl: `http://127.0.0.1:${user.grpcPort}`, httpVersion: "2" }));
  await assert.rejects(plain.getJwks({}, { timeoutMs: 3000 }), ConnectError);

  // The plaintext HTTP/1.1 port keeps the probes and nothing that would skip the certificate check.
  assert.equal((await fetch(`http://127.0.0.1:${user.httpPort}/healthz`)).status, 200);
  const rpc = await fetch(`http://127.0.0.1:${user.httpPort}/shop.user.v1.AuthService/GetJwks`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  assert.equal(rpc.status, 404);
});

void test("a kit client sends nothing to instances without a CA certificate naming the service; the real one answers over mutual TLS", async () => {
  const { transport, auth } = userClient(registry);
  // Wait until the client follows all four: the real user service and the three fakes.
  for (let i = 0; i < 100 && transport.instances().length < 4; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(transport.instances().length, 4);
  for (let i = 0; i < 8; i++) {
    // Login carries a password: only the real service may see it. It answers "no such account".
    await assert.rejects(auth.login({ login: `nobody-${i}`, password: "a password only the user service may see" }), (err: ConnectError) => {
      assert.equal(err.code, Code.Unauthenticated, err.message);
      return true;
    });
  }
  assert.ok((await auth.getJwks({})).keys.length > 0);
  for (const f of fakes) assert.deepEqual(f.requests, [], `${f.instance.id} got a request`);
});

void test("when only fake instances are listed the call fails, and they still get nothing", async () => {
  for (const fake of fakes) {
    const { auth } = userClient(createListRegistry([fake.instance]));
    await assert.rejects(auth.login({ login: "ada", password: "a password only the user service may see" }), (err: ConnectError) => {
      assert.equal(err.code, Code.Unavailable, err.message);
      return true;
    });
    assert.deepEqual(fake.requests, [], `${fake.instance.id} got a request`);
  }
});

void test("the gateway reaches the user service over mutual TLS", async () => {
  const res = await fetch(`http://127.0.0.1:${gateway.httpPort}/api/v1/auth/jwks`);
  assert.equal(res.status, 200, await res.clone().text());
  const body = (await res.json()) as { keys: unknown[] };
  assert.ok(body.keys.length > 0);
  for (const f of fakes) assert.deepEqual(f.requests, [], `${f.instance.id} got a request`);
});

void test("product (pinned keys) and inventory (keys fetched from the user service over mutual TLS) verify a user's token", async () => {
  const res = await fetch(`http://127.0.0.1:${gateway.httpPort}/api/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "tls-user", email: "tls-user@example.com", password: "correct horse battery staple" }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const { accessToken } = ((await res.json()) as { tokens: { accessToken: string } }).tokens;
  const headers = { authorization: `Bearer ${accessToken}` };
  const transportTo = (service: string) => {
    const t = createServiceTransport(service, registry, { timeoutMs: 5000, internalToken: token, tls: gatewayTls });
    transports.push(t);
    return t;
  };
  // A verified token of a plain user: PermissionDenied (an unverifiable one would be Unauthenticated).
  const denied = (err: ConnectError) => {
    assert.equal(err.code, Code.PermissionDenied, err.message);
    return true;
  };
  await assert.rejects(createClient(productv1.AdminCatalogService, transportTo("product")).adminListProducts({}, { headers }), denied);
  await assert.rejects(
    createClient(inventoryv1.InventoryService, transportTo("inventory")).getStock({ skuId: "0190d3c4-0000-7000-8000-000000000000" }, { headers }),
    denied,
  );
  for (const f of fakes) assert.deepEqual(f.requests, [], `${f.instance.id} got a request`);
});

void test("a process refuses to start with a certificate that names another service, or with part of the TLS settings", () => {
  assert.throws(
    () => loadTls({ caFile: certs.ca, certFile: certs.services.product!.cert, keyFile: certs.services.product!.key }, "user"),
    /does not name the service "user"/,
  );
  assert.throws(() => loadTls({ caFile: certs.ca, certFile: "", keyFile: "" }, "user"), /together/);
});

void test("shop certs: keys are 0600, each certificate names its service and is signed by the CA, which a second run reuses", async () => {
  const ca = new X509Certificate(readFileSync(certs.ca));
  for (const [service, files] of Object.entries(certs.services)) {
    assert.equal(statSync(files.key).mode & 0o777, 0o600, `${service} key`);
    const cert = new X509Certificate(readFileSync(files.cert));
    assert.ok(cert.verify(ca.publicKey), `${service} signed by the CA`);
    assert.equal(cert.checkHost(service), service);
    assert.equal(cert.checkIP("127.0.0.1"), "127.0.0.1");
  }
  assert.equal(statSync(join(dir, "certs", "ca-key.pem")).mode & 0o777, 0o600);
  const again = await issueCertificates({ dir: join(dir, "certs"), services: ["cart"], hosts: ["10.1.2.3", "cart.internal"] });
  assert.ok(new X509Certificate(readFileSync(again.ca)).raw.equals(ca.raw), "the same CA");
  const cart = new X509Certificate(readFileSync(again.services.cart!.cert));
  assert.ok(cart.verify(ca.publicKey));
  assert.equal(cart.checkIP("10.1.2.3"), "10.1.2.3");
  assert.equal(cart.checkHost("cart.internal"), "cart.internal");
});
