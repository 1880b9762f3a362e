// Ctrl-C, SIGTERM and SIGHUP for a command that owns processes (`shop start`, `shop cluster`): the
// first asks for an orderly stop, a second one (more than a second later) forces everything.
import type { Output } from "./output.ts";

export interface StopHandlers {
  /** The orderly stop: called once, on the first signal. */
  stop(): void;
  /** The forced stop, on a later signal; the process then exits 130. */
  force(): Promise<void>;
}

export function onStopSignals(out: Output, handlers: StopHandlers): void {
  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!firstSignalAt) {
      firstSignalAt = Date.now();
      out.log("info", `${signal}: stopping everything (press Ctrl-C again to force)`);
      handlers.stop();
    } else if (Date.now() - firstSignalAt > 1000) {
      out.log("warn", `${signal} again: forcing everything to stop now`);
      void handlers.force().then(() => process.exit(130));
    }
    // Within a second it is the same Ctrl-C delivered twice: by the terminal to the whole
    // foreground group and once more by a runner in that group that forwards signals (npm).
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
}
