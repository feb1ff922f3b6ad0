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
  // Any identity of this account and region: in the SES sandbox the recipients are identities too.
  const identities = Stack.of(scope).formatArn({ service: "ses", resource: "identity", resourceName: "*" });
  return {
    from,
    grantSend: (grantee) => {
      iam.Grant.addToPrincipal({ grantee, actions: ["ses:SendEmail"], resourceArns: [identities] });
    },
  };
}
