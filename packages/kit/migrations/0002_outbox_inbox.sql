-- Transactional outbox: a service writes its events here in the transaction of the change they
-- describe; the relay publishes them in order and marks them sent (pruned after a while).
create table if not exists kit_outbox (
  seq bigint generated always as identity primary key,
  id text not null unique,
  topic text not null,
  type text not null,
  payload bytea not null,
  headers jsonb not null default '{}',
  -- Counted from created_at: a relay that publishes late delays only by what is left.
  delay_seconds double precision not null default 0,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index if not exists kit_outbox_unsent on kit_outbox (seq) where sent_at is null;
create index if not exists kit_outbox_sent on kit_outbox (sent_at) where sent_at is not null;

-- Wakes the relay when the inserting transaction commits (once per transaction and payload).
create or replace function kit_outbox_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('kit_outbox', '');
  return null;
end $$;
create or replace trigger kit_outbox_notify after insert on kit_outbox for each statement execute function kit_outbox_notify();

-- Inbox: messages a consumer group has handled, written in the handler's transaction, so a
-- redelivered message is acknowledged without being applied twice. Pruned after a while.
create table if not exists kit_inbox (
  grp text not null,
  message_id text not null,
  handled_at timestamptz not null default now(),
  primary key (grp, message_id)
);
create index if not exists kit_inbox_handled_at on kit_inbox (handled_at);
