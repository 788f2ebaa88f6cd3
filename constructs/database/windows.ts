import { show } from "../core/errors";
import { checkDailyWindow, checkWeeklyWindow, windowsOverlap } from "../core/windows";

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

/**
 * What is wrong with an instance's backup and maintenance windows together, one message per problem naming the
 * setting (`backupWindow`, `maintenanceWindow`), the value and what is allowed: each window's own shape, and their
 * overlap.
 */
export function windowProblems(backupWindow: string, maintenanceWindow: string): string[] {
  const problems: string[] = [];
  const backupProblem = checkBackupWindow(backupWindow);
  if (backupProblem) {
    problems.push(`backupWindow: ${show(backupWindow)} ${backupProblem}`);
  }
  const maintenanceProblem = checkMaintenanceWindow(maintenanceWindow);
  if (maintenanceProblem) {
    problems.push(`maintenanceWindow: ${show(maintenanceWindow)} ${maintenanceProblem}`);
  }
  if (windowsOverlap(backupWindow, maintenanceWindow)) {
    problems.push(
      `maintenanceWindow: ${show(maintenanceWindow)} overlaps the backup window ${show(backupWindow)}; expected windows that do not overlap`,
    );
  }
  return problems;
}

export { windowsOverlap } from "../core/windows";
