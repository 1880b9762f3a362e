// The environment a benchmark runs the system with: a data folder of its own, every listener on a
// free port, quiet logs, no rate limit nor registration throttle (all load comes from one IP; 429s would measure the limiter),
// and with SHOP_POSTGRES_URL set, databases of its own on that server.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchedServices } from "@shop/launcher/config";
import { freePort } from "@shop/launcher/ports";

export interface BenchSystem {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  /** Set when the databases are on SHOP_POSTGRES_URL: drop them afterwards. */
  dbPrefix: string | undefined;
}

export async function benchSystem(): Promise<BenchSystem> {
  const dataDir = mkdtempSync(join(tmpdir(), "shop-bench-"));
  chmodSync(dataDir, 0o755); // open to the postgres user (as root), so the cluster stays inside and goes with the folder
  const dbPrefix = process.env.SHOP_POSTGRES_URL ? `bench${randomBytes(3).toString("hex")}_` : undefined;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SHOP_DATA_DIR: dataDir,
    SHOP_LOG_LEVEL: process.env.SHOP_LOG_LEVEL ?? "warn",
    SHOP_GATEWAY_RATE_LIMIT_PER_MINUTE: process.env.SHOP_GATEWAY_RATE_LIMIT_PER_MINUTE ?? "1000000000",
    SHOP_GATEWAY_RATE_LIMIT_PER_USER_PER_MINUTE: process.env.SHOP_GATEWAY_RATE_LIMIT_PER_USER_PER_MINUTE ?? "1000000000",
    // The benchmarks' shoppers all register from this one address.
    SHOP_REGISTER_MAX_PER_IP: process.env.SHOP_REGISTER_MAX_PER_IP ?? "1000000",
    ...(dbPrefix ? { SHOP_DB_PREFIX: dbPrefix } : { SHOP_EMBEDDED_PG_PORT: String(await freePort()) }),
  };
  for (const name of launchedServices) {
    env[`SHOP_${name.toUpperCase()}_HTTP_PORT`] = String(await freePort());
    if (name !== "gateway") env[`SHOP_${name.toUpperCase()}_GRPC_PORT`] = String(await freePort());
  }
  env.SHOP_GATEWAY_OPS_PORT = String(await freePort());
  return { env, dataDir, dbPrefix };
}
