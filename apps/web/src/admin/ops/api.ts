// The operations console's data: the gateway's own admin routes (not RPCs, so not in the proto
// client), read through the client's gatewayJson with the answers' types from the gateway itself
// (@shop/gateway/console-answers): a change there is a type error here.
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { BusView, DeadLettersAnswer, ReplayAnswer, RoutesAnswer, ServicesAnswer, TraceDetail, TracesAnswer } from "@shop/gateway/console-answers";
import { gatewayJson } from "../../api/client.ts";

const opsKey = "ops";
/** How often the live pages read again. */
export const refreshMs = 5000;

function opsQuery<T>(path: string, refetchInterval: number | false = refreshMs) {
  return queryOptions({
    queryKey: [opsKey, path] as const,
    queryFn: ({ signal }) => gatewayJson<T>("GET", path, undefined, { signal }),
    refetchInterval,
  });
}

export const servicesQuery = () => opsQuery<ServicesAnswer>("/api/v1/admin/ops/services");
export const tracesQuery = () => opsQuery<TracesAnswer>("/api/v1/admin/ops/traces?limit=200");
// A finished trace does not change; spans still in the services' export batches show on a refresh.
export const traceQuery = (traceId: string) => opsQuery<TraceDetail>(`/api/v1/admin/ops/traces/${encodeURIComponent(traceId)}`, false);
export const routesQuery = () => opsQuery<RoutesAnswer>("/api/v1/admin/ops/routes");
export const busQuery = () => opsQuery<BusView>("/api/v1/admin/ops/bus");
export const deadLettersQuery = (group: string) =>
  opsQuery<DeadLettersAnswer>(`/api/v1/admin/dead-letters?group=${encodeURIComponent(group)}&limit=500`, false);

export type ReplayRequest = { group: string; ids: string[] } | { group: string; all: true };

/** Replays dead letters; every ops page reads again afterwards (the counts changed). */
export function useReplay() {
  const client = useQueryClient();
  return useMutation<ReplayAnswer, Error, ReplayRequest>({
    mutationFn: (body) => gatewayJson<ReplayAnswer>("POST", "/api/v1/admin/dead-letters/replay", body, { idempotencyKey: crypto.randomUUID() }),
    onSuccess: () => client.invalidateQueries({ queryKey: [opsKey] }),
  });
}
