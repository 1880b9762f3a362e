// Picks the registry adapter from the configuration: etcd when SHOP_ETCD_URL is set, else static;
// with etcd, its user and password and its TLS files (etcd.*) when given.
import { readFileSync } from "node:fs";
import type { Logger } from "../log.ts";
import type { PlatformConfig } from "../platform.ts";
import { readPem } from "../rpc/tls.ts";
import { createEtcdRegistry, type EtcdRegistryOptions } from "./etcd.ts";
import type { Registry } from "./registry.ts";
import { createStaticRegistry } from "./static.ts";

function etcdAuth(e: PlatformConfig["etcd"]): EtcdRegistryOptions["auth"] {
  const password = e.passwordFile ? readFileSync(e.passwordFile, "utf8").trim() : e.password;
  if (!e.username && !password) return undefined;
  if (!e.username || !password) throw new Error("etcd: set username and password (or passwordFile) together");
  return { username: e.username, password };
}

function etcdCredentials(e: PlatformConfig["etcd"]): EtcdRegistryOptions["credentials"] {
  if (!e.caFile) {
    if (e.certFile || e.keyFile) throw new Error("etcd: a client certificate needs caFile too");
    return undefined;
  }
  if (!e.certFile !== !e.keyFile) throw new Error("etcd: set certFile and keyFile together");
  return {
    rootCertificate: readPem("etcd.caFile", e.caFile),
    ...(e.certFile ? { certChain: readPem("etcd.certFile", e.certFile), privateKey: readPem("etcd.keyFile", e.keyFile) } : {}),
  };
}

export function createRegistry(config: PlatformConfig, logger: Logger): Registry {
  const endpoints = config.etcdUrl
    .split(",")
    .map((url) => url.trim())
    .filter(Boolean);
  if (endpoints.length === 0) return createStaticRegistry(config.services);
  const auth = etcdAuth(config.etcd);
  const credentials = etcdCredentials(config.etcd);
  logger.info({ endpoints, ttlSeconds: config.registryTtlSeconds, user: auth?.username, tls: !!credentials }, "registry: etcd");
  return createEtcdRegistry({ endpoints, ttlSeconds: config.registryTtlSeconds, logger, auth, credentials });
}
