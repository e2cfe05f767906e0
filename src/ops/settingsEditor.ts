import { isDeepStrictEqual } from "node:util";
import { locateAt, locateJson } from "./jsonLocations";

/** New values for one Ubuntu version's entry in settings.json. */
export interface UbuntuVersionEdit {
  readonly ubuntuVersion: string;
  readonly baseAmi: string;
  readonly recipeVersion: string;
}

/**
 * Rewrites only the `base_ami` and `recipe_version` string values of the given Ubuntu versions in
 * settings.json text; every other character stays as it was, so the diff a reviewer sees is exactly
 * the values that changed. Throws (and returns nothing) when an entry or value is missing or is not a
 * string, or when the result would differ from the input in anything but those values.
 */
export function editSettingsText(text: string, edits: readonly UbuntuVersionEdit[]): string {
  const root = locateJson(text);
  const replacements: { start: number; end: number; value: string }[] = [];
  for (const edit of edits) {
    for (const [key, value] of [
      ["base_ami", edit.baseAmi],
      ["recipe_version", edit.recipeVersion],
    ] as const) {
      const at = locateAt(root, ["supported_ubuntu_versions", edit.ubuntuVersion, key]);
      if (at === undefined) {
        throw new Error(`settings.json: supported_ubuntu_versions["${edit.ubuntuVersion}"].${key} not found`);
      }
      if (at.kind !== "scalar" || typeof at.value !== "string") {
        throw new Error(
          `settings.json: supported_ubuntu_versions["${edit.ubuntuVersion}"].${key} is not a string`,
        );
      }
      replacements.push({ start: at.start, end: at.end, value: JSON.stringify(value) });
    }
  }
  let result = text;
  for (const r of [...replacements].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, r.start) + r.value + result.slice(r.end);
  }

  // The edit must mean exactly what was asked: same document, only these values changed.
  const expected = JSON.parse(text) as { supported_ubuntu_versions: Record<string, Record<string, unknown>> };
  for (const edit of edits) {
    expected.supported_ubuntu_versions[edit.ubuntuVersion].base_ami = edit.baseAmi;
    expected.supported_ubuntu_versions[edit.ubuntuVersion].recipe_version = edit.recipeVersion;
  }
  if (!isDeepStrictEqual(JSON.parse(result), expected)) {
    throw new Error("settings.json: the edit changed more than base_ami and recipe_version; nothing written");
  }
  return result;
}
