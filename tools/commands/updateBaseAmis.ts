// The update-base-amis command (tools/update-base-amis.ts runs it); docs/operations.md describes it.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { GetParametersCommand, SSMClient } from "@aws-sdk/client-ssm";
import { findProjectRoot } from "../../src/loader/projectRoot";
import { SETTINGS_FILE } from "../../src/loader/projectFiles";
import { createAwsClients, describeAwsError } from "../../src/ops/awsClients";
import { describePlanEntry, pinnedVersions, planBaseAmiUpdates, planEdits } from "../../src/ops/baseAmiPlan";
import { editSettingsText } from "../../src/ops/settingsEditor";
import { baseAmiRegion } from "../../src/ops/stackTarget";
import { settingsSchema } from "../../src/settings/settingsSchema";

const USAGE = "usage: npm run update-base-amis -- [--stack <stack>] [--dry-run]";

export interface UpdateBaseAmisDeps {
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly ssmClient: (region: string) => SSMClient;
}

/** Parameter value by name; names SSM does not know are reported together. */
async function getParameters(ssm: SSMClient, names: readonly string[]): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  const missing: string[] = [];
  for (let i = 0; i < names.length; i += 10) {
    const res = await ssm.send(new GetParametersCommand({ Names: names.slice(i, i + 10) }));
    for (const p of res.Parameters ?? [])
      if (p.Name !== undefined && p.Value !== undefined) values.set(p.Name, p.Value);
    missing.push(...(res.InvalidParameters ?? []));
  }
  if (missing.length > 0) throw new MissingParameters(missing);
  return values;
}

class MissingParameters extends Error {
  constructor(readonly names: readonly string[]) {
    super(`parameter missing: ${names.join(", ")}`);
  }
}

export async function main(argv: readonly string[], deps: Partial<UpdateBaseAmisDeps> = {}): Promise<number> {
  const env = deps.env ?? process.env;
  const out = deps.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = deps.err ?? ((l: string) => process.stderr.write(`${l}\n`));
  const fail = (message: string) => {
    err(`update-base-amis: ${message}`);
    err("settings.json was not changed.");
    return 1;
  };

  let args: { stack?: string; "dry-run"?: boolean; help?: boolean };
  try {
    args = parseArgs({
      args: [...argv],
      options: {
        stack: { type: "string" },
        "dry-run": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    err(`update-base-amis: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    out(USAGE);
    return 0;
  }
  const dryRun = args["dry-run"] === true;

  let root: string;
  let region: string;
  let text: string;
  let settings;
  try {
    root = deps.root ?? findProjectRoot(__dirname);
    ({ region } = baseAmiRegion(root, args.stack));
    text = fs.readFileSync(path.join(root, SETTINGS_FILE), "utf8");
    const parsed = settingsSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return fail(`${SETTINGS_FILE} is not valid (run "npm run check" for details)`);
    settings = parsed.data;
  } catch (e) {
    return fail((e as Error).message);
  }

  let pinned;
  try {
    pinned = pinnedVersions(settings);
  } catch (e) {
    return fail((e as Error).message);
  }

  let latest = new Map<string, string>();
  if (pinned.length > 0) {
    const ssm = (deps.ssmClient ?? ((r: string) => createAwsClients(r, env).ssm))(region);
    try {
      latest = await getParameters(
        ssm,
        pinned.map((p) => p.parameter),
      );
    } catch (e) {
      if (e instanceof MissingParameters) {
        return fail(
          `parameter missing in ${region}: ${e.names.join(", ")} (Canonical publishes no such parameter there)`,
        );
      }
      return fail(describeAwsError(`SSM GetParameters in ${region}`, e));
    } finally {
      ssm.destroy();
    }
  }

  let newText: string;
  let plan;
  try {
    plan = planBaseAmiUpdates(settings, latest);
    newText = editSettingsText(text, planEdits(plan));
    const check = settingsSchema.safeParse(JSON.parse(newText));
    if (!check.success) return fail(`the updated ${SETTINGS_FILE} would not be valid; nothing written`);
  } catch (e) {
    return fail((e as Error).message);
  }

  for (const entry of plan) out(describePlanEntry(entry, dryRun));
  const changed = newText !== text;
  if (!changed) {
    out(`${SETTINGS_FILE}: up to date (Canonical AMIs in ${region})`);
  } else if (dryRun) {
    out(`${SETTINGS_FILE}: not written (--dry-run)`);
  } else {
    const file = path.join(root, SETTINGS_FILE);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, newText);
    fs.renameSync(tmp, file);
    out(`${SETTINGS_FILE}: updated`);
  }
  return 0;
}
