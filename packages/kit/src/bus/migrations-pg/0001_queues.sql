-- The PostgreSQL event bus: one database shared by every service (<dbPrefix>bus).
-- A group is a consumer group; bindings tie it to topic patterns; publishing inserts one row per
-- bound group, so each group gets each event once and its instances share the rows.

create table if not exists bus_groups (
  name text primary key,
  -- Per-instance groups are kept alive by their process; once expired any bus removes them.
  expires_at timestamptz
);

create table if not exists bus_bindings (
  grp text not null references bus_groups (name) on delete cascade,
  pattern text not null,
  -- POSIX regex of the pattern, matched against '.' || topic (see topics.ts)
  regex text not null,
  primary key (grp, pattern)
);

create table if not exists bus_messages (
  seq bigint generated always as identity,
  grp text not null references bus_groups (name) on delete cascade,
  id text not null,
  topic text not null,
  type text not null,
  payload bytea not null,
  headers jsonb not null,
  occurred_at timestamptz not null,
  -- Deliveries so far; the next one is attempts + 1.
  attempts int not null default 0,
  -- Not before this time: a delay, a retry backoff, or the lease of the consumer holding it.
  available_at timestamptz not null default now(),
  -- Set when claimed: only the holder of the lease may acknowledge or fail the message.
  lease uuid,
  last_error text,
  primary key (grp, id)
);
create index if not exists bus_messages_due on bus_messages (grp, available_at, seq);

create table if not exists bus_dead_letters (
  grp text not null references bus_groups (name) on delete cascade,
  id text not null,
  topic text not null,
  type text not null,
  payload bytea not null,
  headers jsonb not null,
  occurred_at timestamptz not null,
  attempts int not null,
  error text not null,
  failed_at timestamptz not null default now(),
  primary key (grp, id)
);
create index if not exists bus_dead_letters_failed on bus_dead_letters (grp, failed_at, id);
