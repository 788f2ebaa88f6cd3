import { CognitoUserPool } from "@cdktf/provider-aws/lib/cognito-user-pool";
import { CognitoUserPoolClient } from "@cdktf/provider-aws/lib/cognito-user-pool-client";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { requireWholeNumber } from "../core/validation";

/** Multi-factor authentication of the pool's users. */
export const MFA_MODES = ["OFF", "OPTIONAL", "ON"] as const;
export type MfaMode = (typeof MFA_MODES)[number];

export interface ApiUserPoolProps {
  /** Name of the pool, e.g. `acme-prod-users`; the web client is `<name>-web`. */
  readonly name: string;
  /**
   * Anyone may sign up; otherwise only administrators create users.
   *
   * @default false
   */
  readonly selfSignUp?: boolean;
  /** @default "OPTIONAL" (authenticator apps; users choose) */
  readonly mfa?: MfaMode;
  /** @default 12 */
  readonly minimumPasswordLength?: number;
  /** Minutes an access or ID token is valid. @default 60 */
  readonly tokenValidityMinutes?: number;
  /** Days a refresh token is valid. @default 30 */
  readonly refreshTokenValidityDays?: number;
  /**
   * Cognito refuses to delete the pool (and its users) until this is turned off; with `preventDestroy` a plan that
   * would delete it fails too.
   *
   * @default true
   */
  readonly deletionProtection?: boolean;
  /** @default false */
  readonly preventDestroy?: boolean;
}

/**
 * The Cognito user pool whose tokens the API's authorizer accepts, and the public web client the static site signs
 * in with (no client secret: it runs in browsers; SRP sign-in and refresh tokens only, revocable tokens, and no
 * hint whether a user exists). Users sign in with their e-mail address, which Cognito verifies; passwords need
 * every character class; accounts recover through the verified e-mail only.
 */
export class ApiUserPool extends Construct {
  public readonly pool: CognitoUserPool;
  public readonly userPoolId: string;
  public readonly userPoolArn: string;
  public readonly webClient: CognitoUserPoolClient;
  public readonly webClientId: string;

  constructor(scope: Construct, id: string, props: ApiUserPoolProps) {
    super(scope, id);

    // Defaults: admin-created users, optional TOTP MFA, 12-character passwords, hour-long tokens, month-long
    // refresh tokens, deletion protection on.
    const mfa = props.mfa ?? "OPTIONAL";
    const minimumPasswordLength = props.minimumPasswordLength ?? 12;
    const tokenValidityMinutes = props.tokenValidityMinutes ?? 60;
    const refreshTokenValidityDays = props.refreshTokenValidityDays ?? 30;
    const deletionProtection = props.deletionProtection ?? true;

    if (!/^[\w.-]{1,128}$/.test(props.name)) {
      throw new ValidationError(
        `name: ${show(props.name)} is not a user pool name; expected 1 to 128 letters, digits, ".", "_" or "-"`,
        this,
      );
    }
    if (!(MFA_MODES as readonly string[]).includes(mfa)) {
      throw new ValidationError(`mfa: ${show(mfa)} is not allowed; expected one of ${MFA_MODES.join(", ")}`, this);
    }
    requireWholeNumber(this, "minimumPasswordLength", minimumPasswordLength, 8, 99);
    requireWholeNumber(this, "tokenValidityMinutes", tokenValidityMinutes, 5, 1440);
    requireWholeNumber(this, "refreshTokenValidityDays", refreshTokenValidityDays, 1, 3650);

    this.pool = new CognitoUserPool(this, "Resource", {
      name: props.name,
      usernameAttributes: ["email"],
      autoVerifiedAttributes: ["email"],
      usernameConfiguration: { caseSensitive: false },
      adminCreateUserConfig: { allowAdminCreateUserOnly: !(props.selfSignUp ?? false) },
      passwordPolicy: {
        minimumLength: minimumPasswordLength,
        requireLowercase: true,
        requireUppercase: true,
        requireNumbers: true,
        requireSymbols: true,
        temporaryPasswordValidityDays: 3,
      },
      mfaConfiguration: mfa,
      softwareTokenMfaConfiguration: mfa === "OFF" ? undefined : { enabled: true },
      accountRecoverySetting: { recoveryMechanism: [{ name: "verified_email", priority: 1 }] },
      deletionProtection: deletionProtection ? "ACTIVE" : "INACTIVE",
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.userPoolId = this.pool.id;
    this.userPoolArn = this.pool.arn;

    this.webClient = new CognitoUserPoolClient(this, "WebClient", {
      name: `${props.name}-web`,
      userPoolId: this.pool.id,
      generateSecret: false,
      explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      preventUserExistenceErrors: "ENABLED",
      enableTokenRevocation: true,
      accessTokenValidity: tokenValidityMinutes,
      idTokenValidity: tokenValidityMinutes,
      refreshTokenValidity: refreshTokenValidityDays,
      tokenValidityUnits: [{ accessToken: "minutes", idToken: "minutes", refreshToken: "days" }],
    });
    this.webClientId = this.webClient.id;
  }
}
