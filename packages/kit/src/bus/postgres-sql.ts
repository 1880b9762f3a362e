// The statements of the PostgreSQL bus. Times are always the database's now(), so instances with
// skewed clocks agree on when a message is due.

export const notifyChannel = "shop_bus";

/** A message's row as the consumer and the dead-letter listing read it. */
export interface MessageRow {
  id: string;
  topic: string;
  type: string;
  payload: Buffer;
  headers: Record<string, string>;
  occurred_at: Date;
  attempts: number;
}

/** Fan-out: one row per group bound to the topic; wakes the groups' consumers when due now. */
export const publishSql = `
  with ins as (
    insert into bus_messages (grp, id, topic, type, payload, headers, occurred_at, available_at)
    select distinct b.grp, $1, $2, $3, $4::bytea, $5::jsonb, $6::timestamptz, now() + make_interval(secs => $7)
    from bus_bindings b where ('.' || $2) ~ b.regex
    on conflict (grp, id) do nothing
    returning grp, available_at
  )
  select pg_notify('${notifyChannel}', grp) from ins where available_at <= now()`;

/**
 * Takes up to $2 due messages of group $1 and hides them for the lease ($3 ms). Instances of a
 * group share the work: rows another instance is taking are skipped, not waited for.
 */
export const claimSql = `
  update bus_messages m
  set attempts = m.attempts + 1, available_at = now() + make_interval(secs => $3::float8 / 1000), lease = gen_random_uuid()
  from (
    select grp, id from bus_messages where grp = $1 and available_at <= now()
    order by available_at, seq limit $2 for update skip locked
  ) due
  where m.grp = due.grp and m.id = due.id
  returning m.id, m.topic, m.type, m.payload, m.headers, m.occurred_at, m.attempts, m.lease, m.last_error, m.seq`;

/** Milliseconds until the group's next message is due (negative: due now), null when empty. */
export const nextDueSql = `select extract(epoch from min(available_at) - now()) * 1000 as ms from bus_messages where grp = $1`;

export const renewSql = `update bus_messages set available_at = now() + make_interval(secs => $3::float8 / 1000) where grp = $1 and lease = any($2::uuid[])`;

export const ackSql = `delete from bus_messages where grp = $1 and lease = $2`;

export const retrySql = `
  update bus_messages set available_at = now() + make_interval(secs => $3::float8 / 1000), last_error = $4, lease = null
  where grp = $1 and lease = $2`;

export const deadLetterSql = `
  with m as (delete from bus_messages where grp = $1 and lease = $2 returning *)
  insert into bus_dead_letters (grp, id, topic, type, payload, headers, occurred_at, attempts, error)
  select grp, id, topic, type, payload, headers, occurred_at, attempts, $3 from m
  on conflict (grp, id) do update set attempts = excluded.attempts, error = excluded.error, failed_at = now()`;

export const listDeadSql = `
  select id, topic, type, payload, headers, occurred_at, attempts, error, failed_at
  from bus_dead_letters where grp = $1 order by failed_at, id limit $2`;

/** Dead letters back on the group's queue with a fresh count of attempts. */
export const replaySql = `
  with d as (delete from bus_dead_letters where grp = $1 and id = any($2::text[]) returning *),
  ins as (
    insert into bus_messages (grp, id, topic, type, payload, headers, occurred_at)
    select grp, id, topic, type, payload, headers, occurred_at from d
    on conflict (grp, id) do nothing
    returning grp
  )
  select pg_notify('${notifyChannel}', grp) from ins`;
