import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { config, settle } from "./config";

/**
 * Fetch secrets that AWS keeps out of the environment (the auth secret lives in Secrets
 * Manager; the function only gets its ARN). Called once at cold start by the API entry,
 * so core code can keep reading `config()` synchronously.
 */
export async function loadSecrets(client = new SecretsManagerClient({ region: config().region })): Promise<void> {
  const arn = config().authSecretArn;
  if (!arn || config().authSecret) return;
  const result = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  if (!result.SecretString) throw new Error("auth secret is empty");
  settle({ authSecret: result.SecretString });
}
