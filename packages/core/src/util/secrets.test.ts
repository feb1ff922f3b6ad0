import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { config, resetConfig } from "./config";
import { loadSecrets } from "./secrets";

// Secrets Manager has no local stand-in, so its answers are mocked here.
const saved = { stage: process.env.BIGEP_STAGE, arn: process.env.BIGEP_AUTH_SECRET_ARN };

afterEach(() => {
  process.env.BIGEP_STAGE = saved.stage;
  if (saved.arn === undefined) delete process.env.BIGEP_AUTH_SECRET_ARN;
  resetConfig();
});

describe("loadSecrets", () => {
  it("fetches the auth secret by ARN outside local stages", async () => {
    process.env.BIGEP_STAGE = "prod";
    process.env.BIGEP_AUTH_SECRET_ARN = "arn:aws:secretsmanager:eu-central-1:1:secret:auth";
    resetConfig();
    const client = new SecretsManagerClient({ region: "eu-central-1" });
    const mock = mockClient(client);
    mock
      .on(GetSecretValueCommand, { SecretId: process.env.BIGEP_AUTH_SECRET_ARN })
      .resolves({ SecretString: "s".repeat(64) });
    expect(config().authSecret).toBeUndefined();

    await loadSecrets(client);

    expect(config().authSecret).toBe("s".repeat(64));
    expect(mock.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it("fails the cold start when the secret cannot be read", async () => {
    process.env.BIGEP_STAGE = "prod";
    process.env.BIGEP_AUTH_SECRET_ARN = "arn:aws:secretsmanager:eu-central-1:1:secret:auth";
    resetConfig();
    const client = new SecretsManagerClient({ region: "eu-central-1" });
    mockClient(client).on(GetSecretValueCommand).rejects(new Error("AccessDenied"));

    await expect(loadSecrets(client)).rejects.toThrow("AccessDenied");
    expect(config().authSecret).toBeUndefined();
  });

  it("keeps the local development secret without calling AWS", async () => {
    const client = new SecretsManagerClient({ region: "eu-central-1" });
    const mock = mockClient(client);

    await loadSecrets(client);

    expect(config().authSecret).toMatch(/^local-development/);
    expect(mock.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });
});
