// Picks the registry adapter from the configuration: etcd when SHOP_ETCD_URL is set, else static.
import type { Logger } from "../log.ts";
import type { PlatformConfig } from "../platform.ts";
import { createEtcdRegistry } from "./etcd.ts";
import type { Registry } from "./registry.ts";
import { createStaticRegistry } from "./static.ts";

export function createRegistry(config: PlatformConfig, logger: Logger): Registry {
  const endpoints = config.etcdUrl
    .split(",")
    .map((url) => url.trim())
    .filter(Boolean);
  if (endpoints.length === 0) return createStaticRegistry(config.services);
  logger.info({ endpoints, ttlSeconds: config.registryTtlSeconds }, "registry: etcd");
  return createEtcdRegistry({ endpoints, ttlSeconds: config.registryTtlSeconds, logger });
}
