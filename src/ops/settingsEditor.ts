import { replaceJsonStrings } from "../loader/jsonLocations";
import { SETTINGS_FILE } from "../loader/projectFiles";

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
  return replaceJsonStrings(
    text,
    edits.flatMap((edit) => [
      { path: ["supported_ubuntu_versions", edit.ubuntuVersion, "base_ami"], value: edit.baseAmi },
      {
        path: ["supported_ubuntu_versions", edit.ubuntuVersion, "recipe_version"],
        value: edit.recipeVersion,
      },
    ]),
    SETTINGS_FILE,
  );
}
