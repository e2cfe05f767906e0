// npm run validate: see src/guard/cli.ts and docs/version-guard.md.
import { validateCommand } from "../src/guard/cli";

process.exitCode = validateCommand(process.argv.slice(2));
