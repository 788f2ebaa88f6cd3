import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DnsValidatedCertificate } from "../../constructs/core/dns-validated-certificate";
import { named, ref, synth, synthWithValues, testStack } from "../helpers";

describe("DnsValidatedCertificate", () => {
  const stack = testStack();
  const usEast1 = new AwsProvider(stack, "us-east-1", { region: "us-east-1", alias: "us_east_1" });
  const certificate = new DnsValidatedCertificate(stack, "Certificate", {
    domainNames: ["www.acme.example", "acme.example"],
    hostedZoneId: "Z0123456789ABCDEFGHIJ",
    certificateProvider: usEast1,
  });
  const { json, values } = synthWithValues(stack, { certificateArn: certificate.certificateArn });
  const [certificateId, acm] = named(json, "aws_acm_certificate", "Certificate");
  const [recordId, record] = named(json, "aws_route53_record", "Certificate_ValidationRecord");
  const [validationId, validation] = named(json, "aws_acm_certificate_validation", "Certificate_Validation");

  test("a DNS-validated certificate for the names, in the given provider's region, replaced create-before-destroy", () => {
    expect(acm).toEqual({
      domain_name: "www.acme.example",
      subject_alternative_names: ["acme.example"],
      validation_method: "DNS",
      provider: "aws.us_east_1",
      lifecycle: { create_before_destroy: true },
      tags: { Name: "www.acme.example" },
    });
  });

  test("a validation record per name ACM asks for, keyed by name, allowed to overwrite another certificate's", () => {
    expect(record).toEqual({
      for_each: `\${{ for key, val in tolist(aws_acm_certificate.${certificateId}.domain_validation_options): val.domain_name => val }}`,
      zone_id: "Z0123456789ABCDEFGHIJ",
      name: "${each.value.resource_record_name}",
      type: "${each.value.resource_record_type}",
      records: ["${each.value.resource_record_value}"],
      ttl: 300,
      allow_overwrite: true,
    });
    // Route 53 is global: the records use the stack's default provider.
    expect(record).not.toHaveProperty("provider");
  });

  test("callers get the ARN once ACM has issued the certificate (the validation's, waiting on every record)", () => {
    expect(validation).toEqual({
      certificate_arn: ref("aws_acm_certificate", certificateId, "arn"),
      validation_record_fqdns: `\${[ for key, val in aws_route53_record.${recordId}: val.fqdn]}`,
      provider: "aws.us_east_1",
    });
    expect(values.certificateArn).toBe(ref("aws_acm_certificate_validation", validationId, "certificate_arn"));
  });

  test.each([
    ["no names", { domainNames: [] }, /domainNames: \[\] is empty; expected the names the certificate covers/],
    [
      "a hosted zone id that is a domain",
      { hostedZoneId: "acme.example" },
      /hostedZoneId: "acme.example" is not a hosted zone id; expected "Z" and up to 31 capitals or digits/,
    ],
  ])("rejects %s before creating anything", (_case, overrides, message) => {
    const bad = testStack();
    expect(
      () =>
        new DnsValidatedCertificate(bad, "Certificate", {
          domainNames: ["api.acme.example"],
          hostedZoneId: "Z0123456789",
          ...overrides,
        }),
    ).toThrow(message);
    expect(synth(bad).resource).toBeUndefined();
  });
});
