// What the launcher needs to know, read through the same config loader and schema as the services
// (defaults < shop.config.yaml < environment), so it checks the very ports they will bind.
import { z } from "zod";
import { services } from "@shop/contracts";
import { gatewayEnv, gatewaySchema } from "@shop/gateway/config";
import { configFilePath, loadConfig } from "@shop/kit/config";
import type { Deployable, PlatformConfig } from "@shop/kit/platform";

/**
 * Deployables in dependency order: each one calls only those before it (every service asks the
 * user service for the token keys; product asks inventory for availability). A new service goes
 * into this list where its dependencies are met.
 */
const dependencyOrder: Deployable[] = [
  "user",
  "inventory",
  "product",
  "cart",
  "coupon",
  "order",
  "payment",
  "seckill",
  "file",
  "review",
  "logistics",
  "notification",
];

const unordered = Object.keys(services).filter((name) => !dependencyOrder.includes(name as Deployable));
if (unordered.length) throw new Error(`launcher: place ${unordered.join(", ")} in dependencyOrder (packages/launcher/src/config.ts)`);

/** The services the launcher runs, in start order (stopped in reverse): every deployable of the contracts, then the gateway. */
export const launchedServices: Deployable[] = [...dependencyOrder.filter((name) => name in services), "gateway"];

export interface LaunchConfig {
  platform: PlatformConfig;
  /** The gateway's operations listener (metrics, traces, health details). */
  gatewayOps: { host: string; port: number };
  configFile: string | undefined;
  /** SHOP_POSTGRES_URL when set: that server is used and no embedded one is started. */
  postgresUrl: string | undefined;
  /** Port of the embedded PostgreSQL; not 5432, so it never clashes with an installed server. */
  embeddedPgPort: number;
}

const embeddedPgPort = z.coerce.number().int().min(1).max(65535).default(54329);

export function launchConfig(env: NodeJS.ProcessEnv = process.env): LaunchConfig {
  // The gateway's schema is the platform's plus its own keys, the operations listener among them.
  const config = loadConfig(gatewaySchema, gatewayEnv, env);
  config.close(); // read once; the services watch the file themselves
  const port = embeddedPgPort.safeParse(env.SHOP_EMBEDDED_PG_PORT || undefined);
  if (!port.success) throw new Error(`SHOP_EMBEDDED_PG_PORT: expected a port number, got ${JSON.stringify(env.SHOP_EMBEDDED_PG_PORT)}`);
  return {
    platform: config.value,
    gatewayOps: config.value.gateway.ops,
    configFile: configFilePath(env),
    postgresUrl: env.SHOP_POSTGRES_URL || undefined,
    embeddedPgPort: port.data,
  };
}
