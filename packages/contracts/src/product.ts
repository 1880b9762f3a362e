export * from "./gen/shop/product/v1/product_pb.js";
export * from "./gen/shop/product/v1/catalog_pb.js";
export * from "./gen/shop/product/v1/search_pb.js";
export * from "./gen/shop/product/v1/admin_pb.js";
export * from "./gen/shop/product/v1/events_pb.js";
