-- Users, refresh-token families, login failures (the throttle) and addresses.

create table users (
  id uuid primary key,
  username text not null,
  -- Stored lowercased, so a plain unique index makes it unique case-insensitively.
  email text not null check (email = lower(email)),
  display_name text not null default '',
  password_hash text not null,
  roles text[] not null default '{customer}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_username_key on users (lower(username));
create unique index users_email_key on users (email);
-- Prefix search of the admin user list.
create index users_username_prefix on users (lower(username) text_pattern_ops);
create index users_email_prefix on users (email text_pattern_ops);

-- Opaque refresh tokens, kept only as sha256; each login starts a family, each refresh rotates in it.
create table refresh_tokens (
  id uuid primary key,
  token_hash text not null unique,
  family_id uuid not null,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz
);
create index refresh_tokens_family on refresh_tokens (family_id);
create index refresh_tokens_user on refresh_tokens (user_id) where revoked_at is null;

-- One row per failed login and scope ('account' or 'ip'); counted over a sliding window.
create table login_failures (
  id bigint generated always as identity primary key,
  scope text not null check (scope in ('account', 'ip')),
  key text not null,
  failed_at timestamptz not null default now()
);
create index login_failures_key on login_failures (scope, key, failed_at);
create index login_failures_age on login_failures (failed_at);

create table addresses (
  id uuid primary key,
  user_id uuid not null references users (id) on delete cascade,
  recipient_name text not null,
  phone text not null,
  country_code text not null,
  region text not null default '',
  city text not null,
  district text not null default '',
  line1 text not null,
  line2 text not null default '',
  postal_code text not null default '',
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- At most one default per user; the use cases make sure there is one whenever there are any.
create unique index addresses_one_default on addresses (user_id) where is_default;
create index addresses_user on addresses (user_id, updated_at desc);
