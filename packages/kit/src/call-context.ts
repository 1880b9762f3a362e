// Values that follow one call through all its async work (its abort signal, its transaction). They
// ride on OpenTelemetry's context, whose AsyncLocalStorage every process has anyway: on Node 20
// each further AsyncLocalStorage instance adds work to every promise the process creates, which a
// benchmark of GetMe showed as 15% more CPU per call.
import { context, createContextKey, ROOT_CONTEXT } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";

export interface CallValue<T> {
  /** The value of the call this code runs in, if any. */
  get(): T | undefined;
  /** Runs `fn` (and everything it starts) with `value` as the call's value. */
  run<R>(value: T, fn: () => R): R;
}

let managerChecked = false;
/** Telemetry registers the context manager at start; a process or test without it gets one here. */
function ensureContextManager(): void {
  if (managerChecked) return;
  managerChecked = true;
  const probe = createContextKey("shop.call-context.probe");
  if (context.with(ROOT_CONTEXT.setValue(probe, true), () => context.active().getValue(probe)) === true) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
}

export function callValue<T>(name: string): CallValue<T> {
  const key = createContextKey(`shop.${name}`);
  return {
    get: () => context.active().getValue(key) as T | undefined,
    run(value, fn) {
      ensureContextManager();
      return context.with(context.active().setValue(key, value), fn);
    },
  };
}
