// The email channel: the shopper's address from the user service, the mail through SMTP
// (nodemailer, one pooled transport). A refused or unreachable server is thrown for a retry.
import nodemailer from "nodemailer";
import type { Contacts } from "../clients/users.ts";
import type { Channel } from "./port.ts";

export interface EmailOptions {
  smtpUrl: string;
  from: string;
  timeoutMs: number;
  contacts: Contacts;
}

export function createEmailChannel(o: EmailOptions): Channel {
  // Every phase bounded: a server that accepts and then hangs fails the attempt instead of holding it.
  const limits = { connectionTimeout: o.timeoutMs, greetingTimeout: o.timeoutMs, socketTimeout: o.timeoutMs };
  const transport = nodemailer.createTransport({ url: o.smtpUrl, ...limits }, { from: o.from });
  return {
    async send(m) {
      const { email } = await o.contacts.contactOf(m.userId);
      if (!email) throw new Error(`user ${m.userId} has no email address`);
      await transport.sendMail({ to: email, subject: m.title, text: m.body });
    },
    close: () => transport.close(),
  };
}
