// Idempotency-Key for mutating RPCs (house rule 4): the first call with a key runs and its
// response is stored; a retry with the same key and body gets that response again, a retry with
// another body is refused, and one that arrives while the first still runs is told to wait.
// Failed calls store nothing, so they may be retried with the same key.
import { createHash } from "node:crypto";
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import type { Interceptor } from "@connectrpc/connect";
import { AppError } from "../errors.ts";
import type { Db } from "../db.ts";
import { principalKey } from "./context.ts";

const keyPattern = /^[\w.:-]{1,128}$/;
const retentionHours = 24;

export function idempotency(db: Db): Interceptor {
  let lastPurge = 0;
  return (next) => async (req) => {
    const key = req.header.get("idempotency-key");
    if (!key || req.stream || req.method.idempotency === MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS) return next(req);
    if (!keyPattern.test(key)) throw new AppError("invalid_argument", "IDEMPOTENCY_KEY_INVALID", "Idempotency-Key must be 1-128 letters, digits or . _ : -");
    const scope = req.contextValues.get(principalKey)?.userId ?? "anonymous";
    const method = `${req.service.typeName}/${req.method.name}`;
    const hash = createHash("sha256").update(method).update(toBinary(req.method.input, req.message)).digest("hex");
    const pool = db.$client;
    if (Date.now() - lastPurge > 3600_000) {
      lastPurge = Date.now();
      await pool.query(`delete from kit_idempotency where created_at < now() - interval '${retentionHours} hours'`);
    }
    const claimed = await pool.query(
      "insert into kit_idempotency (scope, key, method, request_hash) values ($1, $2, $3, $4) on conflict do nothing",
      [scope, key, method, hash],
    );
    if (claimed.rowCount === 0) {
      const { rows } = await pool.query<{ request_hash: string; response: Buffer | null }>(
        "select request_hash, response from kit_idempotency where scope = $1 and key = $2",
        [scope, key],
      );
      const row = rows[0];
      if (row && row.request_hash !== hash) throw new AppError("failed_precondition", "IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used for a different request");
      if (row && !row.response) throw new AppError("failed_precondition", "IDEMPOTENCY_KEY_IN_PROGRESS", "a request with this Idempotency-Key is still running; retry later", { retryAfterSeconds: 1 });
      if (row?.response) {
        // The protocol's own response headers are replaced by these: unary Connect, gRPC and
        // gRPC-Web all answer with the content type they were sent.
        const header = new Headers({ "content-type": req.header.get("content-type") ?? "application/proto", "idempotent-replayed": "true" });
        return { stream: false, service: req.service, method: req.method, header, trailer: new Headers(), message: fromBinary(req.method.output, row.response), contextValues: req.contextValues };
      }
    }
    try {
      const res = await next(req);
      if (!res.stream) await pool.query("update kit_idempotency set response = $3 where scope = $1 and key = $2", [scope, key, Buffer.from(toBinary(req.method.output, res.message))]);
      return res;
    } catch (err) {
      await pool.query("delete from kit_idempotency where scope = $1 and key = $2", [scope, key]);
      throw err;
    }
  };
}
