import { z } from "zod";
import { versionProblem } from "../imagebuilder/version";

const version = z.string().superRefine((value, ctx) => {
  const bad = versionProblem(value);
  if (bad) ctx.addIssue({ code: z.ZodIssueCode.custom, message: bad });
});

/** A recipe entry: one of this project's documents (`file`) or an AWS-managed component (`arn`). */
const componentEntry = z
  .object({
    name: z.string().min(1, "must not be empty"),
    file: z.string().min(1, "must not be empty").optional(),
    arn: z.string().min(1, "must not be empty").optional(),
  })
  .strict()
  .superRefine((entry, ctx) => {
    if ((entry.file === undefined) === (entry.arn === undefined)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `component "${entry.name}" needs exactly one of "file" (a document in components/<version>/) or "arn" (an AWS-managed component)`,
      });
    }
  });

/** Built and shared, never part of the base recipe: only our own documents make sense here. */
const sharedEntry = z
  .object({ name: z.string().min(1, "must not be empty"), file: z.string().min(1, "must not be empty") })
  .strict();

const ubuntuVersionSettings = z
  .object({
    base_ami: z.string().min(1, "must not be empty"),
    recipe_version: version,
    components: z.array(componentEntry).min(1, "a recipe needs at least one component"),
    shared_components: z.array(sharedEntry).optional(),
    /** Root volume size in GiB; the CDK app used the parent image's default. */
    root_volume_size: z.number().int().min(8).max(16384).optional(),
  })
  .strict();

/** settings.json: the CDK app's format, with optional extensions. */
export const settingsSchema = z
  .object({
    supported_ubuntu_versions: z
      .record(
        z.string().regex(/^\d{2}\.\d{2}$/, 'Ubuntu versions are written "YY.MM", e.g. "24.04"'),
        ubuntuVersionSettings,
      )
      .refine((versions) => Object.keys(versions).length > 0, "lists no Ubuntu version"),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;
export type UbuntuVersionSettings = z.infer<typeof ubuntuVersionSettings>;
export type ComponentEntry = z.infer<typeof componentEntry>;
