// The answers of the console's API as types, for the admin console's pages (type-only: importing
// this file brings no gateway code into the web bundle).
export type { InstanceView, ServiceView } from "./services.ts";
export type { TraceRow, TraceSpan, TraceDetail, TraceStore } from "./traces.ts";
export type { RouteFigures } from "./route-stats.ts";
export type { BusView, GroupView, OutboxView } from "./bus.ts";
export type { DeadLetterView } from "./dead-letters.ts";

import type { ServiceView } from "./services.ts";
import type { TraceRow, TraceStore } from "./traces.ts";
import type { RouteFigures } from "./route-stats.ts";
import type { DeadLetterView } from "./dead-letters.ts";

export interface ServicesAnswer {
  services: ServiceView[];
  checkedAt: string;
}
export interface TracesAnswer {
  store: TraceStore;
  traces: TraceRow[];
}
export interface RoutesAnswer {
  windowSeconds: number;
  routes: RouteFigures[];
}
export interface DeadLettersAnswer {
  group: string;
  deadLetters: DeadLetterView[];
}
export interface ReplayAnswer {
  group: string;
  replayed: number;
}
