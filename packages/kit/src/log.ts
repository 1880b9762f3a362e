// JSON logs (pino) carrying the active trace and span ids.
import { trace } from "@opentelemetry/api";
import { pino, type Logger, type LevelWithSilent } from "pino";

export type { Logger };
export const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export function createLogger(service: string, level: LevelWithSilent = "info"): Logger {
  const options = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    mixin() {
      const span = trace.getActiveSpan()?.spanContext();
      return span ? { trace_id: span.traceId, span_id: span.spanId } : {};
    },
  };
  // Synchronous writes: with pino's default asynchronous stdout, a process whose stdout became a
  // broken pipe (its launcher was killed) hangs for ever in process.exit, where sonic-boom's
  // flushSync retries EPIPE in a loop; written synchronously, EPIPE just turns logging off.
  return pino(options, pino.destination({ fd: 1, sync: true }));
}
