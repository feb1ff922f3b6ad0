/**
 * Mailer port: SES in AWS; in local mode every message is written to the outbox folder
 * (one JSON file per message) that the web UI lists.
 */
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SESv2Client } from "@aws-sdk/client-sesv2";
import * as z from "zod";
import { now } from "../util/clock";
import { config } from "../util/config";
import { createId } from "../util/id";
import { normalizeEmail } from "../util/text";

export const Message = z.object({
  to: z.string().email(),
  subject: z.string().min(1).max(300),
  text: z.string().min(1).max(100_000),
  html: z.string().max(200_000).optional(),
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post for reminders). */
  headers: z.record(z.string().regex(/^[A-Za-z-]{1,64}$/), z.string().max(2000)).optional(),
});
export type Message = z.infer<typeof Message>;

export const OutboxItem = Message.extend({ id: z.string(), sentAt: z.string() });
export type OutboxItem = z.infer<typeof OutboxItem>;

let ses: SESv2Client | undefined;

/** Send one e-mail through the configured adapter. */
export async function send(input: Message): Promise<void> {
  const message = Message.parse(input);
  const c = config();
  if (c.mailer === "outbox") {
    await mkdir(c.outboxDir, { recursive: true });
    const sentAt = now().toISOString();
    const id = `${sentAt.replace(/[:.]/g, "-")}_${createId("audit").slice(4)}`;
    const item: OutboxItem = { ...message, id, sentAt };
    // Written aside and renamed, so a reader never sees half a message.
    const file = join(c.outboxDir, `${id}.json`);
    await writeFile(`${file}.tmp`, JSON.stringify(item, null, 2));
    await rename(`${file}.tmp`, file);
    return;
  }
  // Imported on first send: the API compiles the SES client only when it mails (sign-in codes).
  const { SESv2Client, SendEmailCommand } = await import("@aws-sdk/client-sesv2");
  // Throttling (TooManyRequests) is retried with jittered backoff, then reaches onError as 503.
  ses ??= new SESv2Client({
    region: c.region,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 3_000 },
  });
  await ses.send(
    new SendEmailCommand({
      FromEmailAddress: c.mailFrom,
      ...(c.sesConfigurationSet ? { ConfigurationSetName: c.sesConfigurationSet } : {}),
      Destination: { ToAddresses: [message.to] },
      Content: {
        Simple: {
          Subject: { Data: message.subject, Charset: "UTF-8" },
          Body: {
            Text: { Data: message.text, Charset: "UTF-8" },
            ...(message.html ? { Html: { Data: message.html, Charset: "UTF-8" } } : {}),
          },
          ...(message.headers
            ? { Headers: Object.entries(message.headers).map(([Name, Value]) => ({ Name, Value })) }
            : {}),
        },
      },
    }),
  );
}

/** Messages in the local outbox, newest first (local mode only). */
export async function outbox(options: { to?: string; limit?: number } = {}): Promise<OutboxItem[]> {
  const dir = config().outboxDir;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const to = options.to ? normalizeEmail(options.to) : undefined;
  const files = names
    .filter((n) => n.endsWith(".json"))
    .sort()
    .reverse();
  const items: OutboxItem[] = [];
  for (const name of files) {
    const item = OutboxItem.safeParse(JSON.parse(await readFile(join(dir, name), "utf8")));
    if (!item.success || (to && normalizeEmail(item.data.to) !== to)) continue;
    items.push(item.data);
    if (items.length >= (options.limit ?? 50)) break;
  }
  return items;
}
