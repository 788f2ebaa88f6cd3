/**
 * RDS time windows in UTC: the daily backup window `hh:mm-hh:mm` and the weekly maintenance window
 * `ddd:hh:mm-ddd:hh:mm`. Parsed here so that a bad or overlapping window fails at synth, not at apply.
 */

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

const TIME = "([01]\\d|2[0-3]):([0-5]\\d)";
const BACKUP_WINDOW = new RegExp(`^${TIME}-${TIME}$`);
const MAINTENANCE_WINDOW = new RegExp(`^(${DAYS.join("|")}):${TIME}-(${DAYS.join("|")}):${TIME}$`);

/** A window as minutes since Monday 00:00 UTC; `end` may exceed one week when the window wraps. */
interface Span {
  readonly start: number;
  readonly end: number;
}

/** The backup window's format, for messages. */
export const BACKUP_WINDOW_EXPECTATION = "a daily UTC window hh:mm-hh:mm of at least 30 minutes, such as 02:00-03:00";
/** The maintenance window's format, for messages. */
export const MAINTENANCE_WINDOW_EXPECTATION =
  "a weekly UTC window ddd:hh:mm-ddd:hh:mm of at least 30 minutes, such as sun:03:30-sun:04:30";

/** Why a backup window is invalid, or undefined when it is valid. */
export function checkBackupWindow(window: string): string | undefined {
  const span = parseBackupWindow(window);
  if (!span) {
    return `is not allowed; expected ${BACKUP_WINDOW_EXPECTATION}`;
  }
  return span.end - span.start < 30 ? `is shorter than 30 minutes; expected ${BACKUP_WINDOW_EXPECTATION}` : undefined;
}

/** Why a maintenance window is invalid, or undefined when it is valid. */
export function checkMaintenanceWindow(window: string): string | undefined {
  const span = parseMaintenanceWindow(window);
  if (!span) {
    return `is not allowed; expected ${MAINTENANCE_WINDOW_EXPECTATION}`;
  }
  return span.end - span.start < 30
    ? `is shorter than 30 minutes; expected ${MAINTENANCE_WINDOW_EXPECTATION}`
    : undefined;
}

/** True when the daily backup window and the weekly maintenance window share a minute (RDS rejects that). */
export function windowsOverlap(backupWindow: string, maintenanceWindow: string): boolean {
  const backup = parseBackupWindow(backupWindow);
  const maintenance = parseMaintenanceWindow(maintenanceWindow);
  if (!backup || !maintenance) {
    return false;
  }
  for (let day = -1; day <= 7; day++) {
    const start = backup.start + day * MINUTES_PER_DAY;
    const end = backup.end + day * MINUTES_PER_DAY;
    for (const shift of [-MINUTES_PER_WEEK, 0, MINUTES_PER_WEEK]) {
      if (start < maintenance.end + shift && maintenance.start + shift < end) {
        return true;
      }
    }
  }
  return false;
}

function parseBackupWindow(window: string): Span | undefined {
  const match = BACKUP_WINDOW.exec(window);
  if (!match) {
    return undefined;
  }
  const start = Number(match[1]) * 60 + Number(match[2]);
  const end = Number(match[3]) * 60 + Number(match[4]);
  return { start, end: end > start ? end : end + MINUTES_PER_DAY };
}

function parseMaintenanceWindow(window: string): Span | undefined {
  const match = MAINTENANCE_WINDOW.exec(window);
  if (!match) {
    return undefined;
  }
  const at = (day: string, hours: string, minutes: string) =>
    DAYS.indexOf(day as (typeof DAYS)[number]) * MINUTES_PER_DAY + Number(hours) * 60 + Number(minutes);
  const start = at(match[1], match[2], match[3]);
  const end = at(match[4], match[5], match[6]);
  return { start, end: end > start ? end : end + MINUTES_PER_WEEK };
}
