import { strict as assert } from "node:assert";
import { ACTION_MODULE_NAMES } from "../../src/awstoe/actionModules";
import { validateAwstoeDocument } from "../../src/awstoe/validateAwstoeDocument";
import { parseYamlWithLines } from "../../src/documents/yamlWithLines";
import { formatProblem, type Problem } from "../../src/validation/problem";

const FILE = "components/test.yml";
const MARK = "# <-";

function validate(text: string): Problem[] {
  const parsed = parseYamlWithLines(text);
  return validateAwstoeDocument(parsed.value, { file: FILE, lineOf: parsed.lineOf });
}

function errors(text: string): Problem[] {
  return validate(text).filter((p) => p.severity === "error");
}

/** The 1-based line carrying the `# <-` marker. */
function markedLine(text: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(MARK));
  assert.ok(index >= 0, "test document has no marker");
  return index + 1;
}

/** A one-phase document whose steps are given as YAML at step indentation (6 spaces). */
function buildDoc(steps: string, head = ""): string {
  return (
    `name: TestDocument\ndescription: A test document\nschemaVersion: 1.0\n${head}` +
    `phases:\n  - name: build\n    steps:\n${indent(steps, 6)}`
  );
}

function indent(text: string, spaces: number): string {
  const pad = " ".repeat(spaces);
  return text
    .replace(/^\n/, "")
    .split("\n")
    .map((line) => (line.trim() === "" ? line : pad + line))
    .join("\n");
}

interface InvalidCase {
  readonly title: string;
  readonly text: string;
  readonly rule: string;
  /** Text the message must contain: the offending value, quoted. */
  readonly quote: string;
}

const BASH = `action: ExecuteBash\ninputs:\n  commands:\n    - echo hi`;

