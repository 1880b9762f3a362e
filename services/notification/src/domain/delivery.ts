// The delivery rules: channels, the back-off between attempts, and when to give up.
export type ChannelName = "email" | "sms";

export interface RetryPolicy {
  baseSeconds: number;
  maxSeconds: number;
  maxAttempts: number;
}

/** After failed attempt number `attempts` (1-based): the wait before the next, or undefined to give up. */
export function nextAttemptDelaySeconds(attempts: number, p: RetryPolicy): number | undefined {
  if (attempts >= p.maxAttempts) return undefined;
  return Math.min(p.baseSeconds * 2 ** (attempts - 1), p.maxSeconds);
}
