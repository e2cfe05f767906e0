import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";

/**
 * Guards the delivery rules of .circleci/config.yml: what runs where, in what order, with which
 * credentials. CircleCI itself is not available here, so the config is checked as data.
 */

const ROOT = path.resolve(__dirname, "..", "..");
const CONFIG_PATH = path.join(ROOT, ".circleci", "config.yml");
const CONFIG_TEXT = fs.readFileSync(CONFIG_PATH, "utf8");

type Filters = { branches?: { only?: string | string[]; ignore?: string | string[] } };
type Invocation = {
  /** The job definition the workflow entry runs. */
  job: string;
  /** The name the entry has in the workflow (its `name:` or else the job). */
  name: string;
  requires: string[];
  filters?: Filters;
  context: string[];
  params: Record<string, unknown>;
};

interface CircleConfig {
  version: number;
  orbs?: Record<string, string>;
  executors?: Record<string, { docker?: { image: string }[]; environment?: Record<string, unknown> }>;
  commands?: Record<string, unknown>;
  jobs: Record<string, { executor?: string; steps: unknown[]; environment?: Record<string, unknown> }>;
  workflows: Record<string, { jobs: unknown[] } | number>;
}

const config = yaml.load(CONFIG_TEXT) as CircleConfig;

function asList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

function invocations(): Invocation[] {
  const out: Invocation[] = [];
  for (const [, workflow] of Object.entries(config.workflows)) {
    if (typeof workflow !== "object") continue; // `version:` in old-style workflows
    for (const entry of workflow.jobs) {
      if (typeof entry === "string") {
        out.push({ job: entry, name: entry, requires: [], context: [], params: {} });
        continue;
      }
      const [job, raw] = Object.entries(entry as Record<string, Record<string, unknown>>)[0];
      const { name, requires, filters, context, ...params } = raw ?? {};
      out.push({
        job,
        name: typeof name === "string" ? name : job,
        requires: asList(requires),
        filters: filters as Filters | undefined,
        context: asList(context),
        params,
      });
    }
  }
  return out;
}

const ALL = invocations();
const byName = new Map(ALL.map((i) => [i.name, i]));

/** Every workflow entry this one waits for, directly or through others. */
function allRequired(name: string, seen = new Set<string>()): Set<string> {
  for (const r of byName.get(name)?.requires ?? []) {
    if (seen.has(r)) continue;
    seen.add(r);
    allRequired(r, seen);
  }
  return seen;
}

function runsOnMainOnly(f: Filters | undefined): boolean {
  const only = asList(f?.branches?.only);
  return only.length === 1 && only[0] === "main" && asList(f?.branches?.ignore).length === 0;
}

function skipsMain(f: Filters | undefined): boolean {
  return asList(f?.branches?.ignore).includes("main") && asList(f?.branches?.only).length === 0;
}

/** The shell text a job runs, with the commands it uses expanded one level (enough for this config). */
function jobScript(job: string): string {
  return JSON.stringify(config.jobs[job]?.steps ?? []) + JSON.stringify(usedCommands(job));
}

function usedCommands(job: string): unknown[] {
  const names = new Set<string>();
  for (const step of config.jobs[job]?.steps ?? []) {
    const key = typeof step === "string" ? step : Object.keys(step as object)[0];
    if (config.commands && key in config.commands) names.add(key);
  }
  return [...names].map((n) => config.commands?.[n]);
}

