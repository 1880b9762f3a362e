-- A claim of an Idempotency-Key is a lease: the instance running the call owns it until
-- lease_until, and a retry may take over a claim whose owner died without answering. Claims left
-- by an older version expire at once. request_hash is now a keyed HMAC (rpc/idempotency.ts):
-- fingerprints of the old kind are dropped with their rows rather than compared.
delete from kit_idempotency;
alter table kit_idempotency add column owner text not null default '';
alter table kit_idempotency add column lease_until timestamptz not null default now();
