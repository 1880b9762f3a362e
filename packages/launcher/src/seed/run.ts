// The demo catalog on the first start (and on `shop seed`): seeded once per data folder, resumed
// if an earlier run was interrupted, and never poured into a catalog that already has products of
// someone else's (a PostgreSQL of your own behind SHOP_POSTGRES_URL, say).
import { asAdmin, seedClients } from "./clients.ts";
import { applyCatalog } from "./apply.ts";
import { demoCatalog } from "./catalog.ts";
import { ensureSeedAdmin } from "./admin.ts";
import { readSeedState, seedStateFile, writeSeedState } from "./marker.ts";
import type { Output } from "../output.ts";
import type { Urls } from "../urls.ts";

export interface SeedTarget {
  repoRoot: string;
  dataDir: string;
  urls: Urls;
  /** The environment the services run with: it reaches their PostgreSQL. */
  env: NodeJS.ProcessEnv;
  out: Output;
  signal: AbortSignal;
}

/** What happened, for the ready banner. */
export async function seedIfNeeded(t: SeedTarget): Promise<string> {
  if (!t.urls.services.product || !t.urls.services.inventory) return "no demo catalog (the product and inventory services are not part of this system)";
  const previous = readSeedState(t.dataDir);
  if (previous?.state === "done") return `demo catalog: ${previous.outcome} (${previous.at}; recorded in ${seedStateFile(t.dataDir)})`;
  const started = Date.now();
  const clients = seedClients(t.urls);
  const admin = await ensureSeedAdmin(t.repoRoot, t.dataDir, t.env, t.out);
  const { accessToken } = await clients.auth.login({ login: admin.username, password: admin.password }, { signal: t.signal });
  if (!previous) {
    const { products } = await clients.admin.adminListProducts({ pageSize: 1 }, asAdmin(accessToken, t.signal));
    if (products.length) {
      const outcome = "not seeded: the catalog already had products";
      writeSeedState(t.dataDir, { state: "done", at: new Date().toISOString(), outcome });
      return outcome;
    }
    writeSeedState(t.dataDir, { state: "started", at: new Date().toISOString() });
  }
  const catalog = demoCatalog();
  t.out.log("info", `seeding the demo catalog: ${catalog.products.length} products in ${catalog.categories.length} categories, through the admin APIs`);
  let lastLogged = 0;
  const applied = await applyCatalog(
    clients,
    accessToken,
    catalog,
    (done, total) => {
      // A terminal line redraws itself; a log stream gets a line per tenth.
      if (!t.out.pretty && done !== total && done - lastLogged < total / 10) return;
      lastLogged = done;
      t.out.progress(`seeding the demo catalog: ${done}/${total} products (${((Date.now() - started) / 1000).toFixed(1)} s)`, done === total);
    },
    t.signal,
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const skus = catalog.products.reduce((n, p) => n + p.skus.length, 0);
  const outcome = `${catalog.products.length} products, ${skus} SKUs with stock, ${catalog.categories.length} categories (seeded in ${seconds} s)`;
  writeSeedState(t.dataDir, { state: "done", at: new Date().toISOString(), outcome });
  t.out.log("info", "demo catalog seeded", { ...applied, seconds: Number(seconds) });
  return outcome;
}
