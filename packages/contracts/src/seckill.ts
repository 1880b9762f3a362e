// The seckill (flash sale) service's contracts: sales, attempts and the won-attempt event.
export * from "./gen/shop/seckill/v1/sale_pb.js";
export * from "./gen/shop/seckill/v1/service_pb.js";
export * from "./gen/shop/seckill/v1/events_pb.js";
