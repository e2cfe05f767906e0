import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FakeAws, useFakeAwsEnvironment } from "./fakeAws";

export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

/**
 * A throwaway repository root for a command to read and write: Pulumi.yaml and the stack files of this
 * repository, and a settings.json (this repository's unless given).
 */
export function makeTempProject(settingsText?: string, stackFiles?: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dc-image-builder-ops-"));
  fs.copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  const stacks = stackFiles ?? {
    "Pulumi.dev.yaml": fs.readFileSync(path.join(REPO_ROOT, "Pulumi.dev.yaml"), "utf8"),
    "Pulumi.prod.yaml": fs.readFileSync(path.join(REPO_ROOT, "Pulumi.prod.yaml"), "utf8"),
  };
  for (const [name, text] of Object.entries(stacks)) fs.writeFileSync(path.join(dir, name), text);
  fs.writeFileSync(
    path.join(dir, "settings.json"),
    settingsText ?? fs.readFileSync(path.join(REPO_ROOT, "settings.json"), "utf8"),
  );
  return dir;
}

export function removeTempProject(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export interface FakeAwsProject {
  /** This test's temporary project. */
  root: string;
  /** The fake AWS server a test started, closed after it. */
  fake: FakeAws | undefined;
  /** Undoes this test's AWS environment; a test that sets up another one replaces it. */
  restoreEnv: () => void;
}

/**
 * Registers the hooks every command test needs: fake AWS credentials and no metadata probing, a fresh
 * temporary project per test, and the fake server and environment torn down afterwards.
 */
export function withFakeAwsProject(settingsText: string): FakeAwsProject {
  const project: FakeAwsProject = { root: "", fake: undefined, restoreEnv: () => undefined };
  beforeEach(() => {
    project.restoreEnv = useFakeAwsEnvironment();
    project.root = makeTempProject(settingsText);
  });
  afterEach(async () => {
    await project.fake?.close();
    project.fake = undefined;
    removeTempProject(project.root);
    project.restoreEnv();
  });
  return project;
}
