import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CliIo } from "../../src/guard/cli";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

const GIT_IDENTITY = [
  "-c",
  "user.name=Guard Test",
  "-c",
  "user.email=guard@example.com",
  "-c",
  "commit.gpgsign=false",
];

/** An Ubuntu 24.04 and a 22.04 recipe, one AWS-managed component, one shared-only component. */
export const FIXTURE_FILES: Readonly<Record<string, string>> = {
  "Pulumi.yaml": "name: fixture\nruntime:\n  name: nodejs\n",
  "Pulumi.dev.yaml": 'config:\n  aws:region: eu-west-2\n  aws:allowedAccountIds:\n    - "111122223333"\n',
  "settings.json": `{
  "supported_ubuntu_versions": {
    "22.04": {
      "base_ami": "ami-0a94a70b8a1454a4b",
      "recipe_version": "2.1.0",
      "components": [{ "name": "update-os", "file": "update-os.yml" }]
    },
    "24.04": {
      "base_ami": "ami-0f9535ce5ed4a1e3d",
      "recipe_version": "1.0.0",
      "components": [
        { "name": "update-os", "file": "update-os.yml" },
        { "name": "common-packages", "file": "common-packages.yml" },
        { "name": "cloudwatch-agent", "arn": "arn:aws:imagebuilder:eu-west-2:aws:component/amazon-cloudwatch-agent-linux/x.x.x" }
      ],
      "shared_components": [{ "name": "application-user", "file": "application-user.yml" }]
    }
  }
}
`,
  "components/22.04/update-os.yml": component("update-os", "1.4.0", "apt-get update && apt-get -y upgrade"),
  "components/24.04/update-os.yml": component("update-os", "1.0.2", "apt-get update && apt-get -y upgrade"),
  "components/24.04/common-packages.yml": component(
    "common-packages",
    '"2.0.0" # quoted on purpose',
    "apt-get install -y curl jq",
  ),
  "components/24.04/application-user.yml": component("application-user", "0.3.1", "useradd --system app"),
};

/** A small valid AWSTOE document with comments, as people write them. */
export function component(name: string, version: string, command: string): string {
  return `# ${name}: maintained by the platform team.
name: ${name}
description: Fixture component ${name}
schemaVersion: 1.0
component_version: ${version}

phases:
  - name: build
    steps:
      # The one step.
      - name: Run
        action: ExecuteBash
        inputs:
          commands:
            - ${command}
`;
}

let template: string | undefined;

/** A git repository in a temporary folder: main holds the fixture in one commit. */
export class FixtureRepo {
  private constructor(readonly root: string) {}

  /** Copies a template repository made once per process: cheaper than git init per test. */
  static create(): FixtureRepo {
    if (template === undefined) {
      template = fs.mkdtempSync(path.join(os.tmpdir(), "guard-template-"));
      const repo = new FixtureRepo(template);
      repo.git("init", "-q", "-b", "main");
      for (const [file, text] of Object.entries(FIXTURE_FILES)) repo.write(file, text);
      repo.commit("fixture");
      process.on("exit", () => fs.rmSync(template!, { recursive: true, force: true }));
    }
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "guard-repo-"));
    fs.cpSync(template, root, { recursive: true });
    return new FixtureRepo(root);
  }

  /** Wraps an existing folder, e.g. a clone. */
  static at(root: string): FixtureRepo {
    return new FixtureRepo(root);
  }

  git(...args: string[]): string {
    return execFileSync("git", [...GIT_IDENTITY, ...args], {
      cwd: this.root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  }

  commit(message: string): void {
    this.git("add", "-A");
    this.git("commit", "-q", "--allow-empty", "-m", message);
  }

  path(file: string): string {
    return path.join(this.root, file);
  }

  read(file: string): string {
    return fs.readFileSync(this.path(file), "utf8");
  }

  write(file: string, text: string): void {
    fs.mkdirSync(path.dirname(this.path(file)), { recursive: true });
    fs.writeFileSync(this.path(file), text);
  }

  /** Replaces one exact substring, failing loudly when it is not there (a broken fixture edit). */
  replace(file: string, from: string, to: string): void {
    const text = this.read(file);
    if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
    this.write(file, text.replace(from, to));
  }

  editSettings(edit: (settings: SettingsJson) => void): void {
    const settings = JSON.parse(this.read("settings.json")) as SettingsJson;
    edit(settings);
    this.write("settings.json", `${JSON.stringify(settings, null, 2)}\n`);
  }

  remove(file: string): void {
    fs.rmSync(this.path(file));
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

export interface SettingsJson {
  supported_ubuntu_versions: Record<
    string,
    {
      base_ami: string;
      recipe_version: string;
      components: { name: string; file?: string; arn?: string }[];
      shared_components?: { name: string; file: string }[];
      root_volume_size?: number;
    }
  >;
}

/** Captures a command's output in-process. */
export function captureIo(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { cwd, out, err, stdout: (l) => out.push(l), stderr: (l) => err.push(l) };
}

export interface ToolRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node scripts/run-tool.js <tool>` of this checkout as a subprocess, with `cwd` as the user's folder. */
export function runTool(tool: string, args: readonly string[], cwd: string): ToolRun {
  const env = { ...process.env };
  delete env.INIT_CWD;
  delete env.npm_lifecycle_event;
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, "scripts", "run-tool.js"), tool, ...args], {
    cwd,
    env,
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Compiles dist/ once if sources changed, so the first subprocess test does not pay for tsc. */
export function ensureToolsBuilt(): void {
  const r = runTool("check", ["--help"], REPO_ROOT);
  if (r.status !== 0) throw new Error(`building the tools failed:\n${r.stderr}`);
}
