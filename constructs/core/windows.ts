/**
 * AWS time windows in UTC, as RDS and ElastiCache take them: a daily window `hh:mm-hh:mm` (backups, snapshots) and
 * a weekly window `ddd:hh:mm-ddd:hh:mm` (maintenance). Parsed here so that a bad or overlapping window fails at
 * synth, not at apply. Each service has its own shortest window, so the checks take it as a parameter.
 */

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

const TIME = "([01]\\d|2[0-3]):([0-5]\\d)";
const DAILY_WINDOW = new RegExp(`^${TIME}-${TIME}$`);
const WEEKLY_WINDOW = new RegExp(`^(${DAYS.join("|")}):${TIME}-(${DAYS.join("|")}):${TIME}$`);

/** A window as minutes since Monday 00:00 UTC; `end` may exceed one week when the window wraps. */
interface Span {
  readonly start: number;
  readonly end: number;
}

/** What a daily window must look like, for messages. */
export function dailyWindowExpectation(minimumMinutes: number): string {
  return `a daily UTC window hh:mm-hh:mm of at least ${minimumMinutes} minutes, such as 02:00-03:00`;
}

/** What a weekly window must look like, for messages. */
export function weeklyWindowExpectation(minimumMinutes: number): string {
  return `a weekly UTC window ddd:hh:mm-ddd:hh:mm of at least ${minimumMinutes} minutes, such as sun:03:30-sun:04:30`;
}

/** Why a daily window is invalid, or undefined when it is valid. */
export function checkDailyWindow(window: string, minimumMinutes: number): string | undefined {
  return checkSpan(parseDailyWindow(window), minimumMinutes, dailyWindowExpectation(minimumMinutes));
}

/** Why a weekly window is invalid, or undefined when it is valid. */
export function checkWeeklyWindow(window: string, minimumMinutes: number): string | undefined {
  return checkSpan(parseWeeklyWindow(window), minimumMinutes, weeklyWindowExpectation(minimumMinutes));
}

/** True when a daily window and a weekly window share a minute (RDS and ElastiCache reject that). */
export function windowsOverlap(dailyWindow: string, weeklyWindow: string): boolean {
  const daily = parseDailyWindow(dailyWindow);
  const weekly = parseWeeklyWindow(weeklyWindow);
  if (!daily || !weekly) {
    return false;
  }
  for (let day = -1; day <= 7; day++) {
    const start = daily.start + day * MINUTES_PER_DAY;
    const end = daily.end + day * MINUTES_PER_DAY;
    for (const shift of [-MINUTES_PER_WEEK, 0, MINUTES_PER_WEEK]) {
      if (start < weekly.end + shift && weekly.start + shift < end) {
        return true;
      }
    }
  }
  return false;
}

function checkSpan(span: Span | undefined, minimumMinutes: number, expectation: string): string | undefined {
  if (!span) {
    return `is not allowed; expected ${expectation}`;
  }
  return span.end - span.start < minimumMinutes
    ? `is shorter than ${minimumMinutes} minutes; expected ${expectation}`
    : undefined;
}

function parseDailyWindow(window: string): Span | undefined {
  const match = DAILY_WINDOW.exec(window);
  if (!match) {
    return undefined;
  }
  const start = Number(match[1]) * 60 + Number(match[2]);
  const end = Number(match[3]) * 60 + Number(match[4]);
  return { start, end: end > start ? end : end + MINUTES_PER_DAY };
}

function parseWeeklyWindow(window: string): Span | undefined {
  const match = WEEKLY_WINDOW.exec(window);
  if (!match) {
    return undefined;
  }
  const at = (day: string, hours: string, minutes: string) =>
    DAYS.indexOf(day as (typeof DAYS)[number]) * MINUTES_PER_DAY + Number(hours) * 60 + Number(minutes);
  const start = at(match[1], match[2], match[3]);
  const end = at(match[4], match[5], match[6]);
  return { start, end: end > start ? end : end + MINUTES_PER_WEEK };
}
