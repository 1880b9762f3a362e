// Idempotency-Key for mutating RPCs (house rule 4): the first call with a key runs and its
// response is stored; a retry with the same key and body gets that response again, a retry with
// another body is refused, and one that arrives while the first still runs is told to wait.
// Failed calls store nothing, so they may be retried with the same key. Keys are per user, and
// only signed-in (user/admin) RPCs take part: public ones such as Login and Refresh return
// credentials, which must not be stored nor handed out again to whoever repeats the request.
// It wraps the handlers (not an interceptor) so a replay goes out through the normal protocol path.
import { createHash } from "node:crypto";
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
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";
import { principalKey } from "./context.ts";

const keyPattern = /^[\w.:-]{1,128}$/;
const retentionHours = 24;

type UnaryImpl = (input: MessageShape<DescMessage>, ctx: HandlerContext) => Promise<MessageShape<DescMessage>> | MessageShape<DescMessage>;

function guard(db: Db, method: DescMethodUnary, impl: UnaryImpl): UnaryImpl {
  const pool = db.$client;
  const name = `${method.parent.typeName}/${method.name}`;
  let lastPurge = 0;
  return async (input, ctx) => {
    const key = ctx.requestHeader.get("idempotency-key");
    if (!key) return impl(input, ctx);
    if (!keyPattern.test(key)) throw new AppError("invalid_argument", "IDEMPOTENCY_KEY_INVALID", "Idempotency-Key must be 1-128 letters, digits or . _ : -");
    const scope = ctx.values.get(principalKey)?.userId;
    if (!scope) throw new Error(`${name}: idempotency needs a signed-in caller`);
    const hash = createHash("sha256").update(name).update(toBinary(method.input, input)).digest("hex");
    if (Date.now() - lastPurge > 3600_000) {
      lastPurge = Date.now();
      await pool.query(`delete from kit_idempotency where created_at < now() - interval '${retentionHours} hours'`);
    }
    const claimed = await pool.query("insert into kit_idempotency (scope, key, method, request_hash) values ($1, $2, $3, $4) on conflict do nothing", [
      scope,
      key,
      name,
      hash,
    ]);
    if (claimed.rowCount === 0) {
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
      if (row)
        throw new AppError("failed_precondition", "IDEMPOTENCY_KEY_IN_PROGRESS", "a request with this Idempotency-Key is still running; retry later", {
          retryAfterSeconds: 1,
        });
      return impl(input, ctx); // expired and purged between the two statements
    }
    try {
      // Handlers may return an init object; create() makes it a message of the output type.
      const output = create(method.output, await impl(input, ctx));
      await pool.query("update kit_idempotency set response = $3 where scope = $1 and key = $2", [scope, key, Buffer.from(toBinary(method.output, output))]);
      return output;
    } catch (err) {
      await pool.query("delete from kit_idempotency where scope = $1 and key = $2", [scope, key]);
      throw err;
    }
  };
}

const signedIn = new Set([options.Access.USER, options.Access.ADMIN]);
const mutating = (m: DescMethod): m is DescMethodUnary =>
  m.methodKind === "unary" && m.idempotency !== MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS && signedIn.has(getOption(m, options.access));

/** Wraps `routes` so every mutating unary handler honours Idempotency-Key. */
export function withIdempotency(db: Db, routes: (router: ConnectRouter) => void): (router: ConnectRouter) => void {
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
            return [local, method && mutating(method) ? guard(db, method, bound) : bound];
          }),
        );
        router.service(service, wrapped as never, options);
        return proxy;
      },
      rpc(method: DescMethod, impl: UnaryImpl, options?: object) {
        router.rpc(method, (mutating(method) ? guard(db, method, impl) : impl) as never, options);
        return proxy;
      },
    } as unknown as ConnectRouter;
    routes(proxy);
  };
}
