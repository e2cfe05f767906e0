import { StackConfig } from "../config/stackConfig";
import { listStacks, loadStackConfigFile } from "../loader/stackConfigFile";
import { formatProblem } from "../validation/problem";

export { listStacks } from "../loader/stackConfigFile";

/** A stack's validated config, as the program would see it; throws listing every problem. */
export function loadStackConfig(root: string, stack: string): StackConfig {
  const parsed = loadStackConfigFile(root, stack);
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join("\n"));
  return parsed.value;
}

/**
 * The region whose Canonical AMIs settings.json pins: that of `--stack`, or without it the one region
 * all stacks share (settings.json holds one base_ami per version for every stack, and an AMI id is
 * regional, so stacks in different regions cannot share a pinned id).
 */
export function baseAmiRegion(root: string, stack: string | undefined): { region: string; stacks: string[] } {
  if (stack !== undefined) return { region: loadStackConfig(root, stack).region, stacks: [stack] };
  const stacks = listStacks(root);
  if (stacks.length === 0) throw new Error("no Pulumi.<stack>.yaml at the repository root");
  const regions = new Map(stacks.map((s) => [s, loadStackConfig(root, s).region]));
  const distinct = [...new Set(regions.values())];
  if (distinct.length > 1) {
    throw new Error(
      `stacks deploy to different regions (${[...regions].map(([s, r]) => `${s}: ${r}`).join(", ")}), ` +
        `but settings.json pins one AMI id per Ubuntu version; pass --stack`,
    );
  }
  return { region: distinct[0], stacks };
}
