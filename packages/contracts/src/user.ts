export * from "./gen/shop/user/v1/user_pb.js";
export * from "./gen/shop/user/v1/auth_pb.js";
export * from "./gen/shop/user/v1/account_pb.js";
export * from "./gen/shop/user/v1/address_pb.js";
export * from "./gen/shop/user/v1/admin_pb.js";
