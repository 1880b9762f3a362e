// Status and kind names of the sale area's enums as text keys: a new enum value is a type error here.
import { OrderStatus, RefundStatus } from "@shop/contracts/shop/order/v1/order_pb.ts";
import { PaymentStatus } from "@shop/contracts/shop/payment/v1/payment_pb.ts";
import { ShipmentStatus } from "@shop/contracts/shop/logistics/v1/logistics_pb.ts";
import { CouponKind, CouponScope, TemplateStatus } from "@shop/contracts/shop/coupon/v1/coupon_pb.ts";
import { FlashSaleStatus } from "@shop/contracts/shop/seckill/v1/sale_pb.ts";
import type { TextKey } from "../../i18n/texts.ts";

type Names<E extends number> = Record<E, TextKey>;

export const orderStatusText: Names<OrderStatus> = {
  [OrderStatus.UNSPECIFIED]: "sale.enum.order.UNSPECIFIED",
  [OrderStatus.PENDING]: "sale.enum.order.PENDING",
  [OrderStatus.AWAITING_PAYMENT]: "sale.enum.order.AWAITING_PAYMENT",
  [OrderStatus.PAID]: "sale.enum.order.PAID",
  [OrderStatus.SHIPPED]: "sale.enum.order.SHIPPED",
  [OrderStatus.COMPLETED]: "sale.enum.order.COMPLETED",
  [OrderStatus.CANCELLED]: "sale.enum.order.CANCELLED",
  [OrderStatus.FAILED]: "sale.enum.order.FAILED",
};

export const refundStatusText: Names<RefundStatus> = {
  [RefundStatus.UNSPECIFIED]: "sale.enum.refund.UNSPECIFIED",
  [RefundStatus.NONE]: "sale.enum.refund.NONE",
  [RefundStatus.PENDING]: "sale.enum.refund.PENDING",
  [RefundStatus.REFUNDED]: "sale.enum.refund.REFUNDED",
};

export const paymentStatusText: Names<PaymentStatus> = {
  [PaymentStatus.UNSPECIFIED]: "sale.enum.payment.UNSPECIFIED",
  [PaymentStatus.PENDING]: "sale.enum.payment.PENDING",
  [PaymentStatus.SUCCEEDED]: "sale.enum.payment.SUCCEEDED",
  [PaymentStatus.FAILED]: "sale.enum.payment.FAILED",
  [PaymentStatus.REFUND_PENDING]: "sale.enum.payment.REFUND_PENDING",
  [PaymentStatus.REFUNDED]: "sale.enum.payment.REFUNDED",
};

export const shipmentStatusText: Names<ShipmentStatus> = {
  [ShipmentStatus.UNSPECIFIED]: "sale.enum.shipment.UNSPECIFIED",
  [ShipmentStatus.CREATED]: "sale.enum.shipment.CREATED",
  [ShipmentStatus.PICKED_UP]: "sale.enum.shipment.PICKED_UP",
  [ShipmentStatus.IN_TRANSIT]: "sale.enum.shipment.IN_TRANSIT",
  [ShipmentStatus.OUT_FOR_DELIVERY]: "sale.enum.shipment.OUT_FOR_DELIVERY",
  [ShipmentStatus.DELIVERED]: "sale.enum.shipment.DELIVERED",
};

export const couponKindText: Names<CouponKind> = {
  [CouponKind.UNSPECIFIED]: "sale.enum.kind.UNSPECIFIED",
  [CouponKind.FIXED_AMOUNT]: "sale.enum.kind.FIXED_AMOUNT",
  [CouponKind.PERCENT_OFF]: "sale.enum.kind.PERCENT_OFF",
  [CouponKind.THRESHOLD]: "sale.enum.kind.THRESHOLD",
};

export const couponScopeText: Names<CouponScope> = {
  [CouponScope.UNSPECIFIED]: "sale.enum.scope.UNSPECIFIED",
  [CouponScope.ALL]: "sale.enum.scope.ALL",
  [CouponScope.CATEGORIES]: "sale.enum.scope.CATEGORIES",
  [CouponScope.PRODUCTS]: "sale.enum.scope.PRODUCTS",
};

export const templateStatusText: Names<TemplateStatus> = {
  [TemplateStatus.UNSPECIFIED]: "sale.enum.template.UNSPECIFIED",
  [TemplateStatus.SCHEDULED]: "sale.enum.template.SCHEDULED",
  [TemplateStatus.ACTIVE]: "sale.enum.template.ACTIVE",
  [TemplateStatus.ENDED]: "sale.enum.template.ENDED",
};

export const flashStatusText: Names<FlashSaleStatus> = {
  [FlashSaleStatus.UNSPECIFIED]: "sale.enum.flash.UNSPECIFIED",
  [FlashSaleStatus.SCHEDULED]: "sale.enum.flash.SCHEDULED",
  [FlashSaleStatus.ACTIVE]: "sale.enum.flash.ACTIVE",
  [FlashSaleStatus.ENDED]: "sale.enum.flash.ENDED",
};

/** The values of a numeric enum other than UNSPECIFIED (0), for a <select>. */
export const enumValues = <E extends number>(names: Names<E>): E[] =>
  Object.keys(names)
    .map(Number)
    .filter((n) => n !== 0) as E[];
