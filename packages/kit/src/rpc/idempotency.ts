// Idempotency-Key for mutating RPCs (house rule 4): the first call with a key runs and its
// response is stored; a retry with the same key and body gets that response again, a retry with
// another body is refused, and one that arrives while the first still runs is told to wait.
// Keys are per user, and only signed-in (user/admin) RPCs take part: public ones such as Login and
// Refresh return credentials, which must not be stored nor handed out again to whoever repeats the
// request. It wraps the handlers (not an interceptor) so a replay goes out through the normal
// protocol path.
// Exactly once: the key is claimed in a statement of its own (so a duplicate sees it at once), the
// handler's work joins one transaction (transaction.ts) and the response is stored in that same
// transaction, so the work and its answer commit together or not at all. A claim is a lease: if
// the instance dies mid-call, a retry after `idempotencyLeaseMs` takes the key over; an owner whose
// lease was taken over cannot store its answer, and its work rolls back.
// The request is kept only as a fingerprint: an HMAC under the service's secret (ChangePassword's
// request holds two passwords; an unkeyed hash would be a dictionary attack away from them).
import { createHmac, randomUUID } from "node:crypto";
import {
  create,
  fromBinary,
  getOption,
  toBinary,
  type DescMessage,
  type DescMethod,
  type DescMethodUnary,
  type DescService,
  type MessageShape,
} from "@bufbuild/protobuf";
import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import type { ConnectRouter, HandlerContext } from "@connectrpc/connect";
import { options } from "@shop/contracts";
import { sql } from "drizzle-orm";
import type { Db, Executor } from "../db.ts";
import { AppError } from "../errors.ts";
import { inCallTransaction } from "../transaction.ts";
import { principalKey } from "./context.ts";

const keyPattern = /^[\w.:-]{1,128}$/;
const retentionHours = 24;
/** How long a claim stays "in progress" without an answer before a retry may take the key over. */
export const idempotencyLeaseMs = 30_000;

type UnaryImpl = (input: MessageShape<DescMessage>, ctx: HandlerContext) => Promise<MessageShape<DescMessage>> | MessageShape<DescMessage>;

export interface IdempotencyStore {
  db: Db;
  /** The HMAC key of request fingerprints: the same on every instance of the service. */
  secret: Uint8Array;
}

const inProgress = () =>
  new AppError("failed_precondition", "IDEMPOTENCY_KEY_IN_PROGRESS", "a request with this Idempotency-Key is still running; retry later", {
    retryAfterSeconds: 1,
  });

function guard(store: IdempotencyStore, method: DescMethodUnary, impl: UnaryImpl): UnaryImpl {
  const { db, secret } = store;
  const pool = db.$client;
  const name = `${method.parent.typeName}/${method.name}`;
  let lastPurge = 0;
  // Ours when the key is new or its last claim's lease ran out without an answer.
  const claim = async (scope: string, key: string, hash: string, owner: string) =>
    (
      await pool.query(
        `insert into kit_idempotency as k (scope, key, method, request_hash, owner, lease_until)
         values ($1, $2, $3, $4, $5, now() + $6 * interval '1 millisecond')
         on conflict (scope, key) do update
           set method = excluded.method, request_hash = excluded.request_hash, owner = excluded.owner,
               lease_until = excluded.lease_until, created_at = now()
           where k.response is null and k.lease_until < now()`,
        [scope, key, name, hash, owner, idempotencyLeaseMs],
      )
    ).rowCount === 1;
  return async (input, ctx) => {
    const key = ctx.requestHeader.get("idempotency-key");
    if (!key) return impl(input, ctx);
    if (!keyPattern.test(key)) throw new AppError("invalid_argument", "IDEMPOTENCY_KEY_INVALID", "Idempotency-Key must be 1-128 letters, digits or . _ : -");
    const scope = ctx.values.get(principalKey)?.userId;
    if (!scope) throw new Error(`${name}: idempotency needs a signed-in caller`);
    const hash = createHmac("sha256", secret).update(name).update("\0").update(toBinary(method.input, input)).digest("hex");
    if (Date.now() - lastPurge > 3600_000) {
      lastPurge = Date.now();
      await pool.query(`delete from kit_idempotency where created_at < now() - interval '${retentionHours} hours' and lease_until < now()`);
    }
    const owner = randomUUID();
    // Twice at most: the row we met may be deleted meanwhile by its owner's failure.
    for (let attempt = 0; !(await claim(scope, key, hash, owner)); attempt++) {
      const { rows } = await pool.query<{ request_hash: string; response: Buffer | null }>(
        "select request_hash, response from kit_idempotency where scope = $1 and key = $2",
        [scope, key],
      );
      const row = rows[0];
      if (row && row.request_hash !== hash)
        throw new AppError("failed_precondition", "IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used for a different request");
      if (row?.response) {
        ctx.responseHeader.set("idempotent-replayed", "true");
        return fromBinary(method.output, row.response);
      }
      if (row || attempt > 0) throw inProgress();
    }
    const storeResponse = async (ex: Executor, output: MessageShape<DescMessage>) => {
      const response = Buffer.from(toBinary(method.output, output));
      const stored = await ex.execute(
        sql`update kit_idempotency set response = ${response} where scope = ${scope} and key = ${key} and owner = ${owner} and response is null`,
      );
      if (stored.rowCount !== 1) throw inProgress(); // our lease ran out and a retry took over: this run must not count
    };
    try {
      // Handlers may return an init object; create() makes it a message of the output type.
      return await inCallTransaction(db, async () => create(method.output, await impl(input, ctx)), storeResponse);
    } catch (err) {
      // The call's transaction rolled back: free the key for a retry. If this fails too, the lease frees it.
      await pool.query("delete from kit_idempotency where scope = $1 and key = $2 and owner = $3", [scope, key, owner]).catch(() => undefined);
      throw err;
    }
  };
}

const signedIn = new Set([options.Access.USER, options.Access.ADMIN]);
const mutating = (m: DescMethod): m is DescMethodUnary =>
  m.methodKind === "unary" && m.idempotency !== MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS && signedIn.has(getOption(m, options.access));

/** Wraps `routes` so every mutating unary handler honours Idempotency-Key. */
export function withIdempotency(store: IdempotencyStore, routes: (router: ConnectRouter) => void): (router: ConnectRouter) => void {
  return (router) => {
    const proxy = {
      get handlers() {
        return router.handlers;
      },
      service(service: DescService, impl: Record<string, UnaryImpl>, options?: object) {
        const wrapped = Object.fromEntries(
          Object.entries(impl).map(([local, fn]) => {
            const method = service.method[local];
            const bound = fn.bind(impl); // handlers may be methods of an object
            return [local, method && mutating(method) ? guard(store, method, bound) : bound];
          }),
        );
        router.service(service, wrapped as never, options);
        return proxy;
      },
      rpc(method: DescMethod, impl: UnaryImpl, options?: object) {
        router.rpc(method, (mutating(method) ? guard(store, method, impl) : impl) as never, options);
        return proxy;
      },
    } as unknown as ConnectRouter;
    routes(proxy);
  };
}
