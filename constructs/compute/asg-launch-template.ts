import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import type { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import type { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Fn, Token } from "cdktf";
import type { Construct } from "constructs";
import { architectureOf } from "../eks/options";
import type { AutoScalingGroupProps } from "./asg-props";
import { AL2023_AMI_PARAMETERS } from "./options";

/** What the launch template takes from the rest of the group, with the props' defaults resolved. */
export interface LaunchTemplateParts {
  readonly instanceProfile: IamInstanceProfile;
  readonly securityGroup: SecurityGroup;
  /** Key of the root volumes. */
  readonly volumeKeyArn: string;
  readonly rootVolumeSizeGiB: number;
  /** Tags of the instances, their volumes and network interfaces, Name included. */
  readonly instanceTags: Readonly<Record<string, string>>;
}

/**
 * The group's launch template, in `scope`: the image of the instance types' architecture (or `amiParameter`'s),
 * IMDSv2 only, the encrypted gp3 root volume, detailed monitoring, the tags on instances, volumes and interfaces.
 */
export function addLaunchTemplate(
  scope: Construct,
  props: AutoScalingGroupProps,
  parts: LaunchTemplateParts,
): LaunchTemplate {
  const name = props.name;

  // The image id is resolved at plan time (not `resolve:ssm:` at launch): automatic rollback of an instance
  // refresh needs a literal image id, and a plan shows when a new image is about to roll out.
  const image = new DataAwsSsmParameter(scope, "AmiParameter", {
    name: props.amiParameter ?? AL2023_AMI_PARAMETERS[architectureOf(props.instanceTypes[0])],
  });

  return new LaunchTemplate(scope, "LaunchTemplate", {
    namePrefix: `${name}-`,
    description: `Instances of ${name}`,
    // `insecure_value`: public image parameters are not secret, and `value` would hide the image id in plans.
    imageId: image.insecureValue,
    updateDefaultVersion: true,
    iamInstanceProfile: { arn: parts.instanceProfile.arn },
    vpcSecurityGroupIds: [parts.securityGroup.id],
    userData: props.userData === undefined ? undefined : base64UserData(props.userData),
    monitoring: { enabled: true },
    metadataOptions: {
      httpEndpoint: "enabled",
      httpTokens: "required",
      httpPutResponseHopLimit: 1,
      instanceMetadataTags: "disabled",
    },
    blockDeviceMappings: [
      {
        // The root device of Amazon Linux 2023.
        deviceName: "/dev/xvda",
        ebs: {
          volumeSize: parts.rootVolumeSizeGiB,
          volumeType: "gp3",
          encrypted: "true",
          kmsKeyId: parts.volumeKeyArn,
          deleteOnTermination: "true",
        },
      },
    ],
    tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({
      resourceType,
      tags: parts.instanceTags,
    })),
    tags: { Name: name },
    lifecycle: { createBeforeDestroy: true },
  });
}

/**
 * User data as launch templates take it, base64. A literal script is encoded here: the synthesized value is fixed
 * and Terraform never parses the script (a `${...}` or `%{...}` in a shell script would otherwise be read as a
 * Terraform template). A script with references (tokens) is encoded by Terraform's base64encode, since the values
 * exist only at apply; cdktf escapes the literal `${` in it, and `%{` is escaped here.
 */
function base64UserData(script: string): string {
  return Token.isUnresolved(script)
    ? Fn.base64encode(script.replace(/%\{/g, "%%{"))
    : Buffer.from(script, "utf8").toString("base64");
}
