-- Each photo's URLs, checked against the file service when the review was written (the id, the
-- original's URL and a thumbnail's), so reading reviews needs no call to it. Older reviews have none.
alter table reviews add column photos jsonb not null default '[]'
  check (jsonb_typeof(photos) = 'array' and jsonb_array_length(photos) <= 9);
