import * as fs from "node:fs";
import * as path from "node:path";
import { type Caller, cellText, markdownTable, normalizeTable, requestOutcome } from "./request-matrix";
import { platformStacks } from "../synthesized";

/**
 * Prod's request matrix: every kind of caller against each route of the catalog, a path no service owns and a page
 * of the site, read from the synthesized stacks (request-matrix.ts). docs/reference/edge.md ("Who calls the API") shows the same
 * tables; a cell is the service whose target group receives the request (with the usage plan rate that applies),
 * 401 (no token where the authorizer wants one), 403 (no API key) or the object the site serves.
 */
const stacks = platformStacks();
const outcome = (caller: Caller, method: string, requestPath: string) =>
  requestOutcome(stacks["prod-edge"], stacks["prod-workloads"], caller, method, requestPath);

const CALLERS: readonly Caller[] = [
  { name: "site, signed in", via: "cdn", token: true },
  { name: "site, signed out", via: "cdn", token: false },
  { name: "client basic", via: "api", token: true, plan: "acme-prod-api-basic" },
  { name: "client pro", via: "api", token: true, plan: "acme-prod-api-pro" },
  { name: "client enterprise", via: "api", token: true, plan: "acme-prod-api-enterprise" },
  { name: "token, no key", via: "api", token: true },
  { name: "nothing", via: "api", token: false },
];
const REQUESTS = [
  "/api/auth/login",
  "/api/analytics/events",
  "/api/reports/daily",
  "/api/ingest/events",
  "/api/orders/42",
  "/account/settings",
].flatMap((requestPath) => ["GET", "POST"].map((method) => [method, requestPath] as const));

const matrix = REQUESTS.map(([method, requestPath]) => [
  `${method} ${requestPath}`,
  ...CALLERS.map((caller) => cellText(outcome(caller, method, requestPath))),
]);
const legend = CALLERS.map((caller) => {
  const { plan } = outcome(caller, "GET", "/api/auth/login");
  return [
    caller.name,
    caller.via === "cdn" ? "the site's domain (CloudFront)" : "the API's domain",
    caller.token ? "yes" : "no",
    plan ? `${plan.plan}: ${plan.rate}/s, burst ${plan.burst}${plan.quota ? `, ${plan.quota}` : ""}` : "none",
    outcome(caller, "GET", "/api/analytics/events").waf.join(", "),
  ];
});
const MATRIX_TABLE = markdownTable(["Request", ...CALLERS.map((caller) => caller.name)], matrix);
const LEGEND_TABLE = markdownTable(["Caller", "Calls", "Token", "Usage plan", "WAF rate limits"], legend);

describe("prod's request matrix (caller × route × method)", () => {
  test("each cell: the service that receives it and the plan rate, 401, 403, or the site's page", () => {
    const site = "site /index.html";
    // prettier-ignore
    expect(matrix).toEqual([
      ["GET /api/auth/login", "auth · site 500/s", "auth · site 500/s", "auth · basic 0.2778/s", "auth · pro 2.7778/s", "auth · enterprise 27.7778/s", "403", "403"],
      ["POST /api/auth/login", "auth · site 500/s", "auth · site 500/s", "auth · basic 0.2778/s", "auth · pro 2.7778/s", "auth · enterprise 27.7778/s", "403", "403"],
      ["GET /api/analytics/events", "analytics · site 500/s", "401", "analytics · basic 0.2778/s", "analytics · pro 2.7778/s", "analytics · enterprise 27.7778/s", "403", "401"],
      ["POST /api/analytics/events", "analytics · site 500/s", "401", "analytics · basic 0.2778/s", "analytics · pro 2.7778/s", "analytics · enterprise 27.7778/s", "403", "401"],
      ["GET /api/reports/daily", "reports · site 500/s", "401", "reports · basic 0.2778/s", "reports · pro 2.7778/s", "reports · enterprise 27.7778/s", "403", "401"],
      ["POST /api/reports/daily", "reports · site 500/s", "401", "reports · basic 0.2778/s", "reports · pro 2.7778/s", "reports · enterprise 27.7778/s", "403", "401"],
      ["GET /api/ingest/events", "ingestion · site 500/s", "401", "ingestion · basic 0.2778/s", "ingestion · pro 2.7778/s", "ingestion · enterprise 27.7778/s", "403", "401"],
      ["POST /api/ingest/events", "ingestion · site 500/s", "401", "ingestion · basic 0.2778/s", "ingestion · pro POST 1/s", "ingestion · enterprise POST 10/s", "403", "401"],
      ["GET /api/orders/42", "monolith · site 500/s", "401", "monolith · basic 0.2778/s", "monolith · pro 2.7778/s", "monolith · enterprise 27.7778/s", "403", "401"],
      ["POST /api/orders/42", "monolith · site 500/s", "401", "monolith · basic 0.2778/s", "monolith · pro 2.7778/s", "monolith · enterprise 27.7778/s", "403", "401"],
      ["GET /account/settings", site, site, "monolith · basic 0.2778/s", "monolith · pro 2.7778/s", "monolith · enterprise 27.7778/s", "403", "401"],
      ["POST /account/settings", site, site, "monolith · basic 0.2778/s", "monolith · pro 2.7778/s", "monolith · enterprise 27.7778/s", "403", "401"],
    ]);
  });

  test("each caller: the way in, the usage plan, and the WAF rules that count it at the real client address", () => {
    // prettier-ignore
    expect(legend).toEqual([
      ["site, signed in", "the site's domain (CloudFront)", "yes", "site: 500/s, burst 1000", "CDN 2000/5 min per IP, CDN 1000/5 min per user"],
      ["site, signed out", "the site's domain (CloudFront)", "no", "site: 500/s, burst 1000", "CDN 2000/5 min per IP"],
      ["client basic", "the API's domain", "yes", "basic: 0.2778/s, burst 20, 24000/day", "API 10000/5 min per IP"],
      ["client pro", "the API's domain", "yes", "pro: 2.7778/s, burst 100, 240000/day", "API 10000/5 min per IP"],
      ["client enterprise", "the API's domain", "yes", "enterprise: 27.7778/s, burst 500, 2400000/day", "API 10000/5 min per IP"],
      ["token, no key", "the API's domain", "yes", "none", "API 10000/5 min per IP"],
      ["nothing", "the API's domain", "no", "none", "API 10000/5 min per IP"],
    ]);
  });

  test("no way in skips the WAF meant for it: the API's per-IP rule exempts only requests with the site's key", () => {
    // Through CloudFront the API's WAF sees CloudFront's address, so its address rules stand aside for the site's key
    // and CloudFront's WAF (which saw the viewer) counts instead; straight to the API, they count every caller.
    for (const caller of CALLERS) {
      const { waf } = outcome(caller, "GET", "/api/auth/login");
      expect(waf.some((rule) => rule.startsWith(caller.via === "cdn" ? "CDN" : "API"))).toBe(true);
      expect(waf.some((rule) => rule.startsWith(caller.via === "cdn" ? "API" : "CDN"))).toBe(false);
    }
  });

  test("the edge reference (docs/reference/edge.md) shows the same two tables", () => {
    const readme = normalizeTable(fs.readFileSync(path.join(__dirname, "../../docs/reference/edge.md"), "utf8"));
    expect(readme).toContain(normalizeTable(MATRIX_TABLE));
    expect(readme).toContain(normalizeTable(LEGEND_TABLE));
  });
});

export { LEGEND_TABLE, MATRIX_TABLE };
