-- Wallet balances as a double-entry ledger. Accounts: one wallet per (shopper, currency) and the
-- system accounts money comes from and goes to (provider clearing for top-ups, sales for payments,
-- refunds for refunds), one per currency. A movement is a journal entry whose postings sum to zero
-- (checked at commit by a deferred constraint trigger); the ledger is append-only. A wallet's
-- balance is the sum of its postings; balance_minor keeps it, updated by the posting trigger in
-- the same transaction, and may never be negative.

-- Top-ups of a wallet through a provider's hosted page: credited when the provider says paid.
create table top_ups (
  id uuid primary key,
  user_id uuid not null,
  provider text not null,
  status text not null,
  amount_minor bigint not null,
  currency text not null,
  checkout_url text not null default '',
  provider_reference text not null default '',
  failure_reason text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint top_ups_status_known check (status in ('PENDING', 'SUCCEEDED', 'FAILED')),
  constraint top_ups_amount_positive check (amount_minor > 0),
  constraint top_ups_currency_code check (currency ~ '^[A-Z]{3}$')
);
create index top_ups_user on top_ups (user_id, id);

create table ledger_accounts (
  id uuid primary key,
  kind text not null,
  -- The shopper of a wallet; null for system accounts.
  user_id uuid,
  currency text not null,
  balance_minor bigint not null default 0,
  created_at timestamptz not null default now(),
  constraint ledger_accounts_kind_known check (kind in ('wallet', 'provider_clearing', 'sales', 'refunds')),
  constraint ledger_accounts_wallet_owned check ((kind = 'wallet') = (user_id is not null)),
  constraint ledger_accounts_currency_code check (currency ~ '^[A-Z]{3}$'),
  constraint ledger_accounts_wallet_not_negative check (kind <> 'wallet' or balance_minor >= 0),
  constraint ledger_accounts_one unique nulls not distinct (kind, user_id, currency)
);

-- At most one entry per (kind, reference): a replayed top-up, payment or refund posts once.
create table ledger_entries (
  id uuid primary key,
  kind text not null,
  -- The top-up's, payment's or refund's id.
  reference uuid not null,
  order_id uuid,
  currency text not null,
  created_at timestamptz not null default now(),
  constraint ledger_entries_kind_known check (kind in ('top_up', 'payment', 'refund')),
  constraint ledger_entries_once unique (kind, reference)
);

create table ledger_postings (
  -- The order postings were made in: under a wallet's row lock, so also its balances' order.
  seq bigint generated always as identity primary key,
  id uuid not null unique,
  entry_id uuid not null references ledger_entries (id),
  account_id uuid not null references ledger_accounts (id),
  amount_minor bigint not null,
  -- Wallet postings: the wallet's balance right after this posting (set by the trigger below).
  balance_after_minor bigint,
  created_at timestamptz not null default now(),
  constraint ledger_postings_amount_nonzero check (amount_minor <> 0)
);
create index ledger_postings_account on ledger_postings (account_id, seq);
create index ledger_postings_entry on ledger_postings (entry_id);

-- A posting moves its wallet's kept balance in the same statement; the CHECK refuses a negative one.
create function ledger_posting_apply() returns trigger language plpgsql as $$
begin
  if (select a.currency from ledger_accounts a where a.id = new.account_id)
     is distinct from (select e.currency from ledger_entries e where e.id = new.entry_id) then
    raise exception 'posting % is not in its entry''s currency', new.id using errcode = '23514';
  end if;
  update ledger_accounts set balance_minor = balance_minor + new.amount_minor
    where id = new.account_id and kind = 'wallet'
    returning balance_minor into new.balance_after_minor;
  return new;
end $$;
create trigger ledger_postings_apply before insert on ledger_postings for each row execute function ledger_posting_apply();

-- Every entry has postings and they sum to zero, checked at commit when all of them are in.
create function ledger_entry_balanced() returns trigger language plpgsql as $$
declare
  -- The column naming the entry: "id" on ledger_entries, "entry_id" on ledger_postings.
  entry uuid := (to_jsonb(new) ->> tg_argv[0])::uuid;
  total numeric;
  legs int;
begin
  select coalesce(sum(amount_minor), 0), count(*) into total, legs from ledger_postings where entry_id = entry;
  if legs < 2 or total <> 0 then
    raise exception 'ledger entry % is unbalanced (% postings summing to %)', entry, legs, total using errcode = '23514';
  end if;
  return null;
end $$;
create constraint trigger ledger_postings_balanced after insert on ledger_postings
  deferrable initially deferred for each row execute function ledger_entry_balanced('entry_id');
create constraint trigger ledger_entries_balanced after insert on ledger_entries
  deferrable initially deferred for each row execute function ledger_entry_balanced('id');

create function ledger_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the ledger is append-only (% on %)', tg_op, tg_table_name using errcode = '42501';
end $$;
create trigger ledger_entries_append_only before update or delete on ledger_entries for each row execute function ledger_append_only();
create trigger ledger_postings_append_only before update or delete on ledger_postings for each row execute function ledger_append_only();

-- An order is paid from the wallet at most once: a second call finds that payment.
create unique index payments_one_wallet_payment_per_order on payments (order_id) where provider = 'wallet';