const INVALID: readonly InvalidCase[] = [
  {
    title: "unsupported schemaVersion",
    text: `name: X\nschemaVersion: 2.0 ${MARK}\nphases:\n  - name: build\n    steps:\n      - name: S\n        ${BASH.replace(/\n/g, "\n        ")}\n`,
    rule: "awstoe/schema-version",
    quote: "schemaVersion 2",
  },
  {
    title: "missing schemaVersion",
    text: `name: X ${MARK}\nphases:\n  - name: build\n    steps:\n      - name: S\n        ${BASH.replace(/\n/g, "\n        ")}\n`,
    rule: "awstoe/schema-version",
    quote: "schemaVersion is required",
  },
  {
    title: "project key left in the document",
    text: buildDoc(`- name: S\n${indent(BASH, 2)}`, `component_version: 1.0.0 ${MARK}\n`),
    rule: "awstoe/unknown-top-level-key",
    quote: '"component_version"',
  },
  {
    title: "misspelt top-level key",
    text: buildDoc(`- name: S\n${indent(BASH, 2)}`, `constant: [] ${MARK}\n`),
    rule: "awstoe/unknown-top-level-key",
    quote: '"constant" is not an AWSTOE document key (did you mean "constants"?)',
  },
  {
    title: "name that is not a string",
    text: `name: [a] ${MARK}\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: S\n        ${BASH.replace(/\n/g, "\n        ")}\n`,
    rule: "awstoe/top-level-type",
    quote: "document name must be a string",
  },
  {
    title: "phases as a mapping",
    text: `schemaVersion: 1.0\nphases: ${MARK}\n  build: {}\n`,
    rule: "awstoe/phases",
    quote: "got a mapping",
  },
  {
    title: "phase without steps",
    text: `schemaVersion: 1.0\nphases:\n  - name: build ${MARK}\n`,
    rule: "awstoe/phases",
    quote: 'phase "build" needs steps',
  },
  {
    title: "duplicate phase",
    text:
      `schemaVersion: 1.0\nphases:\n  - name: build\n    steps: []\n` +
      `  - name: build ${MARK}\n    steps: []\n`,
    rule: "awstoe/duplicate-phase",
    quote: 'phase "build"',
  },
  {
    title: "no build, validate or test phase",
    text: `schemaVersion: 1.0\nphases: ${MARK}\n  - name: biuld\n    steps: []\n`,
    rule: "awstoe/no-standard-phase",
    quote: '"biuld" (did you mean "build"?)',
  },
  {
    title: "step that is not a mapping",
    // Scalars in a list carry no line of their own: the list's line is reported.
    text: `schemaVersion: 1.0\nphases:\n  - name: build\n    steps: ${MARK}\n      - ExecuteBash\n`,
    rule: "awstoe/step",
    quote: '"ExecuteBash"',
  },
  {
    title: "step without a name",
    text: buildDoc(`- action: Reboot ${MARK}`),
    rule: "awstoe/step-name",
    quote: "needs a name",
  },
  {
    title: "duplicate step name in a phase",
    text: buildDoc(`- name: Same\n${indent(BASH, 2)}\n- name: Same ${MARK}\n${indent(BASH, 2)}`),
    rule: "awstoe/duplicate-step",
    quote: 'step name "Same"',
  },
  {
    title: "misspelt action",
    text: buildDoc(`- name: Install\n  action: ExecBash ${MARK}\n  inputs:\n    commands: [echo hi]`),
    rule: "awstoe/unknown-action",
    quote:
      'step "Install" in phase "build": action "ExecBash" is not an AWSTOE action module (did you mean "ExecuteBash"?)',
  },
  {
    title: "step without an action",
    text: buildDoc(`- name: Install ${MARK}\n  inputs:\n    commands: [echo hi]`),
    rule: "awstoe/unknown-action",
    quote: 'step "Install" in phase "build" needs an action',
  },
  {
    title: "misspelt step field",
    text: buildDoc(`- name: S\n  onfailure: Abort ${MARK}\n${indent(BASH, 2)}`),
    rule: "awstoe/unknown-step-key",
    quote: '"onfailure" is not a step field (did you mean "onFailure"?)',
  },
  {
    title: "list action given a mapping",
    text: buildDoc(
      `- name: Script\n  action: CreateFile\n  inputs: ${MARK}\n    path: /tmp/x\n    content: hi`,
    ),
    rule: "awstoe/inputs-shape",
    quote: 'action "CreateFile" takes inputs as a list of mappings',
  },
  {
    title: "object action given a list",
    text: buildDoc(`- name: S\n  action: ExecuteBash\n  inputs: ${MARK}\n    - commands: [echo hi]`),
    rule: "awstoe/inputs-shape",
    quote: 'action "ExecuteBash" takes inputs as a mapping, got a list',
  },
  {
    title: "ExecuteBash without commands",
    text: buildDoc(`- name: S\n  action: ExecuteBash\n  inputs: ${MARK}\n    command: [echo hi]`),
    rule: "awstoe/missing-input",
    quote: 'action "ExecuteBash" needs input "commands"',
  },
  {
    title: "ExecuteBash without inputs",
    text: buildDoc(`- name: S ${MARK}\n  action: ExecuteBash`),
    rule: "awstoe/missing-input",
    quote: 'action "ExecuteBash" needs inputs ("commands")',
  },
  {
    title: "CreateFile item without path",
    text: buildDoc(`- name: S\n  action: CreateFile\n  inputs:\n    - content: hi ${MARK}`),
    rule: "awstoe/missing-input",
    quote: 'action "CreateFile" needs input "path"',
  },
  {
    title: "commands as a string",
    text: buildDoc(`- name: S\n  action: ExecuteBash\n  inputs:\n    commands: echo hi ${MARK}`),
    rule: "awstoe/input-type",
    quote: 'input "commands" of action "ExecuteBash" must be a list of strings, got "echo hi"',
  },
  {
    title: "boolean input that is not a boolean",
    text: buildDoc(
      `- name: S\n  action: CreateFile\n  inputs:\n    - path: /tmp/x\n      overwrite: maybe ${MARK}`,
    ),
    rule: "awstoe/input-type",
    quote: 'input "overwrite" of action "CreateFile" must be true or false, got "maybe"',
  },
  {
    title: "boolean input given as a list",
    text: buildDoc(
      `- name: S\n  action: DeleteFolder\n  inputs:\n    - path: /tmp/x\n      force: [true] ${MARK}`,
    ),
    rule: "awstoe/input-type",
    quote: 'input "force" of action "DeleteFolder" must be true or false, got a list',
  },
  {
    title: "undocumented checksum algorithm",
    text: buildDoc(
      `- name: S\n  action: WebDownload\n  inputs:\n    - source: https://example.com/x\n      destination: /tmp/x\n      checksum: abc\n      algorithm: CRC32 ${MARK}`,
    ),
    rule: "awstoe/input-value",
    quote: '"CRC32"',
  },
  {
    title: "ExecutePowerShell with commands and file",
    text: buildDoc(
      `- name: S\n  action: ExecutePowerShell\n  inputs: ${MARK}\n    commands: [Write-Host hi]\n    file: C:\\x.ps1`,
    ),
    rule: "awstoe/input-value",
    quote: '"commands" or "file", got both',
  },
  {
    title: "onFailure with an unknown value",
    text: buildDoc(`- name: S\n  onFailure: Retry ${MARK}\n${indent(BASH, 2)}`),
    rule: "awstoe/on-failure",
    quote: 'onFailure "Retry"',
  },
  {
    title: "timeoutSeconds 0",
    text: buildDoc(`- name: S\n  timeoutSeconds: 0 ${MARK}\n${indent(BASH, 2)}`),
    rule: "awstoe/timeout-seconds",
    quote: "timeoutSeconds 0",
  },
  {
    title: "negative timeoutSeconds other than -1",
    text: buildDoc(`- name: S\n  timeoutSeconds: -2 ${MARK}\n${indent(BASH, 2)}`),
    rule: "awstoe/timeout-seconds",
    quote: "timeoutSeconds -2",
  },
  {
    title: "timeoutSeconds on Reboot",
    text: buildDoc(`- name: Restart\n  action: Reboot\n  timeoutSeconds: 300 ${MARK}`),
    rule: "awstoe/timeout-seconds",
    quote: 'action "Reboot" does not support timeoutSeconds',
  },
  {
    title: "timeoutSeconds on ExecuteDocument",
    text: buildDoc(
      `- name: Nested\n  action: ExecuteDocument\n  timeoutSeconds: 60 ${MARK}\n  inputs:\n    document: other.yml`,
    ),
    rule: "awstoe/timeout-seconds",
    quote: "only allows timeoutSeconds -1, got 60",
  },
  {
    title: "maxAttempts 0",
    text: buildDoc(`- name: S\n  maxAttempts: 0 ${MARK}\n${indent(BASH, 2)}`),
    rule: "awstoe/max-attempts",
    quote: "maxAttempts 0",
  },
  {
    title: "maxAttempts on ExecuteDocument",
    text: buildDoc(
      `- name: Nested\n  action: ExecuteDocument\n  maxAttempts: 3 ${MARK}\n  inputs:\n    document: other.yml`,
    ),
    rule: "awstoe/max-attempts",
    quote: "only allows maxAttempts 1, got 3",
  },
  {
    title: "for loop with updateBy 0",
    text: buildDoc(
      `- name: S\n  loop:\n    for:\n      start: 1\n      end: 3\n      updateBy: 0 ${MARK}\n${indent(BASH, 2)}`,
    ),
    rule: "awstoe/loop",
    quote: "updateBy must not be 0",
  },
  {
    title: "for loop that never ends",
    text: buildDoc(
      `- name: S\n  loop:\n    for:\n      start: 1\n      end: 10\n      updateBy: -1 ${MARK}\n${indent(BASH, 2)}`,
    ),
    rule: "awstoe/loop",
    quote: "from 1 to 10 by -1",
  },
  {
    title: "for loop start from a reference",
    text: buildDoc(
      `- name: S\n  loop:\n    for:\n      start: "{{ First }}" ${MARK}\n      end: 10\n      updateBy: 1\n${indent(BASH, 2)}`,
    ),
    rule: "awstoe/loop",
    quote: '"{{ First }}"',
  },
  {
    title: "loop with both for and forEach",
    text: buildDoc(
      `- name: S\n  loop: ${MARK}\n    for: {start: 1, end: 2, updateBy: 1}\n    forEach: [a]\n${indent(BASH, 2)}`,
    ),
    rule: "awstoe/loop",
    quote: "found both",
  },
  {
    title: "forEach delimiter of two characters",
    text: buildDoc(
      `- name: S\n  loop:\n    forEach:\n      list: a||b\n      delimiter: "||" ${MARK}\n${indent(BASH, 2)}`,
    ),
    rule: "awstoe/loop",
    quote: 'delimiter "||"',
  },
  {
    title: "loop name used twice in a phase",
    text: buildDoc(
      `- name: A\n  loop:\n    name: hosts\n    forEach: [a]\n${indent(BASH, 2)}\n` +
        `- name: B\n  loop:\n    name: hosts ${MARK}\n    forEach: [b]\n${indent(BASH, 2)}`,
    ),
    rule: "awstoe/loop",
    quote: 'loop name "hosts" is already used by step "A"',
  },
  {
    title: "if with two operators",
    text: buildDoc(
      `- name: S\n  if: ${MARK}\n    binaryExists: apt-get\n    fileExists: /etc/os-release\n${indent(BASH, 2)}`,
    ),
    rule: "awstoe/if",
    quote: '"binaryExists", "fileExists"',
  },
  {
    title: "if with a misspelt operator",
    text: buildDoc(`- name: S\n  if: ${MARK}\n    binaryExist: apt-get\n${indent(BASH, 2)}`),
    rule: "awstoe/if",
    quote: '"binaryExist" is not an operator (did you mean "binaryExists"?)',
  },
  {
    title: "if then with an unknown step action",
    text: buildDoc(`- name: S\n  if:\n    binaryExists: apt-get\n    then: Run ${MARK}\n${indent(BASH, 2)}`),
    rule: "awstoe/if",
    quote: 'then "Run" must be one of Abort, Execute, Skip',
  },
  {
    title: "if comparison without value",
    text: buildDoc(`- name: S\n  if: ${MARK}\n    stringEquals: ubuntu\n${indent(BASH, 2)}`),
    rule: "awstoe/if",
    quote: '"stringEquals" needs a "value"',
  },
  {
    title: "if nested deeper than four logical levels",
    text: buildDoc(
      // Reported on the innermost allowed level, whose operand nests too deep.
      `- name: S\n  if:\n    not:\n      not:\n        not:\n          not: ${MARK}\n            not:\n              binaryExists: apt-get\n${indent(BASH, 2)}`,
    ),
    rule: "awstoe/if",
    quote: 'logical operator "not" is nested deeper than 4 levels',
  },
  {
    title: "Assert with an unknown operator",
    text: buildDoc(
      `- name: Check\n  action: Assert\n  inputs: ${MARK}\n    stringEqual: "1"\n    value: "1"`,
    ),
    rule: "awstoe/assert",
    quote: '"stringEqual" is not an operator (did you mean "stringEquals"?)',
  },
  {
    title: "reference to an undeclared parameter",
    text: buildDoc(
      `- name: S\n  action: ExecuteBash\n  inputs:\n    commands: ${MARK}\n      - "echo {{ Sourc }}"`,
      `parameters:\n  - Source:\n      type: string\n`,
    ),
    rule: "awstoe/undefined-variable",
    quote: 'reference "{{ Sourc }}" does not name a declared parameter or constant (did you mean "Source"?)',
  },
  {
    title: "loop variable member that does not exist",
    text: buildDoc(
      `- name: S\n  loop:\n    forEach: [a]\n  action: ExecuteBash\n  inputs:\n    commands: ${MARK}\n      - "echo {{ loop.item }}"`,
    ),
    rule: "awstoe/undefined-variable",
    quote: '"{{ loop.item }}"',
  },
  {
    title: "another step's named loop",
    text: buildDoc(
      `- name: A\n  loop:\n    name: hosts\n    forEach: [a]\n${indent(BASH, 2)}\n` +
        `- name: B\n  action: ExecuteBash\n  inputs:\n    commands: ${MARK}\n      - "echo {{ hosts.value }}"`,
    ),
    rule: "awstoe/undefined-variable",
    quote: 'refers to the loop of step "A"',
  },
  {
    title: "chaining to a later step",
    text: buildDoc(
      `- name: A\n  action: ExecuteBash\n  inputs:\n    commands: ${MARK}\n      - "echo {{ build.B.outputs.stdout }}"\n` +
        `- name: B\n${indent(BASH, 2)}`,
    ),
    rule: "awstoe/undefined-variable",
    quote: '"{{ build.B.outputs.stdout }}" refers to step "B" in phase "build", which does not run earlier',
  },
  {
    title: "chaining to a phase that does not exist",
    text: buildDoc(
      `- name: A\n  action: ExecuteBash\n  inputs:\n    commands: ${MARK}\n      - "echo {{ biuld.X.outputs.stdout }}"`,
    ),
    rule: "awstoe/undefined-variable",
    quote: 'names phase "biuld", which is not in this document (did you mean "build"?)',
  },
  {
    title: "chaining to a step that does not exist",
    text: buildDoc(
      `- name: Version\n${indent(BASH, 2)}\n- name: A\n  action: ExecuteBash\n  inputs:\n    commands: ${MARK}\n      - "echo {{ build.Versoin.outputs.stdout }}"`,
    ),
    rule: "awstoe/undefined-variable",
    quote: 'names step "Versoin", which is not in phase "build" (did you mean "Version"?)',
  },
  {
    title: "chaining to an output the action does not have",
    text: buildDoc(
      `- name: Get\n  action: WebDownload\n  inputs:\n    - source: https://example.com/x\n      destination: /tmp/x\n` +
        `- name: A\n  action: ExecuteBash\n  inputs:\n    commands: ${MARK}\n      - "cat {{ build.Get.outputs.stdout }}"`,
    ),
    rule: "awstoe/undefined-variable",
    quote: 'names output "stdout", which action "WebDownload" does not have',
  },
  {
    title: "chaining from the build stage into the test stage",
    text:
      `schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Version\n` +
      `        action: ExecuteBash\n        inputs:\n          commands: [echo 1]\n  - name: test\n    steps:\n` +
      `      - name: Check\n        action: ExecuteBash\n        inputs:\n          commands: ${MARK}\n` +
      `            - "echo {{ build.Version.outputs.stdout }}"\n`,
    rule: "awstoe/undefined-variable",
    quote: '"{{ build.Version.outputs.stdout }}" chains from the build stage into the test stage',
  },
  {
    title: "parameters as a mapping",
    text: buildDoc(`- name: S\n${indent(BASH, 2)}`, `parameters: ${MARK}\n  Source:\n    type: string\n`),
    rule: "awstoe/parameters",
    quote: "got a mapping",
  },
  {
    title: "parameter of an unsupported type",
    text: buildDoc(`- name: S\n${indent(BASH, 2)}`, `parameters:\n  - Count:\n      type: integer ${MARK}\n`),
    rule: "awstoe/parameters",
    quote: 'parameter "Count" has type "integer"',
  },
  {
    title: "parameter name too short",
    text: buildDoc(`- name: S\n${indent(BASH, 2)}`, `parameters:\n  - ab: ${MARK}\n      type: string\n`),
    rule: "awstoe/variable-name",
    quote: 'parameter name "ab"',
  },
  {
    title: "constant without a value",
    text: buildDoc(`- name: S\n${indent(BASH, 2)}`, `constants:\n  - Region: ${MARK}\n      type: string\n`),
    rule: "awstoe/constants",
    quote: 'constant "Region" needs "value"',
  },
  {
    title: "constant with the name of a parameter",
    text: buildDoc(
      `- name: S\n${indent(BASH, 2)}`,
      `parameters:\n  - Region:\n      type: string\nconstants:\n  - Region: ${MARK}\n      type: string\n      value: eu-west-1\n`,
    ),
    rule: "awstoe/duplicate-variable",
    quote: 'constant "Region" is already declared as a parameter',
  },
];

