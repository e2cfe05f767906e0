import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { REPO_ROOT } from "./support/tempProject";

interface Fragment {
  jobs: Record<string, { steps: unknown[] }>;
  workflows: Record<string, { when: unknown; jobs: Record<string, { context: string[] }>[] }>;
}

describe("CircleCI: the daily base-AMI update", () => {
  const text = fs.readFileSync(path.join(REPO_ROOT, ".circleci", "config.yml"), "utf8");
  const doc = yaml.load(text) as Fragment;
  const commands = doc.jobs["update-base-amis"].steps
    .map((s) =>
      typeof s === "object" && s !== null && "run" in s
        ? (s as { run: { command: string } }).run.command
        : "",
    )
    .join("\n");

  it("runs the npm script that exists, then the check against main, and only pushes when settings.json changed", () => {
    const scripts = (
      JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    assert.equal(scripts["update-base-amis"], "node scripts/run-tool.js update-base-amis");
    const update = commands.indexOf("npm run --silent update-base-amis -- --stack dev");
    const halt = commands.indexOf("git diff --quiet -- settings.json");
    const check = commands.indexOf("npm run check -- --base origin/main");
    const push = commands.indexOf("push --force");
    assert.ok(
      update >= 0 && update < halt && halt < check && check < push,
      "update, stop if unchanged, check, push",
    );
  });

  it("runs only on its schedule, with AWS from OIDC and GitHub from a context", () => {
    assert.deepEqual(doc.workflows["update-base-amis"].when, {
      and: [
        { equal: ["scheduled_pipeline", "<< pipeline.trigger_source >>"] },
        { equal: ["update-base-amis", "<< pipeline.schedule.name >>"] },
      ],
    });
    assert.deepEqual(doc.workflows["update-base-amis"].jobs[0]["update-base-amis"].context, [
      "dc-image-builder-dev-preview",
      "dc-image-builder-github",
    ]);
    assert.ok(
      doc.jobs["update-base-amis"].steps.some((s) => typeof s === "object" && s !== null && "aws-oidc" in s),
    );
    assert.doesNotMatch(text, /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY/);
    assert.doesNotMatch(commands, /https:\/\/[^"\s]*\$\{GITHUB_TOKEN\}@/, "the token never goes into a URL");
  });
});
