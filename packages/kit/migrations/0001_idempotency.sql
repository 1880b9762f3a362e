-- Responses of mutating calls made with an Idempotency-Key, so a retried request gets the first
-- answer instead of doing the work twice. Kept for 24 hours.
create table if not exists kit_idempotency (
  scope text not null,
  key text not null,
  method text not null,
  request_hash text not null,
  response bytea,
  created_at timestamptz not null default now(),
  primary key (scope, key)
);
create index if not exists kit_idempotency_created_at on kit_idempotency (created_at);
