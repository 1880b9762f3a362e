// Readiness: named async checks (a database ping, say). A service is ready when every check
// passes and it is not shutting down.
export type Check = () => Promise<void>;

export interface Health {
  addCheck(name: string, check: Check): void;
  setDraining(): void;
  /** Runs `listener` once when the service starts draining (gRPC health watchers learn it at once). */
  onDraining(listener: () => void): void;
  report(): Promise<{ ready: boolean; checks: Record<string, string> }>;
}

export function createHealth(timeoutMs = 2000): Health {
  const checks = new Map<string, Check>();
  let draining = false;
  const drainListeners: (() => void)[] = [];
  return {
    addCheck: (name, check) => void checks.set(name, check),
    setDraining() {
      if (draining) return;
      draining = true;
      for (const listener of drainListeners) listener();
    },
    onDraining: (listener) => void drainListeners.push(listener),
    async report() {
      const results: Record<string, string> = {};
      let ready = !draining;
      if (draining) results.shutdown = "draining";
      await Promise.all(
        [...checks].map(async ([name, check]) => {
          try {
            await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), timeoutMs).unref())]);
            results[name] = "ok";
          } catch (err) {
            ready = false;
            results[name] = (err as Error).message;
          }
        }),
      );
      return { ready, checks: results };
    },
  };
}
