import type Mail from 'nodemailer/lib/mailer';
import type { OutboundMail } from '../../application/ports';

/** The nodemailer form of one message: plain text always, HTML only as an alternative when given. */
export const nodemailerMessage = (mail: OutboundMail, from: string): Mail.Options => ({
  from,
  to: mail.to,
  subject: mail.subject,
  text: mail.text,
  ...(mail.html !== undefined && { html: mail.html }),
  ...(mail.headers !== undefined && { headers: { ...mail.headers } }),
});

/** The recipient's domain: enough to tell which provider failed without logging an address. */
export const recipientDomain = (to: string): string => to.slice(to.lastIndexOf('@') + 1);
