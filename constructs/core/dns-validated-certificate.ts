import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { TerraformIterator, type TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import { show, ValidationError } from "./errors";

export interface DnsValidatedCertificateProps {
  /** The names the certificate covers; the first is its subject. */
  readonly domainNames: readonly string[];
  /** The public Route 53 hosted zone the validation records go in (and the names belong to). */
  readonly hostedZoneId: string;
  /**
   * The AWS provider of the certificate's region: us-east-1 for CloudFront, the API's region for a regional API
   * domain. The validation records use the stack's default provider (Route 53 is global).
   *
   * @default the stack's default provider
   */
  readonly certificateProvider?: TerraformProvider;
}

/** Route 53 hosted zone ids: `Z` and up to 31 more capitals and digits. */
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;

/**
 * A public ACM certificate validated by DNS in a Route 53 hosted zone (ACM User Guide, "DNS validation"): the
 * certificate, a CNAME record per name it asks for, and the validation, which waits until ACM has issued it. Use
 * `certificateArn` (the validation's), so that nothing attaches the certificate before it is issued.
 *
 * - The records are keyed by domain name (known at plan time, so `for_each` works on the first plan) and may
 *   overwrite a record of the same name: ACM asks for the same CNAME for a name in every certificate of the account,
 *   so a second certificate covering the name (another region's, or `*.example.com` next to `example.com`) would
 *   otherwise fail with "already exists".
 * - Replaced create-before-destroy: the distribution or API domain using it moves to the new one first.
 */
export class DnsValidatedCertificate extends Construct {
  public readonly certificate: AcmCertificate;
  /** ARN of the issued certificate. */
  public readonly certificateArn: string;

  constructor(scope: Construct, id: string, props: DnsValidatedCertificateProps) {
    super(scope, id);
    const [subject, ...alternatives] = props.domainNames;
    if (subject === undefined) {
      throw new ValidationError("domainNames: [] is empty; expected the names the certificate covers", this);
    }
    if (!HOSTED_ZONE_ID.test(props.hostedZoneId)) {
      throw new ValidationError(
        `hostedZoneId: ${show(props.hostedZoneId)} is not a hosted zone id; expected "Z" and up to 31 capitals or digits`,
        this,
      );
    }

    this.certificate = new AcmCertificate(this, "Resource", {
      domainName: subject,
      subjectAlternativeNames: alternatives.length > 0 ? alternatives : undefined,
      validationMethod: "DNS",
      provider: props.certificateProvider,
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: subject },
    });
    const options = TerraformIterator.fromComplexList(this.certificate.domainValidationOptions, "domain_name");
    const records = new Route53Record(this, "ValidationRecord", {
      forEach: options,
      zoneId: props.hostedZoneId,
      name: options.getString("resource_record_name"),
      type: options.getString("resource_record_type"),
      records: [options.getString("resource_record_value")],
      ttl: 300,
      allowOverwrite: true,
    });
    const validation = new AcmCertificateValidation(this, "Validation", {
      certificateArn: this.certificate.arn,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(records).pluckProperty("fqdn")),
      provider: props.certificateProvider,
    });
    this.certificateArn = validation.certificateArn;
  }
}