/** One valid step per action module, in the shape the AWSTOE user guide documents. */
const MODULE_STEPS: Readonly<Record<string, string>> = {
  Assert: `action: Assert\ninputs:\n  stringEquals: "22.04"\n  value: "{{ build.Version.outputs.stdout }}"`,
  ExecuteBash: `action: ExecuteBash\ninputs:\n  commands:\n    - |\n      set -euo pipefail\n      echo hello`,
  ExecuteBinary: `action: ExecuteBinary\ninputs:\n  path: /usr/bin/env\n  arguments:\n    - "true"`,
  ExecuteDocument: `action: ExecuteDocument\ntimeoutSeconds: -1\nmaxAttempts: 1\ninputs:\n  document: s3://bucket/other.yml\n  document-s3-bucket-owner: 123456789012\n  phases: build,validate\n  parameters:\n    - name: parameter-1\n      value: value-1`,
  ExecutePowerShell: `action: ExecutePowerShell\ninputs:\n  file: C:\\scripts\\setup.ps1`,
  S3Download: `action: S3Download\nmaxAttempts: 3\ninputs:\n  - source: s3://bucket/path/*\n    destination: /tmp/downloads/\n    expectedBucketOwner: 123456789012\n    overwrite: false`,
  S3Upload: `action: S3Upload\ninputs:\n  - source: /var/log/*\n    destination: s3://bucket/logs/\n    recurse: true`,
  WebDownload: `action: WebDownload\ninputs:\n  - source: https://example.com/tool.zip\n    destination: /tmp/tool.zip\n    checksum: ac68bbf921d953d1cfab916cb6120864\n    algorithm: MD5\n    overwrite: true`,
  AppendFile: `action: AppendFile\ninputs:\n  - path: /etc/environment\n    content: "FOO=bar"\n    encoding: UTF-8`,
  CopyFile: `action: CopyFile\ninputs:\n  - source: /etc/hosts\n    destination: /tmp/`,
  CopyFolder: `action: CopyFolder\ninputs:\n  - source: /etc/skel\n    destination: /tmp/skel\n    overwrite: false`,
  CreateFile: `action: CreateFile\ninputs:\n  - path: /tmp/a.txt\n    content: hello\n    owner: root\n    group: root\n    permissions: 0644\n  - path: /tmp/b.txt\n    permissions: 755`,
  CreateFolder: `action: CreateFolder\ninputs:\n  - path: /opt/app/\n    permissions: "0755"`,
  CreateSymlink: `action: CreateSymlink\ninputs:\n  - path: /usr/local/bin/tool\n    target: /opt/tool/bin/tool\n    force: true`,
  DeleteFile: `action: DeleteFile\ninputs:\n  - path: /tmp/*.log`,
  DeleteFolder: `action: DeleteFolder\ninputs:\n  - path: /tmp/build/\n    force: true`,
  ListFiles: `action: ListFiles\ninputs:\n  - path: /var/log/\n    fileNamePattern: "*log"\n    recursive: true`,
  MoveFile: `action: MoveFile\ninputs:\n  - source: /tmp/a.txt\n    destination: /tmp/b.txt`,
  MoveFolder: `action: MoveFolder\ninputs:\n  - source: /tmp/a\n    destination: /tmp/b/`,
  ReadFile: `action: ReadFile\ninputs:\n  - path: /etc/os-release\n    printFileContent: true`,
  SetFileEncoding: `action: SetFileEncoding\ninputs:\n  - path: /tmp/a.txt\n    encoding: utf-16`,
  SetFileOwner: `action: SetFileOwner\ninputs:\n  - path: /tmp/a.txt\n    owner: root`,
  SetFolderOwner: `action: SetFolderOwner\ninputs:\n  - path: /opt/app/\n    owner: root\n    group: root\n    recursive: false`,
  SetFilePermissions: `action: SetFilePermissions\ninputs:\n  - path: /usr/local/bin/tool\n    permissions: "0755"`,
  SetFolderPermissions: `action: SetFolderPermissions\ninputs:\n  - path: /opt/app/\n    permissions: 0777\n    recursive: false`,
  InstallMSI: `action: InstallMSI\ninputs:\n  path: https://example.com/sample.msi\n  logFile: C:\\msilogs\\install.log\n  logOptions: "*VX"\n  reboot: Allow\n  properties:\n    COMPANYNAME: '"Example"'\n  ignoreAuthenticodeSignatureErrors: false\n  allowUnsignedInstaller: true`,
  UninstallMSI: `action: UninstallMSI\ninputs:\n  path: C:\\sample.msi\n  reboot: Skip`,
  Reboot: `action: Reboot\nonFailure: Abort\nmaxAttempts: 2\ninputs:\n  delaySeconds: 60`,
  SetRegistry: `action: SetRegistry\ninputs:\n  - path: HKLM:\\SOFTWARE\\MySoftware\n    name: Version\n    value: 1.1\n    type: DWORD`,
  UpdateOS: `action: UpdateOS\nonFailure: Abort\nmaxAttempts: 3\ninputs:\n  exclude:\n    - ec2-hibinit-agent`,
};

