-- When the shopper was told (coupon.expiring) that an unused coupon ends soon: once per coupon.
alter table user_coupons add column expiry_notified_at timestamptz;
create index user_coupons_expiry_pending on user_coupons (template_id) where status = 'AVAILABLE' and expiry_notified_at is null;
