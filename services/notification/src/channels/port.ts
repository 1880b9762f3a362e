// A channel sends one message to one shopper; a failure is thrown and the delivery worker retries.
export interface Outgoing {
  userId: string;
  /** What the channel was given when the message was written (the phone for SMS); may be empty. */
  recipient: string;
  title: string;
  body: string;
}

export interface Channel {
  send(message: Outgoing): Promise<void>;
  close(): void;
}

/** An SMS provider: the real one would call a vendor's API; the sandbox records. */
export interface SmsProvider {
  send(phone: string, text: string): Promise<void>;
}
