import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { resetConfig } from "../util/config";
import { outbox, send } from ".";

describe("mail", () => {
  afterEach(() => {
    delete process.env.BIGEP_MAILER;
    resetConfig();
  });

  it("writes each message to the outbox, newest first", async () => {
    // Prepare
    await send({ to: "first@okul.k12.tr", subject: "Bir", text: "ilk" });
    await send({ to: "second@okul.k12.tr", subject: "İki", text: "ikinci" });

    // Act
    const items = await outbox();

    // Assess
    expect(items.map((m) => m.subject).slice(0, 2)).toEqual(["İki", "Bir"]);
    expect(items[0]).toMatchObject({ to: "second@okul.k12.tr", text: "ikinci" });
    expect(items[0]?.sentAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("filters by recipient with Turkish case folding", async () => {
    // Prepare
    await send({ to: "ilknur.isik@okul.k12.tr", subject: "Kod", text: "123456" });
    await send({ to: "baska@okul.k12.tr", subject: "Başka", text: "x" });

    // Act
    const items = await outbox({ to: " İLKNUR.isik@OKUL.K12.TR " });
    const none = await outbox({ to: "ILKNUR.isik@okul.k12.tr" }); // Turkish I folds to dotless ı

    // Assess
    expect(items.map((m) => m.subject)).toEqual(["Kod"]);
    expect(none).toEqual([]);
  });

  it("surfaces an SES failure as an error when the mailer is SES", async () => {
    // Prepare
    process.env.BIGEP_MAILER = "ses";
    resetConfig();
    const ses = mockClient(SESv2Client);
    ses.on(SendEmailCommand).rejects(new Error("MessageRejected: Email address is not verified."));

    // Act
    const sending = send({ to: "someone@okul.k12.tr", subject: "Konu", text: "Metin" });

    // Assess
    await expect(sending).rejects.toThrow(/not verified/);
    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input.Destination?.ToAddresses).toEqual([
      "someone@okul.k12.tr",
    ]);
    ses.restore();
  });
});
