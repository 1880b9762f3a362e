-- Coupon templates, the coupons shoppers claimed from them, and the orders' locks on coupons.

-- A template: what it takes off, when it may be claimed, and how many. claimed_count only grows
-- by a conditional UPDATE (claimed_count < total_quantity, within the window, not ended); the CHECK
-- is the last word should any code path forget it.
create table coupon_templates (
  id uuid primary key,
  name text not null,
  description text not null,
  kind text not null,
  currency text not null,
  amount_off_minor bigint not null,
  percent_off integer not null,
  max_discount_minor bigint not null,
  min_spend_minor bigint not null,
  valid_from timestamptz not null,
  valid_until timestamptz not null,
  total_quantity integer not null,
  per_user_limit integer not null,
  scope text not null,
  category_ids uuid[] not null default '{}',
  product_ids uuid[] not null default '{}',
  claimed_count integer not null default 0,
  used_count integer not null default 0,
  ended_at timestamptz,
  created_at timestamptz not null default now(),
  constraint coupon_templates_kind_known check (kind in ('FIXED_AMOUNT', 'PERCENT_OFF', 'THRESHOLD')),
  constraint coupon_templates_scope_known check (scope in ('ALL', 'CATEGORIES', 'PRODUCTS')),
  constraint coupon_templates_window check (valid_until > valid_from),
  constraint coupon_templates_claimed_within_total check (claimed_count >= 0 and claimed_count <= total_quantity),
  constraint coupon_templates_used_within_claimed check (used_count >= 0 and used_count <= claimed_count)
);

-- How many of a template one shopper has claimed: the row is locked by the claim's
-- INSERT ... ON CONFLICT DO UPDATE ... WHERE claimed < per_user_limit, so one shopper's parallel
-- claims queue on it and never pass the limit.
create table claim_counts (
  template_id uuid not null references coupon_templates (id),
  user_id uuid not null,
  claimed integer not null,
  primary key (template_id, user_id),
  constraint claim_counts_positive check (claimed >= 1)
);

-- A shopper's coupon: AVAILABLE → LOCKED (order_id set) → USED, or LOCKED → AVAILABLE again.
-- seq numbers one shopper's coupons of a template (1..per_user_limit): unique, so even a claim that
-- bypassed claim_counts could not give a shopper the same coupon twice.
create table user_coupons (
  id uuid primary key,
  template_id uuid not null references coupon_templates (id),
  user_id uuid not null,
  seq integer not null,
  status text not null default 'AVAILABLE',
  order_id uuid,
  claimed_at timestamptz not null default now(),
  used_at timestamptz,
  updated_at timestamptz not null default now(),
  constraint user_coupons_template_user_seq unique (template_id, user_id, seq),
  constraint user_coupons_status_known check (status in ('AVAILABLE', 'LOCKED', 'USED')),
  constraint user_coupons_order_iff_taken check ((status = 'AVAILABLE') = (order_id is null))
);
-- ListMyCoupons: one shopper's, newest first.
create index user_coupons_user on user_coupons (user_id, id desc);

-- An order's lock on a coupon, keyed by the order id: every call of the order service is
-- idempotent by it. A release that comes before any lock is recorded (RELEASED, no coupon), so a
-- late LockCoupon for that order locks nothing.
create table coupon_locks (
  order_id uuid primary key,
  status text not null,
  user_coupon_id uuid references user_coupons (id),
  user_id uuid,
  discount_minor bigint not null default 0,
  -- [{ "skuId": ..., "discountMinor": ... }]: the answer of the lock, given again on a retry.
  allocations jsonb not null default '[]',
  reason text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint coupon_locks_status_known check (status in ('LOCKED', 'RELEASED', 'USED')),
  constraint coupon_locks_coupon_unless_released check (status = 'RELEASED' or user_coupon_id is not null)
);
-- A coupon holds for one order at a time.
create unique index coupon_locks_one_per_coupon on coupon_locks (user_coupon_id) where status in ('LOCKED', 'USED');
