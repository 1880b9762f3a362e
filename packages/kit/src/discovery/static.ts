// The embedded profile's registry: one instance per service at the configured (default) ports.
import type { PlatformConfig, Deployable } from "../platform.ts";
import type { Instance, Registry } from "./registry.ts";

export function createStaticRegistry(services: PlatformConfig["services"]): Registry {
  return {
    register: () => Promise.resolve(),
    subscribe(service, onChange) {
      const endpoint = services[service as Deployable] as PlatformConfig["services"][Deployable] | undefined;
      const list: Instance[] = endpoint ? [{ id: `${service}-static`, service, ...endpoint }] : [];
      queueMicrotask(() => onChange(list));
      return () => undefined;
    },
    close: () => Promise.resolve(),
  };
}
