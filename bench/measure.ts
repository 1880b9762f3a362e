// How a target is measured: BENCH_DURATION_S (default 10) and BENCH_CONNECTIONS (default 50) size
// the runs, each after an unmeasured warm-up of BENCH_WARMUP_S (default 3: the JIT and the pools).
import { runLoad, type LoadFigures, type LoadOptions } from "./load.ts";

export const durationS = Number(process.env.BENCH_DURATION_S ?? 10);
export const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const warmupS = Number(process.env.BENCH_WARMUP_S ?? 3);

export const say = (text: string) => void process.stderr.write(`${text}\n`);

export type Target = Omit<LoadOptions, "connections" | "durationS">;

/** An unmeasured run of `target` (the JIT, the pools, the caches), announced with the measured one. */
export async function warmUp(target: Target): Promise<void> {
  say(`${target.title}: ${warmupS} s warm-up, then ${durationS} s measured`);
  if (warmupS > 0) await runLoad({ ...target, connections, durationS: warmupS, quiet: true });
}

/** The measured run of `target`. */
export const measure = (target: Target): Promise<LoadFigures> => runLoad({ ...target, connections, durationS });
