import { checkDailyWindow, checkWeeklyWindow } from "../core/windows";

/** RDS backup and maintenance windows: at least 30 minutes each, and they must not overlap. */
export const RDS_MINIMUM_WINDOW_MINUTES = 30;

/** Why an RDS backup window is invalid, or undefined when it is valid. */
export function checkBackupWindow(window: string): string | undefined {
  return checkDailyWindow(window, RDS_MINIMUM_WINDOW_MINUTES);
}

/** Why an RDS maintenance window is invalid, or undefined when it is valid. */
export function checkMaintenanceWindow(window: string): string | undefined {
  return checkWeeklyWindow(window, RDS_MINIMUM_WINDOW_MINUTES);
}

export { windowsOverlap } from "../core/windows";
