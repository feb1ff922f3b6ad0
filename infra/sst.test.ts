import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Template } from "aws-cdk-lib/assertions";
import { App } from "sst/constructs";
import { initProject, useProject } from "sst/project.js";
import { load } from "sst/stacks/build.js";
import { expect, test } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

test("the SST app mounts the same platform and synthesizes", async () => {
  // Prepare: load sst.config.ts the way `sst deploy` does (synth itself needs no AWS).
  await initProject({ root, stage: "sst-check" });
  const project = useProject();
  const [, config] = await load(project.paths.config);
  const app = new App(
    {
      mode: "deploy",
      stage: project.config.stage,
      name: project.config.name,
      region: project.config.region,
      account: "123456789012",
    },
    { outdir: mkdtempSync(join(tmpdir(), "bigep-sst-")), context: { sharp: "skip", "aws:cdk:bundling-stacks": [] } },
  );

  // Act
  await config.stacks(app);
  await app.finish();
  const stack = app.node.children.find((child) => child.node.id.endsWith("Bigep"));
  const template = Template.fromStack(stack as never);

  // Assess
  expect(stack?.node.id).toBe("sst-check-bigep-Bigep");
  template.resourceCountIs("AWS::DynamoDB::Table", 1);
  template.hasResourceProperties("AWS::Lambda::Function", { Runtime: "nodejs22.x", Architectures: ["arm64"] });
  template.hasResourceProperties("AWS::Scheduler::Schedule", { ScheduleExpressionTimezone: "Europe/Istanbul" });
});
