// Which proto services each deployable serves. The gateway routes by this table and the
// registry finds instances by the deployable's name.
import type { DescService } from "@bufbuild/protobuf";
import { AccountService, UserInternalService } from "./gen/shop/user/v1/account_pb.js";
import { AddressInternalService, AddressService } from "./gen/shop/user/v1/address_pb.js";
import { AdminUserService } from "./gen/shop/user/v1/admin_pb.js";
import { AuthService } from "./gen/shop/user/v1/auth_pb.js";
import { AdminCatalogService } from "./gen/shop/product/v1/admin_pb.js";
import { CatalogService } from "./gen/shop/product/v1/catalog_pb.js";
import { SearchService } from "./gen/shop/product/v1/search_pb.js";
import { InventoryService } from "./gen/shop/inventory/v1/inventory_pb.js";
import { CartInternalService, CartService, GuestCartService } from "./gen/shop/cart/v1/cart_pb.js";
import { ReservationService } from "./gen/shop/inventory/v1/reservation_pb.js";
import { AdminOrderService, OrderInternalService, OrderService } from "./gen/shop/order/v1/checkout_pb.js";
import { AdminPaymentService, PaymentProviderService, PaymentService } from "./gen/shop/payment/v1/payment_pb.js";
import { AdminWalletService, WalletService } from "./gen/shop/payment/v1/wallet_pb.js";
import { AdminCouponService, CouponInternalService, CouponService } from "./gen/shop/coupon/v1/service_pb.js";
import { AdminFlashSaleService, FlashSaleService } from "./gen/shop/seckill/v1/service_pb.js";
import { AdminShipmentService, CarrierWebhookService, ShipmentService } from "./gen/shop/logistics/v1/logistics_pb.js";
import { AdminReviewService, ProductReviewService, ReviewService } from "./gen/shop/review/v1/service_pb.js";
import { AdminNotificationService, NotificationService } from "./gen/shop/notification/v1/notification_pb.js";
import { FileInternalService, FileService } from "./gen/shop/file/v1/file_pb.js";

export const services = {
  user: [AuthService, AccountService, AddressService, AddressInternalService, AdminUserService, UserInternalService],
  product: [CatalogService, SearchService, AdminCatalogService],
  inventory: [InventoryService, ReservationService],
  cart: [CartService, GuestCartService, CartInternalService],
  order: [OrderService, AdminOrderService, OrderInternalService],
  payment: [PaymentService, AdminPaymentService, PaymentProviderService, WalletService, AdminWalletService],
  coupon: [CouponService, AdminCouponService, CouponInternalService],
  seckill: [FlashSaleService, AdminFlashSaleService],
  logistics: [ShipmentService, AdminShipmentService, CarrierWebhookService],
  review: [ReviewService, ProductReviewService, AdminReviewService],
  notification: [NotificationService, AdminNotificationService],
  file: [FileService, FileInternalService],
} as const satisfies Record<string, readonly DescService[]>;
