// The bus the configuration asks for: RabbitMQ when SHOP_AMQP_URL is set, else the PostgreSQL
// queue tables in `<dbPrefix>bus` on the configured server (the embedded profile).
import type { Logger } from "../log.ts";
import type { PlatformConfig } from "../platform.ts";
import { createAmqpBus } from "./amqp.ts";
import type { Bus } from "./port.ts";
import { createPostgresBus } from "./postgres.ts";

export function busDatabase(config: PlatformConfig): string {
  return `${config.dbPrefix}bus`;
}

export function createBus(config: PlatformConfig, logger: Logger, name = "shop"): Promise<Bus> {
  if (config.amqpUrl) return createAmqpBus({ url: config.amqpUrl, logger, connectionName: name });
  return createPostgresBus({
    serverUrl: config.postgresUrl,
    database: busDatabase(config),
    logger,
    poolMax: Math.min(5, config.dbPoolMax),
    idleMs: config.dbIdleSeconds * 1000,
  });
}
