// npm run bump: see src/guard/cli.ts and docs/version-guard.md.
import { bumpCommand } from "../src/guard/cli";

process.exitCode = bumpCommand(process.argv.slice(2));
