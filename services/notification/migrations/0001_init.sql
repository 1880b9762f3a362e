-- The shoppers' inboxes and preferences, the deliveries of each message per channel, the owners of
-- the orders seen (a refund event names only the order) and what the SMS sandbox "sent".

create table preferences (
  user_id uuid primary key,
  language text not null default 'en',
  opted_out text[] not null default '{}',
  email_enabled boolean not null default false,
  sms_enabled boolean not null default false,
  phone text not null default '',
  updated_at timestamptz not null default now(),
  constraint preferences_language_known check (language in ('en', 'zh')),
  constraint preferences_sms_needs_phone check (not sms_enabled or phone <> '')
);

create table notifications (
  id uuid primary key,
  user_id uuid not null,
  type text not null,
  title text not null,
  body text not null,
  subject_id text not null,
  read_at timestamptz,
  created_at timestamptz not null default now()
);
-- The inbox newest first (ids are UUIDv7), and the unread count.
create index notifications_inbox on notifications (user_id, id desc);
create index notifications_unread on notifications (user_id) where read_at is null;

-- One row per message and channel, worked by the delivery worker: claimed by pushing
-- next_attempt_at past a lease, then sent, retried later with back-off, or given up.
create table deliveries (
  id uuid primary key,
  notification_id uuid not null references notifications (id) on delete cascade,
  channel text not null,
  -- The phone number for SMS (as preferred when the message was written); email asks the user service.
  recipient text not null default '',
  status text not null default 'pending',
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text not null default '',
  sent_at timestamptz,
  created_at timestamptz not null default now(),
  constraint deliveries_channel_known check (channel in ('email', 'sms')),
  constraint deliveries_status_known check (status in ('pending', 'sent', 'failed')),
  constraint deliveries_once_per_channel unique (notification_id, channel)
);
create index deliveries_due on deliveries (next_attempt_at) where status = 'pending';

create table order_owners (
  order_id uuid primary key,
  user_id uuid not null,
  number text not null
);

create table sandbox_sms (
  id uuid primary key,
  phone text not null,
  body text not null,
  sent_at timestamptz not null default now()
);
create index sandbox_sms_newest on sandbox_sms (id desc);
