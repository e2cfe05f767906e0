import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { buildProject } from "../../src/loader/buildProject";
import { readProjectFiles } from "../../src/loader/projectFiles";
import { ENDPOINT_ENV } from "../../src/ops/awsClients";
import { main } from "../../tools/commands/updateBaseAmis";
import {
  FakeHandler,
  RecordedRequest,
  ssmError,
  startFakeAws,
  useFakeAwsEnvironment,
} from "./support/fakeAws";
import {
  CURRENT_2204,
  CURRENT_2404,
  PARAM_2204,
  PARAM_2404,
  SETTINGS_TEXT,
  getParametersResponse,
} from "./support/fixtures";
import { REPO_ROOT, withFakeAwsProject } from "./support/tempProject";

const NEW_2404 = "ami-0123456789abcdef0";

describe("update-base-amis", () => {
  const project = withFakeAwsProject(SETTINGS_TEXT);

  async function run(argv: string[], handler: FakeHandler, settingsText?: string) {
    if (settingsText !== undefined) fs.writeFileSync(path.join(project.root, "settings.json"), settingsText);
    project.fake = await startFakeAws(handler);
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, {
      root: project.root,
      env: { ...process.env, [ENDPOINT_ENV]: project.fake.endpoint },
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    return {
      code,
      out,
      err,
      requests: project.fake.requests,
      settings: fs.readFileSync(path.join(project.root, "settings.json"), "utf8"),
    };
  }

  const answer =
    (values: Record<string, string>, invalid: string[] = []): FakeHandler =>
    (req) => {
      assert.equal(req.operation, "GetParameters", `unexpected operation ${req.operation}`);
      return { body: getParametersResponse(values, invalid) };
    };

  function assertOneGetParameters(requests: RecordedRequest[], names: string[]) {
    assert.equal(requests.length, 1, "one GetParameters call for every version");
    const [req] = requests;
    assert.equal(req.method, "POST");
    assert.equal(req.path, "/");
    assert.equal(req.headers["x-amz-target"], "AmazonSSM.GetParameters");
    assert.match(String(req.headers["content-type"]), /application\/x-amz-json-1\.1/);
    // Signed for SSM in the stack's region with the (project.fake) credentials from the default chain.
    assert.match(
      String(req.headers.authorization),
      /Credential=AKIAFAKEFORTESTS0000\/\d{8}\/eu-west-2\/ssm\/aws4_request/,
    );
    assert.deepEqual(req.body, { Names: names });
  }

  it("leaves settings.json byte for byte as it was when Canonical's AMIs are the pinned ones", async () => {
    const r = await run(
      ["--stack", "dev"],
      answer({ [PARAM_2204]: CURRENT_2204, [PARAM_2404]: CURRENT_2404 }),
    );
    assert.equal(r.code, 0, r.err.join("\n"));
    assert.equal(r.settings, SETTINGS_TEXT);
    assertOneGetParameters(r.requests, [PARAM_2204, PARAM_2404]);
    assert.deepEqual(r.out, [
      `22.04: base_ami ${CURRENT_2204} is the newest Canonical AMI, unchanged`,
      `24.04: base_ami ${CURRENT_2404} is the newest Canonical AMI, unchanged`,
      "settings.json: up to date (Canonical AMIs in eu-west-2)",
    ]);
  });

  it("writes the new base_ami and a patch-bumped recipe_version of the version that moved, nothing else", async () => {
    const r = await run(["--stack", "dev"], answer({ [PARAM_2204]: CURRENT_2204, [PARAM_2404]: NEW_2404 }));
    assert.equal(r.code, 0, r.err.join("\n"));
    const expected = SETTINGS_TEXT.replace(CURRENT_2404, NEW_2404).replace(
      /("24\.04": \{\n {6}"base_ami": "[^"]+",\n {6}"recipe_version": )"1\.0\.0"/,
      '$1"1.0.1"',
    );
    assert.notEqual(expected, SETTINGS_TEXT);
    assert.equal(r.settings, expected);
    const parsed = JSON.parse(r.settings);
    assert.equal(parsed.supported_ubuntu_versions["22.04"].recipe_version, "1.0.0");
    assert.equal(parsed.supported_ubuntu_versions["24.04"].recipe_version, "1.0.1");
    assert.deepEqual(r.out, [
      `22.04: base_ami ${CURRENT_2204} is the newest Canonical AMI, unchanged`,
      `24.04: updated base_ami ${CURRENT_2404} -> ${NEW_2404}, recipe_version 1.0.0 -> 1.0.1`,
      "settings.json: updated",
    ]);
    assert.deepEqual(
      fs.readdirSync(project.root).filter((f) => f.endsWith(".tmp")),
      [],
      "no temporary file left behind",
    );
  });

  it("--dry-run prints the same summary and writes nothing", async () => {
    const r = await run(
      ["--stack", "dev", "--dry-run"],
      answer({ [PARAM_2204]: CURRENT_2204, [PARAM_2404]: NEW_2404 }),
    );
    assert.equal(r.code, 0, r.err.join("\n"));
    assert.equal(r.settings, SETTINGS_TEXT);
    assert.deepEqual(r.out.slice(1), [
      `24.04: would update base_ami ${CURRENT_2404} -> ${NEW_2404}, recipe_version 1.0.0 -> 1.0.1`,
      "settings.json: not written (--dry-run)",
    ]);
  });

  it("exits 1 naming the missing parameter, with settings.json untouched", async () => {
    const r = await run(["--stack", "dev"], answer({ [PARAM_2404]: NEW_2404 }, [PARAM_2204]));
    assert.equal(r.code, 1);
    assert.equal(r.settings, SETTINGS_TEXT);
    assert.deepEqual(r.out, []);
    assert.match(
      r.err[0],
      /parameter missing in eu-west-2: \/aws\/service\/canonical\/ubuntu\/server\/22\.04\//,
    );
    assert.equal(r.err[1], "settings.json was not changed.");
  });

  it("exits 1 with a clear message when SSM denies access, with settings.json untouched", async () => {
    const r = await run(["--stack", "dev"], () =>
      ssmError(
        "AccessDeniedException",
        "User: arn:aws:sts::111122223333:assumed-role/ci/x is not authorized to perform: ssm:GetParameters",
      ),
    );
    assert.equal(r.code, 1);
    assert.equal(r.settings, SETTINGS_TEXT);
    assert.equal(r.requests.length, 1, "an access denial is not retried");
    assert.match(
      r.err[0],
      /SSM GetParameters in eu-west-2: access denied \(AccessDeniedException\): User: .* not authorized/,
    );
  });

  it("exits 1 without calling AWS when there are no credentials", async () => {
    project.restoreEnv();
    project.restoreEnv = useFakeAwsEnvironment("none");
    const r = await run(["--stack", "dev"], answer({}));
    assert.equal(r.code, 1);
    assert.equal(r.requests.length, 0);
    assert.equal(r.settings, SETTINGS_TEXT);
    assert.match(r.err[0], /no AWS credentials found/);
  });

  it("only looks up versions whose base_ami is a pinned AMI id", async () => {
    const settings = SETTINGS_TEXT.replace(
      CURRENT_2204,
      "ssm:/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id",
    );
    const r = await run(["--stack", "dev"], answer({ [PARAM_2404]: NEW_2404 }), settings);
    assert.equal(r.code, 0, r.err.join("\n"));
    assertOneGetParameters(r.requests, [PARAM_2404]);
    assert.match(
      r.out[0],
      /^22\.04: base_ami ssm:.* is resolved at build time, not pinned; nothing to update$/,
    );
    assert.equal(JSON.parse(r.settings).supported_ubuntu_versions["24.04"].base_ami, NEW_2404);
  });

  it("refuses a pinned Ubuntu version it knows no Canonical parameter for, before calling AWS", async () => {
    const settings = SETTINGS_TEXT.replace('"22.04"', '"26.04"');
    const r = await run(["--stack", "dev"], answer({}), settings);
    assert.equal(r.code, 1);
    assert.equal(r.requests.length, 0);
    assert.match(r.err[0], /no Canonical SSM parameter is known for Ubuntu 26\.04/);
  });

  it("rejects an AMI parameter value that is not an AMI id", async () => {
    const r = await run(
      ["--stack", "dev"],
      answer({ [PARAM_2204]: CURRENT_2204, [PARAM_2404]: "not-an-ami" }),
    );
    assert.equal(r.code, 1);
    assert.equal(r.settings, SETTINGS_TEXT);
    assert.match(r.err[0], /holds "not-an-ami", which is not an AMI id/);
  });

  it("uses the region all stacks share when --stack is not given, and refuses when they differ", async () => {
    const same = await run([], answer({ [PARAM_2204]: CURRENT_2204, [PARAM_2404]: CURRENT_2404 }));
    assert.equal(same.code, 0, same.err.join("\n"));
    await project.fake?.close();
    fs.writeFileSync(
      path.join(project.root, "Pulumi.prod.yaml"),
      'config:\n  aws:region: us-east-1\n  aws:allowedAccountIds:\n    - "777788889999"\n',
    );
    const differ = await run([], answer({}));
    assert.equal(differ.code, 1);
    assert.equal(differ.requests.length, 0);
    assert.match(
      differ.err[0],
      /stacks deploy to different regions \(dev: eu-west-2, prod: us-east-1\).*pass --stack/,
    );
  });

  it("reports an unknown stack and bad arguments", async () => {
    const unknown = await run(["--stack", "staging"], answer({}));
    assert.equal(unknown.code, 1);
    assert.match(unknown.err[0], /Pulumi\.staging\.yaml: config\/missing: no such stack file/);
    await project.fake?.close();
    const bad = await run(["--stak", "dev"], answer({}));
    assert.equal(bad.code, 2);
  });

  it("leaves this repository's settings.json and components a valid project with the new parent and recipe version", async () => {
    const real = fs.readFileSync(path.join(REPO_ROOT, "settings.json"), "utf8");
    fs.cpSync(path.join(REPO_ROOT, "components"), path.join(project.root, "components"), { recursive: true });
    const pinned = JSON.parse(real).supported_ubuntu_versions as Record<
      string,
      { base_ami: string; recipe_version: string }
    >;
    const r = await run(
      ["--stack", "prod"],
      answer({ [PARAM_2204]: pinned["22.04"].base_ami, [PARAM_2404]: NEW_2404 }),
      real,
    );
    assert.equal(r.code, 0, r.err.join("\n"));
    const built = buildProject(readProjectFiles(project.root), { region: "eu-west-2" });
    assert.deepEqual(
      built.problems.filter((p) => p.severity === "error"),
      [],
    );
    const image = built.project?.images.find((i) => i.ubuntuVersion === "24.04");
    assert.equal(image?.parentImage, NEW_2404);
    assert.notEqual(image?.recipeVersion, pinned["24.04"].recipe_version);
  });
});
