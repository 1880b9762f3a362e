// One call, one transaction. Use cases open theirs with `transaction(db, work)`; inside a call the
// idempotency guard runs (rpc/idempotency.ts), that joins the call's transaction as a savepoint,
// so the guard stores the response with the work and both commit, or neither. The call's
// transaction opens at its first `transaction()`, not when the call starts: reads and slow CPU
// work before it (an argon2 hash) hold no connection.
import { callValue } from "./call-context.ts";
import type { Db, Executor, Tx } from "./db.ts";

interface CallUnit {
  db: Db;
  tx?: Promise<Tx>;
  decide?: (commit: boolean) => void;
  done?: Promise<void>;
  /** Savepoints run one after the other: they share one connection. */
  last: Promise<unknown>;
  closed: boolean;
  afterCommit: (() => Promise<void> | void)[];
}

const ambient = callValue<CallUnit>("call-transaction");

const current = (db: Db): CallUnit | undefined => {
  const unit = ambient.get();
  return unit && unit.db === db && !unit.closed ? unit : undefined;
};

function open(unit: CallUnit): Promise<Tx> {
  unit.tx ??= new Promise<Tx>((resolve, reject) => {
    const decision = new Promise<boolean>((r) => (unit.decide = r));
    unit.done = unit.db.transaction(async (tx) => {
      resolve(tx);
      if (!(await decision)) tx.rollback();
    });
    unit.done.catch(reject); // BEGIN failed: the work gets the error
  });
  return unit.tx;
}

/** Runs `work` in a transaction of its own, or as a savepoint of the call's transaction when there is one. */
export async function transaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const unit = current(db);
  if (!unit) return db.transaction(work);
  const tx = await open(unit);
  const run = unit.last.then(() => tx.transaction(work));
  unit.last = run.catch(() => undefined);
  return run;
}

/** Runs `fn` once the call's transaction committed (at once when there is none): e.g. dropping a cached copy. */
export async function afterCommit(db: Db, fn: () => Promise<void> | void): Promise<void> {
  const unit = current(db);
  if (unit) unit.afterCommit.push(fn);
  else await fn();
}

/**
 * Runs `body` as one call: every `transaction(db, ...)` in it joins one transaction, opened at the
 * first. `beforeCommit` gets the result and that transaction (the pool when `body` opened none)
 * and writes with them; an error from either rolls everything back and is rethrown.
 */
export async function inCallTransaction<T>(db: Db, body: () => Promise<T>, beforeCommit: (ex: Executor, result: T) => Promise<void>): Promise<T> {
  const unit: CallUnit = { db, last: Promise.resolve(), closed: false, afterCommit: [] };
  let result: T;
  try {
    result = await ambient.run(unit, body);
    await unit.last;
    await beforeCommit(unit.tx ? await unit.tx : db, result);
  } catch (err) {
    unit.closed = true;
    if (unit.tx) {
      unit.decide!(false);
      await unit.done!.catch(() => undefined);
    }
    throw err;
  }
  unit.closed = true;
  if (unit.tx) {
    unit.decide!(true);
    await unit.done;
  }
  for (const fn of unit.afterCommit) await fn();
  return result;
}
