// npm run start-build -- --stack <stack> --ubuntu <version> [--wait] [--token <key>]
//
// Starts the base-image pipeline of one Ubuntu version (StartImagePipelineExecution with a deterministic
// client token, so a retry never starts a second build) and, with --wait, follows the image until it is
// AVAILABLE (AMI ids per region, vulnerability scan findings) or FAILED (exit 1). docs/operations.md.
import { main } from "./commands/startBuild";
import { runCommand } from "./commands/runCommand";

runCommand("start-build", main);
