/** A settings.json in this repository's layout, frozen so the daily AMI updates do not move the tests. */
export const SETTINGS_TEXT = `{
  "supported_ubuntu_versions": {
    "22.04": {
      "base_ami": "ami-0a94a70b8a1454a4b",
      "recipe_version": "1.0.0",
      "components": [
        { "name": "update-os", "file": "update-os.yml" },
        { "name": "cloudwatch-agent", "arn": "arn:aws:imagebuilder:eu-west-2:aws:component/amazon-cloudwatch-agent-linux/x.x.x" }
      ],
      "shared_components": [{ "name": "application-user", "file": "application-user.yml" }]
    },
    "24.04": {
      "base_ami": "ami-0f9535ce5ed4a1e3d",
      "recipe_version": "1.0.0",
      "components": [
        { "name": "update-os", "file": "update-os.yml" },
        { "name": "cloudwatch-agent", "arn": "arn:aws:imagebuilder:eu-west-2:aws:component/amazon-cloudwatch-agent-linux/x.x.x" }
      ],
      "shared_components": [{ "name": "application-user", "file": "application-user.yml" }],
      "root_volume_size": 30
    }
  }
}
`;

export const PARAM_2204 =
  "/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id";
export const PARAM_2404 =
  "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id";
export const CURRENT_2204 = "ami-0a94a70b8a1454a4b";
export const CURRENT_2404 = "ami-0f9535ce5ed4a1e3d";

/** A GetParameters answer as SSM gives it for Canonical's public parameters. */
export function getParametersResponse(values: Record<string, string>, invalid: string[] = []): unknown {
  return {
    Parameters: Object.entries(values).map(([name, value], i) => ({
      Name: name,
      Type: "String",
      Value: value,
      Version: 100 + i,
      LastModifiedDate: 1763942400.123,
      ARN: `arn:aws:ssm:eu-west-2::parameter${name}`,
      DataType: "aws:ec2:image",
    })),
    InvalidParameters: invalid,
  };
}
