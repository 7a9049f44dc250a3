import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Derived from the outbox event id, so a receiver can drop a message delivered twice. */
  messageId: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** SMTP in production (SMTP_URL, e.g. smtps://user:pass@mail.example.org:465). */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
    close: () => transport.close(),
  };
}

/**
 * Embedded mode: each message becomes an .eml file in DATA_DIR/mail that a person can open (or a
 * demo user can read to follow a reset link).
 */
export function folderMailer(dir: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const info = await transport.sendMail({ from, ...message });
      const safeId = message.messageId.replace(/[^A-Za-z0-9.-]/g, '_');
      const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${safeId}.eml`);
      fs.writeFileSync(file, info.message as Buffer, { mode: 0o600 });
    },
    close: () => {},
  };
}
