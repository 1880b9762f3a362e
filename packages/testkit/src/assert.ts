// Assertions on RPC outcomes shared by the services' tests.
import assert from "node:assert/strict";
import { Code, ConnectError } from "@connectrpc/connect";
import { errorDetailOf } from "@shop/kit/errors";

/** Awaits a call that must fail with `code` and ErrorDetail `reason`; returns the error. */
export async function rejectsWith(call: Promise<unknown>, code: Code, reason?: string): Promise<ConnectError> {
  const err = await call.then(
    () => assert.fail(`expected ${Code[code]}${reason ? ` ${reason}` : ""}, but the call succeeded`),
    (e: unknown) => ConnectError.from(e),
  );
  assert.equal(Code[err.code], Code[code], `code (message: ${err.rawMessage})`);
  if (reason) assert.equal(errorDetailOf(err)?.reason, reason, "reason");
  return err;
}
