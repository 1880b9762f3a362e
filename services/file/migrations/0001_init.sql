-- Uploaded images (bytes in the blob store, by name) and who uploaded each for what.

-- One row per distinct re-encoded original: the id is its SHA-256, so the same image is one row
-- however often and by whomever it is uploaded.
create table files (
  id text primary key,
  content_type text not null,
  width integer not null,
  height integer not null,
  byte_size bigint not null,
  -- [{size, width, height, byteSize}] of the WebP variants, named <id>-<size>.webp.
  variants jsonb not null,
  created_at timestamptz not null default now(),
  constraint files_id_sha256 check (id ~ '^[0-9a-f]{64}$'),
  constraint files_content_type check (content_type in ('image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif')),
  constraint files_dimensions check (width > 0 and height > 0 and byte_size > 0)
);

-- Ownership: a review may show only photos its author uploaded for reviews.
create table file_uploads (
  file_id text not null references files (id),
  user_id uuid not null,
  purpose text not null,
  uploaded_at timestamptz not null default now(),
  primary key (file_id, user_id, purpose),
  constraint file_uploads_purpose check (purpose in ('product', 'review'))
);
create index file_uploads_user on file_uploads (user_id, uploaded_at desc);
