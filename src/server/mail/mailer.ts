import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';
import type { Config } from '../config/config.js';
import { newId } from '../lib/ids.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra header lines, e.g. List-Unsubscribe (RFC 2369) and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** SMTP when FOYER_SMTP_URL is set; otherwise each message becomes an .eml file in <data dir>/outbox. */
export function createMailer(config: Config, log: FastifyBaseLogger): Mailer {
  if (config.smtpUrl) {
    // Well under a queued job's five-minute lease, so a hanging server cannot make a job run twice.
    const transport = nodemailer.createTransport({
      url: config.smtpUrl,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    });
    return {
      async send(message) {
        await transport.sendMail({ from: config.mailFrom, ...message });
        log.info({ subject: message.subject }, 'e-mail sent');
      },
      close: () => transport.close(),
    };
  }
  const outbox = path.join(config.dataDir, 'outbox');
  const transport = nodemailer.createTransport({ streamTransport: true, newline: 'unix' });
  return {
    async send(message) {
      await mkdir(outbox, { recursive: true });
      const file = path.join(outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${newId()}.eml`);
      const info = await transport.sendMail({ from: config.mailFrom, ...message });
      await pipeline(info.message as NodeJS.ReadableStream, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
      log.info({ file, subject: message.subject }, 'e-mail written to the outbox (FOYER_SMTP_URL is not set)');
    },
    close: () => transport.close(),
  };
}
