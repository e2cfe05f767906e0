import type { RegisteredResource, StackContext } from "./requiredActions";

/**
 * One of each resource the program registers, named the way the program names them. The policy test
 * runs against these whatever the state of the program, and against the program itself (under mocks)
 * when test/support/programHarness.ts is present.
 */
export function representativeProgram({ stack, region, account }: StackContext): RegisteredResource[] {
  const p = `dc-image-builder-${stack}`;
  const r = (type: string, name: string, inputs: Record<string, unknown>): RegisteredResource => ({
    type,
    name,
    inputs,
  });
  return [
    r("dc-image-builder:index:BaseImage", "base-ubuntu-24-04", {}),
    r("aws:iam/role:Role", "build-instance", { name: `${p}-build-instance`, assumeRolePolicy: "{}" }),
    r("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "build-ssm", {
      role: `${p}-build-instance`,
      policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    }),
    r("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "build-imagebuilder", {
      role: `${p}-build-instance`,
      policyArn: "arn:aws:iam::aws:policy/EC2InstanceProfileForImageBuilder",
    }),
    r("aws:iam/instanceProfile:InstanceProfile", "build-instance", {
      name: `${p}-build-instance`,
      role: `${p}-build-instance`,
    }),
    r("aws:iam/role:Role", "lifecycle", { name: `${p}-lifecycle`, assumeRolePolicy: "{}" }),
    r("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "lifecycle", {
      role: `${p}-lifecycle`,
      policyArn: "arn:aws:iam::aws:policy/service-role/EC2ImageBuilderLifecycleExecutionPolicy",
    }),
    r("aws:kms/key:Key", "notifications", { enableKeyRotation: true }),
    r("aws:kms/alias:Alias", "notifications", { name: `alias/${p}-notifications` }),
    r("aws:kms/key:Key", "ami", { enableKeyRotation: true }),
    r("aws:kms/alias:Alias", "ami", { name: `alias/${p}-ami` }),
    r("aws:kms/replicaKey:ReplicaKey", "ami-replica", {
      primaryKeyArn: `arn:aws:kms:${region}:${account}:key/mrk-0123456789abcdef0123456789abcdef`,
      region: "eu-west-1",
    }),
    r("aws:sns/topic:Topic", "builds", { name: `${p}-builds` }),
    r("aws:imagebuilder/component:Component", "apt-ubuntu-24-04", {
      name: "apt-ubuntu-24-04",
      version: "1.2.3",
      platform: "Linux",
    }),
    r("aws:imagebuilder/imageRecipe:ImageRecipe", "base-ubuntu-24-04", {
      name: "base-ubuntu-24-04",
      version: "2.0.0",
      parentImage: "ami-0123456789abcdef0",
      components: [
        { componentArn: `arn:aws:imagebuilder:${region}:aws:component/update-linux/x.x.x` },
        { componentArn: `arn:aws:imagebuilder:${region}:${account}:component/apt-ubuntu-24-04/1.2.3` },
      ],
    }),
    r("aws:imagebuilder/infrastructureConfiguration:InfrastructureConfiguration", "base", {
      name: "base",
      instanceProfileName: `${p}-build-instance`,
      snsTopicArn: `arn:aws:sns:${region}:${account}:${p}-builds`,
    }),
    r("aws:imagebuilder/distributionConfiguration:DistributionConfiguration", "base-ubuntu-24-04", {
      name: "base-ubuntu-24-04",
    }),
    r("aws:imagebuilder/imagePipeline:ImagePipeline", "base-ubuntu-24-04", { name: "base-ubuntu-24-04" }),
    r("aws:imagebuilder/lifecyclePolicy:LifecyclePolicy", "base-amis", {
      name: `${p}-base-amis`,
      executionRole: `arn:aws:iam::${account}:role/${p}-lifecycle`,
    }),
    r("aws:ram/resourceShare:ResourceShare", "components", {
      name: `${p}-components`,
      allowExternalPrincipals: false,
    }),
    r("aws:ram/resourceAssociation:ResourceAssociation", "apt-ubuntu-24-04", {}),
    r("aws:ram/principalAssociation:PrincipalAssociation", "organization", {
      principal: "arn:aws:organizations::999988887777:organization/o-example",
    }),
  ];
}
