// Picks the registry adapter from the configuration: etcd when SHOP_ETCD_URL is set, else static.
import type { Logger } from "../log.ts";
import type { PlatformConfig } from "../platform.ts";
import type { Registry } from "./registry.ts";
import { createStaticRegistry } from "./static.ts";

export function createRegistry(config: PlatformConfig, _logger: Logger): Registry {
  // TODO(discovery): etcd adapter
  return createStaticRegistry(config.services);
}
