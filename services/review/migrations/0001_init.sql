-- Reviews of order lines, the lines shoppers may review, who found a review helpful, and each
-- product's rating figures (what review.product_rating_changed announces).

-- A line of an order that reached COMPLETED, as order.status_changed carried it: what its shopper
-- may review. OrderedItem has no line id, so a line is (order_id, sku_id).
create table reviewable_lines (
  order_id uuid not null,
  sku_id uuid not null,
  product_id uuid not null,
  user_id uuid not null,
  order_number text not null,
  quantity integer not null check (quantity > 0),
  completed_at timestamptz(3) not null default now(),
  primary key (order_id, sku_id)
);
-- ListReviewableLines: one shopper's, newest order first.
create index reviewable_lines_user on reviewable_lines (user_id, order_id desc, sku_id desc);

-- One review per line (the unique key holds under concurrent writers); the foreign key makes a
-- review of a line never received impossible, whatever the code does.
create table reviews (
  id uuid primary key,
  order_id uuid not null,
  sku_id uuid not null,
  product_id uuid not null,
  user_id uuid not null,
  rating smallint not null check (rating between 1 and 5),
  body text not null default '' check (length(body) <= 2000),
  photo_ids text[] not null default '{}' check (cardinality(photo_ids) <= 9),
  helpful_count integer not null default 0 check (helpful_count >= 0),
  hidden boolean not null default false,
  hidden_reason text not null default '',
  hidden_at timestamptz(3),
  created_at timestamptz(3) not null default now(),
  constraint reviews_one_per_line unique (order_id, sku_id),
  constraint reviews_line_received foreign key (order_id, sku_id) references reviewable_lines (order_id, sku_id),
  constraint reviews_hidden_has_time check (hidden = (hidden_at is not null))
);
-- A product's visible reviews: newest first, and most helpful first.
create index reviews_product_newest on reviews (product_id, id desc) where not hidden;
create index reviews_product_helpful on reviews (product_id, helpful_count desc, id desc) where not hidden;
create index reviews_user on reviews (user_id, id desc);
create index reviews_hidden on reviews (hidden, id desc);

-- Who found a review helpful: once per user (the primary key), counted in reviews.helpful_count.
create table review_helpful (
  review_id uuid not null references reviews (id),
  user_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (review_id, user_id)
);

-- The sum and count of a product's visible ratings; version grows by one per change, so the
-- product service can drop an older figure that arrives after a newer one.
create table product_ratings (
  product_id uuid primary key,
  rating_sum bigint not null check (rating_sum >= 0),
  rating_count integer not null check (rating_count >= 0),
  version bigint not null check (version >= 1),
  updated_at timestamptz not null default now()
);
