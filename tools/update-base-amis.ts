// npm run update-base-amis -- [--stack <stack>] [--dry-run]
//
// Looks up the newest Canonical Ubuntu AMI of every pinned Ubuntu version in settings.json (Canonical's
// public SSM parameters, in the stack's region) and, where it moved, writes the new base_ami and a
// patch-bumped recipe_version, changing nothing else in the file. Exit 0 whether or not anything
// changed; exit 1, with settings.json untouched, on any error. docs/operations.md describes it.
import { main } from "./commands/updateBaseAmis";
import { runCommand } from "./commands/runCommand";

runCommand("update-base-amis", main);
