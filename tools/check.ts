// npm run check: see src/guard/cli.ts and docs/version-guard.md.
import { checkCommand } from "../src/guard/cli";

process.exitCode = checkCommand(process.argv.slice(2));
