-- Promotions: the coupon an order locked (then used), and the flash sale an order was won in (its id
-- is then the sale's ticket id). Order lines already keep their share of the discount.
alter table orders add column user_coupon_id uuid;
alter table orders add column flash_sale_id uuid;
