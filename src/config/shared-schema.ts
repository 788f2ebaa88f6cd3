import { z } from "zod";
import { LOG_RETENTION_DAYS } from "../../constructs/core/log-retention";
import { HEALTH_CHECK_PATH } from "../../constructs/services/options";
import { allowed, pattern, wholeNumber } from "./schema-helpers";

/** Settings several sections of the config use alike, and the context their cross-setting rules report to. */

export const logRetentionDays = z.literal(LOG_RETENTION_DAYS, {
  error: allowed(`one of the CloudWatch Logs retention periods ${LOG_RETENTION_DAYS.join(", ")}`),
});

export const healthCheckPath = pattern(HEALTH_CHECK_PATH, 'an HTTP path such as "/healthz"');
export const percent = (min: number, max: number) => wholeNumber(min, max, `a percentage from ${min} to ${max}`);

/** Where a rule between settings reports its problems: the environment schema's refinement context. */
export type ConfigContext = z.core.$RefinementCtx;
