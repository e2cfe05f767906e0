/**
 * The AWSTOE action modules, as the AWSTOE user guide ("Action modules supported by AWSTOE
 * component manager") documents them: platforms, the shape of `inputs`, each input key's type
 * and whether it is required, documented outputs, and per-module restrictions on step fields.
 */

export type Platform = "Linux" | "Windows" | "macOS";

/**
 * - `string`: any YAML scalar (AWSTOE reads scalars into string fields; `permissions: 755` works).
 * - `stringList`: a list of scalars.
 * - `boolean` / `integer`: that type, or a string holding only a `{{ }}` reference.
 * - `map`: a mapping of scalars (InstallMSI `properties`).
 * - `nameValueList`: a list of `{name, value}` mappings (ExecuteDocument `parameters`).
 * - `scalarOrList`: a scalar or a list of scalars (SetRegistry `value`).
 */
export type InputValueType =
  "string" | "stringList" | "boolean" | "integer" | "map" | "nameValueList" | "scalarOrList";

export interface InputKeySpec {
  readonly type: InputValueType;
  readonly required?: boolean;
  /** Documented acceptable values, compared case-insensitively. */
  readonly allowed?: readonly string[];
}

/**
 * - `object`: `inputs` is one mapping.
 * - `list`: `inputs` is a list of mappings, one operation each.
 * - `condition`: `inputs` is one comparison or logical operator expression (Assert).
 */
export type InputsShape = "object" | "list" | "condition";

export interface ActionModule {
  readonly name: string;
  readonly platforms: readonly Platform[];
  readonly inputs: InputsShape;
  /** The step may leave out `inputs` (every input key is optional). */
  readonly inputsOptional?: boolean;
  readonly keys: Readonly<Record<string, InputKeySpec>>;
  /** Exactly one of these keys must be given (ExecutePowerShell: `commands` or `file`). */
  readonly exactlyOneOf?: readonly string[];
  /** Output fields that `{{ phase.step.outputs.x }}` may name; undefined when not documented. */
  readonly outputs?: readonly string[];
  /** Step fields the module fixes: any other value is rejected. */
  readonly fixedStepFields?: Readonly<{ timeoutSeconds?: number; maxAttempts?: number }>;
  /** Step fields the module does not support at all. */
  readonly unsupportedStepFields?: readonly ("timeoutSeconds" | "maxAttempts")[];
}

const ALL: readonly Platform[] = ["Linux", "Windows", "macOS"];
const NOT_WINDOWS: readonly Platform[] = ["Linux", "macOS"];
const WINDOWS: readonly Platform[] = ["Windows"];

const ENCODINGS = [
  "utf8",
  "utf-8",
  "utf16",
  "utf-16",
  "utf16-LE",
  "utf-16-LE",
  "utf16-BE",
  "utf-16-BE",
  "utf32",
  "utf-32",
  "utf32-LE",
  "utf-32-LE",
  "utf32-BE",
  "utf-32-BE",
] as const;

const path: InputKeySpec = { type: "string", required: true };
const source: InputKeySpec = { type: "string", required: true };
const destination: InputKeySpec = { type: "string", required: true };
const optionalString: InputKeySpec = { type: "string" };
const optionalBoolean: InputKeySpec = { type: "boolean" };
const encoding: InputKeySpec = { type: "string", allowed: ENCODINGS };

const MSI_KEYS: Readonly<Record<string, InputKeySpec>> = {
  path,
  reboot: { type: "string", allowed: ["Allow", "Force", "Skip"] },
  logOptions: optionalString,
  logFile: optionalString,
  properties: { type: "map" },
  ignoreAuthenticodeSignatureErrors: optionalBoolean,
  allowUnsignedInstaller: optionalBoolean,
};

const copyOrMove = (name: string): ActionModule => ({
  name,
  platforms: ALL,
  inputs: "list",
  keys: { source, destination, overwrite: optionalBoolean },
  outputs: [],
});

