import { strict as assert } from "node:assert";
import { readProjectFilesAtRevision } from "../../src/guard/gitSnapshot";
import { readProjectFiles } from "../../src/loader/projectFiles";
import { FixtureRepo, component } from "./fixtureRepo";

describe("readProjectFilesAtRevision", () => {
  it("reads a revision exactly as readProjectFiles reads its checkout, multi-byte text included", () => {
    const repo = FixtureRepo.create();
    try {
      repo.write("components/24.04/unicode.yml", component("unicode", "1.0.0", "echo 'café ✓ 🚀'"));
      repo.write("components/24.04/nested/deeper.yml", "a: 1\n");
      repo.write("components/24.04/empty.yml", "");
      repo.write("README.md", "not a project input\n");
      repo.commit("more files");
      const atHead = readProjectFilesAtRevision(repo.root, repo.git("rev-parse", "HEAD").trim());
      const onDisk = readProjectFiles(repo.root);
      assert.equal(atHead.settings, onDisk.settings);
      assert.deepEqual([...atHead.components.entries()], [...onDisk.components.entries()]);
      assert.ok(atHead.components.get("components/24.04/unicode.yml")!.includes("café ✓ 🚀"));

      // The previous commit: without the new files.
      const before = readProjectFilesAtRevision(repo.root, repo.git("rev-parse", "HEAD~1").trim());
      assert.equal(before.components.size, 4);
    } finally {
      repo.dispose();
    }
  });

  it("reads a revision without settings.json or components/", () => {
    const repo = FixtureRepo.create();
    try {
      repo.git("rm", "-q", "-r", "settings.json", "components");
      repo.commit("empty");
      const files = readProjectFilesAtRevision(repo.root, "HEAD");
      assert.equal(files.settings, undefined);
      assert.equal(files.components.size, 0);
    } finally {
      repo.dispose();
    }
  });
});
