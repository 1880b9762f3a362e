// Every event on the bus: its message schema and the topic its proto declares with the
// (shop.options.v1.topic) option. Publishing and subscribing take an entry of this table, so the
// message is typed by its schema and no code spells a topic.
import { getOption, type DescMessage } from "@bufbuild/protobuf";
import { StockChangedSchema } from "./gen/shop/inventory/v1/events_pb.js";
import { OrderPaymentDueSchema, OrderReceiptDueSchema, OrderRefundRequestedSchema, OrderStatusChangedSchema } from "./gen/shop/order/v1/events_pb.js";
import { PaymentFailedSchema, PaymentRefundedSchema, PaymentSucceededSchema } from "./gen/shop/payment/v1/events_pb.js";
import { CouponExpiringSchema } from "./gen/shop/coupon/v1/events_pb.js";
import { ShipmentDeliveredSchema } from "./gen/shop/logistics/v1/events_pb.js";
import { topic } from "./gen/shop/options/v1/event_pb.js";
import { FlashSaleAttemptWonSchema, FlashSaleStartingSchema } from "./gen/shop/seckill/v1/events_pb.js";
import { CategoryChangedSchema, ProductChangedSchema } from "./gen/shop/product/v1/events_pb.js";
import { ProductRatingChangedSchema } from "./gen/shop/review/v1/events_pb.js";

export interface EventType<Desc extends DescMessage = DescMessage> {
  topic: string;
  schema: Desc;
}

function eventType<Desc extends DescMessage>(schema: Desc): EventType<Desc> {
  const declared = getOption(schema, topic);
  if (!declared) throw new Error(`${schema.typeName} declares no (shop.options.v1.topic)`);
  return { topic: declared, schema };
}

export const events = {
  productChanged: eventType(ProductChangedSchema),
  categoryChanged: eventType(CategoryChangedSchema),
  stockChanged: eventType(StockChangedSchema),
  orderStatusChanged: eventType(OrderStatusChangedSchema),
  orderPaymentDue: eventType(OrderPaymentDueSchema),
  orderRefundRequested: eventType(OrderRefundRequestedSchema),
  orderReceiptDue: eventType(OrderReceiptDueSchema),
  paymentSucceeded: eventType(PaymentSucceededSchema),
  paymentFailed: eventType(PaymentFailedSchema),
  paymentRefunded: eventType(PaymentRefundedSchema),
  flashSaleAttemptWon: eventType(FlashSaleAttemptWonSchema),
  shipmentDelivered: eventType(ShipmentDeliveredSchema),
  productRatingChanged: eventType(ProductRatingChangedSchema),
  couponExpiring: eventType(CouponExpiringSchema),
  flashSaleStarting: eventType(FlashSaleStartingSchema),
} as const;
