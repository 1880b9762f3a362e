// The coupon service's contracts (templates, shoppers' coupons and the order service's calls).
export * from "./gen/shop/coupon/v1/coupon_pb.js";
export * from "./gen/shop/coupon/v1/service_pb.js";
export * from "./gen/shop/coupon/v1/events_pb.js";
