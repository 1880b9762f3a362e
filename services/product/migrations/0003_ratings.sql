-- Products' review ratings, kept from the review service's review.product_rating_changed: the sum
-- and count of the visible reviews' ratings and the version of that figure (an older version
-- arriving late is ignored). rating_score is the average in hundredths of a star (0 without
-- reviews): the TOP_RATED sort and the min_rating filter compare it.
alter table products
  add column rating_sum bigint not null default 0 check (rating_sum >= 0),
  add column rating_count integer not null default 0 check (rating_count >= 0),
  add column rating_version bigint not null default 0,
  add column rating_score integer generated always as (case when rating_count > 0 then round(rating_sum * 100.0 / rating_count)::integer else 0 end) stored;
create index products_top_rated on products (rating_score desc, id desc) where status = 'on_sale';

alter table search_documents add column rating_score integer not null default 0;
