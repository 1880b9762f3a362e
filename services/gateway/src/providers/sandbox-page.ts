// The sandbox provider's hosted checkout page: plain HTML, no script and no external asset, every
// value escaped, under a CSP that allows only its own inline style (by hash) and forms posting back
// to this origin.
import { createHash } from "node:crypto";
import { paymentv1 } from "@shop/contracts";

const style = `body{font:16px system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#222}
h1{font-size:1.3rem}.amount{font-size:2rem;margin:.5rem 0 1.5rem}.note{color:#666;font-size:.9rem}
form{display:inline-block;margin-right:.5rem}button{font-size:1rem;padding:.6rem 1.4rem;cursor:pointer}
.pay{background:#1a7f37;color:#fff;border:0}.status{padding:.6rem;background:#f3f3f3}`;

export const sandboxPageCsp = [
  "default-src 'none'",
  `style-src 'sha256-${createHash("sha256").update(style).digest("base64")}'`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => entities[c]!);

/** `amountMinor` in the currency's major unit, e.g. 12345 EUR → €123.45. */
export function formatMoney(amountMinor: bigint, currency: string): string {
  try {
    const format = new Intl.NumberFormat("en", { style: "currency", currency });
    return format.format(Number(amountMinor) / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
  } catch {
    return `${amountMinor} ${currency} (minor units)`;
  }
}

const statusText: Record<paymentv1.PaymentStatus, string> = {
  [paymentv1.PaymentStatus.UNSPECIFIED]: "Unknown",
  [paymentv1.PaymentStatus.PENDING]: "Awaiting payment",
  [paymentv1.PaymentStatus.SUCCEEDED]: "Paid",
  [paymentv1.PaymentStatus.FAILED]: "Declined",
  [paymentv1.PaymentStatus.REFUND_PENDING]: "Paid; refund in progress",
  [paymentv1.PaymentStatus.REFUNDED]: "Refunded",
};

const layout = (title: string, body: string, refresh = false) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${refresh ? '<meta http-equiv="refresh" content="1">\n' : ""}<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
${body}
</body>
</html>
`;

/**
 * The way back to the shop, as a hosted page's return URL: the web app's return page on this same
 * origin, which finds the order (or the wallet top-up) the payment is for.
 */
export const returnPath = (paymentId: string) => escapeHtml(`/pay/return/${encodeURIComponent(paymentId)}`);

/**
 * The page for one payment: Pay and Decline while it is pending; once the shopper chose
 * (`submitted`) and the outcome's webhook has not landed yet, a note and a refresh each second.
 */
export function checkoutPage(c: paymentv1.SandboxCheckout, submitted: boolean): string {
  const id = escapeHtml(c.paymentId);
  const pending = c.status === paymentv1.PaymentStatus.PENDING;
  const actions = !pending
    ? `<p class="status">${escapeHtml(statusText[c.status])}</p>`
    : submitted
      ? `<p class="status">Processing: waiting for the provider's confirmation…</p>`
      : `<form method="post" action="/sandbox/checkout/${id}/pay"><button class="pay" type="submit">Pay</button></form>
<form method="post" action="/sandbox/checkout/${id}/decline"><button type="submit">Decline</button></form>`;
  return layout(
    "Sandbox checkout",
    `<h1>Sandbox checkout</h1>
<p><strong>${escapeHtml(c.description)}</strong></p>
<p class="amount">${escapeHtml(formatMoney(c.amountMinor, c.currency))}</p>
${actions}
<p><a href="${returnPath(c.paymentId)}">Return to the shop</a></p>
<p class="note">A test payment provider: no money moves.</p>`,
    pending && submitted,
  );
}

export function errorPage(message: string): string {
  return layout("Sandbox checkout", `<h1>Sandbox checkout</h1>\n<p class="status">${escapeHtml(message)}</p>`);
}
