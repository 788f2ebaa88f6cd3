import type { PublicApiDomainOptions } from "./public-api-domain";
import type { ITerraformDependable } from "cdktf";
import type { CacheClusterSize, ExecutionLogLevel, UsageTier } from "./options";
import type { CacheableRoute } from "./routes";
import type { ApiKeyValues } from "./usage-plans";

/** Where the API sends requests: the internal Application Load Balancer, through a VPC link. */
export interface ApiBackend {
  /** ARN of the load balancer: the integration target of every route. */
  readonly loadBalancerArn: string;
  /** The load balancer's security group: the VPC link is let in on the listener port. */
  readonly loadBalancerSecurityGroupId: string;
  /** Listener port: 80 (HTTP) or 443 (HTTPS). */
  readonly port: number;
  /**
   * Host name of the requests (Host header, and the name the certificate is checked against over HTTPS): the load
   * balancer's DNS name, or the name of its certificate.
   */
  readonly hostName: string;
  readonly vpcId: string;
  /** Private subnets of the VPC link's interfaces, in at least two zones. */
  readonly subnetIds: readonly string[];
}

export interface PublicApiProps {
  /** Name of the API and prefix of its parts: `acme-prod-api`. */
  readonly name: string;
  /** @default "v1" */
  readonly stageName?: string;
  readonly backend: ApiBackend;
  /** The service catalog: a route per service prefix. */
  readonly services: readonly { readonly name: string; readonly pathPrefix: string }[];
  /** Paths (and everything below them) served without the authorizer. @default none */
  readonly publicPaths?: readonly string[];
  /** Routes whose GET responses the stage cache keeps (only with `cache`). @default none */
  readonly cacheableRoutes?: readonly CacheableRoute[];
  /** The Cognito user pools whose tokens the authorizer accepts on non-public routes. */
  readonly userPoolArns: readonly string[];
  /**
   * Every method requires an API key: the key says which usage plan (a client's tier, or the site's) the caller is
   * on. It identifies the client program, it does not authenticate a person: that is the authorizer's job, and a
   * public path's callers are anonymous people (signing in through the site, which the CDN gives its key).
   *
   * @default true
   */
  readonly apiKeyRequired?: boolean;
  /** The client tiers, from the smallest to the largest; a usage plan each. */
  readonly tiers: readonly UsageTier[];
  /**
   * The site's own key and usage plan: a key API Gateway generates (`siteKeyValue`), which the CDN adds to every
   * request it forwards, so that no key is ever in the site's pages; all the site's calls share this throttle.
   *
   * @default no site key
   */
  readonly siteClient?: { readonly rateLimit: number; readonly burstLimit: number };
  /** API keys to create: client name → tier. @default none */
  readonly apiKeys?: Readonly<Record<string, string>>;
  /**
   * The keys' values, for a copy of another region's API (a warm standby): the same site key the CDN sends and the
   * same client keys, so that a failover changes nothing for a caller. Sensitive: pass another `PublicApi`'s
   * `keyValues`.
   *
   * @default API Gateway generates every value
   */
  readonly keyValues?: ApiKeyValues;
  /** The stage's default throttle for every method, requests per second (all clients together). */
  readonly stageThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logging: {
    /** Execution logging (CloudWatch, through the account's API Gateway role). @default "ERROR" */
    readonly level?: ExecutionLogLevel;
    /** Key of the access and execution log groups (its policy must grant CloudWatch Logs). */
    readonly kmsKeyArn: string;
    readonly retentionDays: number;
    readonly deletionProtection: boolean;
  };
  /** X-Ray tracing of the stage. @default true */
  readonly tracing?: boolean;
  /** A stage cache cluster of this size; without it nothing is cached. @default no cache */
  readonly cacheClusterSize?: CacheClusterSize;
  /**
   * A custom domain with a regional certificate (TLS 1.2), mapped to the stage; with a hosted zone, an alias record.
   *
   * @default the execute-api endpoint only
   */
  readonly domain?: PublicApiDomainOptions;
  /**
   * Resources that must exist before the stage writes logs: the account's CloudWatch role (`ApiGatewayAccount`).
   *
   * @default none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}
