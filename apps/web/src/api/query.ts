// TanStack Query over the typed client: a query's key is its RPC and input, so invalidating a
// service's key prefix refreshes every page that shows its data.
import { getOption, type DescMethod } from "@bufbuild/protobuf";
import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import { Access, access } from "@shop/contracts/shop/options/v1/access_pb.ts";
import { queryOptions, useMutation, useQueryClient, type UseMutationOptions } from "@tanstack/react-query";
import { rpc, type Input, type Method, type Output } from "./client.ts";

/** How long after a write a public read may still show the old answer: the gateway's microcache TTL (default 500 ms) is kept within the catalog's one second. */
const publicReadLagMs = 1000;

export const serviceKey = (method: Method) => [method.parent.typeName] as const;

/** The reads the gateway's microcache keeps: the test of its `cacheable` (public, no side effects). */
const microcached = (m: DescMethod) => getOption(m, access) === Access.PUBLIC && m.idempotency === MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS;

/**
 * Query options for one RPC: `useQuery(rpcQuery(CatalogService.method.getProduct, { productId }))`.
 * `{ fresh: true }` revalidates a public read with the server each time (see CallOptions.fresh); the
 * key is the same, so invalidation works alike.
 */
export function rpcQuery<M extends Method>(method: M, input: Input<M>, opts: { fresh?: boolean } = {}) {
  return queryOptions({
    queryKey: [method.parent.typeName, method.name, input] as const,
    queryFn: ({ signal }) => rpc(method, input, { signal, ...opts }),
  });
}

export interface RpcMutationOptions<M extends Method> extends Omit<UseMutationOptions<Output<M>, Error, Input<M>>, "mutationFn"> {
  /** Services whose queries go stale on success (the RPC's own service always does). */
  invalidates?: Method[];
  /** A fresh Idempotency-Key per mutate call (writes that must not happen twice on a retry). */
  idempotent?: boolean;
}

export function useRpcMutation<M extends Method>(method: M, opts: RpcMutationOptions<M> = {}) {
  const client = useQueryClient();
  const { invalidates = [], idempotent, onSuccess, ...rest } = opts;
  return useMutation<Output<M>, Error, Input<M>>({
    ...rest,
    mutationFn: (input) => rpc(method, input, idempotent ? { idempotencyKey: crypto.randomUUID() } : {}),
    onSuccess: async (...args) => {
      const services = [method, ...invalidates];
      await Promise.all(services.map((m) => client.invalidateQueries({ queryKey: serviceKey(m) })));
      // Public reads may be answered from the gateway's microcache for a moment after the write, so
      // the first refetch can still see the old answer: those (only) are refetched once more when
      // that window is over.
      const cached = new Set(services.flatMap((m) => m.parent.methods.filter(microcached).map((r) => `${r.parent.typeName}/${r.name}`)));
      if (cached.size)
        setTimeout(() => void client.invalidateQueries({ predicate: (q) => cached.has(`${String(q.queryKey[0])}/${String(q.queryKey[1])}`) }), publicReadLagMs);
      await onSuccess?.(...args);
    },
  });
}

/** Query keys hold protobuf inputs, which may carry bigint (int64): hashed as strings. */
export const hashKey = (key: unknown): string => JSON.stringify(key, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
