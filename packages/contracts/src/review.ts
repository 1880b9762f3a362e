// The review service's contracts (reviews, reviewable lines, the product rating event).
export * from "./gen/shop/review/v1/review_pb.js";
export * from "./gen/shop/review/v1/service_pb.js";
export * from "./gen/shop/review/v1/events_pb.js";
