// The SMS channel over a provider; the sandbox provider records each message in the service's own
// database (AdminNotificationService.ListSandboxSms shows them) instead of sending it.
import { v7 } from "uuid";
import type { Db } from "@shop/kit/db";
import { recordSms } from "../repo/sandbox-sms.ts";
import type { Channel, SmsProvider } from "./port.ts";

export function createSandboxSms(db: Db): SmsProvider {
  return { send: (phone, text) => recordSms(db, { id: v7(), phone, body: text }) };
}

export function createSmsChannel(provider: SmsProvider): Channel {
  return {
    async send(m) {
      if (!m.recipient) throw new Error("no phone number for this SMS");
      await provider.send(m.recipient, `${m.title}: ${m.body}`);
    },
    close() {},
  };
}