const VERSION_STEP = `- name: Version\n  action: ExecuteBash\n  inputs:\n    commands: ["lsb_release -rs"]`;

const VALID: readonly { readonly title: string; readonly text: string }[] = [
  ...Object.entries(MODULE_STEPS).map(([module, step]) => ({
    title: `action module ${module}`,
    text: buildDoc(`${VERSION_STEP}\n- name: Use${module}\n${indent(step, 2)}`),
  })),
  {
    title: "schemaVersion as the string 1.0, no name or description",
    text: `schemaVersion: "1.0"\nphases:\n  - name: test\n    steps:\n      - name: T\n        action: UpdateOS\n`,
  },
  {
    title: "UpdateOS and Reboot without inputs, extra custom phase",
    text:
      `schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Update\n        action: UpdateOS\n` +
      `      - name: Restart\n        action: Reboot\n  - name: custom-phase\n    steps: []\n`,
  },
  {
    title: "parameters, constants and their references",
    text: buildDoc(
      `- name: Download\n  action: WebDownload\n  inputs:\n    - source: "{{ Source }}"\n      destination: "/tmp/{{ FileName }}"\n      overwrite: "{{ Overwrite }}"`,
      `parameters:\n  - Source:\n      type: string\n      default: https://example.com/x.zip\n      description: Where to download from.\n` +
        `  - Overwrite:\n      type: string\n      default: "true"\nconstants:\n  - FileName:\n      type: string\n      value: x.zip\n`,
    ),
  },
  {
    title: "for loop, counting down",
    text: buildDoc(
      `- name: Count\n  loop:\n    name: countdown\n    for:\n      start: 10\n      end: 0\n      updateBy: -2\n  action: ExecuteBash\n  inputs:\n    commands: ["echo {{ countdown.value }} {{ loop.index }}"]`,
    ),
  },
  {
    title: "forEach over a list and over a delimited parameter",
    text: buildDoc(
      `- name: Scripts\n  loop:\n    name: BatchExecLoop\n    forEach:\n      - /tmp/script1.sh\n      - /tmp/script2.sh\n  action: ExecuteBash\n  inputs:\n    commands:\n      - echo "Count {{ BatchExecLoop.index }}"\n      - bash "{{ loop.value }}"\n` +
        `- name: Ping\n  loop:\n    forEach:\n      list: "{{ Hosts }}"\n      delimiter: ","\n  action: ExecuteBash\n  inputs:\n    commands: ["ping -c 1 {{ loop.value }}"]\n` +
        `- name: Install\n  loop:\n    forEach:\n      list: "{{ build.Scripts.outputs.stdout }}"\n      delimiter: "\\n"\n  action: ExecuteBinary\n  inputs:\n    path: "{{ loop.value }}"`,
      `parameters:\n  - Hosts:\n      type: string\n      default: 127.0.0.1,localhost\n`,
    ),
  },
  {
    title: "if with logical operators, then and else",
    text: buildDoc(
      `- name: InstallUnzip\n  action: ExecuteBash\n  if:\n    and:\n      - binaryExists: apt-get\n      - not:\n          binaryExists: unzip\n  inputs:\n    commands: ["apt-get install -y unzip"]\n` +
        `- name: Gate\n  action: ExecuteBash\n  if:\n    stringEquals: "22.04"\n    value: "{{ build.InstallUnzip.outputs.stdout }}"\n    then: Execute\n    else: Skip\n  inputs:\n    commands: ["echo ok"]\n` +
        `- name: Hash\n  action: ExecuteBash\n  if:\n    or:\n      - fileSHA256Equals: abc\n        path: /tmp/x\n      - fileMD5Equals: abc\n        value: /tmp/x\n      - numberGreaterThanEquals: 2\n        value: "3"\n  inputs:\n    commands: ["echo ok"]`,
    ),
  },
  {
    title: "chaining to inputs of an earlier step and to an earlier phase",
    text:
      `schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Download\n        action: S3Download\n` +
      `        inputs:\n          - source: s3://bucket/app\n            destination: /tmp/app\n` +
      `      - name: Enable\n        action: ExecuteBash\n        onFailure: Continue\n        timeoutSeconds: -1\n` +
      `        inputs:\n          commands: ["chmod u+x {{ build.Download.inputs[0].destination }}"]\n` +
      `  - name: validate\n    steps:\n      - name: Run\n        action: ExecuteBinary\n        onFailure: Ignore\n` +
      `        timeoutSeconds: 600\n        inputs:\n          path: "{{ build.Download.inputs[0].destination }}"\n`,
  },
  {
    title: "Go template braces in a shell command are not references",
    text: buildDoc(
      `- name: Docker\n  action: ExecuteBash\n  inputs:\n    commands: ["docker ps --format '{{.Names}}'"]`,
    ),
  },
  {
    title: "Go template expressions with spaces in a shell command are not references",
    text: buildDoc(
      `- name: Docker\n  action: ExecuteBash\n  inputs:\n    commands: ["docker inspect --format '{{json .State}} {{ index .Config.Labels \\"app\\" }}' x"]`,
    ),
  },
];