const MODULES: readonly ActionModule[] = [
  // General execution
  { name: "Assert", platforms: ALL, inputs: "condition", keys: {} },
  {
    name: "ExecuteBash",
    platforms: NOT_WINDOWS,
    inputs: "object",
    keys: { commands: { type: "stringList", required: true } },
    outputs: ["stdout"],
  },
  {
    name: "ExecuteBinary",
    platforms: ALL,
    inputs: "object",
    keys: { path, arguments: { type: "stringList" } },
    outputs: ["stdout"],
  },
  {
    name: "ExecuteDocument",
    platforms: ALL,
    inputs: "object",
    keys: {
      document: { type: "string", required: true },
      "document-s3-bucket-owner": optionalString,
      phases: optionalString,
      parameters: { type: "nameValueList" },
    },
    fixedStepFields: { timeoutSeconds: -1, maxAttempts: 1 },
  },
  {
    name: "ExecutePowerShell",
    platforms: WINDOWS,
    inputs: "object",
    keys: { commands: { type: "stringList" }, file: optionalString },
    exactlyOneOf: ["commands", "file"],
    outputs: ["stdout"],
  },
  // File download and upload
  {
    name: "S3Download",
    platforms: ALL,
    inputs: "list",
    keys: { source, destination, expectedBucketOwner: optionalString, overwrite: optionalBoolean },
    outputs: [],
  },
  {
    name: "S3Upload",
    platforms: ALL,
    inputs: "list",
    // `recurse` is documented as a String defaulting to "false"; true/false are accepted as well.
    keys: { source, destination, recurse: { type: "boolean" }, expectedBucketOwner: optionalString },
    outputs: [],
  },
  {
    name: "WebDownload",
    platforms: ALL,
    inputs: "list",
    keys: {
      source,
      destination,
      overwrite: optionalBoolean,
      checksum: optionalString,
      algorithm: { type: "string", allowed: ["MD5", "SHA1", "SHA256", "SHA512"] },
      ignoreCertificateErrors: optionalBoolean,
    },
    outputs: ["destination"],
  },
  // File system operations
  {
    name: "AppendFile",
    platforms: ALL,
    inputs: "list",
    keys: { path, content: optionalString, encoding },
    outputs: [],
  },
  copyOrMove("CopyFile"),
  copyOrMove("CopyFolder"),
  {
    name: "CreateFile",
    platforms: ALL,
    inputs: "list",
    keys: {
      path,
      content: optionalString,
      encoding,
      owner: optionalString,
      group: optionalString,
      permissions: optionalString,
      overwrite: optionalBoolean,
    },
    outputs: [],
  },
  {
    name: "CreateFolder",
    platforms: ALL,
    inputs: "list",
    keys: {
      path,
      owner: optionalString,
      group: optionalString,
      permissions: optionalString,
      overwrite: optionalBoolean,
    },
    outputs: [],
  },
  {
    name: "CreateSymlink",
    platforms: NOT_WINDOWS,
    inputs: "list",
    keys: { path, target: { type: "string", required: true }, force: optionalBoolean },
    outputs: [],
  },
  { name: "DeleteFile", platforms: ALL, inputs: "list", keys: { path }, outputs: [] },
  {
    name: "DeleteFolder",
    platforms: ALL,
    inputs: "list",
    keys: { path, force: optionalBoolean },
    outputs: [],
  },
  {
    name: "ListFiles",
    platforms: ALL,
    inputs: "list",
    keys: { path, fileNamePattern: optionalString, recursive: optionalBoolean },
    outputs: ["files"],
  },
  copyOrMove("MoveFile"),
  copyOrMove("MoveFolder"),
  {
    name: "ReadFile",
    platforms: ALL,
    inputs: "list",
    keys: { path, encoding, printFileContent: optionalBoolean },
    outputs: ["content"],
  },
  { name: "SetFileEncoding", platforms: ALL, inputs: "list", keys: { path, encoding }, outputs: [] },
  {
    name: "SetFileOwner",
    platforms: NOT_WINDOWS,
    inputs: "list",
    keys: { path, owner: { type: "string", required: true }, group: optionalString },
    outputs: [],
  },
  {
    name: "SetFolderOwner",
    platforms: NOT_WINDOWS,
    inputs: "list",
    keys: {
      path,
      owner: { type: "string", required: true },
      group: optionalString,
      recursive: optionalBoolean,
    },
    outputs: [],
  },
  {
    name: "SetFilePermissions",
    platforms: NOT_WINDOWS,
    inputs: "list",
    keys: { path, permissions: { type: "string", required: true } },
    outputs: [],
  },
  {
    name: "SetFolderPermissions",
    platforms: NOT_WINDOWS,
    inputs: "list",
    keys: { path, permissions: { type: "string", required: true }, recursive: optionalBoolean },
    outputs: [],
  },
  // Software installation
  {
    name: "InstallMSI",
    platforms: WINDOWS,
    inputs: "object",
    keys: MSI_KEYS,
    outputs: ["logFile", "msiExitCode", "stdout"],
  },
  {
    name: "UninstallMSI",
    platforms: WINDOWS,
    inputs: "object",
    keys: MSI_KEYS,
    outputs: ["logFile", "msiExitCode", "stdout"],
  },
  // System actions
  {
    name: "Reboot",
    platforms: ALL,
    inputs: "object",
    inputsOptional: true,
    keys: { delaySeconds: { type: "integer" } },
    outputs: [],
    // "Step timeout is not supported for the Reboot action module."
    unsupportedStepFields: ["timeoutSeconds"],
  },
  {
    name: "SetRegistry",
    platforms: WINDOWS,
    inputs: "list",
    keys: {
      path,
      name: { type: "string", required: true },
      value: { type: "scalarOrList", required: true },
      type: {
        type: "string",
        required: true,
        allowed: ["BINARY", "DWORD", "QWORD", "SZ", "EXPAND_SZ", "MULTI_SZ"],
      },
    },
    outputs: [],
  },
  {
    name: "UpdateOS",
    platforms: ["Linux", "Windows"],
    inputs: "object",
    inputsOptional: true,
    keys: { include: { type: "stringList" }, exclude: { type: "stringList" } },
    outputs: [],
  },
];

export const ACTION_MODULES: ReadonlyMap<string, ActionModule> = new Map(MODULES.map((m) => [m.name, m]));

export const ACTION_MODULE_NAMES: readonly string[] = MODULES.map((m) => m.name);

export function actionModule(name: unknown): ActionModule | undefined {
  return typeof name === "string" ? ACTION_MODULES.get(name) : undefined;
}
