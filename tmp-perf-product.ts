// temporary: perf sanity check of product detail and list through the gateway (deleted after)
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { productv1, userv1, inventoryv1 } from "@shop/contracts";
import { startServiceProcess } from "@shop/testkit/process";
import { dropDatabases, uniqueDbPrefix } from "@shop/testkit/servers";
import { runLoad } from "./bench/load.ts";

const prefix = uniqueDbPrefix();
const dataDir = mkdtempSync(join(tmpdir(), "perf-"));
const base = { SHOP_DB_PREFIX: prefix, SHOP_DATA_DIR: dataDir, SHOP_LOG_LEVEL: "warn", ...(process.env.REDIS ? { SHOP_REDIS_URL: "redis://127.0.0.1:6379" } : {}) };
const user = await startServiceProcess("user", { ...base, SHOP_ADMIN_USERNAME: "root", SHOP_ADMIN_EMAIL: "r@e.com", SHOP_ADMIN_PASSWORD: "root-password-1", SHOP_LOG_LEVEL: "info" });
const up = { SHOP_USER_HTTP_PORT: String(user.httpPort), SHOP_USER_GRPC_PORT: String(user.grpcPort) };
const inv = await startServiceProcess("inventory", { ...base, ...up, SHOP_LOG_LEVEL: "info" });
const ip = { SHOP_INVENTORY_HTTP_PORT: String(inv.httpPort), SHOP_INVENTORY_GRPC_PORT: String(inv.grpcPort) };
const product = await startServiceProcess("product", { ...base, ...up, ...ip, SHOP_LOG_LEVEL: "info", ...(process.env.PROF ? { NODE_OPTIONS: "--import /tmp/profhook.mjs" } : {}) });
const pp = { SHOP_PRODUCT_HTTP_PORT: String(product.httpPort), SHOP_PRODUCT_GRPC_PORT: String(product.grpcPort) };
const gw = await startServiceProcess("gateway", { ...base, ...up, ...ip, ...pp, SHOP_GATEWAY_HTTP_PORT: "0", SHOP_GATEWAY_RATE_LIMIT_PER_MINUTE: "1000000000", SHOP_LOG_LEVEL: "info" });
try {
  const t = (port: number) => createConnectTransport({ baseUrl: `http://127.0.0.1:${port}`, httpVersion: "1.1" });
  const login = await createClient(userv1.AuthService, t(user.httpPort)).login({ login: "root", password: "root-password-1" });
  const h = { headers: { authorization: `Bearer ${login.accessToken}` } };
  const admin = createClient(productv1.AdminCatalogService, t(product.httpPort));
  const stock = createClient(inventoryv1.InventoryService, t(inv.httpPort));
  const cat = await admin.createCategory({ name: "Perf" }, h);
  let first = "";
  for (let i = 0; i < 60; i++) {
    const p = await admin.createProduct({ title: `产品 Product ${i} 西红柿`, subtitle: "subtitle text here", brand: `Brand${i % 5}`, categoryId: cat.id, images: ["/img/a.jpg"], skus: [{ priceMinor: BigInt(1000 + i), currency: "CNY", specs: [{ key: "size", value: "M" }] }, { priceMinor: BigInt(2000 + i), currency: "CNY" }, { priceMinor: BigInt(3000 + i), currency: "CNY" }] }, h);
    await admin.publishProduct({ productId: p.id }, h);
    for (const s of p.skus) await stock.setStock({ skuId: s.id, onHand: 10, reason: "init" }, h);
    first ||= p.id;
  }
  const api = `http://127.0.0.1:${gw.httpPort}`;
  const ticks = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" "); return (Number(f[11]) + Number(f[12])) * 10; };
  const cpu = async () => ticks(product.child.pid!);
  const gcpu = async () => ticks(gw.child.pid!);
  const icpu = () => ticks(inv.child.pid!);
  for (const [title, url] of (process.env.ONLY === "list" ? [["list-direct", `http://127.0.0.1:${product.httpPort}/shop.product.v1.CatalogService/ListProducts?encoding=json&message=${encodeURIComponent(JSON.stringify({ pageSize: 20 }))}`]] : process.env.ONLY === "direct" ? [["detail-direct", `http://127.0.0.1:${product.httpPort}/shop.product.v1.CatalogService/GetProduct?encoding=json&message=${encodeURIComponent(JSON.stringify({ productId: first }))}`]] : [["detail", `${api}/api/v1/products/${first}`], ["list", `${api}/api/v1/products?page_size=20`], ["detail-direct", `http://127.0.0.1:${product.httpPort}/shop.product.v1.CatalogService/GetProduct?encoding=json&message=${encodeURIComponent(JSON.stringify({ productId: first }))}`], ["search", `${api}/api/v1/search?q=${encodeURIComponent("西红柿")}`]]) as [string, string][]) {
    await runLoad({ title, url, method: "GET", headers: {}, connections: 50, durationS: 3, quiet: true });
    if (process.env.PROF) process.kill(product.child.pid!, "SIGUSR2");
    const c0 = await cpu(); const g0 = await gcpu(); const i0 = icpu();
    const r = await runLoad({ title, url, method: "GET", headers: {}, connections: 50, durationS: 8, quiet: true });
    const c1 = await cpu(); const g1 = await gcpu(); const i1 = icpu();
    console.log(title, Math.round(r.rps), "rps p50", r.p50, "p99", r.p99, "non2xx", r.non2xx, "errors", r.errors, "cpu ms/req product", ((c1 - c0) / r.requests).toFixed(3), "gw", ((g1 - g0) / r.requests).toFixed(3), "inv", ((i1 - i0) / r.requests).toFixed(3));
  }
} finally {
  for (const p of [gw, product, inv, user]) await p.stop();
  await dropDatabases(prefix);
}
