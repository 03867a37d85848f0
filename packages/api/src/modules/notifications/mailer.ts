import nodemailer from "nodemailer";

export type MailMessage = { to: string[]; subject: string; text: string };

export interface Mailer {
  readonly configured: boolean;
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** Sends through the SMTP server in BULWARK_SMTP_URL; without one, every send fails with a clear reason. */
export function createMailer(smtpUrl: string | undefined, from: string): Mailer {
  if (!smtpUrl) {
    return {
      configured: false,
      send: async () => {
        throw new Error("no SMTP server is configured (set BULWARK_SMTP_URL)");
      },
      close: () => {},
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    configured: true,
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
    close: () => transport.close(),
  };
}
