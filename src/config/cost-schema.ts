import { section, wholeNumber } from "./schema-helpers";

const volume = (what: string) => wholeNumber(0, 1_000_000_000_000, `${what}: a whole number from 0 to 10^12`);

/**
 * What the cost estimate (`npm run cost`, and the cost column of `npm run review`) assumes for the charges that
 * depend on traffic rather than on what is deployed. Every setting is optional; the defaults are in
 * src/cost/usage.ts and README ("What it costs").
 */
export const costSchema = section({
  /** How far below on-demand Spot instances are assumed to cost, in percent. @default 60 */
  spotDiscountPercent: wholeNumber(0, 90),
  /** Requests a month reaching CloudFront (and its WAF and viewer function). @default 10,000,000 */
  cdnRequestsPerMonth: volume("requests a month"),
  /** GB a month CloudFront sends to viewers. @default 100 */
  cdnDataOutGBPerMonth: volume("GB a month"),
  /** Requests a month reaching the API Gateway REST API (and its regional WAF). @default 5,000,000 */
  apiRequestsPerMonth: volume("requests a month"),
  /** GB a month through the NAT gateways, all of them together. @default 100 */
  natDataGBPerMonth: volume("GB a month"),
  /** GB a month of CloudWatch Logs ingestion, all log groups together. @default 20 */
  logIngestionGBPerMonth: volume("GB a month"),
}).partial();
