import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

export interface SyntheticSize {
  readonly ubuntuVersions: number;
  readonly componentsPerVersion: number;
}

/** `24.04` alone, or `10.04`, `11.04`, ... for more (settings only require `YY.MM`). */
export function syntheticUbuntuVersions(count: number): string[] {
  return count === 1 ? ["24.04"] : Array.from({ length: count }, (_, i) => `${10 + i}.04`);
}

function hex(seed: string, length: number): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

/** A valid AWSTOE document of typical size (about 1 KB): build and validate phases. */
export function syntheticDocument(name: string, ubuntu: string): string {
  return `# Synthetic benchmark component ${name} for Ubuntu ${ubuntu}.
component_version: 1.0.0
name: ${name}
description: Installs and checks ${name} on Ubuntu ${ubuntu} (benchmark data).
schemaVersion: 1.0
constants:
  - PackageName:
      type: string
      value: ${name}
phases:
  - name: build
    steps:
      - name: Install
        action: ExecuteBash
        timeoutSeconds: 900
        inputs:
          commands:
            - |
              set -euo pipefail
              export DEBIAN_FRONTEND=noninteractive
              apt-get update -q
              apt-get install -y -q --no-install-recommends curl ca-certificates
              echo "installed {{ PackageName }}"
      - name: Configure
        action: CreateFile
        inputs:
          - path: /etc/${name}.conf
            content: |
              # managed by dc-image-builder
              enabled = true
            overwrite: true
  - name: validate
    steps:
      - name: Check
        action: ExecuteBash
        inputs:
          commands:
            - test -f /etc/${name}.conf
`;
}

/**
 * Writes settings.json and components/ for a synthetic project: `ubuntuVersions` versions with
 * `componentsPerVersion` documents each, all in the base recipe. Returns the number of documents.
 */
export function writeSyntheticRepo(dir: string, size: SyntheticSize): number {
  const versions: Record<string, unknown> = {};
  let count = 0;
  for (const ubuntu of syntheticUbuntuVersions(size.ubuntuVersions)) {
    const folder = path.join(dir, "components", ubuntu);
    fs.mkdirSync(folder, { recursive: true });
    const components = [];
    for (let i = 1; i <= size.componentsPerVersion; i++) {
      const name = `component-${String(i).padStart(3, "0")}`;
      fs.writeFileSync(path.join(folder, `${name}.yml`), syntheticDocument(name, ubuntu));
      components.push({ name, file: `${name}.yml` });
      count++;
    }
    versions[ubuntu] = { base_ami: `ami-${hex(ubuntu, 17)}`, recipe_version: "1.0.0", components };
  }
  fs.writeFileSync(
    path.join(dir, "settings.json"),
    `${JSON.stringify({ supported_ubuntu_versions: versions }, null, 2)}\n`,
  );
  return count;
}
