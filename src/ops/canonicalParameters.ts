/**
 * Canonical publishes the id of its newest Ubuntu Server AMI, per region, as public SSM parameters:
 * `/aws/service/canonical/ubuntu/server/<release>/stable/current/<arch>/hvm/<volume type>/ami-id`.
 * Which volume types exist depends on the release: 22.04 publishes `ebs-gp2`, 24.04 `ebs-gp3`.
 * A release missing from this table is an error, not a guess: add it here (with a test) when
 * settings.json gains a new Ubuntu version.
 */
export const CANONICAL_UBUNTU_RELEASES: Readonly<
  Record<string, { readonly volumeType: "ebs-gp2" | "ebs-gp3" }>
> = {
  "22.04": { volumeType: "ebs-gp2" },
  "24.04": { volumeType: "ebs-gp3" },
};

export type UbuntuArch = "amd64" | "arm64";

/** The base recipes build x86_64 images; the build instance types (m5, t3, m6i) are all amd64. */
export const DEFAULT_ARCH: UbuntuArch = "amd64";

export function canonicalAmiParameter(ubuntuVersion: string, arch: UbuntuArch = DEFAULT_ARCH): string {
  const release = CANONICAL_UBUNTU_RELEASES[ubuntuVersion];
  if (release === undefined) {
    throw new Error(
      `no Canonical SSM parameter is known for Ubuntu ${ubuntuVersion} (known: ${Object.keys(CANONICAL_UBUNTU_RELEASES).join(", ")}); ` +
        `add it to CANONICAL_UBUNTU_RELEASES in src/ops/canonicalParameters.ts`,
    );
  }
  return `/aws/service/canonical/ubuntu/server/${ubuntuVersion}/stable/current/${arch}/hvm/${release.volumeType}/ami-id`;
}
