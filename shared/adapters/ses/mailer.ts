import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Mailer, OutgoingEmail } from '#shared/ports';
import { headerSafe } from '#email/render';

/** SES through SendRawEmail (calendar invites are MIME parts). MIME is built by nodemailer's composer. */
export class SesMailer implements Mailer {
  private readonly ses: SESClient;

  constructor(
    private readonly opts: { timeoutMs: number; endpoint?: string; region?: string; configurationSet?: string },
  ) {
    this.ses = new SESClient({
      endpoint: opts.endpoint,
      region: opts.region,
      maxAttempts: 1, // retries belong to the outbox, with backoff and a record of each attempt
      requestHandler: new NodeHttpHandler({ connectionTimeout: opts.timeoutMs, requestTimeout: opts.timeoutMs }),
    });
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const raw = await new MailComposer({
      from: email.from,
      replyTo: email.replyTo,
      to: email.to,
      cc: email.cc?.length ? email.cc : undefined,
      subject: headerSafe(email.subject),
      text: email.text,
      html: email.html,
      headers: email.headers,
      icalEvent: email.calendar
        ? { method: email.calendar.method, filename: 'invitation.ics', content: email.calendar.content }
        : undefined,
    })
      .compile()
      .build();
    const out = await this.ses.send(
      new SendRawEmailCommand({ RawMessage: { Data: raw }, ConfigurationSetName: this.opts.configurationSet }),
    );
    return { messageId: out.MessageId ?? '' };
  }
}