/** Stacks: dev and prod, plus any Pulumi.<stack>.yaml in the repository (a new account's stack). */
function stacks(): string[] {
  const found = fs
    .readdirSync(ROOT)
    .map((f) => /^Pulumi\.([A-Za-z0-9_.-]+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined);
  return [...new Set(["dev", "prod", ...found])].sort();
}

const CHECK_JOBS = ALL.filter((i) => i.job === "checks").map((i) => i.name);

describe("CircleCI config", () => {
  it("is CircleCI 2.1 with at least one workflow", () => {
    assert.equal(config.version, 2.1);
    assert.ok(ALL.length > 0, "no workflow jobs");
  });

  it("defines every job a workflow names (a job of its own, or a job of a declared orb)", () => {
    for (const i of ALL) {
      const [orb] = i.job.includes("/") ? i.job.split("/") : [undefined];
      if (orb !== undefined) {
        assert.ok(config.orbs && orb in config.orbs, `workflow uses ${i.job} but orb ${orb} is not declared`);
      } else {
        assert.ok(i.job in config.jobs, `workflow uses job "${i.job}", which is not defined under jobs:`);
      }
    }
  });

  it("gives every workflow entry a unique name and only requires entries that exist", () => {
    assert.equal(byName.size, ALL.length, "two workflow entries share a name");
    for (const i of ALL) {
      for (const r of i.requires) assert.ok(byName.has(r), `${i.name} requires unknown ${r}`);
    }
  });

  it("runs the checks on every commit: lint, typecheck, tests, check against main, offline plan per stack", () => {
    assert.ok(CHECK_JOBS.length > 0, "no checks job in the workflow");
    for (const name of CHECK_JOBS) {
      const entry = byName.get(name);
      assert.ok(entry);
      assert.equal(entry.filters, undefined, `${name} must run on every branch`);
      const script = jobScript(entry.job);
      for (const needle of ["npm ci", "npm run lint", "npm run typecheck", "npm test", "npm run check"]) {
        assert.ok(script.includes(needle), `checks job does not run "${needle}"`);
      }
      assert.match(script, /npm run check[^"]*origin\/main/, "npm run check must compare against main");
      for (const stack of ["dev", "prod"]) {
        assert.ok(script.includes(`npm run plan -- --stack ${stack}`), `no offline plan for ${stack}`);
      }
      assert.match(
        script,
        /\{\{ checksum \\"package-lock.json\\" \}\}/,
        "npm cache not keyed on package-lock",
      );
    }
  });

  for (const stack of stacks()) {
    describe(`stack ${stack}`, () => {
      const previews = ALL.filter((i) => i.job === "preview" && i.params.stack === stack);
      const deploys = ALL.filter((i) => i.job === "deploy" && i.params.stack === stack);

      it("is previewed with `pulumi preview --diff` on branches other than main, after the checks", () => {
        assert.equal(previews.length, 1, `expected one preview of ${stack}`);
        const [p] = previews;
        assert.ok(skipsMain(p.filters), `${p.name} must ignore main and run on every other branch`);
        for (const c of CHECK_JOBS) assert.ok(allRequired(p.name).has(c), `${p.name} must require ${c}`);
        assert.match(jobScript(p.job), /pulumi preview --diff[^"]*--stack << parameters.stack >>/);
      });

      it("is deployed with `pulumi up --yes` on main only, after the checks", () => {
        assert.equal(deploys.length, 1, `expected one deploy of ${stack}`);
        const [d] = deploys;
        assert.ok(runsOnMainOnly(d.filters), `${d.name} must run on main only`);
        for (const c of CHECK_JOBS) assert.ok(allRequired(d.name).has(c), `${d.name} must require ${c}`);
        assert.match(jobScript(d.job), /pulumi up --yes[^"]*--stack << parameters.stack >>/);
      });

      it("gets AWS credentials from the OIDC token and a context of its own", () => {
        for (const i of [...previews, ...deploys]) {
          assert.equal(i.context.length, 1, `${i.name} needs exactly one context`);
          assert.ok(
            i.context[0].includes(`-${stack}-`),
            `${i.name}'s context ${i.context[0]} is not ${stack}'s`,
          );
          const script = jobScript(i.job);
          assert.ok(script.includes("CIRCLE_OIDC_TOKEN_V2"), `${i.name} does not use the OIDC token`);
          assert.ok(
            script.includes("AWS_WEB_IDENTITY_TOKEN_FILE"),
            `${i.name} does not hand the token to AWS`,
          );
        }
        const contexts = new Set([...previews, ...deploys].map((i) => i.context[0]));
        assert.equal(
          contexts.size,
          2,
          "preview and deploy of a stack use different contexts (different roles)",
        );
      });
    });
  }

  it("deploys prod only after dev succeeded", () => {
    const prod = ALL.find((i) => i.job === "deploy" && i.params.stack === "prod");
    const dev = ALL.find((i) => i.job === "deploy" && i.params.stack === "dev");
    assert.ok(prod && dev);
    assert.ok(allRequired(prod.name).has(dev.name), `${prod.name} must require ${dev.name}`);
    assert.ok(!allRequired(dev.name).has(prod.name));
  });

  it("runs no deploy (pulumi up) outside the deploy jobs, and no job runs pulumi destroy", () => {
    for (const [name] of Object.entries(config.jobs)) {
      const script = jobScript(name);
      assert.ok(!/pulumi (destroy|stack rm)/.test(script), `${name} destroys`);
      if (name !== "deploy") assert.ok(!/pulumi up\b/.test(script), `${name} runs pulumi up`);
    }
  });

  it("sets no AWS key variables and contains nothing that looks like an access key", () => {
    for (const forbidden of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]) {
      assert.ok(!CONFIG_TEXT.includes(forbidden), `config mentions ${forbidden}`);
    }
    assert.doesNotMatch(CONFIG_TEXT, /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, "an AWS access key id is in the config");
    assert.doesNotMatch(CONFIG_TEXT, /aws_secret_access_key|aws-access-key-id/i);
  });

  it("pins Node to the project's engines major and pins the Pulumi CLI and any orb", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      engines: { node: string };
    };
    const major = /(\d+)/.exec(pkg.engines.node)?.[1];
    assert.ok(major, "package.json has no engines.node");
    const images = Object.values(config.executors ?? {}).flatMap((e) => (e.docker ?? []).map((d) => d.image));
    assert.ok(images.length > 0);
    for (const image of images) {
      assert.match(
        image,
        new RegExp(`^cimg/node:${major}\\.\\d+\\.\\d+$`),
        `${image} is not a pinned Node ${major}`,
      );
    }
    const pulumiVersion = Object.values(config.executors ?? {})
      .map((e) => e.environment?.PULUMI_VERSION)
      .find((v) => v !== undefined);
    assert.match(String(pulumiVersion), /^\d+\.\d+\.\d+$/, "PULUMI_VERSION is not pinned");
    assert.ok(
      CONFIG_TEXT.includes('--version "${PULUMI_VERSION}"'),
      "the CLI install ignores PULUMI_VERSION",
    );
    for (const [orb, ref] of Object.entries(config.orbs ?? {})) {
      assert.match(ref, /@\d+\.\d+\.\d+$/, `orb ${orb} is not pinned to an exact version`);
    }
  });
});