describe("validateAwstoeDocument", () => {
  describe("rejects a document that breaks one rule", () => {
    for (const c of INVALID) {
      it(`${c.rule}: ${c.title}`, () => {
        const found = errors(c.text);
        assert.equal(found.length, 1, `expected one problem, got:\n${found.map(formatProblem).join("\n")}`);
        const [p] = found;
        assert.equal(p.rule, c.rule, formatProblem(p));
        assert.equal(p.file, FILE);
        assert.equal(p.line, markedLine(c.text), formatProblem(p));
        assert.ok(p.message.includes(c.quote), `message should include ${c.quote}: ${p.message}`);
      });
    }
  });

  describe("accepts a valid document", () => {
    for (const c of VALID) {
      it(c.title, () => {
        assert.deepEqual(validate(c.text).map(formatProblem), []);
      });
    }
  });

  it("has a valid example for every action module in the table", () => {
    assert.deepEqual(
      ACTION_MODULE_NAMES.filter((m) => !(m in MODULE_STEPS)),
      [],
    );
  });

  it("reports every problem at once", () => {
    const text = buildDoc(
      `- name: A\n  action: ExecBash\n  onFailure: Retry\n  timeoutSeconds: 0\n- name: A\n  action: CreateFile\n  inputs:\n    path: /tmp/x`,
    );
    assert.deepEqual(
      errors(text)
        .map((p) => p.rule)
        .sort(),
      [
        "awstoe/duplicate-step",
        "awstoe/inputs-shape",
        "awstoe/on-failure",
        "awstoe/timeout-seconds",
        "awstoe/unknown-action",
      ],
    );
  });

  it("notes an undocumented input key without failing", () => {
    const problems = validate(
      buildDoc(`- name: S\n  action: CreateFile\n  inputs:\n    - path: /tmp/x\n      overwite: false`),
    );
    assert.equal(problems.length, 1);
    assert.equal(problems[0].severity, "note");
    assert.equal(problems[0].rule, "awstoe/unknown-input");
    assert.ok(
      problems[0].message.includes(
        '"overwite" is not documented for action "CreateFile" (did you mean "overwrite"?)',
      ),
    );
  });

  it("rejects a document that is not a mapping", () => {
    const problems = validateAwstoeDocument("just text", { file: FILE, lineOf: () => 1 });
    assert.deepEqual(
      problems.map((p) => [p.rule, p.line]),
      [["awstoe/document", 1]],
    );
  });

  describe("platform", () => {
    const powershell = buildDoc(
      `- name: Hello\n  action: ExecutePowerShell # <-\n  inputs:\n    commands:\n      - Write-Host hello`,
    );
    const linux = (text: string) => {
      const parsed = parseYamlWithLines(text);
      return validateAwstoeDocument(parsed.value, { file: FILE, lineOf: parsed.lineOf, platform: "Linux" });
    };

    it("rejects a Windows-only action in a Linux component, naming where it runs", () => {
      assert.deepEqual(
        linux(powershell).map((p) => [p.rule, p.line, p.message]),
        [
          [
            "awstoe/platform",
            markedLine(powershell),
            'step "Hello" in phase "build": action "ExecutePowerShell" runs on Windows, not on Linux components',
          ],
        ],
      );
    });

    it("accepts actions of every platform when no platform is given, and Linux actions on Linux", () => {
      assert.deepEqual(errors(powershell), []);
      assert.deepEqual(
        linux(buildDoc(`- name: Hello\n  action: ExecuteBash\n  inputs:\n    commands:\n      - echo hi`)),
        [],
      );
    });
  });

  it("notes, but accepts, a loop variable in a step without a loop (AWSTOE leaves it unreplaced)", () => {
    const text = buildDoc(
      `- name: S\n  action: ExecuteBash\n  inputs:\n    commands: ${MARK}\n      - "echo {{ loop.value }}"`,
    );
    assert.deepEqual(errors(text), []);
    assert.deepEqual(
      validate(text).map((p) => [p.severity, p.rule, p.line, p.message]),
      [
        [
          "note",
          "awstoe/undefined-variable",
          markedLine(text),
          'step "S" in phase "build": reference "{{ loop.value }}" is a loop variable, but this step has no loop (AWSTOE leaves it unreplaced)',
        ],
      ],
    );
  });
});
