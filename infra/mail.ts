import { CfnOutput, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as ses from "aws-cdk-lib/aws-ses";
import type { Construct } from "constructs";

export type MailProps = {
  /** SES identity to create and verify: a domain ("bigep.example.org") or an address. */
  identity?: string;
  /** The From header; defaults to no-reply@<domain> or the identity address. */
  from?: string;
};

export type Mail = {
  /** Value for BIGEP_MAIL_FROM, when known. */
  from: string | undefined;
  /** ARN of the SES identity mail is sent from (the only resource `ses:SendEmail` is allowed on). */
  senderArn: string | undefined;
  grantSend(grantee: iam.IGrantable): void;
};

/** SES sending: an identity (only when one is configured) and the send permission. */
export function createMail(scope: Construct, props: MailProps): Mail {
  const { identity } = props;
  if (identity) {
    const isAddress = identity.includes("@");
    const emailIdentity = new ses.EmailIdentity(scope, "MailIdentity", {
      identity: isAddress ? ses.Identity.email(identity) : ses.Identity.domain(identity),
    });
    if (!isAddress) {
      emailIdentity.dkimRecords.forEach((record, i) => {
        new CfnOutput(scope, `MailDkim${i + 1}`, { value: `${record.name} CNAME ${record.value}` });
      });
    }
  }
  const from = props.from ?? (identity?.includes("@") ? identity : identity && `BİGEP <no-reply@${identity}>`);
  // The sender identity only: the configured one, else the domain of the From address. Without
  // either, nothing may be sent. (In the SES sandbox recipients are checked as identities too:
  // leave the sandbox before opening the platform, see README.)
  const sender = identity ?? senderDomain(from);
  const senderArn = sender
    ? Stack.of(scope).formatArn({ service: "ses", resource: "identity", resourceName: sender })
    : undefined;
  return {
    from,
    senderArn,
    grantSend: (grantee) => {
      if (senderArn) iam.Grant.addToPrincipal({ grantee, actions: ["ses:SendEmail"], resourceArns: [senderArn] });
    },
  };
}

/** "BİGEP <no-reply@example.org>" or "no-reply@example.org" → "example.org". */
function senderDomain(from: string | undefined): string | undefined {
  return from?.match(/@([^>\s]+)>?\s*$/)?.[1];
}
