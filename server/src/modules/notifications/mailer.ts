import { createTransport, type Transporter } from 'nodemailer';

export interface OutgoingMail {
  /** Stable per delivery, so a receiving system can recognise a repeat. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends email; the outbox worker is its only caller. */
export interface Mailer {
  readonly enabled: boolean;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** No SMTP server configured: email is not offered and nothing is queued for it. */
export const disabledMailer: Mailer = {
  enabled: false,
  send: () => Promise.reject(new Error('email is not configured')),
  close: () => {},
};

/**
 * SMTP through nodemailer, pooled so a burst of notices reuses connections. A server that is
 * down fails the send, and the outbox retries it later.
 */
export class SmtpMailer implements Mailer {
  readonly enabled = true;
  readonly #transport: Transporter;
  readonly #from: string;

  constructor(url: string, from: string) {
    this.#from = from;
    this.#transport = createTransport({
      url,
      pool: true,
      maxConnections: 4,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as Parameters<typeof createTransport>[0]);
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.#transport.sendMail({
      from: this.#from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
    });
  }

  close(): void {
    this.#transport.close();
  }
}
