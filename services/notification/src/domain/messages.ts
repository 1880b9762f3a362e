// The kinds of message and their text per language, as data: a template takes the event's facts
// and gives a title and a body. A new language is a new column of this table.
export const notificationTypes = [
  "ORDER_PAID",
  "ORDER_SHIPPED",
  "ORDER_DELIVERED",
  "ORDER_REFUNDED",
  "ORDER_PAYMENT_TIMEOUT",
  "COUPON_EXPIRING",
  "FLASH_SALE_STARTING",
] as const;
export type NotificationType = (typeof notificationTypes)[number];

export const languages = ["en", "zh"] as const;
export type Language = (typeof languages)[number];

/** What an event says, in words a template may use. */
export interface Facts {
  /** The order's number, the coupon's name or the sale's title. */
  name: string;
  /** An amount already formatted, or a time. */
  detail: string;
}

export interface Rendered {
  title: string;
  body: string;
}

type Template = (f: Facts) => Rendered;

export const templates: Record<NotificationType, Record<Language, Template>> = {
  ORDER_PAID: {
    en: (f) => ({ title: "Payment received", body: `We received the payment for order ${f.name}. We are preparing it.` }),
    zh: (f) => ({ title: "支付成功", body: `订单 ${f.name} 已支付成功，我们正在为您备货。` }),
  },
  ORDER_SHIPPED: {
    en: (f) => ({ title: "Order shipped", body: `Order ${f.name} is on its way.` }),
    zh: (f) => ({ title: "订单已发货", body: `订单 ${f.name} 已发货，正在配送途中。` }),
  },
  ORDER_DELIVERED: {
    en: (f) => ({ title: "Order delivered", body: `Order ${f.name} was delivered${f.detail ? ` (${f.detail})` : ""}.` }),
    zh: (f) => ({ title: "订单已送达", body: `订单 ${f.name} 已送达${f.detail ? `（${f.detail}）` : ""}。` }),
  },
  ORDER_REFUNDED: {
    en: (f) => ({ title: "Refund issued", body: `${f.detail} was refunded for order ${f.name}.` }),
    zh: (f) => ({ title: "退款成功", body: `订单 ${f.name} 已退款 ${f.detail}。` }),
  },
  ORDER_PAYMENT_TIMEOUT: {
    en: (f) => ({ title: "Order cancelled", body: `Order ${f.name} was cancelled because it was not paid in time.` }),
    zh: (f) => ({ title: "订单已取消", body: `订单 ${f.name} 因超时未支付已自动取消。` }),
  },
  COUPON_EXPIRING: {
    en: (f) => ({ title: "Coupon expiring soon", body: `Your coupon "${f.name}" expires at ${f.detail}. Use it before then.` }),
    zh: (f) => ({ title: "优惠券即将过期", body: `您的优惠券「${f.name}」将于 ${f.detail} 过期，请尽快使用。` }),
  },
  FLASH_SALE_STARTING: {
    en: (f) => ({ title: "Flash sale starting", body: `The flash sale "${f.name}" you follow starts at ${f.detail}.` }),
    zh: (f) => ({ title: "秒杀即将开始", body: `您关注的秒杀「${f.name}」将于 ${f.detail} 开始。` }),
  },
};

export function render(type: NotificationType, language: Language, facts: Facts): Rendered {
  return templates[type][language](facts);
}

/** An amount in minor units as "12.34 EUR" (two decimals: the currencies sold here have them). */
export function formatMoney(minor: bigint, currency: string): string {
  const sign = minor < 0n ? "-" : "";
  const abs = minor < 0n ? -minor : minor;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")} ${currency}`;
}

/** A time as "2026-11-25 03:31 UTC": one form for every language, unambiguous without a zone. */
export function formatTime(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
